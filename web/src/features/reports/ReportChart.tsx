import "../../i18n/reports.ts";
import { Text } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { chartLayout, chartOf, chartValuesText, hiddenCells } from "../../../../schemas/report-charts.ts";
import type { ReportTable } from "../../../../schemas/reports.ts";

/**
 * The chart of an annual-report table, when it has one: the same bars as in the PDF and the DOCX
 * (chosen and laid out in schemas/report-charts.ts), drawn as SVG. The SVG is an image named by its
 * title with every figure in its description; the table above stays the data to read and copy.
 */
export function ReportChart({ table }: { table: ReportTable }) {
  const { t } = useTranslation();
  const titleId = useId();
  const descId = useId();
  const chart = chartOf(table);
  if (!chart) return null;
  const persons = chart.unit === "persons";
  const unit = t(persons ? "reports.chart.unitPersons" : "reports.chart.unitEnrolments");
  const layout = chartLayout(chart, t(persons ? "reports.chart.axisPersons" : "reports.chart.axisEnrolments"));
  const cells = hiddenCells(chart).join(", ");
  return (
    <figure className="report-chart">
      <svg
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width="100%"
        // A fifth wider than the layout, so that its 10–11 unit labels read at 12–13 px on a wide screen.
        style={{ maxWidth: layout.width * 1.2, height: "auto", display: "block" }}
        fontFamily="Helvetica, Arial, sans-serif"
      >
        <title id={titleId}>{t("reports.chart.title", { title: chart.title })}</title>
        <desc id={descId}>{t("reports.chart.desc", { unit, values: chartValuesText(chart, t("reports.chart.hiddenWord")) })}</desc>
        {layout.shapes.map((s, i) => {
          const key = `${s.type}${i}`;
          if (s.type === "rect") return <rect key={key} x={s.x} y={s.y} width={s.width} height={s.height} fill={s.fill} />;
          if (s.type === "line") return <line key={key} x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} stroke={s.stroke} />;
          return (
            <text key={key} x={s.x} y={s.y} fontSize={s.size} textAnchor={s.anchor} fill={s.fill} fontStyle={s.italic ? "italic" : undefined}>
              {s.text}
            </text>
          );
        })}
      </svg>
      <Text component="figcaption" size="sm" c="dimmed" mt={4}>
        {[
          t(chart.allGenders ? "reports.chart.captionAllGenders" : "reports.chart.caption", { title: chart.title, unit }),
          chart.hidden.length > 0 && t("reports.chart.hidden", { count: chart.hidden.length, cells }),
          chart.empty.length > 0 && t("reports.chart.empty", { categories: chart.empty.join(", ") }),
        ]
          .filter(Boolean)
          .join(" ")}
      </Text>
    </figure>
  );
}
