import type { Db } from "../db/client.ts";
import { plannedEnd } from "../features/participants/dates.ts";

/**
 * A small hand-built project for DIS/SUS, ESF, follow-up, goals and economy. Five invented
 * persons; the expected figures in `server/features/reports/other-reports.test.ts` are reasoned
 * from this list. Period under test: 2025-01-01 – 2025-06-30 (follow-up: 2025-09-01 – 2025-12-31).
 *
 * - Tova Lindqvist (kvinna, 1990-03-10): 2025-01-15 – 2025-05-31 final "anstallning". Income at
 *   start försörjningsstöd 100; at exit lön 75 + försörjningsstöd 25. Consents SUS and ESF.
 *   Gymnasieskola. A validation with a result (a qualification).
 * - Hampus Berg (man, 1985-11-02): 2024-10-01 – 2025-03-15 final "studier". Aktivitetsstöd 100 →
 *   studiemedel 100. Consent SUS only. Grundskola.
 * - Saga Nyberg (kvinna, 2000-07-20): from 2025-02-01, no exit. Sjukpenning 50 + aktivitets-
 *   ersättning 50. Consent ESF; SUS consent withdrawn. Högskola.
 * - Elis Strand (man, 1995-01-05): from 2025-03-01, not counted in statistics. All consents.
 * - Vera Ek (annat, 1992-09-09): 2024-01-10 – 2024-06-30 final "af" (before the period), then again
 *   2025-04-01 – 2025-06-15 final "af". A-kassa 100 → a-kassa 50 + lön 50. Consents SUS and ESF
 *   on the second enrolment. Gymnasium, teoretiskt program.
 */
interface Spec {
  first: string;
  last: string;
  gender: "kvinna" | "man" | "annat";
  birth: string;
  enrolments: {
    start: string;
    exit?: [string, string];
    notCounted?: string;
    education: string;
    income: string;
    entry: [string, 25 | 50 | 75 | 100][];
    exitIncome?: [string, 25 | 50 | 75 | 100][];
    consents: ("sus_registration" | "esf_reporting")[];
    withdrawn?: "sus_registration";
    validation?: boolean;
  }[];
}

export const REPORT_PERSONS: Spec[] = [
  {
    first: "Tova",
    last: "Lindqvist",
    gender: "kvinna",
    birth: "1990-03-10",
    enrolments: [
      {
        start: "2025-01-15",
        exit: ["2025-05-31", "anstallning"],
        education: "gymnasieskola",
        income: "forsorjningsstod",
        entry: [["forsorjningsstod", 100]],
        exitIncome: [
          ["lon", 75],
          ["forsorjningsstod", 25],
        ],
        consents: ["sus_registration", "esf_reporting"],
        validation: true,
      },
    ],
  },
  {
    first: "Hampus",
    last: "Berg",
    gender: "man",
    birth: "1985-11-02",
    enrolments: [
      {
        start: "2024-10-01",
        exit: ["2025-03-15", "studier"],
        education: "grundskola",
        income: "aktivitetsstod",
        entry: [["aktivitetsstod", 100]],
        exitIncome: [["studiemedel", 100]],
        consents: ["sus_registration"],
      },
    ],
  },
  {
    first: "Saga",
    last: "Nyberg",
    gender: "kvinna",
    birth: "2000-07-20",
    enrolments: [
      {
        start: "2025-02-01",
        education: "hogskola",
        income: "aktivitetsersattning",
        entry: [
          ["sjukpenning", 50],
          ["aktivitetsersattning", 50],
        ],
        consents: ["sus_registration", "esf_reporting"],
        withdrawn: "sus_registration",
      },
    ],
  },
  {
    first: "Elis",
    last: "Strand",
    gender: "man",
    birth: "1995-01-05",
    enrolments: [
      {
        start: "2025-03-01",
        notCounted: "Flyttade direkt efter start",
        education: "grundskola",
        income: "aktivitetsstod",
        entry: [["aktivitetsstod", 100]],
        consents: ["sus_registration", "esf_reporting"],
      },
    ],
  },
  {
    first: "Vera",
    last: "Ek",
    gender: "annat",
    birth: "1992-09-09",
    enrolments: [
      {
        start: "2024-01-10",
        exit: ["2024-06-30", "af"],
        education: "gymnasium_teoretiskt",
        income: "a_kassa",
        entry: [["a_kassa", 100]],
        exitIncome: [["a_kassa", 100]],
        consents: [],
      },
      {
        start: "2025-04-01",
        exit: ["2025-06-15", "af"],
        education: "gymnasium_teoretiskt",
        income: "a_kassa",
        entry: [["a_kassa", 100]],
        exitIncome: [
          ["a_kassa", 50],
          ["lon", 50],
        ],
        consents: ["sus_registration", "esf_reporting"],
      },
    ],
  },
];

let serial = 100;

/** Inserts the persons into the project; returns enrolment ids by "<first name> <n>" (n from 1). */
export async function buildReportsFixture(db: Db, projectId: string, coachId: string | null) {
  const { organisation_id } = await db
    .selectFrom("projects")
    .innerJoin("units", "units.id", "projects.unit_id")
    .select("units.organisation_id")
    .where("projects.id", "=", projectId)
    .executeTakeFirstOrThrow();
  const ids: Record<string, string> = {};
  for (const p of REPORT_PERSONS) {
    const person = await db
      .insertInto("persons")
      .values({
        organisation_id,
        first_name: p.first,
        last_name: p.last,
        sort_name: `${p.last} ${p.first}`.toLowerCase(),
        gender: p.gender,
        birth_date: p.birth,
        personnummer: `${p.birth.replaceAll("-", "")}-${String(serial++).padStart(4, "0")}`,
        city: "Nordby",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [i, e] of p.enrolments.entries()) {
      const row = await db
        .insertInto("enrolments")
        .values({
          project_id: projectId,
          person_id: person.id,
          coach_id: coachId,
          start_date: e.start,
          planned_months: 12,
          planned_end_date: plannedEnd(e.start, 12),
          referring_party_code: "af",
          education_level_code: e.education,
          education_completed: true,
          main_income_code: e.income,
          exit_date: e.exit?.[0] ?? null,
          exit_status_code: e.exit?.[1] ?? null,
          exit_final: e.exit ? true : null,
          not_counted: Boolean(e.notCounted),
          not_counted_reason: e.notCounted ?? null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids[`${p.first} ${i + 1}`] = row.id;
      for (const [code, share] of e.entry)
        await db.insertInto("enrolment_incomes").values({ enrolment_id: row.id, phase: "entry", income_code: code, share }).execute();
      for (const [code, share] of e.exitIncome ?? [])
        await db.insertInto("enrolment_incomes").values({ enrolment_id: row.id, phase: "exit", income_code: code, share }).execute();
      for (const purpose of e.consents)
        await db
          .insertInto("consents")
          .values({
            enrolment_id: row.id,
            purpose,
            receiving_party: "Samordningsförbundet",
            given_on: e.start,
            withdrawn_on: e.withdrawn === purpose ? "2025-03-01" : null,
          })
          .execute();
      if (e.validation)
        await db
          .insertInto("activities")
          .values({
            enrolment_id: row.id,
            type_code: "validering",
            start_date: "2025-03-01",
            end_date: "2025-04-30",
            status: "ended",
            details: JSON.stringify({ kind: "validation", field: "Restaurang", result: "Godkänd i tre moment" }),
          })
          .execute();
    }
  }
  return ids;
}
