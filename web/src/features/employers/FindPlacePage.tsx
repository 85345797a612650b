import "../../i18n/employers.ts";
import { Button, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { AnchorLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { ProjectSubpage } from "../participants/ProjectSubpage.tsx";
import { useProjectAccess } from "../projects/access.ts";
import { employerApi, employerListQuery, splitTrades } from "./queries.ts";

const route = getRouteApi("/app/projekt/$projectId/arbetsgivare/hitta-plats");

/** From a participant's interests (trades) to employers where earlier placements went well. */
export function FindPlacePage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const access = useProjectAccess(projectId);
  const [trades, setTrades] = useState("");
  const known = useQuery({ ...employerListQuery(projectId, { status: "active" }), enabled: access.persons });
  const suggest = useMutation({ mutationFn: (list: string[]) => employerApi.suggest(projectId, { trades: list }) });

  function submit(event: FormEvent) {
    event.preventDefault();
    suggest.mutate(splitTrades(trades));
  }

  if (!access.persons) {
    return (
      <ProjectSubpage projectId={projectId} title={t("find.title")}>
        <Text>{t("employers.noAccess")}</Text>
      </ProjectSubpage>
    );
  }
  const rows = suggest.data?.suggestions ?? [];
  const caption = t("find.caption", { count: rows.length });
  const fieldError = suggest.error && "fields" in suggest.error ? (suggest.error as { fields: Record<string, string> }).fields.trades : undefined;
  return (
    <ProjectSubpage projectId={projectId} title={t("find.title")} intro={<Text>{t("find.intro")}</Text>}>
      <Panel title={t("find.interests")}>
        <form onSubmit={submit}>
          <Stack gap="sm" maw={640}>
            <TextInput
              label={t("find.trades")}
              description={t("find.tradesHelp")}
              value={trades}
              onChange={(e) => setTrades(e.currentTarget.value)}
              error={fieldError}
            />
            {known.data && known.data.trades.length > 0 && (
              <Text size="sm" c="dimmed">
                {t("find.known", { trades: known.data.trades.join(", ") })}
              </Text>
            )}
            <Group>
              <Button type="submit" loading={suggest.isPending}>
                {t("find.suggest")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Panel>
      {suggest.isError && !fieldError && <ErrorAlert error={suggest.error} />}
      {suggest.isSuccess &&
        (rows.length === 0 ? (
          <Text role="status">{t("find.none")}</Text>
        ) : (
          <TableScroll minWidth={760} label={caption}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("employers.name")}</Table.Th>
                  <Table.Th scope="col">{t("find.matched")}</Table.Th>
                  <Table.Th scope="col">{t("find.successes")}</Table.Th>
                  <Table.Th scope="col">{t("employers.employments")}</Table.Th>
                  <Table.Th scope="col">{t("employers.areas")}</Table.Th>
                  <Table.Th scope="col">{t("employers.sector")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row" fw={500}>
                      <AnchorLink to="/projekt/$projectId/arbetsgivare/$employerId" params={{ projectId, employerId: s.id }}>
                        {s.name}
                      </AnchorLink>
                    </Table.Th>
                    <Table.Td>{s.matchedTrades.join(", ")}</Table.Td>
                    <Table.Td>{s.successesInTrades}</Table.Td>
                    <Table.Td>{s.employments}</Table.Td>
                    <Table.Td>{s.areas.join(", ") || t("employers.noValue")}</Table.Td>
                    <Table.Td>{t(`employers.sectors.${s.sector}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        ))}
    </ProjectSubpage>
  );
}
