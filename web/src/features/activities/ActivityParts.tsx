import { Alert, Button, Checkbox, Group, Radio, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Activity, UpdateActivityInput } from "../../../../schemas/activities.ts";
import { type Checklist, type FollowUp, RecordFollowUpInput } from "../../../../schemas/placements.ts";
import { conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDate, todayIso } from "../../format.ts";
import { kronor, ruleLabel } from "./labels.ts";
import { recordFollowUp, refreshActivities, tickItem, updateActivity } from "./queries.ts";

/** The fields of the activity's kind, as a description list. */
export function DetailsList({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const d = activity.details;
  const rows: [string, string][] = [];
  const yesNo = (v: boolean | null) => (v === null ? "–" : v ? t("activities.yes") : t("activities.no"));
  if (activity.extent) rows.push([t("activities.fields.extent"), `${activity.extent.value} ${t(`activities.extentShort.${activity.extent.unit}`)}`]);
  if (activity.coachName) rows.push([t("activities.fields.coach"), activity.coachName]);
  if (activity.purpose) rows.push([t("activities.fields.purpose"), activity.purpose]);
  if (d.kind === "internship") {
    rows.push([t("activities.fields.workplace"), d.workplace ?? "–"]);
    rows.push([t("activities.fields.supervisorName"), d.supervisorName ?? "–"]);
    rows.push([t("activities.fields.internshipPurpose"), d.purpose ? t(`activities.internshipPurpose.${d.purpose}`) : "–"]);
    rows.push([t("activities.fields.activitySupportDecision"), yesNo(d.activitySupportDecision)]);
  }
  if (d.kind === "employment") {
    rows.push([t("activities.fields.form"), t(`activities.employmentForm.${d.form}`)]);
    rows.push([t("activities.fields.employer"), t(`activities.employer.${d.employer}`)]);
    rows.push([t("activities.fields.monthlyWageCost"), d.monthlyWageCost === null ? "–" : kronor.format(d.monthlyWageCost)]);
    rows.push([t("activities.fields.monthlyStateSubsidy"), d.monthlyStateSubsidy === null ? "–" : kronor.format(d.monthlyStateSubsidy)]);
    rows.push([
      t("activities.fields.municipalTopUp"),
      d.municipalTopUp === null
        ? d.employer === "internal"
          ? t("activities.topUp.internal")
          : t("activities.topUp.noWage")
        : t("activities.topUp.explained", {
            amount: kronor.format(d.municipalTopUp),
            percent: d.topUpPercent,
            share: kronor.format(((d.monthlyWageCost ?? 0) * d.topUpPercent) / 100),
            remaining: kronor.format(Math.max(0, (d.monthlyWageCost ?? 0) - (d.monthlyStateSubsidy ?? 0))),
          }),
    ]);
  }
  if (d.kind === "studies") {
    rows.push([t("activities.fields.provider"), d.provider ?? "–"]);
    rows.push([t("activities.fields.level"), d.level ? t(`activities.level.${d.level}`) : "–"]);
    rows.push([t("activities.fields.supportedEducation"), yesNo(d.supportedEducation)]);
  }
  if (d.kind === "validation") {
    rows.push([t("activities.fields.field"), d.field]);
    rows.push([t("activities.fields.result"), d.result ?? "–"]);
  }
  if (activity.status === "interrupted" && activity.interruptedReason) rows.push([t("activities.fields.interruptedReason"), activity.interruptedReason]);
  if (activity.notes) rows.push([t("activities.fields.notes"), activity.notes]);
  if (rows.length === 0) return null;
  return (
    <dl className="activity-details">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** End an activity as planned, or as interrupted with a reason; the coach then gets a new-planning task. */
export function EndForm({ activity, onSaved }: { activity: Activity; onSaved: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ endDate: todayIso(), outcome: "ended" as "ended" | "interrupted", reason: "" });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: (input: UpdateActivityInput) => updateActivity(activity.id, input),
    onSuccess: async () => {
      await refreshActivities(queryClient, activity.enrolmentId);
      onSaved();
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const raw = {
      version: activity.version,
      status: values.outcome,
      endDate: values.endDate,
      ...(values.outcome === "interrupted" && { interruptedReason: values.reason }),
    };
    const extra: FieldErrors = values.outcome === "interrupted" && !values.reason.trim() ? { interruptedReason: t("activities.end.reasonNeeded") } : {};
    const parsed = UpdateActivityInput.safeParse(raw);
    if (!parsed.success || Object.keys(extra).length) {
      setClientErrors({ ...(parsed.success ? {} : zodFieldErrors(parsed.error)), ...extra });
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t("activities.end.title")}>
      <Stack gap="sm">
        <ErrorAlert error={conflictOf(mutation.error) ? null : mutation.error} />
        {conflictOf(mutation.error) && (
          <Alert color="orange" role="alert" title={t("conflict.title")}>
            {mutation.error?.message}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t("activities.fields.endDate")}
            type="date"
            required
            value={values.endDate}
            onChange={(e) => {
              const endDate = e.currentTarget.value;
              setValues((v) => ({ ...v, endDate }));
            }}
            error={errors.endDate}
          />
          <Radio.Group
            label={t("activities.end.outcome")}
            value={values.outcome}
            onChange={(v) => setValues((x) => ({ ...x, outcome: v as "ended" | "interrupted" }))}
          >
            <Group mt={4}>
              <Radio value="ended" label={t("activities.end.asPlanned")} />
              <Radio value="interrupted" label={t("activities.end.interrupted")} />
            </Group>
          </Radio.Group>
        </SimpleGrid>
        {values.outcome === "interrupted" && (
          <Textarea
            label={t("activities.fields.interruptedReason")}
            required
            autosize
            minRows={2}
            value={values.reason}
            onChange={(e) => {
              const reason = e.currentTarget.value;
              setValues((v) => ({ ...v, reason }));
            }}
            error={errors.interruptedReason}
          />
        )}
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t("activities.end.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The steps of one activity's checklist, ticked with a day (today unless changed) and the user. */
export function ChecklistSection({ checklist, headingId }: { checklist: Checklist; headingId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [doneOn, setDoneOn] = useState(todayIso());
  const mutation = useMutation({
    mutationFn: ({ id, version, done, notApplicable }: { id: string; version: number; done: boolean; notApplicable?: boolean }) =>
      tickItem(id, { version, done, ...(done && { doneOn, notApplicable }) }),
    onSettled: () => refreshActivities(queryClient),
  });
  const done = checklist.items.filter((i) => i.doneOn).length;
  return (
    <section aria-labelledby={headingId}>
      <Title order={4} id={headingId} mb="xs">
        {t("checklist.title", { done, total: checklist.items.length })}
      </Title>
      <Stack gap="xs">
        <TextInput
          label={t("checklist.doneOn")}
          description={t("checklist.doneOnHelp")}
          type="date"
          maw={260}
          value={doneOn}
          onChange={(e) => setDoneOn(e.currentTarget.value)}
          error={isApiFieldError(mutation.error, "doneOn")}
        />
        <ErrorAlert error={mutation.error} />
        <ul className="checklist">
          {checklist.items.map((i) => (
            <li key={i.id}>
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <Checkbox
                  label={i.label}
                  checked={i.doneOn !== null}
                  disabled={mutation.isPending}
                  description={
                    i.doneOn
                      ? t(i.notApplicable ? "checklist.notApplicableBy" : "checklist.doneBy", { date: formatDate(i.doneOn), name: i.doneByName ?? "" })
                      : t("checklist.open")
                  }
                  onChange={(e) => mutation.mutate({ id: i.id, version: i.version, done: e.currentTarget.checked })}
                />
                {!i.doneOn && (
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    disabled={mutation.isPending}
                    onClick={() => mutation.mutate({ id: i.id, version: i.version, done: true, notApplicable: true })}
                    aria-label={`${t("checklist.notApplicable")}: ${i.label}`}
                  >
                    {t("checklist.notApplicable")}
                  </Button>
                )}
              </Group>
            </li>
          ))}
        </ul>
      </Stack>
    </section>
  );
}

function isApiFieldError(error: unknown, field: string): string | undefined {
  const fields = (error as { fields?: Record<string, string> } | null)?.fields;
  return fields?.[field];
}

/** The activity's follow-ups at the workplace, with a form to record one as done. */
export function FollowUpsSection({ followUps, headingId, activityLabel }: { followUps: FollowUp[]; headingId: string; activityLabel: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<FollowUp | null>(null);
  const [saved, setSaved] = useState("");
  const caption = t("followUps.caption", { activity: activityLabel });
  return (
    <section aria-labelledby={headingId}>
      <Title order={4} id={headingId} mb="xs">
        {t("followUps.title")}
      </Title>
      <Stack gap="sm">
        {saved && <SuccessAlert>{saved}</SuccessAlert>}
        <TableScroll minWidth={640} label={caption}>
          <Table verticalSpacing="xs">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("followUps.when")}</Table.Th>
                <Table.Th scope="col">{t("followUps.dueDate")}</Table.Th>
                <Table.Th scope="col">{t("followUps.state")}</Table.Th>
                <Table.Th scope="col">{t("followUps.notes")}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t("followUps.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {followUps.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>{ruleLabel(t, f.rule)}</Table.Td>
                  <Table.Td style={{ whiteSpace: f.dueDate ? "nowrap" : undefined }}>{f.dueDate ? formatDate(f.dueDate) : t("followUps.noEndDate")}</Table.Td>
                  <Table.Td>
                    {f.doneOn ? (
                      t("followUps.doneState", { date: formatDate(f.doneOn), how: t(`followUps.how.${f.how ?? "visit"}`), name: f.doneByName ?? "" })
                    ) : f.overdue ? (
                      <Text span fw={700} c="red.9">
                        {t("followUps.overdue")}
                      </Text>
                    ) : (
                      t("followUps.upcoming")
                    )}
                  </Table.Td>
                  <Table.Td>{f.notes ?? "–"}</Table.Td>
                  <Table.Td>
                    {!f.doneOn && (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t("followUps.recordFor", { when: ruleLabel(t, f.rule) })}
                        onClick={() => {
                          setSaved("");
                          setOpen(f);
                        }}
                      >
                        {t("followUps.record")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        {open && (
          <div className="inline-form">
            <RecordFollowUpForm
              followUp={open}
              onDone={(message) => {
                setOpen(null);
                if (message) setSaved(message);
              }}
            />
          </div>
        )}
      </Stack>
    </section>
  );
}

function RecordFollowUpForm({ followUp, onDone }: { followUp: FollowUp; onDone: (saved?: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ doneOn: todayIso(), how: "" as "" | "visit" | "phone", notes: "" });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: (input: RecordFollowUpInput) => recordFollowUp(followUp.id, input),
    onSuccess: async () => {
      await refreshActivities(queryClient);
      onDone(t("followUps.saved"));
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);
  const title = t("followUps.recordFor", { when: ruleLabel(t, followUp.rule) });

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = RecordFollowUpInput.safeParse({ version: followUp.version, ...values, how: values.how || undefined });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={title}>
      <Stack gap="sm">
        <Text fw={600}>{title}</Text>
        <ErrorAlert error={mutation.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t("followUps.doneOn")}
            type="date"
            required
            value={values.doneOn}
            onChange={(e) => {
              const doneOn = e.currentTarget.value;
              setValues((v) => ({ ...v, doneOn }));
            }}
            error={errors.doneOn}
          />
          <Radio.Group
            label={t("followUps.howLabel")}
            required
            value={values.how}
            onChange={(v) => setValues((x) => ({ ...x, how: v as "visit" | "phone" }))}
            error={errors.how}
          >
            <Group mt={4}>
              <Radio value="visit" label={t("followUps.how.visit")} />
              <Radio value="phone" label={t("followUps.how.phone")} />
            </Group>
          </Radio.Group>
        </SimpleGrid>
        <Textarea
          label={t("followUps.notes")}
          autosize
          minRows={2}
          value={values.notes}
          onChange={(e) => {
            const notes = e.currentTarget.value;
            setValues((v) => ({ ...v, notes }));
          }}
          error={errors.notes}
        />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t("followUps.save")}
          </Button>
          <Button variant="subtle" onClick={() => onDone()}>
            {t("common.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
