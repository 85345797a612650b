import "../../i18n/plan.ts";
import { Alert, Anchor, Button, Checkbox, Group, List, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { PlanOverview } from "../../../../schemas/plan.ts";
import { ConflictAlert, conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { mergeFieldErrors } from "../../components/forms.ts";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDateTime } from "../../format.ts";
import { ParticipantSubpage } from "../participants/participant/ParticipantSubpage.tsx";
import { Comparison } from "./Comparison.tsx";
import { GoalEditor, type GoalValues, goalsInputOf, goalValuesOf } from "./GoalEditor.tsx";
import { planPdfUrl, planQuery, savePlan } from "./queries.ts";

const route = getRouteApi("/app/deltagare/$enrolmentId/plan");

/** The plan of one enrolment: edit goals and sub-goals, save a revision, see and compare earlier ones, print it. */
export function PlanPage() {
  const { t } = useTranslation();
  const { enrolmentId } = route.useParams();
  const plan = useQuery(planQuery(enrolmentId));
  // Kept here: the form starts afresh (a new key) once the saved revision has loaded.
  const [saved, setSaved] = useState<number | null>(null);
  return (
    <ParticipantSubpage enrolmentId={enrolmentId} title={t("plan.title")}>
      {plan.isPending ? (
        <Loading />
      ) : plan.isError ? (
        <ErrorAlert error={plan.error} />
      ) : (
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start">
            <Text>{t("plan.intro")}</Text>
            {plan.data.current && (
              <Button component="a" href={planPdfUrl(enrolmentId)} variant="default" download>
                {t("plan.pdf")}
              </Button>
            )}
          </Group>
          <PlanForm key={plan.data.version} plan={plan.data} saved={saved} onSaved={setSaved} />
          <Revisions plan={plan.data} />
        </Stack>
      )}
    </ParticipantSubpage>
  );
}

function PlanForm({ plan, saved, onSaved }: { plan: PlanOverview; saved: number | null; onSaved: (n: number | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [goals, setGoals] = useState<GoalValues[]>(goalValuesOf(plan.current?.goals ?? []));
  const [reason, setReason] = useState("");
  const [closing, setClosing] = useState<string[]>(plan.openTasks.map((x) => x.id));
  const mutation = useMutation({
    mutationFn: () => savePlan(plan.enrolmentId, { version: plan.version, goals: goalsInputOf(goals), reason, closeTaskIds: closing }),
    onSuccess: async (r) => {
      onSaved(r.number);
      await queryClient.invalidateQueries({ queryKey: ["enrolment", plan.enrolmentId] });
    },
  });
  const errors = mergeFieldErrors({}, mutation.error);
  const conflict = conflictOf(mutation.error);
  const now = conflict ? PlanOverview.safeParse(conflict.current) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    onSaved(null);
    mutation.mutate();
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("plan.formLabel")}>
      <Stack gap="lg">
        {plan.openTasks.length > 0 && (
          <Alert color="stegvis" variant="light" title={t("plan.tasksTitle")}>
            <Stack gap="xs">
              <Text size="sm">{t("plan.tasksIntro")}</Text>
              <List size="sm">
                {plan.openTasks.map((task) => (
                  <List.Item key={task.id}>{task.reason}</List.Item>
                ))}
              </List>
              <Checkbox.Group label={t("plan.closeTasks")} value={closing} onChange={setClosing}>
                <Stack gap={4} mt={4}>
                  {plan.openTasks.map((task) => (
                    <Checkbox key={task.id} value={task.id} label={task.reason} />
                  ))}
                </Stack>
              </Checkbox.Group>
            </Stack>
          </Alert>
        )}
        <Panel title={t("plan.goalsTitle")}>
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {plan.current
                ? t("plan.currentRevision", { number: plan.current.number, at: formatDateTime(plan.current.createdAt), by: plan.current.createdByName ?? "–" })
                : t("plan.noPlan")}
            </Text>
            {errors.goals && <Text c="red">{errors.goals}</Text>}
            <GoalEditor goals={goals} errors={errors} onChange={setGoals} />
          </Stack>
        </Panel>
        <TextInput
          label={t("plan.reason")}
          description={t("plan.reasonHint")}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />
        {conflict ? (
          <ConflictAlert
            message={conflict.message}
            changes={now?.success ? [{ label: t("plan.revision"), before: String(plan.version), now: String(now.data.version) }] : []}
            onReload={() => {
              mutation.reset();
              void queryClient.invalidateQueries({ queryKey: ["enrolment", plan.enrolmentId] });
            }}
          />
        ) : (
          <ErrorAlert error={mutation.error} />
        )}
        {saved !== null && <SuccessAlert>{t("plan.saved", { number: saved })}</SuccessAlert>}
        <Group>
          <Button type="submit" loading={mutation.isPending} disabled={conflict !== null}>
            {t("plan.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Revisions({ plan }: { plan: PlanOverview }) {
  const { t } = useTranslation();
  const list = plan.revisions;
  const [from, setFrom] = useState(String(list[1]?.number ?? list[0]?.number ?? ""));
  const [to, setTo] = useState(String(list[0]?.number ?? ""));
  const [shown, setShown] = useState<{ from: number; to: number } | null>(null);
  if (list.length === 0) return null;
  const options = list.map((r) => ({ value: String(r.number), label: t("plan.revisionOption", { number: r.number, at: formatDateTime(r.createdAt) }) }));
  return (
    <Panel title={t("plan.revisionsTitle")}>
      <Stack gap="md">
        <TableScroll label={t("plan.revisionsTitle")} minWidth={600}>
          <Table>
            <Table.Caption>{t("plan.revisionsCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("plan.revision")}</Table.Th>
                <Table.Th scope="col">{t("plan.savedAt")}</Table.Th>
                <Table.Th scope="col">{t("plan.savedBy")}</Table.Th>
                <Table.Th scope="col">{t("plan.reason")}</Table.Th>
                <Table.Th scope="col">{t("plan.pdfColumn")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((r) => (
                <Table.Tr key={r.number}>
                  <Table.Td>
                    {r.number}
                    {r.number === plan.version ? ` (${t("plan.current")})` : ""}
                  </Table.Td>
                  <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
                  <Table.Td>{r.createdByName ?? "–"}</Table.Td>
                  <Table.Td>{r.reason ?? "–"}</Table.Td>
                  <Table.Td>
                    <Anchor href={planPdfUrl(plan.enrolmentId, r.number)} download>
                      {t("plan.pdfOf", { number: r.number })}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        {list.length > 1 && (
          <form
            aria-label={t("plan.compare.title")}
            onSubmit={(e) => {
              e.preventDefault();
              setShown({ from: Number(from), to: Number(to) });
            }}
          >
            <Group align="flex-end">
              <NativeSelect label={t("plan.compare.from")} value={from} onChange={(e) => setFrom(e.currentTarget.value)} data={options} />
              <NativeSelect label={t("plan.compare.to")} value={to} onChange={(e) => setTo(e.currentTarget.value)} data={options} />
              <Button type="submit" variant="default">
                {t("plan.compare.button")}
              </Button>
            </Group>
          </form>
        )}
        {shown && <Comparison enrolmentId={plan.enrolmentId} from={shown.from} to={shown.to} />}
      </Stack>
    </Panel>
  );
}
