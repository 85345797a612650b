import "../../i18n/exitFollowUp.ts";
import { Button, Group, Radio, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type FollowUpDue, FollowUpQuery } from "../../../../schemas/reports.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { zodFieldErrors } from "../../components/forms.ts";
import { Loading } from "../../components/Loading.tsx";
import { AnchorLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { compareNames, formatDate, isoDaysFromToday, todayIso } from "../../format.ts";
import { type ProjectCodes, useProjectCodes } from "../codes/queries.ts";
import { ProjectSubpage } from "../participants/ProjectSubpage.tsx";
import { useProjectAccess } from "../projects/access.ts";
import { followUpListQuery } from "./exitFollowUps.ts";
import { followUpResult, useFollowUpRecording } from "./RecordFollowUpDialog.tsx";

const route = getRouteApi("/app/projekt/$projectId/uppfoljning");

/** Overdue first: those are the ones to act on. */
const STATES = ["overdue", "due", "done"] as const;
type State = (typeof STATES)[number];

/** The default period: from the start of the year to a month ahead, so what is coming shows too. */
function defaultFollowUpPeriod(): { from: string; to: string } {
  return { from: `${todayIso().slice(0, 4)}-01-01`, to: isoDaysFromToday(31) };
}

/**
 * Who is due for follow-up after a final exit, by state, with a dialog to record each one. The
 * list holds persons, so only roles that may read persons (managers and coaches) get it; the
 * server checks again and logs every person shown.
 */
export function FollowUpPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate();
  const access = useProjectAccess(projectId);
  const fallback = defaultFollowUpPeriod();
  const period = { from: search.from ?? fallback.from, to: search.to ?? fallback.to };
  const valid = FollowUpQuery.safeParse(period).success;
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const check = FollowUpQuery.safeParse({ from, to });
    if (!check.success) {
      setErrors(zodFieldErrors(check.error));
      return;
    }
    setErrors({});
    void navigate({ to: "/projekt/$projectId/uppfoljning", params: { projectId }, search: { from, to } });
  }

  if (!access.persons)
    return (
      <ProjectSubpage projectId={projectId} title={t("exitFollowUp.title")}>
        <Text>{t("exitFollowUp.noAccess")}</Text>
      </ProjectSubpage>
    );

  return (
    <ProjectSubpage projectId={projectId} title={t("exitFollowUp.title")}>
      <form onSubmit={submit} noValidate aria-label={t("exitFollowUp.period")}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label={t("exitFollowUp.from")} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={errors.from} w={180} />
          <TextInput label={t("exitFollowUp.to")} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={errors.to} w={180} />
          <Button type="submit">{t("exitFollowUp.show")}</Button>
        </Group>
      </form>
      {valid && <FollowUpList projectId={projectId} period={period} />}
    </ProjectSubpage>
  );
}

function FollowUpList({ projectId, period }: { projectId: string; period: { from: string; to: string } }) {
  const { t, i18n } = useTranslation();
  const list = useQuery(followUpListQuery(projectId, period));
  const codes = useProjectCodes(projectId);
  const [filter, setFilter] = useState<State | "all">("all");
  const recording = useFollowUpRecording();

  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const { items, months } = list.data;
  const byState = (s: State) =>
    items.filter((x) => x.state === s).sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : compareNames(a.name, b.name)));
  const shown = STATES.filter((s) => filter === "all" || filter === s);

  function open(x: FollowUpDue) {
    recording.record({ projectId, enrolmentId: x.enrolmentId, name: x.name, exitDate: x.exitDate, months: x.months, dueDate: x.dueDate });
  }

  return (
    <Stack gap="lg">
      <Text>{t("exitFollowUp.intro", { months: new Intl.ListFormat(i18n.language, { type: "conjunction" }).format(months.map(String)) })}</Text>
      {recording.message}
      {items.length === 0 ? (
        <Text>{t("exitFollowUp.none")}</Text>
      ) : (
        <>
          <Radio.Group label={t("exitFollowUp.filter")} value={filter} onChange={(v) => setFilter(v as State | "all")}>
            <Group gap="lg" mt={4}>
              <Radio value="all" label={t("exitFollowUp.filterAll", { count: items.length })} />
              {STATES.map((s) => (
                <Radio key={s} value={s} label={`${t(`exitFollowUp.group.${s}`)} (${byState(s).length})`} />
              ))}
            </Group>
          </Radio.Group>
          {shown.map((s) => (
            <StateTable key={s} state={s} items={byState(s)} codes={codes} onRecord={open} />
          ))}
        </>
      )}
      {recording.dialog}
    </Stack>
  );
}

function StateTable({ state, items, codes, onRecord }: { state: State; items: FollowUpDue[]; codes: ProjectCodes; onRecord: (x: FollowUpDue) => void }) {
  const { t } = useTranslation();
  const caption = t(`exitFollowUp.caption.${state}`, { count: items.length });
  return (
    <Panel title={t(`exitFollowUp.group.${state}`)}>
      {items.length === 0 ? (
        <Text>{t(`exitFollowUp.empty.${state}`)}</Text>
      ) : (
        <TableScroll minWidth={720} label={caption}>
          <Table verticalSpacing="xs" striped>
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("exitFollowUp.name")}</Table.Th>
                <Table.Th scope="col">{t("exitFollowUp.exitDate")}</Table.Th>
                <Table.Th scope="col">{t("exitFollowUp.point")}</Table.Th>
                <Table.Th scope="col">{t("exitFollowUp.dueDate")}</Table.Th>
                <Table.Th scope="col">{t("exitFollowUp.stateColumn")}</Table.Th>
                <Table.Th scope="col">{state === "done" ? t("exitFollowUp.result") : t("exitFollowUp.action")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((x) => (
                <Table.Tr key={`${x.enrolmentId}:${x.months}`}>
                  <Table.Th scope="row" fw={400}>
                    <AnchorLink to="/deltagare/$enrolmentId" params={{ enrolmentId: x.enrolmentId }}>
                      {x.name}
                    </AnchorLink>
                  </Table.Th>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(x.exitDate)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{t("exitFollowUp.months", { months: x.months })}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(x.dueDate)}</Table.Td>
                  <Table.Td>
                    {x.state === "overdue" ? (
                      <Text span fw={700} c="red.9">
                        {t("exitFollowUp.state.overdue")}
                      </Text>
                    ) : (
                      t(`exitFollowUp.state.${x.state}`)
                    )}
                  </Table.Td>
                  <Table.Td>
                    {x.state === "done" ? (
                      followUpResult(t, codes, { doneOn: x.doneOn, reached: x.reached, statusCode: x.status })
                    ) : (
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={t("exitFollowUp.recordFor", { months: x.months, name: x.name })}
                        onClick={() => onRecord(x)}
                      >
                        {t("exitFollowUp.record")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Panel>
  );
}
