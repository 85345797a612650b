import type { Db } from "../db/client.ts";
import { addDays, plannedEnd } from "../features/participants/dates.ts";
import { aProject } from "./factories.ts";

/**
 * A hand-built project for the annual report's correctness tests: 33 invented persons whose
 * enrolments exercise every counting rule of reports.md. The expected tables in
 * `server/features/reports/annual.test.ts` are reasoned from this list, person by person; change
 * a line here and the reasoning there must change with it.
 *
 * Period under test: 2024-01-01 – 2024-12-31. Intakes: Intag 0 (2023-03-01, only enrolments
 * before the period), Intag 1 (2023-09-01), Intag 2 (2024-02-01), Intag 3 (2024-09-01).
 * Teams: Norr (N), Söder (S). Retired codes: referring party "ov" (still used by Karin) and
 * "skola" (used by nobody).
 *
 * Background is written as [party, education level, completed, work experience, main income];
 * work experience is "both" (employment and internship), "emp", "prak" or "none". Activities are
 * written as [type code, start, end or null, status].
 */
export const PERIOD = { from: "2024-01-01", to: "2024-12-31" };

type Work = "both" | "emp" | "prak" | "none";
type Background = [party: string, education: string, completed: boolean, work: Work, income: string];
interface EnrolmentSpec {
  intake: "Intag 0" | "Intag 1" | "Intag 2" | "Intag 3" | null;
  team: "N" | "S";
  start: string;
  /** [exit date, exit status, final or temporary] */
  exit?: [string, string, "final" | "temporary"];
  bg: Background;
  notCounted?: string;
  extensions?: [decidedOn: string, reason: string][];
  pauses?: [from: string, to: string][];
  activities?: [type: string, start: string, end: string | null, status: "planned" | "ongoing" | "ended" | "interrupted"][];
}
interface PersonSpec {
  name: string;
  gender: "kvinna" | "man" | "annat";
  enrolments: EnrolmentSpec[];
}

// biome-ignore format: one person per entry reads as a table
export const PERSONS: PersonSpec[] = [
  // ── Women ──
  { name: "Anna Ek", gender: "kvinna", enrolments: [
    // exits exactly on the period's first day: counts, and her final exit is inside the period
    { intake: "Intag 1", team: "N", start: "2023-09-01", exit: ["2024-01-01", "anstallning", "final"], bg: ["af", "grundskola", true, "both", "aktivitetsersattning"],
      // an internship that ended before the period; an employment whose last day is the period's first
      activities: [["praktik", "2023-10-01", "2023-12-31", "ended"], ["anstallning", "2023-12-15", "2024-01-01", "ended"]] },
  ] },
  { name: "Berit Lund", gender: "kvinna", enrolments: [
    // a pause of 29 days (February 2024) is taken off her time
    { intake: "Intag 1", team: "N", start: "2023-09-01", exit: ["2024-05-31", "studier", "final"], bg: ["ske", "gymnasieskola", false, "prak", "forsorjningsstod"], pauses: [["2024-02-01", "2024-02-29"]],
      // two internships in a row, one of them in the period, then studies
      activities: [["praktik", "2023-10-01", "2023-12-31", "ended"], ["praktik", "2024-01-15", "2024-04-30", "ended"], ["studier", "2024-05-01", "2024-05-31", "ended"]] },
  ] },
  { name: "Cecilia Holm", gender: "kvinna", enrolments: [
    { intake: "Intag 1", team: "N", start: "2023-09-01", bg: ["fk", "gymnasium_praktiskt", true, "emp", "aktivitetsstod"], extensions: [["2024-08-20", "halsa"]],
      // two internships in the period count once; a health activity alongside
      activities: [["praktik", "2024-03-01", "2024-05-31", "ended"], ["praktik", "2024-06-01", null, "ongoing"], ["friskvard", "2024-02-01", null, "ongoing"]] },
  ] },
  { name: "Dina Sjö", gender: "kvinna", enrolments: [
    { intake: "Intag 2", team: "S", start: "2024-02-01", bg: ["egen", "gymnasium_teoretiskt", false, "none", "a_kassa"], activities: [["studier", "2024-11-01", null, "planned"]] },
  ] },
  { name: "Eva Strand", gender: "kvinna", enrolments: [
    // final exit, then a new enrolment in the period: background from the first, outcome from the second
    { intake: "Intag 1", team: "N", start: "2023-09-01", exit: ["2024-03-31", "af", "final"], bg: ["region", "gymnasium_introduktion_anpassad", false, "prak", "sjukpenning"], activities: [["praktik", "2023-10-01", "2024-02-15", "interrupted"]] },
    { intake: "Intag 3", team: "S", start: "2024-09-01", bg: ["egen", "hogskola", true, "both", "lon"], activities: [["praktik", "2024-09-15", null, "ongoing"]] },
  ] },
  { name: "Frida Berg", gender: "kvinna", enrolments: [
    // temporary exit, not followed by a new enrolment
    { intake: "Intag 2", team: "S", start: "2024-02-01", exit: ["2024-06-30", "annat", "temporary"], bg: ["bist", "hogskola", true, "both", "studiemedel"] },
  ] },
  { name: "Greta Lind", gender: "kvinna", enrolments: [
    { intake: "Intag 2", team: "N", start: "2024-02-01", exit: ["2024-11-30", "fk_aktivitetsersattning", "final"], bg: ["lss", "grundskola", false, "prak", "aktivitetsersattning"], extensions: [["2024-06-01", "slutfora"], ["2024-09-01", "overlamning"]] },
  ] },
  { name: "Hanna Ås", gender: "kvinna", enrolments: [
    { intake: "Intag 2", team: "S", start: "2024-02-01", exit: ["2024-02-10", "annat", "final"], bg: ["af", "hogskola", true, "both", "lon"], notCounted: "Avslutade strax efter start", activities: [["praktik", "2024-02-05", "2024-02-10", "ended"]] },
  ] },
  { name: "Ida Ström", gender: "kvinna", enrolments: [
    // entirely before the period (exit the day before it starts), with an extension that must not count
    { intake: "Intag 0", team: "N", start: "2023-03-01", exit: ["2023-12-31", "anstallning", "final"], bg: ["sol", "gymnasieskola", true, "both", "familj_ingen"], extensions: [["2023-10-01", "pandemi"]] },
  ] },
  { name: "Jenny Dahl", gender: "kvinna", enrolments: [
    // starts exactly on the period's last day: counts
    { intake: "Intag 3", team: "S", start: "2024-12-31", bg: ["sol", "gymnasieskola", true, "none", "lon"] },
  ] },
  { name: "Karin Vik", gender: "kvinna", enrolments: [
    // no intake; referred by a party whose code is now retired
    { intake: null, team: "N", start: "2024-04-15", exit: ["2024-09-30", "daglig_verksamhet", "final"], bg: ["ov", "gymnasium_praktiskt", false, "none", "annan"] },
  ] },
  { name: "Lena Falk", gender: "kvinna", enrolments: [
    { intake: "Intag 3", team: "N", start: "2024-09-01", bg: ["af", "gymnasium_teoretiskt", true, "emp", "familj_ingen"] },
  ] },
  { name: "Maja Hed", gender: "kvinna", enrolments: [
    { intake: "Intag 2", team: "S", start: "2024-02-01", exit: ["2024-10-15", "ske", "final"], bg: ["ske", "gymnasium_introduktion_anpassad", true, "none", "forsorjningsstod"] },
  ] },
  { name: "Nora Öberg", gender: "kvinna", enrolments: [
    // final exit after the period: active in it, but no result in it
    { intake: "Intag 1", team: "S", start: "2023-09-01", exit: ["2025-02-28", "anstallning", "final"], bg: ["fk", "grundskola", false, "prak", "aktivitetsersattning"], extensions: [["2024-08-01", "pandemi"]], activities: [["friskvard", "2025-01-10", null, "ongoing"]] },
  ] },
  { name: "Ronja Ahl", gender: "kvinna", enrolments: [
    { intake: "Intag 2", team: "N", start: "2024-02-01", bg: ["af", "gymnasieskola", true, "both", "aktivitetsstod"] },
  ] },
  // ── Men ──
  { name: "Olle Bäck", gender: "man", enrolments: [
    { intake: "Intag 1", team: "N", start: "2023-09-01", exit: ["2024-06-30", "anstallning_stod", "final"], bg: ["af", "gymnasieskola", true, "both", "aktivitetsstod"],
      // validation is in the category "ovrigt": no column
      activities: [["anstallning", "2024-03-01", "2024-06-30", "ended"], ["validering", "2024-02-01", "2024-02-28", "ended"]] },
  ] },
  { name: "Per Ekdal", gender: "man", enrolments: [
    // two extensions for the same reason
    { intake: "Intag 1", team: "S", start: "2023-09-01", bg: ["af", "gymnasium_praktiskt", false, "both", "forsorjningsstod"], extensions: [["2024-05-01", "halsa"], ["2024-10-01", "halsa"]], activities: [["friskvard", "2024-02-01", null, "ongoing"], ["studiebesok", "2024-03-05", "2024-03-05", "ended"]] },
  ] },
  { name: "Rasmus Nord", gender: "man", enrolments: [
    // final exit, then a new enrolment that also ends with a final exit in the period
    { intake: "Intag 1", team: "N", start: "2023-09-01", exit: ["2024-04-30", "studier", "final"], bg: ["ske", "grundskola", true, "prak", "forsorjningsstod"] },
    { intake: "Intag 3", team: "N", start: "2024-09-01", exit: ["2024-12-15", "anstallning", "final"], bg: ["egen", "hogskola", false, "both", "lon"] },
  ] },
  { name: "Sven Mark", gender: "man", enrolments: [
    { intake: "Intag 2", team: "S", start: "2024-02-01", bg: ["fk", "gymnasium_teoretiskt", true, "none", "aktivitetsersattning"] },
  ] },
  { name: "Tore Sand", gender: "man", enrolments: [
    { intake: "Intag 2", team: "N", start: "2024-02-01", exit: ["2024-08-31", "flyttat", "final"], bg: ["region", "hogskola", false, "emp", "a_kassa"] },
  ] },
  { name: "Ulf Torp", gender: "man", enrolments: [
    { intake: "Intag 2", team: "S", start: "2024-02-01", bg: ["bist", "gymnasium_introduktion_anpassad", false, "prak", "studiemedel"] },
  ] },
  { name: "Viktor Fors", gender: "man", enrolments: [
    { intake: "Intag 3", team: "S", start: "2024-09-01", exit: ["2024-09-05", "annat", "final"], bg: ["af", "grundskola", false, "none", "familj_ingen"], notCounted: "Avslutade strax efter start" },
  ] },
  { name: "Wilhelm Ryd", gender: "man", enrolments: [
    // not counted, with an extension that must not count either
    { intake: "Intag 2", team: "S", start: "2024-02-01", bg: ["fk", "hogskola", true, "both", "lon"], notCounted: "Dubbelregistrerad", extensions: [["2024-06-01", "halsa"]] },
  ] },
  { name: "Yngve Ros", gender: "man", enrolments: [
    // starts the day after the period ends
    { intake: "Intag 3", team: "N", start: "2025-01-01", bg: ["af", "hogskola", true, "both", "lon"], activities: [["anstallning", "2025-01-10", null, "ongoing"]] },
  ] },
  { name: "Åke Lövgren", gender: "man", enrolments: [
    // temporary exit followed by a new enrolment with a final exit, both in the period
    { intake: "Intag 2", team: "S", start: "2024-02-01", exit: ["2024-05-15", "annat", "temporary"], bg: ["egen", "gymnasieskola", false, "emp", "familj_ingen"] },
    { intake: "Intag 3", team: "S", start: "2024-09-01", exit: ["2024-12-20", "af", "final"], bg: ["af", "hogskola", true, "both", "lon"] },
  ] },
  { name: "Örjan Kvist", gender: "man", enrolments: [
    // an earlier enrolment before the period: not in any table, but part of his time in the programme
    { intake: "Intag 0", team: "N", start: "2023-03-01", exit: ["2023-06-30", "annat", "final"], bg: ["af", "hogskola", true, "both", "lon"] },
    { intake: "Intag 2", team: "N", start: "2024-02-01", exit: ["2024-10-31", "annan_kommunal", "final"], bg: ["sol", "grundskola", true, "none", "familj_ingen"] },
  ] },
  { name: "Bo Hägg", gender: "man", enrolments: [
    // final exit in the period, re-enrolled after it: the later enrolment is outside the report
    { intake: "Intag 2", team: "N", start: "2024-02-01", exit: ["2024-07-31", "studier_yrke", "final"], bg: ["ske", "hogskola", true, "prak", "lon"], activities: [["studier", "2024-03-01", "2024-07-31", "ended"]] },
    { intake: null, team: "N", start: "2025-02-01", exit: ["2025-04-30", "anstallning", "final"], bg: ["egen", "hogskola", true, "both", "lon"] },
  ] },
  { name: "Carl Ek", gender: "man", enrolments: [
    { intake: "Intag 3", team: "N", start: "2024-09-01", bg: ["fk", "hogskola", true, "both", "aktivitetsstod"] },
  ] },
  { name: "David Rud", gender: "man", enrolments: [
    // a pause of 30 days (November 2023) and an extension decided before the period, on an enrolment active in it
    { intake: "Intag 1", team: "S", start: "2023-09-01", exit: ["2024-03-15", "vard_behandling", "final"], bg: ["region", "gymnasium_teoretiskt", false, "emp", "sjukpenning"], pauses: [["2023-11-01", "2023-11-30"]], extensions: [["2023-12-01", "pandemi"]] },
  ] },
  { name: "Erik Alm", gender: "man", enrolments: [
    { intake: "Intag 3", team: "N", start: "2024-09-01", bg: ["af", "gymnasium_praktiskt", true, "prak", "forsorjningsstod"] },
  ] },
  { name: "Filip Gran", gender: "man", enrolments: [
    { intake: "Intag 2", team: "S", start: "2024-02-01", exit: ["2024-09-15", "anstallning", "final"], bg: ["af", "gymnasieskola", false, "both", "aktivitetsersattning"], extensions: [["2024-06-01", "annat"]] },
  ] },
  { name: "Ove Ling", gender: "man", enrolments: [
    // not counted and before the period: not even in the notes
    { intake: "Intag 0", team: "N", start: "2023-02-01", exit: ["2023-02-05", "annat", "final"], bg: ["af", "grundskola", false, "none", "familj_ingen"], notCounted: "Dubbelregistrerad" },
  ] },
  // ── Another gender ──
  { name: "Kim Sol", gender: "annat", enrolments: [
    // final exit exactly on the period's last day
    { intake: "Intag 3", team: "S", start: "2024-09-01", exit: ["2024-12-31", "annat", "final"], bg: ["egen", "gymnasium_praktiskt", true, "prak", "annan"], activities: [["praktik", "2024-10-01", "2024-12-31", "ended"]] },
  ] },
];

const detailsOf: Record<string, object> = {
  praktik: { kind: "internship", workplace: "Affären", supervisorName: null, purpose: "try_trade", activitySupportDecision: true },
  anstallning: { kind: "employment", form: "wage_subsidy", employer: "external", monthlyWageCost: 28000, monthlyStateSubsidy: 20000, topUpPercent: 20 },
  studier: { kind: "studies", provider: "Komvux", level: "upper_secondary", supportedEducation: false },
  validering: { kind: "validation", field: "Restaurang", result: null },
};

/** Builds the fixture by direct inserts, in the given project or a new one, and returns the ids the tests filter on. */
export async function buildAnnualFixture(db: Db, inProject?: { id: string; slug: string }) {
  const project = inProject ?? (await aProject(db));
  const { organisation_id } = await db
    .selectFrom("projects")
    .innerJoin("units", "units.id", "projects.unit_id")
    .select("units.organisation_id")
    .where("projects.id", "=", project.id)
    .executeTakeFirstOrThrow();
  await db
    .updateTable("codes")
    .set({ retired_at: new Date("2024-06-01T00:00:00Z") })
    .where("project_id", "=", project.id)
    .where("list", "=", "referring_party")
    .where("code", "in", ["ov", "skola"])
    .execute();

  const intakes: Record<string, string> = {};
  for (const [name, start] of [
    ["Intag 0", "2023-03-01"],
    ["Intag 1", "2023-09-01"],
    ["Intag 2", "2024-02-01"],
    ["Intag 3", "2024-09-01"],
  ] as const) {
    intakes[name] = (await db.insertInto("intakes").values({ project_id: project.id, name, start_date: start }).returning("id").executeTakeFirstOrThrow()).id;
  }
  const teams: Record<"N" | "S", string> = {
    N: (await db.insertInto("teams").values({ project_id: project.id, name: "Norr" }).returning("id").executeTakeFirstOrThrow()).id,
    S: (await db.insertInto("teams").values({ project_id: project.id, name: "Söder" }).returning("id").executeTakeFirstOrThrow()).id,
  };

  for (const [n, p] of PERSONS.entries()) {
    const [first = "", last = ""] = p.name.split(" ");
    const person = await db
      .insertInto("persons")
      .values({
        organisation_id,
        first_name: first,
        last_name: last,
        sort_name: `${last} ${first}`.toLowerCase(),
        gender: p.gender,
        birth_date: `199${n % 10}-05-17`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const e of p.enrolments) {
      const [party, education, completed, work, income] = e.bg;
      let planned = plannedEnd(e.start, 12);
      const row = await db
        .insertInto("enrolments")
        .values({
          project_id: project.id,
          person_id: person.id,
          intake_id: e.intake ? intakes[e.intake] : null,
          team_id: teams[e.team],
          start_date: e.start,
          planned_months: 12,
          planned_end_date: planned,
          referring_party_code: party,
          education_level_code: education,
          education_completed: completed,
          has_had_employment: work === "both" || work === "emp",
          has_had_internship: work === "both" || work === "prak",
          main_income_code: income,
          exit_date: e.exit?.[0] ?? null,
          exit_status_code: e.exit?.[1] ?? null,
          exit_final: e.exit ? e.exit[2] === "final" : null,
          not_counted: Boolean(e.notCounted),
          not_counted_reason: e.notCounted ?? null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db.insertInto("enrolment_incomes").values({ enrolment_id: row.id, phase: "entry", income_code: income, share: 100 }).execute();
      for (const [decidedOn, reason] of e.extensions ?? []) {
        const next = addDays(planned, 90);
        await db
          .insertInto("extensions")
          .values({ enrolment_id: row.id, decided_on: decidedOn, previous_planned_end: planned, new_planned_end: next, reason_code: reason })
          .execute();
        planned = next;
      }
      if (e.extensions?.length) await db.updateTable("enrolments").set({ planned_end_date: planned }).where("id", "=", row.id).execute();
      for (const [from, to] of e.pauses ?? [])
        await db.insertInto("pauses").values({ enrolment_id: row.id, from_date: from, to_date: to, reason: "Sjukskriven" }).execute();
      for (const [type, from, to, status] of e.activities ?? []) {
        await db
          .insertInto("activities")
          .values({
            enrolment_id: row.id,
            type_code: type,
            start_date: from,
            end_date: to,
            status,
            interrupted_reason: status === "interrupted" ? "Avbröt" : null,
            details: JSON.stringify(detailsOf[type] ?? { kind: "none" }),
          })
          .execute();
      }
    }
  }
  return { project, intakes, teams };
}
