import { Table, Text, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { AnchorLink, ButtonLink } from "../../components/links.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { useProjectAccess } from "../projects/access.ts";
import { GroupFrame } from "./GroupFrame.tsx";
import { groupsQuery } from "./queries.ts";

const route = getRouteApi("/app/projekt/$projectId/grupper");

export function GroupsPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const access = useProjectAccess(projectId);
  const groups = useQuery(groupsQuery(projectId));
  const caption = t("groups.caption", { count: groups.data?.groups.length ?? 0 });
  return (
    <GroupFrame projectId={projectId} title={t("groups.title")}>
      {access.persons && (
        <div>
          <ButtonLink to="/projekt/$projectId/grupper/ny" params={{ projectId }}>
            {t("groups.new")}
          </ButtonLink>
        </div>
      )}
      {groups.isPending ? (
        <Loading />
      ) : groups.isError ? (
        <ErrorAlert error={groups.error} />
      ) : groups.data.groups.length === 0 ? (
        <Text>{t("groups.none")}</Text>
      ) : (
        <TableScroll label={caption} minWidth={900}>
          <Table striped verticalSpacing="xs">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("groups.fields.name")}</Table.Th>
                <Table.Th scope="col">{t("groups.fields.intake")}</Table.Th>
                <Table.Th scope="col">{t("groups.fields.leaders")}</Table.Th>
                <Table.Th scope="col">{t("groups.period")}</Table.Th>
                <Table.Th scope="col">{t("groups.sessionCount")}</Table.Th>
                <Table.Th scope="col">{t("groups.memberCount")}</Table.Th>
                <Table.Th scope="col">{t("groups.fields.status")}</Table.Th>
                <Table.Th scope="col">{t("groups.statistics.title")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.data.groups.map((g) => (
                <Table.Tr key={g.id}>
                  <Table.Th scope="row" fw={500}>
                    {access.persons ? (
                      <AnchorLink to="/projekt/$projectId/grupper/$groupId" params={{ projectId, groupId: g.id }}>
                        {g.name}
                      </AnchorLink>
                    ) : (
                      g.name
                    )}
                  </Table.Th>
                  <Table.Td>{g.intakeName ?? "–"}</Table.Td>
                  <Table.Td>{g.leaders.map((l) => l.name).join(", ")}</Table.Td>
                  <Table.Td>{g.firstSession ? `${g.firstSession} – ${g.lastSession}` : "–"}</Table.Td>
                  <Table.Td>{g.sessions}</Table.Td>
                  <Table.Td>{access.persons ? g.members : "–"}</Table.Td>
                  <Table.Td>{t(`groups.statuses.${g.status}`)}</Table.Td>
                  <Table.Td>
                    <AnchorLink to="/projekt/$projectId/grupper/$groupId/statistik" params={{ projectId, groupId: g.id }}>
                      {t("groups.statistics.link")}
                      <VisuallyHidden> {g.name}</VisuallyHidden>
                    </AnchorLink>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </GroupFrame>
  );
}
