import type { Db } from "../db/client.ts";
import { todayInSweden } from "../features/participants/dates.ts";
import { addMonths } from "../features/reports/follow-up.ts";
import "../features/reports/tables.ts";

/**
 * Demo report data for a project: last year's narrative sections, effect goals and economy, this
 * year's budget, and follow-ups of the persons whose six-month point has passed (every third
 * one could not be reached, a few are still open), so the reports pages show every state.
 */
export async function seedDemoReports(db: Db, projectId: string) {
  const year = Number(todayInSweden().slice(0, 4));
  const last = year - 1;
  const texts: [string, string][] = [
    [
      "summary",
      "Projektet har under året tagit emot deltagare i fem intag. De flesta har gått vidare till arbete eller studier, och samarbetet med de lokala arbetsgivarna har fördjupats.",
    ],
    ["activities", "Verksamheten har byggts kring gruppträffar två gånger i veckan, individuella samtal och praktik hos arbetsgivare i kommunen."],
    ["swot", "Styrkor: personalens nätverk och snabba praktikstarter.\n\nSvagheter: långa väntetider till vården för deltagare som behöver stöd."],
  ];
  for (const [section, body] of texts) await db.insertInto("report_texts").values({ project_id: projectId, year: last, section, body }).execute();
  for (const y of [last, year]) {
    await db.insertInto("project_goals").values({ project_id: projectId, year: y, measure: "participants", target: 40 }).execute();
    await db.insertInto("project_goals").values({ project_id: projectId, year: y, measure: "share_work_studies_internship", target: 60 }).execute();
    await db
      .insertInto("project_goals")
      .values({ project_id: projectId, year: y, measure: "share_satisfied", target: 80, manual_actual: y === last ? 84 : null })
      .execute();
  }
  const economy: [string, number, number][] = [
    ["staff", 2_400_000, 2_310_000],
    ["premises", 240_000, 252_000],
    ["competence", 90_000, 61_000],
    ["other", 180_000, 204_000],
  ];
  for (const [costType, budget, outcome] of economy) {
    await db.insertInto("economy_lines").values({ project_id: projectId, year: last, cost_type: costType, budget, outcome }).execute();
    await db.insertInto("economy_lines").values({ project_id: projectId, year, cost_type: costType, budget, outcome: 0 }).execute();
  }

  const today = todayInSweden();
  const exited = await db
    .selectFrom("enrolments")
    .select(["id", "exit_date", "exit_final", "exit_status_code", "not_counted"])
    .distinctOn("person_id")
    .where("project_id", "=", projectId)
    .orderBy("person_id")
    .orderBy("start_date", "desc")
    .orderBy("id", "desc")
    .execute();
  const due = exited
    .filter((e) => e.exit_final && e.exit_date && !e.not_counted && addMonths(e.exit_date, 6) < today)
    .sort((a, b) => ((a.exit_date as string) < (b.exit_date as string) ? -1 : 1));
  for (const [i, e] of due.entries()) {
    if (i % 5 === 4) continue; // still open
    const reached = i % 3 !== 2;
    await db
      .insertInto("follow_ups")
      .values({
        enrolment_id: e.id,
        months: 6,
        done_on: addMonths(e.exit_date as string, 6),
        reached,
        status_code: reached ? e.exit_status_code : null,
      })
      .execute();
  }
}
