import type { AnnualReport, ReportTable } from "../../../schemas/reports.ts";

/** The default small-cell threshold of reports.md: counts 1–4 are hidden. */
export const DEFAULT_THRESHOLD = 4;
/** How a hidden count shows: "<5" for the default threshold of 4. */
export const smallLabel = (threshold = DEFAULT_THRESHOLD) => `<${threshold + 1}`;
export const SMALL = smallLabel();
const smallUnder = (threshold: number) => (v: unknown) => typeof v === "number" && v >= 1 && v <= threshold;

type Cell = [row: number, col: number];
/** A sum the table shows: the parts add up to the total. */
interface Line {
  parts: Cell[];
  total: Cell;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const key = ([r, c]: Cell) => `${r}:${c}`;

/**
 * The sums a reader can check in a table. Cross tables: every row ends in its total and the last
 * row holds the column totals. Work experience has only column totals (a person may be in two
 * columns). Education has row totals, and its rows come in threes per gender and for the total
 * (completed, not completed, total) with the gender rows adding up to the total rows. Only sums
 * that hold in the numbers are kept: persons with unknown completion count only in "totalt".
 */
function linesOf(t: ReportTable): Line[] {
  const grid = t.rows.map((r) => r.values);
  const nr = grid.length;
  const nc = grid[0]?.length ?? 0;
  const rowLines = (rows: number[]): Line[] => rows.map((r) => ({ parts: range(nc - 1).map((c): Cell => [r, c]), total: [r, nc - 1] }));
  const colLines = (cols: number[]): Line[] => cols.map((c) => ({ parts: range(nr - 1).map((r): Cell => [r, c]), total: [nr - 1, c] }));
  let lines: Line[];
  if (t.id === "time_and_extensions") lines = [];
  else if (t.id === "work_experience") lines = colLines(range(nc));
  else if (t.id === "education_background") {
    const groups = nr / 3;
    lines = rowLines(range(nr));
    for (const c of range(nc)) {
      for (const g of range(groups))
        lines.push({
          parts: [
            [3 * g, c],
            [3 * g + 1, c],
          ],
          total: [3 * g + 2, c],
        });
      for (const k of range(3)) lines.push({ parts: range(groups - 1).map((g): Cell => [3 * g + k, c]), total: [3 * (groups - 1) + k, c] });
    }
  } else lines = [...rowLines(range(nr)), ...colLines(range(nc))];
  const at = ([r, c]: Cell) => grid[r]?.[c];
  return lines.filter((l) => l.parts.length > 0 && l.parts.reduce((a, p) => a + Number(at(p)), 0) === Number(at(l.total)));
}

/**
 * The hidden cells whose value follows from the visible numbers and the table's sums. Each line
 * is an equation over its hidden cells; a hidden cell is recoverable when the reduced system
 * pins it down (its pivot row has no free unknowns left).
 */
function recoverable(lines: Line[], hidden: Set<string>): string[] {
  const vars = [...new Set(lines.flatMap((l) => [...l.parts, l.total].map(key)).filter((k) => hidden.has(k)))];
  const index = new Map(vars.map((v, i) => [v, i]));
  const m = lines.map((l) => {
    const row = new Array<number>(vars.length).fill(0);
    for (const p of l.parts) if (index.has(key(p))) row[index.get(key(p)) as number] = 1;
    if (index.has(key(l.total))) row[index.get(key(l.total)) as number] = -1;
    return row;
  });
  const pivotOf: number[] = [];
  let r = 0;
  for (let c = 0; c < vars.length && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && Math.abs(row[c] as number) > 1e-9);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p] as number[], m[r] as number[]];
    const pr = m[r] as number[];
    const f = pr[c] as number;
    for (let j = 0; j < vars.length; j++) pr[j] = (pr[j] as number) / f;
    for (const [i, row] of m.entries()) {
      const g = row[c] as number;
      if (i !== r && Math.abs(g) > 1e-9) for (let j = 0; j < vars.length; j++) row[j] = (row[j] as number) - g * (pr[j] as number);
    }
    pivotOf[r] = c;
    r++;
  }
  const out: string[] = [];
  for (let i = 0; i < r; i++) {
    const c = pivotOf[i] as number;
    const row = m[i] as number[];
    if (row.every((v, j) => j === c || Math.abs(v) < 1e-9)) out.push(vars[c] as string);
  }
  return out;
}

/**
 * Hide counts 1–4 as "<5" (and any cells given in `alsoHide`), then hide more cells until no
 * hidden cell can be worked out from the visible numbers and the table's sums (secondary
 * suppression): next to a recoverable cell, the smallest visible non-zero cell on one of its
 * lines is hidden, inner cells before totals. Zeros stay visible; they give nothing away.
 */
export function suppressTable(t: ReportTable, alsoHide: Cell[] = [], threshold = DEFAULT_THRESHOLD): ReportTable {
  const isSmall = smallUnder(threshold);
  const SMALL = smallLabel(threshold);
  const grid = t.rows.map((r) => r.values);
  const at = ([r, c]: Cell) => grid[r]?.[c];
  const hidden = new Set<string>(alsoHide.map(key));
  for (const [r, row] of grid.entries()) for (const [c, v] of row.entries()) if (isSmall(v)) hidden.add(key([r, c]));
  const lines = linesOf(t);
  const totals = new Set(lines.map((l) => key(l.total)));
  const nextToHide = () => {
    for (const cell of recoverable(lines, hidden)) {
      const open = lines
        .filter((l) => [...l.parts, l.total].some((p) => key(p) === cell))
        .flatMap((l) => [...l.parts, l.total])
        .filter((p) => !hidden.has(key(p)) && typeof at(p) === "number" && (at(p) as number) > 0);
      open.sort((a, b) => Number(totals.has(key(a))) - Number(totals.has(key(b))) || (at(a) as number) - (at(b) as number));
      if (open[0]) return open[0];
    }
    return undefined;
  };
  for (let next = nextToHide(); next; next = nextToHide()) hidden.add(key(next));
  return { ...t, rows: t.rows.map((row, r) => ({ label: row.label, values: row.values.map((v, c) => (hidden.has(key([r, c])) ? SMALL : v)) })) };
}

/** The person tables' cells that hold each gender's number of persons, and the number of all persons ("Totalt"). */
function personTotals(t: ReportTable): Map<string, Cell> {
  const out = new Map<string, Cell>();
  const last = (t.rows[0]?.values.length ?? 1) - 1;
  for (const [r, row] of t.rows.entries()) {
    if (t.id === "education_background") {
      if (row.label.endsWith(" – totalt")) out.set(row.label.slice(0, -" – totalt".length), [r, last]);
    } else out.set(row.label, [r, last]);
  }
  return out;
}
const PERSON_TABLES = new Set(["education_background", "income_at_entry", "referring_party"]);

export function suppressSmallCells(report: AnnualReport, threshold = DEFAULT_THRESHOLD): AnnualReport {
  const isSmall = smallUnder(threshold);
  const SMALL = smallLabel(threshold);
  // The number of persons per gender shows in three tables and, as shares, in the summary: hide
  // the same ones everywhere, or one table would give away what another hides.
  const shared = new Set<string>();
  let tables: ReportTable[] = [];
  for (let before = -1; before !== shared.size; ) {
    before = shared.size;
    tables = report.tables.map((t) => {
      if (t.id === "time_and_extensions") {
        // Means and medians are not counts; the person and extension counts are, with no sums between them.
        return { ...t, rows: t.rows.map((r) => ({ ...r, values: r.values.map((v, i) => (i >= 2 && isSmall(v) ? SMALL : v)) })) };
      }
      if (!PERSON_TABLES.has(t.id)) return suppressTable(t, [], threshold);
      const cells = personTotals(t);
      const s = suppressTable(
        t,
        [...shared].flatMap((g) => (cells.has(g) ? [cells.get(g) as Cell] : [])),
        threshold,
      );
      for (const [g, [r, c]] of personTotals(s)) if (s.rows[r]?.values[c] === SMALL) shared.add(g);
      return s;
    });
  }
  const grandTotalHidden = (id: string) => {
    const t = tables.find((x) => x.id === id);
    return t?.rows.at(-1)?.values.at(-1) === SMALL;
  };
  const duringTotalHidden = (column: string) => {
    const t = tables.find((x) => x.id === "results_during");
    return t?.rows.at(-1)?.values[t.columns.indexOf(column)] === SMALL;
  };
  const s = report.summary;
  const hide = (v: number | string, hiddenElsewhere: boolean) => (isSmall(v) || hiddenElsewhere ? SMALL : v);
  return {
    ...report,
    suppressed: true,
    summary: {
      ...s,
      uniqueParticipants: hide(s.uniqueParticipants, shared.has("Totalt")),
      enrolments: hide(s.enrolments, grandTotalHidden("gender_by_intake")),
      exited: hide(s.exited, grandTotalHidden("results_at_exit")),
      hadEmployment: hide(s.hadEmployment, duringTotalHidden("Anställning")),
      hadInternship: hide(s.hadInternship, duringTotalHidden("Praktik")),
      hadStudies: hide(s.hadStudies, duringTotalHidden("Studier")),
      genderShares: s.genderShares.map((g) => (shared.has(g.gender) ? { ...g, percent: null } : g)),
    },
    tables,
    notes: [
      ...report.notes,
      `Antal mellan 1 och ${threshold} visas som ${SMALL}, och ytterligare celler döljs där en dold cell annars kunde räknas fram ur summorna. Könsfördelningen visas inte för kön med dolt antal.`,
    ],
  };
}
