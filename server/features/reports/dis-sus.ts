import { sql } from "kysely";
import { NationalCategories } from "../../../schemas/codes.ts";
import type { DisSusForm, DisSusForms, DisSusSummary, ReportTable } from "../../../schemas/reports.ts";
import type { Db } from "../../db/client.ts";
import { AppError, notFound } from "../../errors.ts";
import type { Sheet } from "./documents.ts";
import { DEFAULT_THRESHOLD, smallLabel, suppressTable } from "./suppress.ts";

/** The income groups of the DIS form, in the form's order. */
export const GROUPS = ["AF", "FK", "Kom", "Egen", "Ingen"] as const;
type Group = (typeof GROUPS)[number];
const MISSING = "Uppgift saknas";

export interface Period {
  projectId: string;
  from: string;
  to: string;
}

const exitLabel = (national: string | null, fallback: string | null) =>
  NationalCategories.exit_status.find((c) => c.value === national)?.label ?? fallback ?? MISSING;

/** Income shares per group for each enrolment and phase: the shares of a group's sources added up, at most 100. */
async function incomeShares(db: Db, projectId: string, enrolmentIds: string[]) {
  if (!enrolmentIds.length) return new Map<string, Record<Group, number>>();
  const rows = await db
    .selectFrom("enrolment_incomes as i")
    .leftJoin("codes as c", (j) => j.onRef("c.code", "=", "i.income_code").on("c.project_id", "=", projectId).on("c.list", "=", "income_type"))
    .select(["i.enrolment_id", "i.phase", "i.share", "c.national_category"])
    .where("i.enrolment_id", "in", enrolmentIds)
    .execute();
  const out = new Map<string, Record<Group, number>>();
  for (const r of rows) {
    const k = `${r.enrolment_id}|${r.phase}`;
    const g = (GROUPS as readonly string[]).includes(r.national_category ?? "") ? (r.national_category as Group) : "Egen";
    const m = out.get(k) ?? { AF: 0, FK: 0, Kom: 0, Egen: 0, Ingen: 0 };
    m[g] = Math.min(100, m[g] + r.share);
    out.set(k, m);
  }
  return out;
}

/** The group with the largest share; ties go to the form's order. Null when nothing was recorded. */
export function mainGroup(shares: Record<Group, number> | undefined): Group | null {
  if (!shares) return null;
  let best: Group | null = null;
  for (const g of GROUPS) if (shares[g] > 0 && (best === null || shares[g] > shares[best])) best = g;
  return best;
}

/** The enrolments with what their forms print; narrowed by the caller to a period or one enrolment. */
function formRows(db: Db) {
  return db
    .selectFrom("enrolments as e")
    .innerJoin("persons as p", "p.id", "e.person_id")
    .leftJoin("users as u", "u.id", "e.coach_id")
    .leftJoin("codes as x", (j) => j.onRef("x.code", "=", "e.exit_status_code").onRef("x.project_id", "=", "e.project_id").on("x.list", "=", "exit_status"))
    .select([
      "e.id",
      "e.project_id",
      "e.start_date",
      "e.exit_date",
      "e.not_counted",
      "p.first_name",
      "p.last_name",
      "p.personnummer",
      "p.city",
      "p.protected_identity",
      "u.name as coach",
      "x.national_category as exit_national",
      "x.label as exit_label",
      sql<boolean>`exists (select 1 from consents c where c.enrolment_id = e.id and c.purpose = 'sus_registration' and c.withdrawn_on is null)`.as("consent"),
    ]);
}
type FormRow = Awaited<ReturnType<ReturnType<typeof formRows>["executeTakeFirstOrThrow"]>>;

function formOf(r: FormRow, kind: "start" | "exit", shares: Map<string, Record<Group, number>>): DisSusForm {
  const s = shares.get(`${r.id}|${kind === "start" ? "entry" : "exit"}`);
  return {
    enrolmentId: r.id,
    kind,
    date: kind === "start" ? r.start_date : (r.exit_date ?? ""),
    coach: r.coach,
    name: `${r.first_name} ${r.last_name}`,
    personnummer: r.protected_identity ? null : r.personnummer,
    residence: r.protected_identity ? null : r.city,
    protectedIdentity: r.protected_identity,
    income: s ?? { AF: 0, FK: 0, Kom: 0, Egen: 0, Ingen: 0 },
    status: kind === "exit" ? exitLabel(r.exit_national, r.exit_label) : null,
  };
}

/**
 * The start and exit forms of a period: a start form for every enrolment that started in it, an
 * exit form for every exit (final or temporary) in it. Only enrolments with a standing consent to
 * SUS registration are exported; the others are listed. Enrolments not counted in statistics are
 * left out, as from every statistic.
 */
export async function disSusForms(db: Db, p: Period): Promise<DisSusForms> {
  const project = await db.selectFrom("projects").select("slug").where("id", "=", p.projectId).executeTakeFirst();
  if (!project) throw notFound("Projektet");
  const rows = await formRows(db)
    .where("e.project_id", "=", p.projectId)
    .where("e.not_counted", "=", false)
    .where((w) => w.or([w.between("e.start_date", p.from, p.to), w.between("e.exit_date", p.from, p.to)]))
    .orderBy("p.sort_name")
    .orderBy("e.start_date")
    .execute();
  const shares = await incomeShares(
    db,
    p.projectId,
    rows.map((r) => r.id),
  );
  const forms: DisSusForm[] = [];
  const missingConsent: DisSusForms["missingConsent"] = [];
  for (const r of rows) {
    const kinds: ["start" | "exit", string][] = [];
    if (r.start_date >= p.from && r.start_date <= p.to) kinds.push(["start", r.start_date]);
    if (r.exit_date && r.exit_date >= p.from && r.exit_date <= p.to) kinds.push(["exit", r.exit_date]);
    for (const [kind, date] of kinds) {
      if (r.consent) forms.push(formOf(r, kind, shares));
      else missingConsent.push({ enrolmentId: r.id, name: `${r.first_name} ${r.last_name}`, kind, date });
    }
  }
  return { report: "dis_sus_forms", project: project.slug, period: { from: p.from, to: p.to }, forms, missingConsent };
}

/** The project's name, as the printed forms show it. */
export async function projectName(db: Db, projectId: string): Promise<string> {
  const project = await db.selectFrom("projects").select("name").where("id", "=", projectId).executeTakeFirst();
  if (!project) throw notFound("Projektet");
  return project.name;
}

/**
 * One enrolment's start or exit form, by the same rules as the period's file: refused, with what
 * to do, when there is no exit yet, no standing consent to SUS registration, or the enrolment is
 * not counted in statistics.
 */
export async function disSusForm(db: Db, enrolmentId: string, kind: "start" | "exit"): Promise<DisSusForm> {
  const r = await formRows(db).where("e.id", "=", enrolmentId).executeTakeFirst();
  if (!r) throw notFound("Inskrivningen");
  if (kind === "exit" && !r.exit_date)
    throw new AppError("conflict", "Inskrivningen är inte avslutad, så det finns ingen avslutningsblankett. Registrera avslutet först.", {
      fields: { kind: "Avslutsdatum saknas: inskrivningen är inte avslutad." },
    });
  if (!r.consent)
    throw new AppError(
      "conflict",
      "Deltagaren har inget gällande samtycke till registrering i SUS, så DIS-blanketten skrivs inte ut. Registrera samtycket under Samtycken om deltagaren ger det.",
    );
  if (r.not_counted)
    throw new AppError("conflict", "Inskrivningen är markerad att inte räknas i statistiken, så den registreras inte i SUS och har ingen DIS-blankett.");
  return formOf(r, kind, await incomeShares(db, r.project_id, [r.id]));
}

export function disSusFormsSheets(f: DisSusForms): Sheet[] {
  const cols = ["Blankett", "Datum", "Ansvarig", "Namn", "Personnummer", "Bostadsort", ...GROUPS.map((g) => `${g} (%)`), "Status vid avslut"];
  const sheets: Sheet[] = [
    {
      name: "DIS-blanketter",
      title: "DIS-blanketter",
      columns: cols,
      rows: f.forms.map((x) => [
        x.kind === "start" ? "Start" : "Avslut",
        x.date,
        x.coach,
        x.name,
        x.personnummer,
        x.residence,
        ...GROUPS.map((g) => x.income[g] ?? 0),
        x.status,
      ]),
    },
  ];
  if (f.missingConsent.length)
    sheets.push({
      name: "Samtycke saknas",
      title: "Samtycke till SUS-registrering saknas – inte exporterade",
      columns: ["Blankett", "Datum", "Namn"],
      rows: f.missingConsent.map((m) => [m.kind === "start" ? "Start" : "Avslut", m.date, m.name]),
    });
  return sheets;
}

/**
 * The change of income from start to exit, for persons whose latest enrolment in the period has a
 * final exit inside it: the main income group at start against the one at exit, and per group how
 * many had it at start and at exit and whether their share rose, fell or stayed.
 */
export async function disSusSummary(db: Db, p: Period & { suppress: boolean; threshold?: number }): Promise<DisSusSummary> {
  const project = await db.selectFrom("projects").select("slug").where("id", "=", p.projectId).executeTakeFirst();
  if (!project) throw notFound("Projektet");
  const latest = await sql<{ id: string; person_id: string; exit_date: string | null; exit_final: boolean | null }>`
    select distinct on (e.person_id) e.id, e.person_id, e.exit_date, e.exit_final
    from enrolments e
    where e.project_id = ${p.projectId} and not e.not_counted
      and e.start_date <= ${p.to} and (e.exit_date is null or e.exit_date >= ${p.from})
    order by e.person_id, e.start_date desc, e.id desc`.execute(db);
  const exited = latest.rows.filter((r) => r.exit_final === true && r.exit_date !== null && r.exit_date <= p.to);
  const shares = await incomeShares(
    db,
    p.projectId,
    exited.map((r) => r.id),
  );
  const labels = [...GROUPS, MISSING];
  const change = labels.map(() => labels.map(() => 0));
  const level = GROUPS.map(() => [0, 0, 0, 0, 0]);
  for (const r of exited) {
    const a = shares.get(`${r.id}|entry`);
    const b = shares.get(`${r.id}|exit`);
    const ia = labels.indexOf(mainGroup(a) ?? MISSING);
    const ib = labels.indexOf(mainGroup(b) ?? MISSING);
    (change[ia] as number[])[ib] = ((change[ia] as number[])[ib] as number) + 1;
    if (!a || !b) continue;
    for (const [gi, g] of GROUPS.entries()) {
      const row = level[gi] as number[];
      if (a[g] > 0) row[0] = (row[0] as number) + 1;
      if (b[g] > 0) row[1] = (row[1] as number) + 1;
      if (a[g] > 0 || b[g] > 0) {
        const k = b[g] > a[g] ? 2 : b[g] < a[g] ? 3 : 4;
        row[k] = (row[k] as number) + 1;
      }
    }
  }
  const withTotals = (grid: number[][]) => {
    const rows = grid.map((r) => [...r, r.reduce((x, y) => x + y, 0)]);
    const total = (rows[0] ?? []).map((_, c) => rows.reduce((x, r) => x + (r[c] as number), 0));
    return [...rows, total];
  };
  const changeTable: ReportTable = {
    id: "income_change",
    title: "Huvudsaklig försörjning vid start och vid avslut",
    columns: [...labels.map((l) => `Vid avslut: ${l}`), "Totalt"],
    rows: withTotals(change).map((values, i) => ({ label: i < labels.length ? `Vid start: ${labels[i]}` : "Totalt", values })),
  };
  const levelTable: ReportTable = {
    id: "income_level",
    title: "Försörjningskällor och andel vid start och vid avslut",
    columns: ["Personer vid start", "Personer vid avslut", "Andel ökat", "Andel minskat", "Andel oförändrad"],
    rows: level.map((values, i) => ({ label: GROUPS[i] as string, values })),
  };
  const threshold = p.threshold ?? DEFAULT_THRESHOLD;
  const tables = p.suppress ? [suppressTable(changeTable, [], threshold), suppressTable(levelTable, [], threshold)] : [changeTable, levelTable];
  const incomplete = exited.filter((r) => !shares.has(`${r.id}|entry`) || !shares.has(`${r.id}|exit`)).length;
  const notes = [
    `Räknar personer vars senaste inskrivning under perioden har ett slutligt avslut inom perioden (${p.suppress && exited.length >= 1 && exited.length <= threshold ? smallLabel(threshold) : exited.length} personer). Huvudsaklig försörjning är gruppen med störst andel; lika andelar avgörs i blankettens ordning AF, FK, Kom, Egen, Ingen.`,
    "Andelstabellen räknar bara personer med försörjning registrerad både vid start och vid avslut; en person kan ha flera källor.",
  ];
  if (incomplete)
    notes.push(
      `${p.suppress && incomplete <= threshold ? smallLabel(threshold) : incomplete} personer saknar försörjning vid start eller vid avslut och räknas som "${MISSING}".`,
    );
  if (p.suppress)
    notes.push(`Antal mellan 1 och ${threshold} visas som ${smallLabel(threshold)}, och fler celler döljs där en dold cell annars kunde räknas fram.`);
  return { report: "dis_sus", project: project.slug, period: { from: p.from, to: p.to }, suppressed: p.suppress, tables, notes };
}
