import { Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import type { TFunction } from "i18next";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateIntakeInput, Intake, IntakeMode, UpdateIntakeInput } from "../../../../../schemas/participants.ts";
import { ConflictAlert, changedFields, conflictOf } from "../../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../../components/forms.ts";
import { Loading } from "../../../components/Loading.tsx";
import { AnchorLink } from "../../../components/links.tsx";
import { Panel } from "../../../components/Panel.tsx";
import { TableScroll } from "../../../components/TableScroll.tsx";
import { formatDate, todayIso } from "../../../format.ts";
import { useProjectAccess } from "../../projects/access.ts";
import { ProjectSubpage } from "../ProjectSubpage.tsx";
import { createIntake, intakesQuery, updateIntake } from "../queries.ts";

const route = getRouteApi("/app/projekt/$projectId/intag");

/** "3 group sessions a week × 2 h × 4 weeks, 1 individual meeting a week". */
function formatOf(i: Intake, t: TFunction): string {
  const parts: string[] = [];
  if (i.groupSessionsPerWeek != null) {
    let group = t("intakes.groupPerWeek", { count: i.groupSessionsPerWeek });
    if (i.hoursPerSession != null) group += ` × ${t("intakes.hours", { count: i.hoursPerSession })}`;
    if (i.weeks != null) group += ` × ${t("intakes.weeksCount", { count: i.weeks })}`;
    parts.push(group);
  }
  if (i.individualMeetingsPerWeek != null) parts.push(t("intakes.individualPerWeek", { count: i.individualMeetingsPerWeek }));
  return parts.join(", ") || "–";
}

export function IntakesPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const access = useProjectAccess(projectId);
  const intakes = useQuery(intakesQuery(projectId));
  const caption = t("intakes.caption", { count: intakes.data?.intakes.length ?? 0 });
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState("");
  const editRef = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const chosen = intakes.data?.intakes.find((i) => i.id === editing);
  useEffect(() => {
    if (editing) editRef.current?.querySelector<HTMLElement>("input")?.focus();
  }, [editing]);
  function close(message = "") {
    setSaved(message);
    setEditing(null);
    requestAnimationFrame(() => opener.current?.focus());
  }

  return (
    <ProjectSubpage projectId={projectId} title={t("intakes.title")}>
      {intakes.isPending ? (
        <Loading />
      ) : intakes.isError ? (
        <ErrorAlert error={intakes.error} />
      ) : intakes.data.intakes.length === 0 ? (
        <Text>{t("intakes.none")}</Text>
      ) : (
        <TableScroll minWidth={820} label={caption}>
          <Table striped verticalSpacing="xs">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("intakes.name")}</Table.Th>
                <Table.Th scope="col">{t("intakes.startDate")}</Table.Th>
                <Table.Th scope="col">{t("intakes.format")}</Table.Th>
                <Table.Th scope="col">{t("intakes.mode")}</Table.Th>
                <Table.Th scope="col">{t("intakes.enrolled")}</Table.Th>
                {access.manage && <Table.Th scope="col">{t("common.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {intakes.data.intakes.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Th scope="row" fw={500}>
                    {access.persons ? (
                      <AnchorLink to="/projekt/$projectId/deltagare" params={{ projectId }} search={{ intake: i.id }}>
                        {i.name}
                      </AnchorLink>
                    ) : (
                      i.name
                    )}
                  </Table.Th>
                  <Table.Td>{formatDate(i.startDate)}</Table.Td>
                  <Table.Td>{formatOf(i, t)}</Table.Td>
                  <Table.Td>{t(`intakes.modes.${i.mode}`)}</Table.Td>
                  <Table.Td>{i.enrolled}</Table.Td>
                  {access.manage && (
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="default"
                        disabled={editing !== null}
                        aria-label={t("intakes.editLabel", { name: i.name })}
                        onClick={(e) => {
                          opener.current = e.currentTarget;
                          setSaved("");
                          setEditing(i.id);
                        }}
                      >
                        {t("intakes.edit")}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {saved && <SuccessAlert>{saved}</SuccessAlert>}
      {chosen && (
        <div ref={editRef}>
          <Panel title={t("intakes.editLabel", { name: chosen.name })}>
            <IntakeForm projectId={projectId} intake={chosen} onDone={close} />
          </Panel>
        </div>
      )}
      {access.manage && (
        <Panel title={t("intakes.createTitle")}>
          <IntakeForm projectId={projectId} />
        </Panel>
      )}
    </ProjectSubpage>
  );
}

const empty = {
  name: "",
  startDate: todayIso(),
  groupSessionsPerWeek: "" as string | number,
  hoursPerSession: "" as string | number,
  weeks: "" as string | number,
  individualMeetingsPerWeek: "" as string | number,
  mode: "on_site",
};
const num = (v: string | number) => (v === "" ? null : Number(v));
const show = (v: number | null) => (v === null ? "" : v);
const valuesOf = (i: Intake) => ({
  name: i.name,
  startDate: i.startDate,
  groupSessionsPerWeek: show(i.groupSessionsPerWeek),
  hoursPerSession: show(i.hoursPerSession),
  weeks: show(i.weeks),
  individualMeetingsPerWeek: show(i.individualMeetingsPerWeek),
  mode: i.mode as string,
});

/** A new intake, or a change of one (with its version: a stale one shows what changed). */
function IntakeForm({ projectId, intake, onDone }: { projectId: string; intake?: Intake; onDone?: (message?: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(intake ? valuesOf(intake) : empty);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (key: keyof typeof empty, value: string | number) => setValues((v) => ({ ...v, [key]: value }));
  const mutation = useMutation({
    mutationFn: (input: CreateIntakeInput | UpdateIntakeInput): Promise<Intake> =>
      intake ? updateIntake(intake.id, input as UpdateIntakeInput) : createIntake(projectId, input as CreateIntakeInput),
    onSuccess: async (done) => {
      await queryClient.invalidateQueries({ queryKey: intakesQuery(projectId).queryKey });
      if (intake) onDone?.(t("intakes.saved", { name: done.name }));
      else setValues({ ...empty, startDate: todayIso() });
    },
  });
  const conflict = conflictOf(mutation.error);
  const current = conflict ? Intake.safeParse(conflict.current) : null;
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = (intake ? UpdateIntakeInput : CreateIntakeInput).safeParse({
      ...(intake && { version: intake.version }),
      name: values.name,
      startDate: values.startDate,
      groupSessionsPerWeek: num(values.groupSessionsPerWeek),
      hoursPerSession: num(values.hoursPerSession),
      weeks: num(values.weeks),
      individualMeetingsPerWeek: num(values.individualMeetingsPerWeek),
      mode: values.mode,
    });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  // After a conflict the fields start again from the intake as it is now.
  async function reload() {
    const fresh = (await queryClient.fetchQuery({ ...intakesQuery(projectId), staleTime: 0 })).intakes.find((i) => i.id === intake?.id);
    mutation.reset();
    if (fresh) setValues(valuesOf(fresh));
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={intake ? t("intakes.editLabel", { name: intake.name }) : t("intakes.createTitle")}>
      <Stack gap="sm" maw={760}>
        {!intake && mutation.isSuccess && <SuccessAlert>{t("intakes.created", { name: mutation.data.name })}</SuccessAlert>}
        {conflict ? (
          <ConflictAlert
            message={conflict.message}
            changes={
              intake && current?.success
                ? changedFields(intake, current.data, [
                    { label: t("intakes.name"), value: (i) => i.name },
                    { label: t("intakes.startDate"), value: (i) => formatDate(i.startDate) },
                    { label: t("intakes.format"), value: (i) => formatOf(i, t) },
                    { label: t("intakes.mode"), value: (i) => t(`intakes.modes.${i.mode}`) },
                  ])
                : []
            }
            onReload={() => void reload()}
          />
        ) : (
          <ErrorAlert error={mutation.error} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t("intakes.name")} required value={values.name} onChange={(e) => set("name", e.currentTarget.value)} error={errors.name} />
          <TextInput
            label={t("intakes.startDate")}
            type="date"
            required
            value={values.startDate}
            onChange={(e) => set("startDate", e.currentTarget.value)}
            error={errors.startDate}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <NumberInput
            label={t("intakes.groupSessionsPerWeek")}
            description={t("common.optional")}
            min={0}
            max={99}
            value={values.groupSessionsPerWeek}
            onChange={(v) => set("groupSessionsPerWeek", v)}
            error={errors.groupSessionsPerWeek}
          />
          <NumberInput
            label={t("intakes.hoursPerSession")}
            description={t("common.optional")}
            min={0}
            max={99}
            decimalSeparator=","
            value={values.hoursPerSession}
            onChange={(v) => set("hoursPerSession", v)}
            error={errors.hoursPerSession}
          />
          <NumberInput
            label={t("intakes.weeks")}
            description={t("common.optional")}
            min={0}
            max={104}
            allowDecimal={false}
            value={values.weeks}
            onChange={(v) => set("weeks", v)}
            error={errors.weeks}
          />
          <NumberInput
            label={t("intakes.individualMeetingsPerWeek")}
            description={t("common.optional")}
            min={0}
            max={99}
            value={values.individualMeetingsPerWeek}
            onChange={(v) => set("individualMeetingsPerWeek", v)}
            error={errors.individualMeetingsPerWeek}
          />
        </SimpleGrid>
        <NativeSelect
          label={t("intakes.mode")}
          value={values.mode}
          onChange={(e) => set("mode", e.currentTarget.value)}
          error={errors.mode}
          maw={260}
          data={IntakeMode.options.map((m) => ({ value: m, label: t(`intakes.modes.${m}`) }))}
        />
        <Group>
          <Button type="submit" loading={mutation.isPending} disabled={conflict !== null}>
            {intake ? t("common.save") : t("intakes.create")}
          </Button>
          {intake && (
            <Button variant="subtle" onClick={() => onDone?.()}>
              {t("common.cancel")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
