import { Button, Stack, Table, Text } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Instrument, Score } from "../../../../schemas/ratings.ts";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDate } from "../../format.ts";
import { axisTicks, formatNumber } from "./queries.ts";

const W = 640;
const H = 240;
const PAD = { left: 44, right: 16, top: 16, bottom: 36 };

/**
 * The totals of one instrument over time as a line, with the alert limit as a dashed line.
 * Flagged scores are drawn as a triangle with a "!" and named in their text, so the meaning does
 * not rest on colour. The table below holds the same numbers for screen readers and print.
 */
export function ScoreChart({
  instrument,
  scores,
  language,
  onEdit,
}: {
  instrument: Instrument;
  scores: Score[];
  language: string;
  onEdit?: (score: Score) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const descId = useId();
  const name = language === "en" ? instrument.nameEn : instrument.nameSv;
  const itemName = (key: string) => {
    const item = instrument.items.find((i) => i.key === key);
    return item ? (language === "en" ? item.en : item.sv) : key;
  };
  const x = (i: number) => PAD.left + (scores.length === 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (scores.length - 1));
  // Start the axis a little under the lowest total or the limit, whichever is lower, so the
  // changes that matter are visible; the axis is labelled, so the cut is plain to see.
  const lowest = Math.min(instrument.alertValue, ...scores.map((s) => s.total));
  const bottom = Math.max(instrument.totalMin, Math.floor((lowest - 5) / 5) * 5);
  const y = (v: number) => PAD.top + ((instrument.totalMax - v) * (H - PAD.top - PAD.bottom)) / (instrument.totalMax - bottom);
  const ticks = axisTicks(bottom, instrument.totalMax);
  const alerts = scores.filter((s) => s.alert).length;
  const limitText = t(instrument.alertRule === "total_at_most" ? "ratings.chart.limitAtMost" : "ratings.chart.limitBelow", {
    value: formatNumber(instrument.alertValue, 1, language),
  });
  const caption = t("ratings.chart.caption", { name, count: scores.length });

  return (
    <Stack gap="sm">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        style={{ maxWidth: W, height: "auto" }}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        className="rating-chart"
      >
        <title id={titleId}>{t("ratings.chart.title", { name })}</title>
        <desc id={descId}>{t("ratings.chart.desc", { count: scores.length, alerts, limit: limitText })}</desc>
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
        <text x={PAD.left + 6} y={y(instrument.alertValue) + 16} fontSize="12" fill="#862e9c">
          {limitText}
        </text>
        {scores.length > 1 && <polyline fill="none" stroke="#1c7ed6" strokeWidth="2" points={scores.map((s, i) => `${x(i)},${y(s.total)}`).join(" ")} />}
        {scores.map((s, i) =>
          s.alert ? (
            <g key={s.id}>
              <path d={`M ${x(i)} ${y(s.total) - 9} L ${x(i) + 9} ${y(s.total) + 7} L ${x(i) - 9} ${y(s.total) + 7} Z`} fill="#c92a2a" />
              <text x={x(i)} y={y(s.total) + 5} textAnchor="middle" fontSize="11" fontWeight="700" fill="#fff">
                !
              </text>
            </g>
          ) : (
            <circle key={s.id} cx={x(i)} cy={y(s.total)} r="5" fill="#1c7ed6" />
          ),
        )}
        {scores.map((s, i) => (
          <text key={`d${s.id}`} x={x(i)} y={H - PAD.bottom + 18} textAnchor="middle" fontSize="11" fill="#495057">
            {formatDate(s.ratedOn).slice(5)}
          </text>
        ))}
      </svg>
      <Text size="sm">{t("ratings.chart.legend")}</Text>
      <TableScroll minWidth={720} label={caption}>
        <Table verticalSpacing="xs">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("ratings.ratedOn")}</Table.Th>
              <Table.Th scope="col">{t("ratings.context")}</Table.Th>
              {instrument.items.map((i) => (
                <Table.Th scope="col" key={i.key}>
                  {itemName(i.key)}
                </Table.Th>
              ))}
              <Table.Th scope="col">{t("ratings.total")}</Table.Th>
              <Table.Th scope="col">{t("ratings.alert")}</Table.Th>
              <Table.Th scope="col">{t("ratings.change")}</Table.Th>
              {onEdit && <Table.Th scope="col">{t("ratings.correct")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {scores.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Th scope="row" fw={400}>
                  {formatDate(s.ratedOn)}
                </Table.Th>
                <Table.Td>{s.context ? [t(`ratings.contextKinds.${s.context.kind}`), s.context.label].filter(Boolean).join(": ") : "–"}</Table.Td>
                {instrument.items.map((i) => (
                  <Table.Td key={i.key}>{formatNumber(s.items[i.key], 1, language)}</Table.Td>
                ))}
                <Table.Td fw={700}>{formatNumber(s.total, 1, language)}</Table.Td>
                <Table.Td>{s.alert ? <strong>{t("ratings.alertYes")}</strong> : t("ratings.alertNo")}</Table.Td>
                <Table.Td>
                  {s.changeFromFirst === null
                    ? t("ratings.firstScore")
                    : t("ratings.changeText", {
                        first: `${s.changeFromFirst > 0 ? "+" : ""}${formatNumber(s.changeFromFirst, 1, language)}`,
                        previous: `${(s.changeFromPrevious ?? 0) > 0 ? "+" : ""}${formatNumber(s.changeFromPrevious, 1, language)}`,
                      })}
                  {s.reliableChange && s.reliableChange !== "none" && ` (${t(`ratings.reliable.${s.reliableChange}`)})`}
                </Table.Td>
                {onEdit && (
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      onClick={() => onEdit(s)}
                      aria-label={t("ratings.correctScore", { date: formatDate(s.ratedOn) })}
                    >
                      {t("ratings.correct")}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}
