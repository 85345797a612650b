import { Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { weeklyContactsQuery } from "./queries.ts";

const WEEKS = 8;

/** Employer contacts per coach and ISO week in the project: one row per coach, a total row last. */
export function WeeklyContactsTable({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const figure = useQuery(weeklyContactsQuery(projectId, WEEKS));
  const caption = t("weekly.caption", { count: WEEKS });
  return (
    <Panel title={t("weekly.title")}>
      {figure.isPending ? (
        <Loading />
      ) : figure.isError ? (
        <ErrorAlert error={figure.error} />
      ) : (
        <TableScroll minWidth={760} label={caption}>
          <Table striped verticalSpacing={4}>
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("weekly.coach")}</Table.Th>
                {figure.data.weeks.map((w) => (
                  <Table.Th scope="col" key={w} ta="right">
                    <abbr title={t("weekly.week", { week: w })}>{`v. ${w.slice(-2)}`}</abbr>
                  </Table.Th>
                ))}
                <Table.Th scope="col" ta="right">
                  {t("weekly.total")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {figure.data.coaches.map((c) => (
                <Table.Tr key={c.coachId}>
                  <Table.Th scope="row" fw={500}>
                    {c.coachName}
                  </Table.Th>
                  {c.counts.map((n, i) => (
                    <Table.Td key={figure.data.weeks[i]} ta="right">
                      {n}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" fw={600}>
                    {c.total}
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t("weekly.allCoaches")}</Table.Th>
                {figure.data.totals.map((n, i) => (
                  <Table.Td key={figure.data.weeks[i]} ta="right" fw={600}>
                    {n}
                  </Table.Td>
                ))}
                <Table.Td ta="right" fw={700}>
                  <Text span fw={700}>
                    {figure.data.totals.reduce((a, b) => a + b, 0)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Panel>
  );
}
