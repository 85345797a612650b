import "../../i18n/reports.ts";
import { Alert, Button, Checkbox, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  DisSusQuery,
  DisSusSummary,
  EconomyReport,
  FollowUpResults,
  GoalsReport,
  ReportSettings,
  UpdateReportSettingsInput,
} from "../../../../schemas/reports.ts";
import { apiGet, apiSend, seg } from "../../api.ts";
import { conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { mergeFieldErrors, zodFieldErrors } from "../../components/forms.ts";
import { Loading } from "../../components/Loading.tsx";
import { AnchorLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { todayIso } from "../../format.ts";
import { ProjectSubpage } from "../participants/ProjectSubpage.tsx";
import { useProjectAccess } from "../projects/access.ts";
import { ReportTableView } from "./AnnualReportPage.tsx";

const route = getRouteApi("/app/projekt/$projectId/rapporter");

export const reportSettingsQuery = (projectId: string) =>
  queryOptions({ queryKey: ["reports", projectId, "settings"], queryFn: () => apiGet(`/projects/${seg(projectId)}/reports/settings`, ReportSettings) });

/** A link that downloads a report file; the name says what and in which format. */
function Download({ href, what, format }: { href: string; what: string; format: string }) {
  const { t } = useTranslation();
  return (
    <Button component="a" href={href} download variant="light" size="sm" aria-label={t("reports.download", { what, format })}>
      {format}
    </Button>
  );
}

/** Every report of the project for one period, with downloads, and the settings that shape them. */
export function ReportsHubPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate();
  const access = useProjectAccess(projectId);
  const year = todayIso().slice(0, 4);
  const period = { from: search.from ?? `${year}-01-01`, to: search.to ?? `${year}-12-31` };
  const valid = DisSusQuery.safeParse(period).success;
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [publish, setPublish] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const settings = useQuery({ ...reportSettingsQuery(projectId), enabled: access.reports || access.persons });

  function submit(event: FormEvent) {
    event.preventDefault();
    const check = DisSusQuery.safeParse({ from, to });
    if (!check.success) {
      setErrors(zodFieldErrors(check.error));
      return;
    }
    setErrors({});
    void navigate({ to: "/projekt/$projectId/rapporter", params: { projectId }, search: { from, to } });
  }

  if (!access.reports && !access.persons)
    return (
      <ProjectSubpage projectId={projectId} title={t("reports.title")}>
        <Text>{t("reports.noAccess")}</Text>
      </ProjectSubpage>
    );

  const api = `/api/projects/${seg(projectId)}`;
  const q = (extra: Record<string, string> = {}) => new URLSearchParams({ ...period, ...(publish && { publish: "true" }), ...extra }).toString();
  const reportYear = Number(period.to.slice(0, 4));

  return (
    <ProjectSubpage projectId={projectId} title={t("reports.title")} intro={<Text>{t("reports.intro")}</Text>}>
      <form onSubmit={submit} noValidate aria-label={t("reports.period")}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label={t("reports.from")} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={errors.from} w={180} />
          <TextInput label={t("reports.to")} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={errors.to} w={180} />
          <Button type="submit">{t("reports.show")}</Button>
        </Group>
      </form>
      {access.manage && <Checkbox label={t("reports.publish")} checked={publish} onChange={(e) => setPublish(e.currentTarget.checked)} />}
      {settings.data && (access.role === "statistician" || publish) && (
        <Alert color="stegvis" variant="light">
          {t("reports.suppressedNote", { threshold: settings.data.threshold, label: settings.data.threshold + 1 })}
        </Alert>
      )}

      {access.reports && (
        <Panel title={t("reports.annual.title")}>
          <Stack gap="sm">
            <Text size="sm">{t("reports.annual.help")}</Text>
            <Group gap="xs">
              {(["pdf", "docx", "xlsx", "csv"] as const).map((f) => (
                <Download key={f} href={`${api}/reports/annual?${q({ format: f })}`} what={t("reports.annual.what")} format={f.toUpperCase()} />
              ))}
            </Group>
            <Group gap="lg">
              <AnchorLink to="/projekt/$projectId/statistik" params={{ projectId }} search={period}>
                {t("reports.annual.open")}
              </AnchorLink>
              {access.manage && (
                <AnchorLink to="/projekt/$projectId/rapporter/texter" params={{ projectId }} search={{ ar: String(reportYear) }}>
                  {t("reports.annual.texts", { year: reportYear })}
                </AnchorLink>
              )}
            </Group>
          </Stack>
        </Panel>
      )}

      {valid && <DisSusPanel projectId={projectId} period={period} publish={publish} access={access} q={q} />}

      {access.persons && (
        <Panel title={t("reports.esf.title")}>
          <Stack gap="sm">
            <Text size="sm">{t("reports.esf.help")}</Text>
            <Group gap="xs">
              {(["xlsx", "csv"] as const).map((f) => (
                <Download key={f} href={`${api}/reports/esf?${q({ format: f })}`} what={t("reports.esf.what")} format={f.toUpperCase()} />
              ))}
            </Group>
          </Stack>
        </Panel>
      )}

      {valid && settings.data && (
        <FollowUpPanel projectId={projectId} period={period} publish={publish} access={access} months={settings.data.followUpMonths} q={q} />
      )}
      {access.reports && <GoalsPanel projectId={projectId} year={reportYear} publish={publish} />}
      {access.reports && <EconomyPanel projectId={projectId} year={reportYear} />}
      {settings.data && access.manage && <SettingsForm projectId={projectId} settings={settings.data} />}
    </ProjectSubpage>
  );
}

type Access = ReturnType<typeof useProjectAccess>;
type Q = (extra?: Record<string, string>) => string;

function DisSusPanel({
  projectId,
  period,
  publish,
  access,
  q,
}: {
  projectId: string;
  period: { from: string; to: string };
  publish: boolean;
  access: Access;
  q: Q;
}) {
  const { t } = useTranslation();
  const api = `/api/projects/${seg(projectId)}`;
  const summary = useQuery({
    queryKey: ["reports", projectId, "dis-sus", period, publish],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/reports/dis-sus`, DisSusSummary, { ...period, ...(publish && { publish: "true" }) }),
    enabled: access.reports,
  });
  return (
    <Panel title={t("reports.disSus.title")}>
      <Stack gap="sm">
        <Text size="sm">{t("reports.disSus.help")}</Text>
        <Group gap="xs">
          {access.reports &&
            (["xlsx", "csv"] as const).map((f) => (
              <Download key={f} href={`${api}/reports/dis-sus?${q({ format: f })}`} what={t("reports.disSus.what")} format={f.toUpperCase()} />
            ))}
          {access.persons &&
            (["pdf", "xlsx", "csv"] as const).map((f) => (
              <Download
                key={`forms-${f}`}
                href={`${api}/reports/dis-sus/forms?${q({ format: f })}`}
                what={t("reports.disSus.forms")}
                format={`${f.toUpperCase()} (${t("reports.disSus.forms")})`}
              />
            ))}
        </Group>
        {access.reports &&
          (summary.isPending ? (
            <Loading />
          ) : summary.isError ? (
            <ErrorAlert error={summary.error} />
          ) : (
            summary.data.tables.map((tb) => <ReportTableView key={tb.id} table={tb} />)
          ))}
      </Stack>
    </Panel>
  );
}

function FollowUpPanel({
  projectId,
  period,
  publish,
  access,
  months,
  q,
}: {
  projectId: string;
  period: { from: string; to: string };
  publish: boolean;
  access: Access;
  months: number[];
  q: Q;
}) {
  const { t } = useTranslation();
  const api = `/api/projects/${seg(projectId)}`;
  const results = useQuery({
    queryKey: ["reports", projectId, "follow-up", period, publish],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/reports/follow-up`, FollowUpResults, { ...period, ...(publish && { publish: "true" }) }),
    enabled: access.reports,
  });
  return (
    <Panel title={t("reports.followUp.title")}>
      <Stack gap="sm">
        <Text size="sm">{t("reports.followUp.help", { months: months.join(", ") })}</Text>
        <Group gap="xs">
          {access.reports &&
            (["xlsx", "csv"] as const).map((f) => (
              <Download key={f} href={`${api}/reports/follow-up?${q({ format: f })}`} what={t("reports.followUp.what")} format={f.toUpperCase()} />
            ))}
          {access.persons &&
            (["xlsx", "csv"] as const).map((f) => (
              <Download
                key={`due-${f}`}
                href={`${api}/reports/follow-up/due?${q({ format: f })}`}
                what={t("reports.followUp.due")}
                format={`${f.toUpperCase()} (${t("reports.followUp.due")})`}
              />
            ))}
        </Group>
        {access.persons && (
          <AnchorLink to="/projekt/$projectId/uppfoljning" params={{ projectId }}>
            {t("reports.followUp.open")}
          </AnchorLink>
        )}
        {access.reports &&
          (results.isPending ? (
            <Loading />
          ) : results.isError ? (
            <ErrorAlert error={results.error} />
          ) : (
            <>
              <Text>
                {results.data.responseRate === null
                  ? t("reports.followUp.noneDue")
                  : t("reports.followUp.responseRate", {
                      rate:
                        typeof results.data.responseRate === "number" ? `${results.data.responseRate.toLocaleString("sv-SE")} %` : results.data.responseRate,
                    })}
              </Text>
              {results.data.tables.map((tb) => (
                <ReportTableView key={tb.id} table={tb} />
              ))}
            </>
          ))}
      </Stack>
    </Panel>
  );
}

function GoalsPanel({ projectId, year, publish }: { projectId: string; year: number; publish: boolean }) {
  const { t } = useTranslation();
  const goals = useQuery({
    queryKey: ["reports", projectId, "goals", year, publish],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/reports/goals`, GoalsReport, { year, ...(publish && { publish: "true" }) }),
  });
  const api = `/api/projects/${seg(projectId)}`;
  const fmt = (v: number | string | null, unit: string) =>
    v === null ? "–" : typeof v === "number" ? `${v.toLocaleString("sv-SE")}${unit === "percent" ? " %" : ""}` : v;
  return (
    <Panel title={t("reports.goals.title", { year })}>
      <Stack gap="sm">
        <Group gap="xs">
          {(["xlsx", "csv"] as const).map((f) => (
            <Download
              key={f}
              href={`${api}/reports/goals?year=${year}&format=${f}${publish ? "&publish=true" : ""}`}
              what={t("reports.goals.what")}
              format={f.toUpperCase()}
            />
          ))}
        </Group>
        {goals.isPending ? (
          <Loading />
        ) : goals.isError ? (
          <ErrorAlert error={goals.error} />
        ) : (
          <TableScroll minWidth={640} label={t("reports.goals.caption", { year })}>
            <Table striped withTableBorder captionSide="top">
              <Table.Caption className="report-caption">{t("reports.goals.caption", { year })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("reports.goals.goal")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("reports.goals.target")}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("reports.goals.actual")}
                  </Table.Th>
                  <Table.Th scope="col">{t("reports.goals.basis")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {goals.data.goals.map((g) => (
                  <Table.Tr key={g.measure}>
                    <Table.Th scope="row" fw={500}>
                      {g.label}
                    </Table.Th>
                    <Table.Td ta="right">{fmt(g.target, g.unit)}</Table.Td>
                    <Table.Td ta="right">{fmt(g.actual, g.unit)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{g.basis}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Stack>
    </Panel>
  );
}

function EconomyPanel({ projectId, year }: { projectId: string; year: number }) {
  const { t } = useTranslation();
  const economy = useQuery({
    queryKey: ["reports", projectId, "economy", year],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/reports/economy`, EconomyReport, { fromYear: year, toYear: year }),
  });
  const api = `/api/projects/${seg(projectId)}`;
  return (
    <Panel title={t("reports.economy.title", { year })}>
      <Stack gap="sm">
        <Group gap="xs">
          {(["xlsx", "csv"] as const).map((f) => (
            <Download
              key={f}
              href={`${api}/reports/economy?fromYear=${year}&toYear=${year}&format=${f}`}
              what={t("reports.economy.what")}
              format={f.toUpperCase()}
            />
          ))}
        </Group>
        {economy.isPending ? (
          <Loading />
        ) : economy.isError ? (
          <ErrorAlert error={economy.error} />
        ) : economy.data.tables.length < 2 ? (
          <Text>{t("reports.economy.none")}</Text>
        ) : (
          economy.data.tables.map((tb) => <ReportTableView key={tb.id} table={tb} />)
        )}
      </Stack>
    </Panel>
  );
}

function SettingsForm({ projectId, settings }: { projectId: string; settings: ReportSettings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [threshold, setThreshold] = useState(String(settings.threshold));
  const [months, setMonths] = useState(settings.followUpMonths.join(", "));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setThreshold(String(settings.threshold));
    setMonths(settings.followUpMonths.join(", "));
  }, [settings]);
  const save = useMutation({
    mutationFn: (body: UpdateReportSettingsInput) => apiSend("PUT", `/projects/${seg(projectId)}/reports/settings`, body, ReportSettings),
    onSuccess: (data) => {
      client.setQueryData(reportSettingsQuery(projectId).queryKey, data);
      void client.invalidateQueries({ queryKey: ["reports", projectId] });
      setSaved(true);
    },
    onError: (error) => setErrors(mergeFieldErrors({}, error)),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const body = {
      version: settings.version,
      threshold: threshold.trim() === "" ? Number.NaN : Number(threshold),
      followUpMonths: months
        .split(/[,;\s]+/)
        .filter(Boolean)
        .map(Number),
    };
    const check = UpdateReportSettingsInput.safeParse(body);
    if (!check.success) {
      setErrors(zodFieldErrors(check.error));
      return;
    }
    setErrors({});
    save.mutate(check.data);
  }
  const conflict = conflictOf(save.error);
  return (
    <Panel title={t("reports.settings.title")}>
      <form onSubmit={submit} noValidate aria-label={t("reports.settings.title")}>
        <Stack gap="sm" maw={420}>
          <TextInput
            label={t("reports.settings.threshold")}
            description={t("reports.settings.thresholdHelp")}
            inputMode="numeric"
            value={threshold}
            onChange={(e) => setThreshold(e.currentTarget.value)}
            error={errors.threshold}
          />
          <TextInput
            label={t("reports.settings.followUpMonths")}
            description={t("reports.settings.followUpMonthsHelp")}
            value={months}
            onChange={(e) => setMonths(e.currentTarget.value)}
            error={errors.followUpMonths}
          />
          {conflict ? (
            <Alert color="orange" role="alert">
              {t("reports.settings.conflict")}
            </Alert>
          ) : save.isError && !Object.keys(errors).length ? (
            <ErrorAlert error={save.error} />
          ) : null}
          {saved && <Text role="status">{t("reports.settings.saved")}</Text>}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("reports.settings.save")}
            </Button>
            {conflict && (
              <Button
                variant="default"
                onClick={() => void client.invalidateQueries({ queryKey: reportSettingsQuery(projectId).queryKey }).then(() => save.reset())}
              >
                {t("conflict.reload")}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Panel>
  );
}
