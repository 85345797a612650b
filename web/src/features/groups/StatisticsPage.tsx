import { Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { AttendanceCell } from "../../../../schemas/groups.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { GroupRatingsPanel } from "../ratings/SummaryPanel.tsx";
import { AttendanceChart } from "./AttendanceChart.tsx";
import { count, dayAndDate, percent } from "./format.ts";
import { GroupFrame } from "./GroupFrame.tsx";
import { statisticsQuery } from "./queries.ts";

const route = getRouteApi("/app/projekt/$projectId/grupper/$groupId/statistik");

export function StatisticsPage() {
  const { t, i18n } = useTranslation();
  const { projectId, groupId } = route.useParams();
  const stats = useQuery(statisticsQuery(groupId));
  if (stats.isPending) return <Loading />;
  if (stats.isError)
    return (
      <GroupFrame projectId={projectId} title={t("groups.statistics.title")}>
        <ErrorAlert error={stats.error} />
      </GroupFrame>
    );
  const s = stats.data;
  const rateText = (c: AttendanceCell) =>
    c.suppressed ? t("groups.statistics.hidden") : c.registered ? `${percent(c.rate)} (${c.present}/${c.registered})` : t("groups.statistics.nothing");
  const held = s.sessions.filter((x) => x.cell.suppressed || (x.cell.registered ?? 0) > 0);
  const sessionCaption = t("groups.statistics.perSession");
  const personCaption = t("groups.statistics.perPerson");
  const cols = (
    <>
      <Table.Th scope="col">{t("groups.statistics.registered")}</Table.Th>
      <Table.Th scope="col">{t("groups.attendance.statuses.present")}</Table.Th>
      <Table.Th scope="col">{t("groups.attendance.statuses.absent_notified")}</Table.Th>
      <Table.Th scope="col">{t("groups.attendance.statuses.absent_unnotified")}</Table.Th>
      <Table.Th scope="col">{t("groups.statistics.rate")}</Table.Th>
    </>
  );
  const cells = (c: AttendanceCell) => (
    <>
      <Table.Td>{count(c, "registered")}</Table.Td>
      <Table.Td>{count(c, "present")}</Table.Td>
      <Table.Td>{count(c, "absentNotified")}</Table.Td>
      <Table.Td>{count(c, "absentUnnotified")}</Table.Td>
      <Table.Td>{c.suppressed ? t("groups.statistics.hidden") : percent(c.rate)}</Table.Td>
    </>
  );
  return (
    <GroupFrame projectId={projectId} group={{ id: s.groupId, name: s.groupName }} title={t("groups.statistics.heading", { name: s.groupName })}>
      <Panel title={t("groups.statistics.overall")}>
        <Stack gap="xs">
          <Text size="lg" fw={600}>
            {rateText(s.overall)}
          </Text>
          <Text size="sm">{t("groups.statistics.explain")}</Text>
          {!s.perPerson && <Text size="sm">{t("groups.statistics.aggregateOnly")}</Text>}
        </Stack>
      </Panel>
      <Panel title={sessionCaption}>
        {held.length === 0 ? (
          <Text>{t("groups.statistics.noneYet")}</Text>
        ) : (
          <Stack gap="lg">
            <AttendanceChart
              title={t("groups.statistics.chartTitle")}
              bars={held.map((x) => ({
                key: x.sessionId,
                label: dayAndDate(x.date, i18n.language),
                rate: x.cell.suppressed ? null : x.cell.rate,
                note: rateText(x.cell),
              }))}
            />
            <TableScroll label={sessionCaption} minWidth={720}>
              <Table striped verticalSpacing="xs">
                <Table.Caption>{sessionCaption}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("groups.sessions.date")}</Table.Th>
                    <Table.Th scope="col">{t("groups.sessions.theme")}</Table.Th>
                    {cols}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {held.map((x) => (
                    <Table.Tr key={x.sessionId}>
                      <Table.Th scope="row" fw={500} style={{ whiteSpace: "nowrap" }}>
                        {dayAndDate(x.date, i18n.language)} {x.startTime}
                      </Table.Th>
                      <Table.Td>{x.theme ? t(`groups.themes.${x.theme}`) : t("groups.themes.none")}</Table.Td>
                      {cells(x.cell)}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          </Stack>
        )}
      </Panel>
      {s.perPerson && (
        <Panel title={personCaption}>
          {s.persons.length === 0 ? (
            <Text>{t("groups.members.none")}</Text>
          ) : (
            <TableScroll label={personCaption} minWidth={640}>
              <Table striped verticalSpacing="xs">
                <Table.Caption>{personCaption}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("groups.members.name")}</Table.Th>
                    {cols}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.persons.map((p) => (
                    <Table.Tr key={p.enrolmentId}>
                      <Table.Th scope="row" fw={500}>
                        {p.name}
                      </Table.Th>
                      {cells(p.cell)}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Panel>
      )}
      <GroupRatingsPanel projectId={projectId} groupId={s.groupId} />
    </GroupFrame>
  );
}
