import { Alert, Anchor, Button, Group, List, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { AnnualReport, AnnualReportQuery, type ReportTable } from "../../../../schemas/reports.ts";
import { apiGet, seg } from "../../api.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { zodFieldErrors } from "../../components/forms.ts";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDate, todayIso } from "../../format.ts";
import { ProjectSubpage } from "../participants/ProjectSubpage.tsx";
import { intakesQuery } from "../participants/queries.ts";
import { useProjectAccess } from "../projects/access.ts";
import { ReportChart } from "./ReportChart.tsx";

const route = getRouteApi("/app/projekt/$projectId/statistik");

const annualQuery = (projectId: string, q: { from: string; to: string; intake?: string }) =>
  queryOptions({
    queryKey: ["reports", projectId, "annual", q],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/reports/annual`, AnnualReport, q),
  });

/** The annual report's tables for a period, as the steering group and the funders want them. */
export function AnnualReportPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate();
  const access = useProjectAccess(projectId);
  const year = todayIso().slice(0, 4);
  const period = { from: search.from ?? `${year}-01-01`, to: search.to ?? `${year}-12-31`, intake: search.intake };
  const valid = AnnualReportQuery.safeParse(period);
  const report = useQuery({ ...annualQuery(projectId, period), enabled: access.reports && valid.success });
  const intakes = useQuery(intakesQuery(projectId));
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [intake, setIntake] = useState(period.intake ?? "");
  const [errors, setErrors] = useState<Record<string, string>>(valid.success ? {} : zodFieldErrors(valid.error));

  function submit(event: FormEvent) {
    event.preventDefault();
    const check = AnnualReportQuery.safeParse({ from, to, intake: intake || undefined });
    if (!check.success) {
      setErrors(zodFieldErrors(check.error));
      return;
    }
    setErrors({});
    void navigate({ to: "/projekt/$projectId/statistik", params: { projectId }, search: { from, to, intake: intake || undefined } });
  }

  const csv = `/api/projects/${seg(projectId)}/reports/annual?${new URLSearchParams({ from: period.from, to: period.to, ...(period.intake && { intake: period.intake }), format: "csv" })}`;

  return (
    <ProjectSubpage projectId={projectId} title={t("report.title")}>
      {!access.reports ? (
        <Text>{t("report.noAccess")}</Text>
      ) : (
        <>
          <form onSubmit={submit} noValidate aria-label={t("report.choosePeriod")}>
            <Group align="flex-end" gap="sm" wrap="wrap">
              <TextInput label={t("report.from")} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={errors.from} w={180} />
              <TextInput label={t("report.to")} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={errors.to} w={180} />
              <NativeSelect label={t("report.intake")} value={intake} onChange={(e) => setIntake(e.currentTarget.value)} error={errors.intake} w={240}>
                <option value="">{t("report.allIntakes")}</option>
                {(intakes.data?.intakes ?? []).map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </NativeSelect>
              <Button type="submit">{t("report.show")}</Button>
            </Group>
          </form>
          {!valid.success ? null : report.isPending ? (
            <Loading />
          ) : report.isError ? (
            <ErrorAlert error={report.error} />
          ) : (
            <Report report={report.data} csv={csv} />
          )}
        </>
      )}
    </ProjectSubpage>
  );
}

function Report({ report, csv }: { report: AnnualReport; csv: string }) {
  const { t } = useTranslation();
  const s = report.summary;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Text role="status">{t("report.period", { from: formatDate(report.period.from), to: formatDate(report.period.to) })}</Text>
        <Anchor href={csv} download>
          {t("report.downloadCsv")}
        </Anchor>
      </Group>
      {report.suppressed && (
        <Alert color="stegvis" variant="light">
          {t("report.suppressed")}
        </Alert>
      )}
      <Panel title={t("report.summary")}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <dl className="facts">
            <dt>{t("report.uniqueParticipants")}</dt>
            <dd>{s.uniqueParticipants}</dd>
            <dt>{t("report.enrolments")}</dt>
            <dd>{s.enrolments}</dd>
            <dt>{t("report.exited")}</dt>
            <dd>{s.exited}</dd>
            <dt>{t("report.hadEmployment")}</dt>
            <dd>{s.hadEmployment}</dd>
            <dt>{t("report.hadInternship")}</dt>
            <dd>{s.hadInternship}</dd>
            <dt>{t("report.hadStudies")}</dt>
            <dd>{s.hadStudies}</dd>
          </dl>
          <div>
            <Title order={3} size="h5" mb={4}>
              {t("report.genderShares")}
            </Title>
            <List size="sm">
              {s.genderShares.map((g) => (
                <List.Item key={g.gender}>
                  {g.gender}: {g.percent === null ? t("report.hidden") : `${g.percent.toLocaleString("sv-SE")} %`}
                </List.Item>
              ))}
            </List>
          </div>
        </SimpleGrid>
      </Panel>
      {report.tables.map((table) => (
        <Stack key={table.id} gap="sm">
          <ReportTableView table={table} />
          <ReportChart table={table} />
        </Stack>
      ))}
      {report.notes.length > 0 && (
        <Panel title={t("report.notes")}>
          <List size="sm" spacing={4}>
            {report.notes.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        </Panel>
      )}
    </Stack>
  );
}

export function ReportTableView({ table }: { table: ReportTable }) {
  const { t } = useTranslation();
  return (
    <TableScroll minWidth={Math.max(480, 200 + table.columns.length * 120)} label={table.title}>
      <Table striped withTableBorder verticalSpacing={6} captionSide="top">
        <Table.Caption className="report-caption">{table.title}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              <VisuallyHidden>{t("report.rowHeader")}</VisuallyHidden>
            </Table.Th>
            {table.columns.map((c) => (
              <Table.Th key={c} scope="col" ta="right">
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row) => (
            <Table.Tr key={row.label}>
              <Table.Th scope="row" miw={180} fw={row.label.startsWith("Totalt") || row.label.endsWith("totalt") ? 700 : 500}>
                {row.label}
              </Table.Th>
              {row.values.map((v, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a cell's place in the row is its identity.
                <Table.Td key={i} ta="right">
                  {typeof v === "number" ? v.toLocaleString("sv-SE") : v}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
