import { sql } from "kysely";
import type { EsfReport, EsfRow } from "../../../schemas/reports.ts";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import { ageOn } from "../participants/dates.ts";
import type { Period } from "./dis-sus.ts";
import type { Sheet } from "./documents.ts";

/** Education level by the national category of the project's code, in the fund's words. */
export const ESF_EDUCATION: Record<string, string> = {
  ISCED_0_2: "Förgymnasial utbildning (ISCED 0–2)",
  ISCED_3_4: "Gymnasial utbildning (ISCED 3–4)",
  ISCED_5_8: "Eftergymnasial utbildning (ISCED 5–8)",
};
/** Labour-market status at entry by the national category of the main income at entry. */
export const ESF_STATUS: Record<string, string> = {
  AF: "Arbetslös",
  FK: "Utanför arbetskraften",
  Kom: "Utanför arbetskraften",
  Egen: "Utanför arbetskraften",
  Ingen: "Utanför arbetskraften",
};
const MISSING = "Uppgift saknas";
const EDUCATION_AT_EXIT = new Set(["UTB_YRK", "UTB_ALLM"]);
const EMPLOYED_AT_EXIT = new Set(["ARBETE", "ARBETE_AF_STOD"]);
const SEEKING_AT_EXIT = new Set(["AKTUELL_AF"]);

/**
 * The fund's participant data: one row per enrolment active in the period (the counting rule of
 * reports.md), with a standing consent to ESF reporting. Enrolments without it are listed by name
 * only and not exported. The exit columns are filled for a final exit inside the period; a
 * qualification is a validation activity with a recorded result.
 */
export async function esfReport(db: Db, p: Period): Promise<EsfReport> {
  const project = await db.selectFrom("projects").select("slug").where("id", "=", p.projectId).executeTakeFirst();
  if (!project) throw notFound("Projektet");
  const rows = await db
    .selectFrom("enrolments as e")
    .innerJoin("persons as p", "p.id", "e.person_id")
    .leftJoin("codes as ed", (j) =>
      j.onRef("ed.code", "=", "e.education_level_code").onRef("ed.project_id", "=", "e.project_id").on("ed.list", "=", "education_level"),
    )
    .leftJoin("codes as inc", (j) =>
      j.onRef("inc.code", "=", "e.main_income_code").onRef("inc.project_id", "=", "e.project_id").on("inc.list", "=", "income_type"),
    )
    .leftJoin("codes as x", (j) => j.onRef("x.code", "=", "e.exit_status_code").onRef("x.project_id", "=", "e.project_id").on("x.list", "=", "exit_status"))
    .select([
      "e.id",
      "e.start_date",
      "e.exit_date",
      "e.exit_final",
      "p.first_name",
      "p.last_name",
      "p.personnummer",
      "p.protected_identity",
      "p.gender",
      "p.birth_date",
      "ed.national_category as education",
      "inc.national_category as income",
      "x.national_category as exit",
      sql<boolean>`exists (select 1 from consents c where c.enrolment_id = e.id and c.purpose = 'esf_reporting' and c.withdrawn_on is null)`.as("consent"),
      sql<boolean>`exists (select 1 from activities a where a.enrolment_id = e.id and a.details->>'kind' = 'validation' and coalesce(a.details->>'result', '') <> '')`.as(
        "qualification",
      ),
    ])
    .where("e.project_id", "=", p.projectId)
    .where("e.not_counted", "=", false)
    .where("e.start_date", "<=", p.to)
    .where((w) => w.or([w("e.exit_date", "is", null), w("e.exit_date", ">=", p.from)]))
    .orderBy("p.sort_name")
    .orderBy("e.start_date")
    .execute();
  const out: EsfRow[] = [];
  const missingConsent: EsfReport["missingConsent"] = [];
  for (const r of rows) {
    const name = `${r.first_name} ${r.last_name}`;
    if (!r.consent) {
      missingConsent.push({ enrolmentId: r.id, name });
      continue;
    }
    const exited = r.exit_final === true && r.exit_date !== null && r.exit_date <= p.to;
    out.push({
      enrolmentId: r.id,
      name,
      personnummer: r.protected_identity ? null : r.personnummer,
      gender: r.gender,
      ageAtStart: ageOn(r.birth_date, r.start_date),
      startDate: r.start_date,
      endDate: exited ? r.exit_date : null,
      educationLevel: ESF_EDUCATION[r.education ?? ""] ?? MISSING,
      statusAtEntry: ESF_STATUS[r.income ?? ""] ?? MISSING,
      exitInEducation: exited ? EDUCATION_AT_EXIT.has(r.exit ?? "") : null,
      exitQualification: exited ? r.qualification : null,
      exitEmployed: exited ? EMPLOYED_AT_EXIT.has(r.exit ?? "") : null,
      exitSeekingWork: exited ? SEEKING_AT_EXIT.has(r.exit ?? "") : null,
    });
  }
  return { report: "esf", project: project.slug, period: { from: p.from, to: p.to }, rows: out, missingConsent };
}

const genderWord: Record<string, string> = { kvinna: "Kvinna", man: "Man", annat: "Annat" };

export function esfSheets(r: EsfReport): Sheet[] {
  const sheets: Sheet[] = [
    {
      name: "ESF deltagare",
      title: "ESF deltagaruppgifter",
      columns: [
        "Namn",
        "Personnummer",
        "Kön",
        "Ålder vid start",
        "Startdatum",
        "Slutdatum",
        "Utbildningsnivå",
        "Status vid start",
        "I utbildning vid avslut",
        "Kvalifikation vid avslut",
        "I arbete vid avslut",
        "Söker arbete vid avslut",
      ],
      rows: r.rows.map((x) => [
        x.name,
        x.personnummer,
        genderWord[x.gender] ?? x.gender,
        x.ageAtStart,
        x.startDate,
        x.endDate,
        x.educationLevel,
        x.statusAtEntry,
        x.exitInEducation,
        x.exitQualification,
        x.exitEmployed,
        x.exitSeekingWork,
      ]),
    },
  ];
  if (r.missingConsent.length)
    sheets.push({
      name: "Samtycke saknas",
      title: "Samtycke till ESF-rapportering saknas – inte exporterade",
      columns: ["Namn"],
      rows: r.missingConsent.map((m) => [m.name]),
    });
  return sheets;
}
