import { Badge, Group, List, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Project } from "../../../../schemas/projects.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { sortByName } from "../../format.ts";
import { useMe } from "../auth/session.ts";
import { useProjectCodes } from "../codes/queries.ts";
import { ProjectLinks } from "./ProjectLinks.tsx";
import { projectMembersQuery, projectQuery } from "./queries.ts";
import { RoleBadge } from "./RoleBadge.tsx";
import { TargetGroupForm } from "./TargetGroupForm.tsx";

const route = getRouteApi("/app/projekt/$projectId");

export function ProjectPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const { data: project } = useSuspenseQuery(projectQuery(projectId));
  usePageTitle(project.name);
  const me = useMe();
  const myRole = me.memberships.find((m) => m.projectId === projectId)?.role;
  const seesMembers = me.isAdmin || myRole === "manager";
  const codes = useProjectCodes(projectId);

  return (
    <Stack gap="lg">
      <div>
        <Group gap="sm" align="center">
          <Title order={1}>{project.name}</Title>
          {!project.active && (
            <Badge color="gray" variant="outline" tt="none">
              {t("project.inactive")}
            </Badge>
          )}
        </Group>
        <Text c="dimmed">{project.unitName}</Text>
      </div>

      {project.description && <Text maw={720}>{project.description}</Text>}

      <ProjectLinks projectId={projectId} />

      <Panel title={t("project.about")}>
        <dl className="facts">
          <dt>{t("project.myRole")}</dt>
          <dd>{myRole ? t(`roles.${myRole}`) : me.isAdmin ? t("roles.admin") : "–"}</dd>
          <dt>{t("project.plannedMonths")}</dt>
          <dd>{project.plannedMonths == null ? t("project.notSet") : t("project.months", { count: project.plannedMonths })}</dd>
          <dt>{t("project.targetAge")}</dt>
          <dd>{ageRange(project, t)}</dd>
          <dt>{t("project.targetDistricts")}</dt>
          <dd>{project.targetGroup.districts.join(", ") || t("project.all")}</dd>
          <dt>{t("project.targetIncomes")}</dt>
          <dd>{project.targetGroup.incomes.length ? project.targetGroup.incomes.map((c) => codes.label("income_type", c)).join(", ") : t("project.all")}</dd>
          <dt>{t("project.targetNote")}</dt>
          <dd>{project.targetGroup.note || t("project.notSet")}</dd>
        </dl>
      </Panel>

      {myRole === "manager" && (
        <Panel title={t("targetGroup.title")}>
          <TargetGroupForm project={project} />
        </Panel>
      )}

      <Panel title={t("project.teams")}>
        {project.teams.length === 0 ? (
          <Text>{t("project.noTeams")}</Text>
        ) : (
          <List>
            {sortByName(project.teams, (team) => team.name).map((team) => (
              <List.Item key={team.id}>{team.name}</List.Item>
            ))}
          </List>
        )}
      </Panel>

      {seesMembers && (
        <Panel title={t("project.members")}>
          <Members projectId={projectId} />
        </Panel>
      )}
    </Stack>
  );
}

function ageRange(project: Project, t: TFunction): string {
  const { minAge, maxAge } = project.targetGroup;
  if (minAge != null && maxAge != null) return t("project.ageBetween", { min: minAge, max: maxAge });
  if (minAge != null) return t("project.ageFrom", { min: minAge });
  if (maxAge != null) return t("project.ageTo", { max: maxAge });
  return t("project.notSet");
}

function Members({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const members = useQuery(projectMembersQuery(projectId));
  if (members.isPending) return <Loading />;
  if (members.isError) return <ErrorAlert error={members.error} />;
  const rows = sortByName(members.data.members, (m) => m.name);
  if (rows.length === 0) return <Text>{t("project.noMembers")}</Text>;

  return (
    <TableScroll minWidth={480} label={t("project.membersCaption", { count: rows.length })}>
      <Table striped highlightOnHover>
        <Table.Caption>{t("project.membersCaption", { count: rows.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("common.name")}</Table.Th>
            <Table.Th scope="col">{t("common.email")}</Table.Th>
            <Table.Th scope="col">{t("common.role")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.userId}>
              <Table.Td>{m.name}</Table.Td>
              <Table.Td>{m.email}</Table.Td>
              <Table.Td>
                <RoleBadge role={m.role} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
