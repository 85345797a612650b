import type { AnnualReport, ReportTable } from "../../../schemas/reports.ts";

export const SMALL = "<5";
const isSmall = (v: unknown) => typeof v === "number" && v >= 1 && v <= 4;

/**
 * Hide counts 1–4 as "<5", then hide one more cell wherever a row or column would otherwise let
 * a hidden cell be recovered from its total (secondary suppression): a line with exactly one
 * hidden inner cell gets its smallest other non-zero inner cell hidden too. Repeats until stable.
 * Totals themselves are hidden only when they are small.
 */
export function suppressTable(t: ReportTable, { rowTotal = true, colTotal = true } = {}): ReportTable {
  const grid: (number | string)[][] = t.rows.map((r) => [...r.values]);
  const innerRows = colTotal ? grid.length - 1 : grid.length;
  const innerCols = rowTotal ? (grid[0]?.length ?? 1) - 1 : (grid[0]?.length ?? 0);
  const hidden = grid.map((row) => row.map((v) => isSmall(v)));
  const hideOneMore = (cells: [number, number][]) => {
    const open = cells.filter(([r, c]) => !hidden[r]?.[c] && typeof grid[r]?.[c] === "number" && (grid[r]?.[c] as number) > 0);
    if (!open.length) return false;
    open.sort(([r1, c1], [r2, c2]) => (grid[r1]?.[c1] as number) - (grid[r2]?.[c2] as number));
    const [r, c] = open[0] as [number, number];
    (hidden[r] as boolean[])[c] = true;
    return true;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let r = 0; r < innerRows; r++) {
      const cells = Array.from({ length: innerCols }, (_, c) => [r, c] as [number, number]);
      if (rowTotal && cells.filter(([a, b]) => hidden[a]?.[b]).length === 1) changed = hideOneMore(cells) || changed;
    }
    for (let c = 0; c < innerCols; c++) {
      const cells = Array.from({ length: innerRows }, (_, r) => [r, c] as [number, number]);
      if (colTotal && cells.filter(([a, b]) => hidden[a]?.[b]).length === 1) changed = hideOneMore(cells) || changed;
    }
  }
  return { ...t, rows: t.rows.map((row, r) => ({ label: row.label, values: row.values.map((v, c) => (hidden[r]?.[c] ? SMALL : v)) })) };
}

export function suppressSmallCells(report: AnnualReport): AnnualReport {
  const tables = report.tables.map((t) => {
    if (t.id === "time_and_extensions") {
      // Means and medians are not counts; the person and extension counts are.
      return { ...t, rows: t.rows.map((r) => ({ ...r, values: r.values.map((v, i) => (i >= 2 && isSmall(v) ? SMALL : v)) })) };
    }
    if (t.id === "work_experience") return suppressTable(t, { rowTotal: false, colTotal: true });
    if (t.id === "education_background") return suppressTable(t, { rowTotal: true, colTotal: false });
    return suppressTable(t);
  });
  const s = report.summary;
  const hide = (v: number | string) => (isSmall(v) ? SMALL : v);
  return {
    ...report,
    suppressed: true,
    summary: { ...s, uniqueParticipants: hide(s.uniqueParticipants), enrolments: hide(s.enrolments), exited: hide(s.exited) },
    tables,
    notes: [...report.notes, "Antal mellan 1 och 4 visas som <5, och ytterligare celler döljs där en dold cell annars kunde räknas fram ur summorna."],
  };
}
