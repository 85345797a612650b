import "../../i18n/ratings.ts";
import { NativeSelect, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Instrument, RatingSummary } from "../../../../schemas/ratings.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { axisTicks, formatNumber, instrumentsQuery, ratingSummaryQuery } from "./queries.ts";

/** The project's scores of one scale per month or per group session, as a chart and a table. */
export function SummaryPanel({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const [instrument, setInstrument] = useState<"gsrs" | "ors" | "srs">("gsrs");
  const [by, setBy] = useState<"month" | "session">("month");
  const instruments = useQuery(instrumentsQuery(projectId));
  const summary = useQuery(ratingSummaryQuery(projectId, instrument, by));
  const current = instruments.data?.instruments.find((i) => i.code === instrument);
  return (
    <Panel title={t("ratingSummary.title")}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={560}>
          <NativeSelect label={t("ratings.instrument")} value={instrument} onChange={(e) => setInstrument(e.currentTarget.value as typeof instrument)}>
            {(instruments.data?.instruments ?? []).map((i) => (
              <option key={i.code} value={i.code}>
                {i18n.language === "en" ? i.nameEn : i.nameSv}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect label={t("ratingSummary.by")} value={by} onChange={(e) => setBy(e.currentTarget.value as typeof by)}>
            <option value="month">{t("ratingSummary.byMonth")}</option>
            <option value="session">{t("ratingSummary.bySession")}</option>
          </NativeSelect>
        </SimpleGrid>
        {summary.isPending || !current ? (
          <Loading />
        ) : summary.isError ? (
          <ErrorAlert error={summary.error} />
        ) : summary.data.rows.length === 0 ? (
          <Text>{t("ratingSummary.none")}</Text>
        ) : (
          <SummaryView summary={summary.data} instrument={current} language={i18n.language} />
        )}
      </Stack>
    </Panel>
  );
}

/** GSRS per session of one group over time, for the group's statistics page. */
export function GroupRatingsPanel({ projectId, groupId }: { projectId: string; groupId: string }) {
  const { t, i18n } = useTranslation();
  const instruments = useQuery(instrumentsQuery(projectId));
  const summary = useQuery(ratingSummaryQuery(projectId, "gsrs", "session", groupId));
  const gsrs = instruments.data?.instruments.find((i) => i.code === "gsrs");
  return (
    <Panel title={t("ratingSummary.groupTitle")}>
      {summary.isError || instruments.isError ? (
        <ErrorAlert error={summary.error ?? instruments.error} />
      ) : summary.isPending || !gsrs ? (
        <Loading />
      ) : summary.data.rows.length === 0 ? (
        <Text>{t("ratingSummary.groupNone")}</Text>
      ) : (
        <Stack gap="sm">
          {summary.data.suppressed && <Text size="sm">{t("ratingSummary.suppressedNote")}</Text>}
          <SummaryView summary={summary.data} instrument={gsrs} language={i18n.language} />
        </Stack>
      )}
    </Panel>
  );
}

const W = 640;
const H = 220;
const PAD = { left: 44, right: 16, top: 12, bottom: 40 };

function SummaryView({ summary, instrument, language }: { summary: RatingSummary; instrument: Instrument; language: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const name = language === "en" ? instrument.nameEn : instrument.nameSv;
  const shown = summary.rows.filter((r) => r.mean !== null);
  const lowest = Math.min(instrument.alertValue, ...shown.map((r) => r.min ?? instrument.totalMax));
  const bottom = Math.max(instrument.totalMin, Math.floor((lowest - 5) / 5) * 5);
  const y = (v: number) => PAD.top + ((instrument.totalMax - v) * (H - PAD.top - PAD.bottom)) / (instrument.totalMax - bottom);
  const slot = (W - PAD.left - PAD.right) / Math.max(1, summary.rows.length);
  const x = (i: number) => PAD.left + slot * (i + 0.5);
  const ticks = axisTicks(bottom, instrument.totalMax);
  const caption = t(summary.by === "month" ? "ratingSummary.captionMonth" : "ratingSummary.captionSession", { name });
  const n = (v: number | null) => formatNumber(v, 2, language);
  // A session known to the group is named by its date and theme in the reader's language; the
  // free-text occasion only reaches readers who may see the persons, and only in their label.
  const labelOf = (r: RatingSummary["rows"][number]) =>
    summary.suppressed && r.date ? [r.date, r.theme ? t(`groups.themes.${r.theme}`) : null].filter(Boolean).join(" ") : r.label;
  return (
    <Stack gap="sm">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W, height: "auto" }} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{t("ratingSummary.chartTitle", { name })}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#dee2e6" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="12" fill="#495057">
              {formatNumber(v, 1, language)}
            </text>
          </g>
        ))}
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={y(instrument.alertValue)}
          y2={y(instrument.alertValue)}
          stroke="#862e9c"
          strokeWidth="2"
          strokeDasharray="6 4"
        />
        {summary.rows.map((r, i) =>
          r.mean === null || r.min === null || r.max === null ? (
            <text key={r.key} x={x(i)} y={y(bottom) - 6} textAnchor="middle" fontSize="11" fill="#495057">
              &lt;5
            </text>
          ) : (
            <g key={r.key}>
              <line x1={x(i)} x2={x(i)} y1={y(r.min)} y2={y(r.max)} stroke="#1c7ed6" strokeWidth="2" />
              <line x1={x(i) - 6} x2={x(i) + 6} y1={y(r.min)} y2={y(r.min)} stroke="#1c7ed6" strokeWidth="2" />
              <line x1={x(i) - 6} x2={x(i) + 6} y1={y(r.max)} y2={y(r.max)} stroke="#1c7ed6" strokeWidth="2" />
              <rect x={x(i) - 5} y={y(r.mean) - 5} width="10" height="10" fill="#1c7ed6" />
            </g>
          ),
        )}
        {summary.rows.map((r, i) => (
          <text key={`l${r.key}`} x={x(i)} y={H - PAD.bottom + 16} textAnchor="middle" fontSize="11" fill="#495057">
            {summary.by === "month" ? r.label : (r.date ?? r.label).slice(5, 10)}
          </text>
        ))}
      </svg>
      <Text size="sm">{t("ratingSummary.legend")}</Text>
      <TableScroll minWidth={620} label={caption}>
        <Table verticalSpacing="xs">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{summary.by === "month" ? t("ratingSummary.month") : t("ratingSummary.session")}</Table.Th>
              <Table.Th scope="col">n</Table.Th>
              <Table.Th scope="col">{t("questionnaires.lowest")}</Table.Th>
              <Table.Th scope="col">{t("questionnaires.mean")}</Table.Th>
              <Table.Th scope="col">{t("questionnaires.highest")}</Table.Th>
              <Table.Th scope="col">{t("ratingSummary.underLimit")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Th scope="row" fw={400}>
                  {labelOf(r)}
                </Table.Th>
                <Table.Td>{r.n}</Table.Td>
                <Table.Td>{n(r.min)}</Table.Td>
                <Table.Td>{n(r.mean)}</Table.Td>
                <Table.Td>{n(r.max)}</Table.Td>
                <Table.Td>{r.alerts === null ? "–" : `${r.alerts} (${r.alertPercent} %)`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}
