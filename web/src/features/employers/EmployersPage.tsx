import "../../i18n/employers.ts";
import { Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type EmployerSearch, EmployerSector, EmployerStatus, OutcomeFilter } from "../../../../schemas/employers.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { AnchorLink, ButtonLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDate } from "../../format.ts";
import { ProjectSubpage } from "../participants/ProjectSubpage.tsx";
import { useProjectAccess } from "../projects/access.ts";
import { EmployerStatusBadge } from "./EmployerStatusBadge.tsx";
import { employerListQuery } from "./queries.ts";
import { WeeklyContactsTable } from "./WeeklyContactsTable.tsx";

const route = getRouteApi("/app/projekt/$projectId/arbetsgivare");

const emptyFilters = { q: "", trade: "", sector: "", status: "", area: "", outcome: "" };

/** The filters as the server wants them; empty ones left out. The text stays in the page's memory. */
function toSearch(f: typeof emptyFilters): EmployerSearch {
  return {
    ...(f.q && { q: f.q }),
    ...(f.trade && { trades: [f.trade] }),
    ...(f.sector && { sector: f.sector as EmployerSearch["sector"] }),
    ...(f.status && { status: f.status as EmployerSearch["status"] }),
    ...(f.area && { area: f.area }),
    ...(f.outcome && { outcome: f.outcome as EmployerSearch["outcome"] }),
  };
}

export function EmployersPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const access = useProjectAccess(projectId);
  const [draft, setDraft] = useState(emptyFilters);
  const [applied, setApplied] = useState(emptyFilters);
  const list = useQuery({ ...employerListQuery(projectId, toSearch(applied)), enabled: access.persons });
  const set = (key: keyof typeof emptyFilters, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setApplied(draft);
  }

  if (!access.persons) {
    return (
      <ProjectSubpage projectId={projectId} title={t("employers.title")}>
        <Text>{t("employers.noAccess")}</Text>
      </ProjectSubpage>
    );
  }
  const caption = t("employers.caption", { count: list.data?.employers.length ?? 0 });
  return (
    <ProjectSubpage projectId={projectId} title={t("employers.title")} intro={<Text>{t("employers.intro")}</Text>}>
      <Group>
        <ButtonLink to="/projekt/$projectId/arbetsgivare/ny" params={{ projectId }}>
          {t("employers.new")}
        </ButtonLink>
        <ButtonLink to="/projekt/$projectId/arbetsgivare/hitta-plats" params={{ projectId }} variant="default">
          {t("employers.findPlace")}
        </ButtonLink>
      </Group>
      <Panel title={t("employers.filters")}>
        <form onSubmit={submit}>
          <Stack gap="sm">
            <TextInput label={t("employers.search")} value={draft.q} onChange={(e) => set("q", e.currentTarget.value)} maw={480} />
            <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }} spacing="sm">
              <NativeSelect
                label={t("employers.trade")}
                value={draft.trade}
                onChange={(e) => set("trade", e.currentTarget.value)}
                data={[{ value: "", label: t("employers.anyTrade") }, ...(list.data?.trades ?? []).map((v) => ({ value: v, label: v }))]}
              />
              <NativeSelect
                label={t("employers.sector")}
                value={draft.sector}
                onChange={(e) => set("sector", e.currentTarget.value)}
                data={[
                  { value: "", label: t("employers.anySector") },
                  ...EmployerSector.options.map((s) => ({ value: s, label: t(`employers.sectors.${s}`) })),
                ]}
              />
              <NativeSelect
                label={t("employers.area")}
                value={draft.area}
                onChange={(e) => set("area", e.currentTarget.value)}
                data={[{ value: "", label: t("employers.anyArea") }, ...(list.data?.areas ?? []).map((v) => ({ value: v, label: v }))]}
              />
              <NativeSelect
                label={t("employers.outcome")}
                value={draft.outcome}
                onChange={(e) => set("outcome", e.currentTarget.value)}
                data={[
                  { value: "", label: t("employers.anyOutcome") },
                  ...OutcomeFilter.options.map((o) => ({ value: o, label: t(`employers.outcomes.${o}`) })),
                ]}
              />
              <NativeSelect
                label={t("employers.status")}
                value={draft.status}
                onChange={(e) => set("status", e.currentTarget.value)}
                data={[
                  { value: "", label: t("employers.anyStatus") },
                  ...EmployerStatus.options.map((s) => ({ value: s, label: t(`employers.statuses.${s}`) })),
                ]}
              />
            </SimpleGrid>
            <Group>
              <Button type="submit">{t("employers.filter")}</Button>
              <Button
                variant="default"
                onClick={() => {
                  setDraft(emptyFilters);
                  setApplied(emptyFilters);
                }}
              >
                {t("employers.clear")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Panel>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.data.employers.length === 0 ? (
        <Text role="status">{t("employers.none")}</Text>
      ) : (
        <TableScroll minWidth={900} label={caption}>
          <Table striped verticalSpacing="xs">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("employers.name")}</Table.Th>
                <Table.Th scope="col">{t("employers.sector")}</Table.Th>
                <Table.Th scope="col">{t("employers.trades")}</Table.Th>
                <Table.Th scope="col">{t("employers.areas")}</Table.Th>
                <Table.Th scope="col">{t("employers.placements")}</Table.Th>
                <Table.Th scope="col">{t("employers.successes")}</Table.Th>
                <Table.Th scope="col">{t("employers.lastContact")}</Table.Th>
                <Table.Th scope="col">{t("employers.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.employers.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Th scope="row" fw={500}>
                    <AnchorLink to="/projekt/$projectId/arbetsgivare/$employerId" params={{ projectId, employerId: e.id }}>
                      {e.name}
                    </AnchorLink>
                  </Table.Th>
                  <Table.Td>{t(`employers.sectors.${e.sector}`)}</Table.Td>
                  <Table.Td>{e.trades.join(", ") || t("employers.noValue")}</Table.Td>
                  <Table.Td>{e.areas.join(", ") || t("employers.noValue")}</Table.Td>
                  <Table.Td>{e.placements}</Table.Td>
                  <Table.Td>{e.successes}</Table.Td>
                  <Table.Td>{formatDate(e.lastContactOn) || t("employers.noValue")}</Table.Td>
                  <Table.Td>
                    <EmployerStatusBadge status={e.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <WeeklyContactsTable projectId={projectId} />
    </ProjectSubpage>
  );
}
