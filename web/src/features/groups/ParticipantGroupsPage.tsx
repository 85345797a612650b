import "../../i18n/groups.ts";
import { Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { todayIso } from "../../format.ts";
import { ParticipantSubpage } from "../participants/participant/ParticipantSubpage.tsx";
import { dayAndDate, percent } from "./format.ts";
import { participantGroupsQuery } from "./queries.ts";

const route = getRouteApi("/app/deltagare/$enrolmentId/grupper");

/** The participant's groups, with their attendance at each session. */
export function ParticipantGroupsPage() {
  const { t, i18n } = useTranslation();
  const { enrolmentId } = route.useParams();
  const groups = useQuery(participantGroupsQuery(enrolmentId));
  const today = todayIso();
  return (
    <ParticipantSubpage enrolmentId={enrolmentId} title={t("groups.participant.title")}>
      {groups.isPending ? (
        <Loading />
      ) : groups.isError ? (
        <ErrorAlert error={groups.error} />
      ) : groups.data.groups.length === 0 ? (
        <Text>{t("groups.participant.none")}</Text>
      ) : (
        groups.data.groups.map((g) => {
          const caption = t("groups.participant.caption", { name: g.groupName });
          return (
            <Panel key={g.groupId} title={g.groupName}>
              <Stack gap="sm">
                <Text>
                  {g.toDate ? t("groups.participant.period", { from: g.fromDate, to: g.toDate }) : t("groups.participant.periodOpen", { from: g.fromDate })} ·{" "}
                  {t("groups.participant.rate", { rate: percent(g.cell.rate), present: g.cell.present ?? 0, registered: g.cell.registered ?? 0 })}
                </Text>
                <TableScroll label={caption} minWidth={480}>
                  <Table striped verticalSpacing={4}>
                    <Table.Caption>{caption}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t("groups.sessions.date")}</Table.Th>
                        <Table.Th scope="col">{t("groups.sessions.theme")}</Table.Th>
                        <Table.Th scope="col">{t("groups.attendance.status")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {g.sessions.map((s) => (
                        <Table.Tr key={s.sessionId}>
                          <Table.Th scope="row" fw={500} style={{ whiteSpace: "nowrap" }}>
                            {dayAndDate(s.date, i18n.language)} {s.startTime}
                          </Table.Th>
                          <Table.Td>{s.theme ? t(`groups.themes.${s.theme}`) : t("groups.themes.none")}</Table.Td>
                          <Table.Td>
                            {s.status
                              ? t(`groups.attendance.statuses.${s.status}`)
                              : s.date > today
                                ? t("groups.participant.upcoming")
                                : t("groups.attendance.notRegistered")}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </TableScroll>
              </Stack>
            </Panel>
          );
        })
      )}
    </ParticipantSubpage>
  );
}
