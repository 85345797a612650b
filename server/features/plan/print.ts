import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import type { PlanPrint } from "./pdf.ts";
import { getRevision, listRevisions } from "./plan.ts";

/** What the printed plan needs: the person, the period and the revision's goals. */
export async function planPrintOf(db: Db, enrolmentId: string, number?: number): Promise<PlanPrint> {
  const wanted = number ?? (await listRevisions(db, enrolmentId))[0]?.number;
  if (!wanted) throw notFound("Planen");
  const revision = await getRevision(db, enrolmentId, wanted);
  const e = await db
    .selectFrom("enrolments as e")
    .innerJoin("persons as p", "p.id", "e.person_id")
    .innerJoin("projects as pr", "pr.id", "e.project_id")
    .leftJoin("users as u", "u.id", "e.coach_id")
    .select(["p.first_name", "p.last_name", "pr.name as project_name", "e.start_date", "e.planned_end_date", "e.exit_date", "u.name as coach_name"])
    .where("e.id", "=", enrolmentId)
    .executeTakeFirstOrThrow();
  return {
    name: `${e.first_name} ${e.last_name}`,
    projectName: e.project_name,
    periodStart: e.start_date,
    periodEnd: e.exit_date ?? e.planned_end_date,
    revision: revision.number,
    savedOn: revision.createdAt.slice(0, 10),
    coachName: e.coach_name,
    goals: revision.goals,
  };
}
