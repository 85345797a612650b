import type { AnnualReport, ReportTable } from "../../schemas/reports.ts";

/**
 * An attacker for small-cell suppression, written from the shape of the tables in reports.md
 * rather than from the suppression code: every sum a reader can check (row totals, column
 * totals, education's completed + not completed = total per gender and genders = Totalt), the
 * same numbers shown in several places (persons per gender in the three person tables, grand
 * totals and the summary) and the gender shares. Each sum is an equation over the hidden cells;
 * a hidden cell is recovered when the equations pin it to one value.
 */
type Ref = string;
interface Eq {
  terms: Map<Ref, number>;
  constant: number;
}
export interface Recovered {
  where: string;
  value: number;
}

const ref = (table: string, r: number, c: number) => `${table}|${r}|${c}`;

export function recoverHiddenCells(report: AnnualReport): Recovered[] {
  const eqs: Eq[] = [];
  const shownAt = new Map<Ref, number | string>();
  const labelOf = new Map<Ref, string>();
  for (const t of report.tables) {
    for (const [r, row] of t.rows.entries()) {
      for (const [c, v] of row.values.entries()) {
        shownAt.set(ref(t.id, r, c), v);
        labelOf.set(ref(t.id, r, c), `${t.id} [${row.label}] [${t.columns[c]}]`);
      }
    }
  }
  for (const k of ["uniqueParticipants", "enrolments", "exited", "hadEmployment", "hadInternship", "hadStudies"] as const) {
    shownAt.set(`summary|${k}`, report.summary[k]);
    labelOf.set(`summary|${k}`, `summary.${k}`);
  }
  /** Σ coef·cell = constant, with the visible cells folded into the constant. */
  const equation = (terms: [Ref, number][], constant = 0) => {
    const eq: Eq = { terms: new Map(), constant };
    for (const [x, coef] of terms) {
      const v = shownAt.get(x);
      if (typeof v === "number") eq.constant -= coef * v;
      else eq.terms.set(x, (eq.terms.get(x) ?? 0) + coef);
    }
    if (eq.terms.size) eqs.push(eq);
  };
  const sum = (parts: Ref[], total: Ref) => equation([...parts.map((p): [Ref, number] => [p, 1]), [total, -1]]);
  const same = (a: Ref, b: Ref) =>
    equation([
      [a, 1],
      [b, -1],
    ]);
  const rowOf = (t: ReportTable, label: string) => t.rows.findIndex((r) => r.label === label);
  const width = (t: ReportTable) => t.columns.length;
  const byId = (id: string) => report.tables.find((t) => t.id === id);

  for (const t of report.tables) {
    const nr = t.rows.length;
    const nc = width(t);
    const rowSums = () => {
      for (let r = 0; r < nr; r++)
        sum(
          Array.from({ length: nc - 1 }, (_, c) => ref(t.id, r, c)),
          ref(t.id, r, nc - 1),
        );
    };
    const colSums = () => {
      for (let c = 0; c < nc; c++)
        sum(
          Array.from({ length: nr - 1 }, (_, r) => ref(t.id, r, c)),
          ref(t.id, nr - 1, c),
        );
    };
    if (["gender_by_intake", "income_at_entry", "referring_party", "results_during", "results_at_exit"].includes(t.id)) {
      rowSums();
      colSums();
    } else if (t.id === "work_experience") {
      colSums();
    } else if (t.id === "education_background") {
      rowSums();
      const genders = t.rows.filter((r) => r.label.endsWith(" – totalt")).map((r) => r.label.replace(" – totalt", ""));
      for (let c = 0; c < nc; c++) {
        for (const g of genders)
          sum([ref(t.id, rowOf(t, `${g} – fullföljd`), c), ref(t.id, rowOf(t, `${g} – ej fullföljd`), c)], ref(t.id, rowOf(t, `${g} – totalt`), c));
        for (const kind of ["fullföljd", "ej fullföljd", "totalt"]) {
          sum(
            genders.filter((g) => g !== "Totalt").map((g) => ref(t.id, rowOf(t, `${g} – ${kind}`), c)),
            ref(t.id, rowOf(t, `Totalt – ${kind}`), c),
          );
        }
      }
    }
  }

  // The same persons per gender in the person tables, and their grand total in the summary.
  const genderTotal = new Map<string, Ref[]>();
  for (const t of report.tables) {
    const last = width(t) - 1;
    for (const [r, row] of t.rows.entries()) {
      let g: string | undefined;
      if (t.id === "education_background") g = row.label.endsWith(" – totalt") ? row.label.replace(" – totalt", "") : undefined;
      else if (t.id === "income_at_entry" || t.id === "referring_party") g = row.label;
      if (g) genderTotal.set(g, [...(genderTotal.get(g) ?? []), ref(t.id, r, last)]);
    }
  }
  for (const refs of genderTotal.values()) for (const x of refs.slice(1)) same(refs[0] as Ref, x);
  const everyone = genderTotal.get("Totalt")?.[0];
  if (everyone) same("summary|uniqueParticipants", everyone);
  // Gender shares: percent × persons / 100 is the number of persons of that gender.
  const n = report.summary.uniqueParticipants;
  for (const g of report.summary.genderShares) {
    const x = genderTotal.get(g.gender)?.[0];
    if (typeof n === "number" && typeof g.percent === "number" && x) equation([[x, 1]], Math.round((g.percent * n) / 100));
  }
  const grand = (id: string) => {
    const t = byId(id);
    return t ? ref(id, t.rows.length - 1, width(t) - 1) : undefined;
  };
  const intakeGrand = grand("gender_by_intake");
  const exitGrand = grand("results_at_exit");
  if (intakeGrand) same("summary|enrolments", intakeGrand);
  if (exitGrand) same("summary|exited", exitGrand);
  // The summary's persons with employment, internship and studies are the Totalt row of results_during.
  const during = byId("results_during");
  if (during) {
    const total = during.rows.length - 1;
    for (const [k, col] of [
      ["hadEmployment", "Anställning"],
      ["hadInternship", "Praktik"],
      ["hadStudies", "Studier"],
    ] as const) {
      const c = during.columns.indexOf(col);
      if (c >= 0) same(`summary|${k}`, ref(during.id, total, c));
    }
  }

  return solve(eqs).map(([x, value]) => ({ where: labelOf.get(x) ?? x, value }));
}

/** Gauss–Jordan elimination; an unknown is recovered when its reduced row has no other unknown. */
function solve(eqs: Eq[]): [Ref, number][] {
  const vars = [...new Set(eqs.flatMap((e) => [...e.terms.keys()]))];
  const m = eqs.map((e) => [...vars.map((v) => e.terms.get(v) ?? 0), e.constant]);
  const eps = 1e-9;
  let r = 0;
  const pivots: number[] = [];
  for (let c = 0; c < vars.length && r < m.length; c++) {
    let p = -1;
    for (let i = r; i < m.length; i++) if (Math.abs(m[i]?.[c] ?? 0) > eps) p = p < 0 ? i : p;
    if (p < 0) continue;
    const tmp = m[r] as number[];
    m[r] = m[p] as number[];
    m[p] = tmp;
    const pr = m[r] as number[];
    const f = pr[c] as number;
    for (let j = 0; j <= vars.length; j++) pr[j] = (pr[j] as number) / f;
    for (let i = 0; i < m.length; i++) {
      const row = m[i] as number[];
      const g = row[c] as number;
      if (i !== r && Math.abs(g) > eps) for (let j = 0; j <= vars.length; j++) row[j] = (row[j] as number) - g * (pr[j] as number);
    }
    pivots.push(c);
    r++;
  }
  const out: [Ref, number][] = [];
  for (const [i, c] of pivots.entries()) {
    const row = m[i] as number[];
    if (row.slice(0, vars.length).every((v, j) => j === c || Math.abs(v) < eps)) out.push([vars[c] as Ref, Math.round(row[vars.length] as number)]);
  }
  return out;
}
