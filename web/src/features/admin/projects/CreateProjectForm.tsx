import { Button, Group, NativeSelect, NumberInput, Stack, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { OrgStructure } from "../../../../../schemas/admin.ts";
import { CreateProjectInput, type Project } from "../../../../../schemas/projects.ts";
import { ErrorAlert, SuccessAlert } from "../../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, toNullableInt, useFocusFirstError, zodFieldErrors } from "../../../components/forms.ts";
import { AnchorLink } from "../../../components/links.tsx";
import { sortByName } from "../../../format.ts";
import { createProject } from "./queries.ts";

/** A suggestion for the short form: "Unga vuxna Örebro" → "unga-vuxna-orebro". */
function suggestSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
}

const empty = {
  unitId: "",
  slug: "",
  name: "",
  description: "",
  plannedMonths: "" as string | number,
  minAge: "" as string | number,
  maxAge: "" as string | number,
  note: "",
};

export function CreateProjectForm({ structure }: { structure: OrgStructure }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(empty);
  const [slugEdited, setSlugEdited] = useState(false);
  const [created, setCreated] = useState<Project | null>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const set = <K extends keyof typeof empty>(key: K, value: (typeof empty)[K]) => setValues((v) => ({ ...v, [key]: value }));

  const mutation = useMutation({
    mutationFn: createProject,
    onMutate: () => setCreated(null),
    onSuccess: async (project) => {
      setCreated(project);
      setValues(empty);
      setSlugEdited(false);
      await queryClient.invalidateQueries({ queryKey: ["admin", "projects"] });
      await queryClient.invalidateQueries({ queryKey: ["projects"] });
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = CreateProjectInput.safeParse({
      unitId: values.unitId,
      slug: values.slug,
      name: values.name,
      description: values.description.trim() === "" ? null : values.description,
      plannedMonths: toNullableInt(values.plannedMonths),
      targetGroup: {
        minAge: toNullableInt(values.minAge),
        maxAge: toNullableInt(values.maxAge),
        note: values.note.trim() === "" ? null : values.note.trim(),
      },
    });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  const organisationName = new Map(structure.organisations.map((o) => [o.id, o.name]));
  const units = sortByName(structure.units, (u) => `${organisationName.get(u.organisationId) ?? ""} ${u.name}`);

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        {created && (
          <SuccessAlert>
            {t("adminProjects.created", { name: created.name })}{" "}
            <AnchorLink to="/projekt/$projectId" params={{ projectId: created.id }}>
              {t("adminProjects.open", { name: created.name })}
            </AnchorLink>
          </SuccessAlert>
        )}
        <ErrorAlert error={mutation.error} />
        <NativeSelect
          label={t("adminProjects.unit")}
          required
          value={values.unitId}
          onChange={(e) => set("unitId", e.currentTarget.value)}
          error={errors.unitId}
        >
          <option value="">{units.length === 0 ? t("adminProjects.noUnits") : t("adminProjects.chooseUnit")}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {organisationName.get(u.organisationId) ? `${organisationName.get(u.organisationId)} – ${u.name}` : u.name}
            </option>
          ))}
        </NativeSelect>
        <TextInput
          label={t("common.name")}
          required
          value={values.name}
          onChange={(e) => {
            const name = e.currentTarget.value;
            setValues((v) => ({ ...v, name, slug: slugEdited ? v.slug : suggestSlug(name) }));
          }}
          error={errors.name}
        />
        <TextInput
          label={t("adminProjects.slug")}
          description={t("adminProjects.slugHelp")}
          required
          value={values.slug}
          onChange={(e) => {
            setSlugEdited(true);
            set("slug", e.currentTarget.value);
          }}
          error={errors.slug}
        />
        <Textarea
          label={t("adminProjects.description")}
          description={t("common.optional")}
          autosize
          minRows={2}
          maxRows={8}
          value={values.description}
          onChange={(e) => set("description", e.currentTarget.value)}
          error={errors.description}
        />
        <NumberInput
          label={t("adminProjects.plannedMonths")}
          description={`${t("common.optional")} ${t("adminProjects.plannedMonthsHelp")}`}
          hideControls
          allowDecimal={false}
          allowNegative={false}
          min={1}
          max={60}
          maw={320}
          value={values.plannedMonths}
          onChange={(value) => set("plannedMonths", value)}
          error={errors.plannedMonths}
        />
        <Group align="flex-start" gap="md">
          <NumberInput
            label={t("adminProjects.minAge")}
            description={t("common.optional")}
            hideControls
            allowDecimal={false}
            allowNegative={false}
            w={160}
            value={values.minAge}
            onChange={(value) => set("minAge", value)}
            error={errors["targetGroup.minAge"]}
          />
          <NumberInput
            label={t("adminProjects.maxAge")}
            description={t("common.optional")}
            hideControls
            allowDecimal={false}
            allowNegative={false}
            w={160}
            value={values.maxAge}
            onChange={(value) => set("maxAge", value)}
            error={errors["targetGroup.maxAge"]}
          />
        </Group>
        <Textarea
          label={t("adminProjects.targetNote")}
          description={`${t("common.optional")} ${t("adminProjects.targetNoteHelp")}`}
          autosize
          minRows={2}
          maxRows={6}
          value={values.note}
          onChange={(e) => set("note", e.currentTarget.value)}
          error={errors["targetGroup.note"]}
        />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t("adminProjects.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
