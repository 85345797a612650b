import { Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Project, Project as ProjectSchema, UpdateTargetGroupInput } from "../../../../schemas/projects.ts";
import { apiSend, seg } from "../../api.ts";
import { ConflictAlert, changedFields, conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, toNullableInt, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { useProjectCodes } from "../codes/queries.ts";
import { projectQuery } from "./queries.ts";

const valuesOf = (p: Project) => ({
  minAge: (p.targetGroup.minAge ?? "") as string | number,
  maxAge: (p.targetGroup.maxAge ?? "") as string | number,
  note: p.targetGroup.note ?? "",
  districts: p.targetGroup.districts.join("\n"),
  incomes: p.targetGroup.incomes,
});

/**
 * A manager sets who the project is for: age range, districts and main incomes. New referrals
 * outside it are flagged, and only a manager can accept them, with a reason.
 */
export function TargetGroupForm({ project }: { project: Project }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const codes = useProjectCodes(project.id);
  const [base, setBase] = useState(project);
  const [values, setValues] = useState(() => valuesOf(project));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof ReturnType<typeof valuesOf>>(key: K, value: ReturnType<typeof valuesOf>[K]) => {
    setSaved(false);
    setValues((v) => ({ ...v, [key]: value }));
  };

  const save = useMutation({
    mutationFn: (input: UpdateTargetGroupInput) => apiSend("PUT", `/projects/${seg(project.id)}/target-group`, input, ProjectSchema),
    onSuccess: (after) => {
      queryClient.setQueryData(projectQuery(project.id).queryKey, after);
      setBase(after);
      setValues(valuesOf(after));
      setSaved(true);
    },
  });
  const conflict = conflictOf(save.error);
  const errors = mergeFieldErrors(clientErrors, conflict ? null : save.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = UpdateTargetGroupInput.safeParse({
      version: base.version,
      targetGroup: {
        minAge: toNullableInt(values.minAge),
        maxAge: toNullableInt(values.maxAge),
        note: values.note.trim() || null,
        districts: values.districts
          .split(/[\n,]/)
          .map((d) => d.trim())
          .filter(Boolean),
        incomes: values.incomes,
      },
    });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    save.mutate(parsed.data);
  }

  const current = conflict?.current as Project | undefined;
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t("targetGroup.formLabel")}>
      <Stack gap="sm">
        {conflict && current && (
          <ConflictAlert
            message={conflict.message}
            changes={changedFields(base, current, [
              { label: t("targetGroup.minAge"), value: (p) => String(p.targetGroup.minAge ?? "–") },
              { label: t("targetGroup.maxAge"), value: (p) => String(p.targetGroup.maxAge ?? "–") },
              { label: t("targetGroup.note"), value: (p) => p.targetGroup.note ?? "–" },
              { label: t("targetGroup.districts"), value: (p) => p.targetGroup.districts.join(", ") || "–" },
              { label: t("targetGroup.incomes"), value: (p) => p.targetGroup.incomes.map((c) => codes.label("income_type", c)).join(", ") || "–" },
            ])}
            onReload={() => {
              save.reset();
              setBase(current);
              setValues(valuesOf(current));
            }}
          />
        )}
        {!conflict && <ErrorAlert error={Object.keys(errors).length ? null : save.error} />}
        {saved && <SuccessAlert>{t("targetGroup.saved")}</SuccessAlert>}
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={420}>
          <NumberInput
            label={t("targetGroup.minAge")}
            min={15}
            max={100}
            value={values.minAge}
            onChange={(v) => set("minAge", v)}
            error={errors["targetGroup.minAge"]}
          />
          <NumberInput
            label={t("targetGroup.maxAge")}
            min={15}
            max={100}
            value={values.maxAge}
            onChange={(v) => set("maxAge", v)}
            error={errors["targetGroup.maxAge"]}
          />
        </SimpleGrid>
        <Textarea
          label={t("targetGroup.districts")}
          description={t("targetGroup.districtsHelp")}
          autosize
          minRows={2}
          maw={420}
          value={values.districts}
          onChange={(e) => set("districts", e.currentTarget.value)}
          error={errors["targetGroup.districts"] ?? errors["targetGroup.districts.0"]}
        />
        <Checkbox.Group
          label={t("targetGroup.incomes")}
          description={t("targetGroup.incomesHelp")}
          value={values.incomes}
          onChange={(v) => set("incomes", v)}
          error={errors["targetGroup.incomes"]}
        >
          <Stack gap={6} mt={6}>
            {codes.options("income_type").map((c) => (
              <Checkbox key={c.value} value={c.value} label={c.label} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Textarea
          label={t("targetGroup.note")}
          autosize
          minRows={2}
          maw={640}
          value={values.note}
          onChange={(e) => set("note", e.currentTarget.value)}
          error={errors["targetGroup.note"]}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("targetGroup.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
