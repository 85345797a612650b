import type { TimelineEvent } from "../../../schemas/participants.ts";
import type { Db } from "../../db/client.ts";
import { todayInSweden } from "../participants/dates.ts";
import "./tables.ts";

const day = (d: Date) => todayInSweden(d);

/** Saved mapping versions and plan revisions of the person's enrolments in the project, for the timeline. */
export async function mappingPlanEvents(db: Db, personId: string, projectId: string): Promise<TimelineEvent[]> {
  const [mappings, plans] = await Promise.all([
    db
      .selectFrom("mapping_versions as m")
      .innerJoin("enrolments as e", "e.id", "m.enrolment_id")
      .leftJoin("users as u", "u.id", "m.created_by")
      .select(["m.enrolment_id", "m.number", "m.created_at", "u.name"])
      .where("e.person_id", "=", personId)
      .where("e.project_id", "=", projectId)
      .orderBy("m.created_at")
      .orderBy("m.number")
      .execute(),
    db
      .selectFrom("plan_revisions as p")
      .innerJoin("enrolments as e", "e.id", "p.enrolment_id")
      .leftJoin("users as u", "u.id", "p.created_by")
      .select(["p.enrolment_id", "p.number", "p.created_at", "p.reason", "u.name"])
      .where("e.person_id", "=", personId)
      .where("e.project_id", "=", projectId)
      .orderBy("p.created_at")
      .orderBy("p.number")
      .execute(),
  ]);
  return [
    ...mappings.map((m) => ({
      date: day(new Date(m.created_at)),
      kind: "mapping" as const,
      title: m.number === 1 ? "Kartläggning gjord" : `Kartläggning uppdaterad (version ${m.number})`,
      detail: m.name,
      enrolmentId: m.enrolment_id,
    })),
    ...plans.map((p) => ({
      date: day(new Date(p.created_at)),
      kind: "plan_revision" as const,
      title: p.number === 1 ? "Genomförandeplan upprättad" : `Genomförandeplan reviderad (version ${p.number})`,
      detail: p.reason ?? p.name,
      enrolmentId: p.enrolment_id,
    })),
  ];
}
