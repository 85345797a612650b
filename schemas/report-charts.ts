import type { ReportTable } from "./reports.ts";

/**
 * The annual report's charts, shared by the server (SVG in the PDF and the DOCX) and the web page
 * (React SVG): which tables get a chart, the chart's figures, and where every bar, line and label
 * goes. Only the drawing differs between them, so a chart looks the same on the page and on paper.
 * Pure functions, no server or browser imports.
 */

export type ChartUnit = "persons" | "enrolments";

/** A grouped bar chart: one group per category, one bar per series in each group. */
export interface BarChart {
  tableId: string;
  /** The table's title; the chart is drawn from that table alone. */
  title: string;
  unit: ChartUnit;
  /** True when the one series is the table's Totalt row, because most counts per gender are hidden. */
  allGenders: boolean;
  categories: string[];
  /** Values in the order of `categories`; null where the table shows no number (a hidden small count). */
  series: { name: string; values: (number | null)[] }[];
  /** Cells the table shows as text — small counts hidden as "<5" — for which no bar is drawn. */
  hidden: { series: string; category: string; shown: string }[];
  /** Categories where every value is 0: left out of the chart, still in the table. */
  empty: string[];
}

const TOTAL = "Totalt";

interface ChartSpec {
  unit: ChartUnit;
  /** The series name of a gender row, or null for the other rows. */
  gender: (label: string) => string | null;
  /** The label of the row that sums the genders. */
  total: string;
}
const crossTable = (unit: ChartUnit): ChartSpec => ({ unit, gender: (l) => (l === TOTAL ? null : l), total: TOTAL });

/**
 * The tables that get a chart. Cross tables of genders by categories show the genders side by
 * side per category; the Totalt column is left out, since a total bar would dwarf the parts it
 * sums. Education has three rows per gender, of which the gender's "totalt" row is charted. Work
 * experience (three overlapping columns) and time and extensions (one row of different units)
 * read better as the table alone.
 */
const CHARTS: Record<string, ChartSpec> = {
  gender_by_intake: crossTable("enrolments"),
  education_background: {
    unit: "persons",
    gender: (l) => {
      const m = /^(.+) – totalt$/.exec(l);
      return m?.[1] && m[1] !== TOTAL ? m[1] : null;
    },
    total: `${TOTAL} – totalt`,
  },
  income_at_entry: crossTable("persons"),
  referring_party: crossTable("persons"),
  results_during: crossTable("persons"),
  results_at_exit: crossTable("persons"),
};

type Row = { name: string; values: ReportTable["rows"][number]["values"] };
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Bars for the given rows over the table's categories; null when no bar would be drawn. */
function barsOf(table: ReportTable, unit: ChartUnit, rows: Row[], allGenders: boolean): BarChart | null {
  const columns = table.columns.map((label, i) => ({ label, i })).filter((c) => c.label !== TOTAL);
  const kept = columns.filter((c) => rows.some((r) => !isNumber(r.values[c.i]) || (r.values[c.i] as number) > 0));
  const chart: BarChart = {
    tableId: table.id,
    title: table.title,
    unit,
    allGenders,
    categories: kept.map((c) => c.label),
    series: rows.map((r) => ({ name: r.name, values: kept.map((c) => r.values[c.i]).map((v) => (isNumber(v) ? v : null)) })),
    hidden: kept.flatMap((c) =>
      rows.flatMap((r) => (isNumber(r.values[c.i]) ? [] : [{ series: r.name, category: c.label, shown: String(r.values[c.i] ?? "") }])),
    ),
    empty: columns.filter((c) => !kept.includes(c)).map((c) => c.label),
  };
  return rows.length && maxOf(chart) > 0 ? chart : null;
}

/**
 * The chart of a report table, or null when the table has none or nothing to draw. The genders
 * side by side, unless at least half of their cells are hidden small counts (a small project in
 * a suppressed report); then the Totalt row, which hides far fewer, as one series.
 */
export function chartOf(table: ReportTable): BarChart | null {
  const spec = CHARTS[table.id];
  if (!spec) return null;
  const genders = table.rows.flatMap((r): Row[] => {
    const name = spec.gender(r.label);
    return name ? [{ name, values: r.values }] : [];
  });
  const byGender = barsOf(table, spec.unit, genders, false);
  if (byGender && byGender.hidden.length * 2 < byGender.series.length * byGender.categories.length) return byGender;
  const total = table.rows.filter((r) => r.label === spec.total).map((r): Row => ({ name: TOTAL, values: r.values }));
  return barsOf(table, spec.unit, total, true) ?? byGender;
}

const maxOf = (c: BarChart) => Math.max(0, ...c.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));

/** Counts as a Swedish reader writes them: 1 234. */
export const formatCount = (v: number) => v.toLocaleString("sv-SE");

/** The cells without a bar, as "Män – AF (<5)", or only the category when there is one series. */
export const hiddenCells = (c: BarChart): string[] => c.hidden.map((h) => `${c.series.length === 1 ? h.category : `${h.series} – ${h.category}`} (${h.shown})`);

/** Every figure of the chart as one sentence per category, for a text alternative. */
export function chartValuesText(c: BarChart, hiddenWord: string): string {
  const value = (v: number | null, series: string, category: string) => {
    if (v !== null) return formatCount(v);
    const shown = c.hidden.find((h) => h.series === series && h.category === category)?.shown;
    return shown ? `${shown} (${hiddenWord})` : hiddenWord;
  };
  return c.categories.map((cat, i) => `${cat}: ${c.series.map((s) => `${s.name} ${value(s.values[i] ?? null, s.name, cat)}`).join(", ")}`).join(". ");
}

// ── Layout ──

/**
 * Okabe–Ito colours, the light ones darkened, so that each series is told apart with the common
 * colour-vision deficiencies and every bar has at least 3:1 contrast against white (WCAG 1.4.11).
 * Colour is never the only cue: the legend keeps the series order and every bar carries its value.
 */
export const CHART_PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#7A5C00", "#5C5C5C"] as const;
const INK = "#212529";
const MUTED = "#495057";
const GRID = "#dee2e6";

export type ChartShape =
  | { type: "rect"; x: number; y: number; width: number; height: number; fill: string }
  | { type: "line"; x1: number; y1: number; x2: number; y2: number; stroke: string }
  | { type: "text"; x: number; y: number; text: string; size: number; anchor: "start" | "middle" | "end"; fill: string; italic?: boolean };

/** A chart as shapes in a box of `width` × `height` units (points in the PDF, pixels on the page). */
export interface ChartLayout {
  width: number;
  height: number;
  shapes: ChartShape[];
}

const WIDTH = 600;
const LABEL_WIDTH = 168;
const PLOT_LEFT = LABEL_WIDTH + 10;
const PLOT_RIGHT = WIDTH - 50;
const BAR = 14;
const BAR_GAP = 3;
const GROUP_GAP = 12;
const LABEL_SIZE = 11;
const SMALL_SIZE = 10;
const LINE = 13;

/** Text width estimated from Helvetica's average letter, enough to wrap labels and place the legend. */
const textWidth = (s: string, size: number) => s.length * size * 0.55;

/** A label in at most three lines of the label column, broken at spaces and after slashes; the table has it whole. */
function wrap(text: string, size: number, width: number): string[] {
  const max = Math.max(4, Math.floor(width / (size * 0.55)));
  const lines: string[] = [];
  let line = "";
  for (const [, space, part] of text.trim().matchAll(/(\s*)([^\s/]*\/|[^\s/]+)/g)) {
    let word = part as string;
    const joined = `${line}${line && space ? " " : ""}${word}`;
    if (joined.length <= max) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    while (word.length > max) {
      lines.push(word.slice(0, max));
      word = word.slice(max);
    }
    line = word;
  }
  if (line) lines.push(line);
  if (lines.length <= 3) return lines;
  return [...lines.slice(0, 2), `${(lines[2] as string).slice(0, max - 1)}…`];
}

/** Axis ticks at 1, 2 or 5 times a power of ten, from 0 past the largest value, about five of them. */
export function axisTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/**
 * Horizontal grouped bars: the legend on top, each category's label on the left (wrapped), its
 * bars to the right with the value written after each bar, the count axis at the bottom. A
 * hidden cell gets no bar, only the table's text for it ("<5").
 */
export function chartLayout(c: BarChart, axisTitle: string): ChartLayout {
  const shapes: ChartShape[] = [];
  const texts: ChartShape[] = [];
  const colour = (i: number) => CHART_PALETTE[i % CHART_PALETTE.length] as string;

  // Legend, wrapped to further rows when the series do not fit on one.
  let x = PLOT_LEFT;
  let y = 4;
  for (const [i, s] of c.series.entries()) {
    const w = 14 + textWidth(s.name, LABEL_SIZE) + 18;
    if (x + w > WIDTH && x > PLOT_LEFT) {
      x = PLOT_LEFT;
      y += 18;
    }
    shapes.push({ type: "rect", x, y, width: 10, height: 10, fill: colour(i) });
    texts.push({ type: "text", x: x + 14, y: y + 9, text: s.name, size: LABEL_SIZE, anchor: "start", fill: INK });
    x += w;
  }
  const plotTop = y + 24;

  const ticks = axisTicks(maxOf(c));
  const top = ticks.at(-1) as number;
  const scale = (v: number) => (v / top) * (PLOT_RIGHT - PLOT_LEFT);
  const barsHeight = c.series.length * BAR + (c.series.length - 1) * BAR_GAP;
  y = plotTop;
  for (const [ci, category] of c.categories.entries()) {
    const lines = wrap(category, LABEL_SIZE, LABEL_WIDTH);
    const groupHeight = Math.max(barsHeight, lines.length * LINE);
    const firstBaseline = y + (groupHeight - lines.length * LINE) / 2 + LINE - 3;
    for (const [li, line] of lines.entries())
      texts.push({ type: "text", x: LABEL_WIDTH, y: firstBaseline + li * LINE, text: line, size: LABEL_SIZE, anchor: "end", fill: INK });
    const barsTop = y + (groupHeight - barsHeight) / 2;
    for (const [si, s] of c.series.entries()) {
      const v = s.values[ci] ?? null;
      const barY = barsTop + si * (BAR + BAR_GAP);
      const baseline = barY + BAR - 3;
      if (v === null) {
        const shown = c.hidden.find((h) => h.series === s.name && h.category === category)?.shown ?? "";
        texts.push({ type: "text", x: PLOT_LEFT + 4, y: baseline, text: shown, size: SMALL_SIZE, anchor: "start", fill: MUTED, italic: true });
        continue;
      }
      // The smallest count still shows as a sliver, so a bar is never mistaken for a zero.
      const w = v > 0 ? Math.max(1, scale(v)) : 0;
      if (w > 0) shapes.push({ type: "rect", x: PLOT_LEFT, y: barY, width: w, height: BAR, fill: colour(si) });
      texts.push({ type: "text", x: PLOT_LEFT + w + 4, y: baseline, text: formatCount(v), size: SMALL_SIZE, anchor: "start", fill: INK });
    }
    y += groupHeight + GROUP_GAP;
  }
  const plotBottom = y - GROUP_GAP / 2;

  const grid: ChartShape[] = ticks.map((t) => ({
    type: "line",
    x1: PLOT_LEFT + scale(t),
    y1: plotTop - 6,
    x2: PLOT_LEFT + scale(t),
    y2: plotBottom,
    stroke: GRID,
  }));
  const axes: ChartShape[] = [
    { type: "line", x1: PLOT_LEFT, y1: plotTop - 6, x2: PLOT_LEFT, y2: plotBottom, stroke: MUTED },
    { type: "line", x1: PLOT_LEFT, y1: plotBottom, x2: PLOT_RIGHT, y2: plotBottom, stroke: MUTED },
  ];
  for (const t of ticks) {
    axes.push({ type: "line", x1: PLOT_LEFT + scale(t), y1: plotBottom, x2: PLOT_LEFT + scale(t), y2: plotBottom + 4, stroke: MUTED });
    texts.push({ type: "text", x: PLOT_LEFT + scale(t), y: plotBottom + 16, text: formatCount(t), size: SMALL_SIZE, anchor: "middle", fill: MUTED });
  }
  texts.push({ type: "text", x: (PLOT_LEFT + PLOT_RIGHT) / 2, y: plotBottom + 32, text: axisTitle, size: SMALL_SIZE, anchor: "middle", fill: MUTED });
  const round = (s: ChartShape): ChartShape => {
    const r = (n: number) => Math.round(n * 10) / 10;
    if (s.type === "rect") return { ...s, x: r(s.x), y: r(s.y), width: r(s.width), height: r(s.height) };
    if (s.type === "line") return { ...s, x1: r(s.x1), y1: r(s.y1), x2: r(s.x2), y2: r(s.y2) };
    return { ...s, x: r(s.x), y: r(s.y) };
  };
  return { width: WIDTH, height: Math.ceil(plotBottom + 40), shapes: [...grid, ...shapes, ...axes, ...texts].map(round) };
}
