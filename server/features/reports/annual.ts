import type { AnnualReport, ReportTable } from "../../../schemas/reports.ts";
import type { Db } from "../../db/client.ts";
import type { CodeListName } from "../../db/types.ts";
import { notFound } from "../../errors.ts";
import * as q from "./annual-queries.ts";
import { suppressSmallCells } from "./suppress.ts";

const genderLabel: Record<string, string> = { kvinna: "Kvinnor", man: "Män", annat: "Annat kön" };
const MISSING = "Uppgift saknas";
const DAYS_PER_MONTH = 30.4375;
/** The national activity categories that are results during the programme, as report columns. */
const DURING_COLUMNS = [
  { key: "anstallning", label: "Anställning" },
  { key: "praktik", label: "Praktik" },
  { key: "studier", label: "Studier" },
  { key: "friskvard", label: "Friskvård" },
];

type Count = { gender: string; code: string | null; n: number };

/** Genders as rows: women and men always, other genders when present, then the total. */
function genders(present: Iterable<string>): string[] {
  const all = new Set(present);
  return ["kvinna", "man", ...[...all].filter((g) => g !== "kvinna" && g !== "man").sort()];
}

/** Columns from a code list: every code in use in the list, retired ones only when counted. */
function columnsOf(codes: { list: string; code: string; label: string; retired: boolean }[], list: CodeListName, counted: (string | null)[]) {
  const used = new Set(counted);
  const cols = codes.filter((c) => c.list === list && (!c.retired || used.has(c.code))).map((c) => ({ key: c.code as string | null, label: c.label }));
  for (const code of used) if (code !== null && !cols.some((c) => c.key === code)) cols.push({ key: code, label: code });
  if (used.has(null)) cols.push({ key: null, label: MISSING });
  return cols;
}

/** A genders × codes table with a total column and a total row; totals are computed, never stored. */
function crossTable(id: string, title: string, counts: Count[], cols: { key: string | null; label: string }[]): ReportTable {
  const rows = genders(counts.map((c) => c.gender)).map((g) => {
    const values = cols.map((col) => counts.filter((c) => c.gender === g && c.code === col.key).reduce((a, c) => a + c.n, 0));
    return { label: genderLabel[g] ?? g, values: [...values, values.reduce((a, b) => a + b, 0)] };
  });
  const total = cols.map((_, i) => rows.reduce((a, r) => a + (r.values[i] as number), 0));
  rows.push({ label: "Totalt", values: [...total, total.reduce((a, b) => a + b, 0)] });
  return { id, title, columns: [...cols.map((c) => c.label), "Totalt"], rows };
}

const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

export interface AnnualOptions {
  projectId: string;
  from: string;
  to: string;
  intakeId?: string;
  teamId?: string;
  suppress: boolean;
  /** Small-cell threshold of the project (reports.md default 4). */
  threshold?: number;
}

/** The statistics section of the annual report, counted from the daily record by the rules of reports.md. */
export async function annualReport(db: Db, o: AnnualOptions): Promise<AnnualReport> {
  const s: q.Scope = { projectId: o.projectId, from: o.from, to: o.to, intakeId: o.intakeId, teamId: o.teamId };
  // The project, its code lists and the counts do not depend on each other: on PostgreSQL they
  // run at once on the pool (the counts are the long one), on PGlite one after the other.
  const [project, codeRows, counts] = await Promise.all([
    db.selectFrom("projects").select(["slug"]).where("id", "=", o.projectId).executeTakeFirst(),
    db.selectFrom("codes").select(["list", "code", "label", "retired_at", "sort_order"]).where("project_id", "=", o.projectId).orderBy("sort_order").execute(),
    q.annualCounts(db, s),
  ]);
  if (!project) throw notFound("Projektet");
  const codes = codeRows.map((c) => ({ list: c.list, code: c.code, label: c.label, retired: c.retired_at != null }));
  const { byIntake, education, work, income, party, during, exits, exclusions, days, extensions, totals, byGender, notCounted } = counts;

  // Intakes as columns, in start order; enrolments without an intake get their own column.
  const intakeIds = [...new Set(byIntake.map((r) => r.intake_id))];
  const intakes = intakeIds.filter((i): i is string => i !== null).length
    ? await db
        .selectFrom("intakes")
        .select(["id", "name", "start_date"])
        .where(
          "id",
          "in",
          intakeIds.filter((i): i is string => i !== null),
        )
        .orderBy("start_date")
        .execute()
    : [];
  const intakeCols = [
    ...intakes.map((i) => ({ key: i.id as string | null, label: i.name })),
    ...(intakeIds.includes(null) ? [{ key: null, label: "Utan intag" }] : []),
  ];
  const tables: ReportTable[] = [
    crossTable(
      "gender_by_intake",
      "Kön per intag",
      byIntake.map((r) => ({ gender: r.gender, code: r.intake_id, n: r.n })),
      intakeCols,
    ),
  ];

  // Education: per gender, completed / not completed / total, by level.
  const eduCols = columnsOf(
    codes,
    "education_level",
    education.map((r) => r.code),
  );
  const eduRows: ReportTable["rows"] = [];
  const cell = (g: string | null, completed: boolean | null | "all", key: string | null) =>
    education
      .filter((r) => (g === null || r.gender === g) && r.code === key && (completed === "all" || r.completed === completed))
      .reduce((a, r) => a + r.n, 0);
  for (const g of [...genders(education.map((r) => r.gender)), null]) {
    const name = g === null ? "Totalt" : (genderLabel[g] ?? g);
    for (const [label, completed] of [
      ["fullföljd", true],
      ["ej fullföljd", false],
      ["totalt", "all"],
    ] as const) {
      const values = eduCols.map((c) => cell(g, completed, c.key));
      eduRows.push({ label: `${name} – ${label}`, values: [...values, values.reduce((a, b) => a + b, 0)] });
    }
  }
  tables.push({ id: "education_background", title: "Utbildningsbakgrund", columns: [...eduCols.map((c) => c.label), "Totalt"], rows: eduRows });

  // Work experience: a person may be in both of the first two columns, so there is no row sum.
  const workRows = genders(work.map((w) => w.gender)).map((g) => {
    const w = work.find((x) => x.gender === g);
    return { label: genderLabel[g] ?? g, values: [w?.employment ?? 0, w?.internship ?? 0, w?.neither ?? 0] };
  });
  workRows.push({ label: "Totalt", values: [0, 1, 2].map((i) => workRows.reduce((a, r) => a + (r.values[i] as number), 0)) });
  tables.push({ id: "work_experience", title: "Arbetslivserfarenhet", columns: ["Har haft anställning", "Har haft praktik", "Ingen"], rows: workRows });

  tables.push(
    crossTable(
      "income_at_entry",
      "Huvudsaklig försörjning vid inträde",
      income,
      columnsOf(
        codes,
        "income_type",
        income.map((r) => r.code),
      ),
    ),
  );
  tables.push(
    crossTable(
      "referring_party",
      "Initierande part",
      party,
      columnsOf(
        codes,
        "referring_party",
        party.map((r) => r.code),
      ),
    ),
  );
  // A person with both an internship and an employment is in both columns, and Totalt is the
  // sum of the columns (reports.md), so it counts activities of a kind, not persons.
  const duringTable = crossTable("results_during", "Resultat under programmet", during, DURING_COLUMNS);
  tables.push(duringTable);
  const duringTotal = (category: string) => (duringTable.rows.at(-1)?.values[DURING_COLUMNS.findIndex((c) => c.key === category)] as number) ?? 0;
  tables.push(
    crossTable(
      "results_at_exit",
      "Resultat vid avslut",
      exits,
      columnsOf(
        codes,
        "exit_status",
        exits.map((r) => r.code),
      ),
    ),
  );

  const months = days.map((d) => d / DAYS_PER_MONTH);
  const reasonCols = columnsOf(
    codes,
    "extension_reason",
    extensions.byReason.map((r) => r.code),
  );
  tables.push({
    id: "time_and_extensions",
    title: "Deltagartid och förlängningar",
    columns: ["Medeltid (månader)", "Mediantid (månader)", "Personer med förlängning", ...reasonCols.map((c) => `Förlängningar: ${c.label}`)],
    rows: [
      {
        label: "Totalt",
        values: [
          round1(months.length ? months.reduce((a, b) => a + b, 0) / months.length : 0),
          round1(median(months)),
          extensions.persons,
          ...reasonCols.map((c) => extensions.byReason.find((r) => r.code === c.key)?.n ?? 0),
        ],
      },
    ],
  });

  const notes: string[] = [];
  for (const n of notCounted) notes.push(`${n.n} ${n.n === 1 ? "inskrivning" : "inskrivningar"} räknas inte i statistiken: ${n.reason || "skäl saknas"}.`);
  if (exclusions.temporary)
    notes.push(`${exclusions.temporary} ${exclusions.temporary === 1 ? "person" : "personer"} med tillfälligt avslut ingår inte i Resultat vid avslut.`);
  if (exclusions.followed)
    notes.push(
      `${exclusions.followed} ${exclusions.followed === 1 ? "person" : "personer"} som avslutades och skrevs in igen under perioden räknas efter sin senaste inskrivning.`,
    );
  const unknownCompletion = education.filter((r) => r.completed === null).reduce((a, r) => a + r.n, 0);
  if (unknownCompletion)
    notes.push(
      `${unknownCompletion} ${unknownCompletion === 1 ? "person" : "personer"} saknar uppgift om fullföljd utbildning och räknas bara i raderna "totalt".`,
    );
  notes.push("Bakgrundstabellerna beskriver personens första inskrivning under perioden; resultattabellerna den senaste.");
  notes.push("Kön per intag räknar inskrivningar; övriga tabeller räknar personer.");
  notes.push(
    "Resultat under programmet räknar personer med minst en påbörjad insats av slaget under perioden; en person kan finnas i flera kolumner, och Totalt är kolumnernas summa.",
  );
  if (days.length)
    notes.push(`Deltagartid: summan av personens inskrivningar från start till avslut, uppehåll borträknade; en månad är ${DAYS_PER_MONTH} dagar.`);

  const personTotal = totals.persons;
  const report: AnnualReport = {
    report: "annual",
    project: project.slug,
    period: { from: o.from, to: o.to },
    filters: { intake: o.intakeId ?? null, team: o.teamId ?? null },
    suppressed: o.suppress,
    summary: {
      uniqueParticipants: personTotal,
      enrolments: totals.enrolments,
      exited: exits.reduce((a, r) => a + r.n, 0),
      hadEmployment: duringTotal("anstallning"),
      hadInternship: duringTotal("praktik"),
      hadStudies: duringTotal("studier"),
      genderShares: genders(byGender.map((g) => g.gender)).map((g) => ({
        gender: genderLabel[g] ?? g,
        percent: personTotal ? round1((100 * (byGender.find((x) => x.gender === g)?.n ?? 0)) / personTotal) : 0,
      })),
    },
    tables,
    notes,
  };
  return o.suppress ? suppressSmallCells(report, o.threshold) : report;
}

/** One CSV with a block per table: semicolon-separated, as Swedish Excel opens it. */
export function annualReportCsv(r: AnnualReport): string {
  const esc = (v: string | number) => {
    const s = String(v);
    return /[";\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines: string[] = [`Rapport;${esc(r.project)};${r.period.from};${r.period.to}`];
  for (const t of r.tables) {
    lines.push("", esc(t.title), ["", ...t.columns].map(esc).join(";"));
    for (const row of t.rows) lines.push([row.label, ...row.values].map(esc).join(";"));
  }
  if (r.notes.length) lines.push("", "Noter", ...r.notes.map(esc));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
