import { SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Project } from "../../../../../schemas/projects.ts";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { Loading } from "../../../components/Loading.tsx";
import { AnchorLink } from "../../../components/links.tsx";
import { Panel } from "../../../components/Panel.tsx";
import { TableScroll } from "../../../components/TableScroll.tsx";
import { usePageTitle } from "../../../components/usePageTitle.ts";
import { sortByName } from "../../../format.ts";
import { InstrumentsPanel } from "../../ratings/InstrumentsPanel.tsx";
import { LicencePanel } from "../../ratings/LicencePanel.tsx";
import { YesNo } from "../YesNo.tsx";
import { AddTeamForm } from "./AddTeamForm.tsx";
import { CreateProjectForm } from "./CreateProjectForm.tsx";
import { CreateUnitForm } from "./CreateUnitForm.tsx";
import { adminProjectsQuery, structureQuery } from "./queries.ts";

export function AdminProjectsPage() {
  const { t } = useTranslation();
  usePageTitle(t("adminProjects.title"));
  const projects = useQuery(adminProjectsQuery);
  const structure = useQuery(structureQuery);

  return (
    <Stack gap="lg">
      <Title order={1}>{t("adminProjects.title")}</Title>

      {projects.isPending ? (
        <Loading />
      ) : projects.isError ? (
        <ErrorAlert error={projects.error} />
      ) : projects.data.projects.length === 0 ? (
        <Text>{t("adminProjects.none")}</Text>
      ) : (
        <ProjectTable projects={projects.data.projects} />
      )}

      <ErrorAlert error={structure.error} />
      {structure.data && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Panel title={t("adminProjects.createTitle")}>
            <CreateProjectForm structure={structure.data} />
          </Panel>
          <Stack gap="lg">
            <Panel title={t("adminProjects.addTeamTitle")}>
              <AddTeamForm projects={projects.data?.projects ?? []} />
            </Panel>
            <Panel title={t("adminProjects.createUnitTitle")}>
              <CreateUnitForm structure={structure.data} />
            </Panel>
          </Stack>
        </SimpleGrid>
      )}
      <LicencePanel />
      <InstrumentsPanel />
    </Stack>
  );
}

function ProjectTable({ projects }: { projects: Project[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll minWidth={860} label={t("adminProjects.caption", { count: projects.length })}>
      <Table striped highlightOnHover>
        <Table.Caption>{t("adminProjects.caption", { count: projects.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("common.name")}</Table.Th>
            <Table.Th scope="col">{t("adminProjects.slug")}</Table.Th>
            <Table.Th scope="col">{t("adminProjects.unit")}</Table.Th>
            <Table.Th scope="col">{t("project.plannedMonths")}</Table.Th>
            <Table.Th scope="col">{t("project.targetAge")}</Table.Th>
            <Table.Th scope="col">{t("project.teams")}</Table.Th>
            <Table.Th scope="col">{t("adminProjects.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sortByName(projects, (p) => p.name).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Th scope="row" fw={500}>
                <AnchorLink to="/projekt/$projectId" params={{ projectId: p.id }}>
                  {p.name}
                </AnchorLink>
              </Table.Th>
              <Table.Td>
                <code>{p.slug}</code>
              </Table.Td>
              <Table.Td>{p.unitName}</Table.Td>
              <Table.Td>{p.plannedMonths == null ? "–" : t("project.months", { count: p.plannedMonths })}</Table.Td>
              <Table.Td>
                {p.targetGroup.minAge == null && p.targetGroup.maxAge == null ? "–" : `${p.targetGroup.minAge ?? ""}–${p.targetGroup.maxAge ?? ""}`}
              </Table.Td>
              <Table.Td>
                {p.teams.length === 0
                  ? "–"
                  : sortByName(p.teams, (team) => team.name)
                      .map((team) => team.name)
                      .join(", ")}
              </Table.Td>
              <Table.Td>
                <YesNo value={p.active} yes={t("adminProjects.active")} no={t("adminProjects.inactive")} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
