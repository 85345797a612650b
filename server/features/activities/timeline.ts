import type { TimelineEvent } from "../../../schemas/participants.ts";
import type { Db } from "../../db/client.ts";

const statusWord = { ended: "avslutad", interrupted: "avbruten" } as const;

/** A person's activities in a project as timeline events: each start, and each end that has come. */
export async function activityTimelineEvents(db: Db, personId: string, projectId: string, today: string): Promise<TimelineEvent[]> {
  const rows = await db
    .selectFrom("activities as a")
    .innerJoin("enrolments as e", "e.id", "a.enrolment_id")
    .leftJoin("codes as c", (j) => j.onRef("c.project_id", "=", "e.project_id").on("c.list", "=", "activity_type").onRef("c.code", "=", "a.type_code"))
    .select(["a.enrolment_id", "a.type_code", "a.start_date", "a.end_date", "a.status", "a.interrupted_reason", "c.label"])
    .where("e.person_id", "=", personId)
    .where("e.project_id", "=", projectId)
    .execute();
  const events: TimelineEvent[] = [];
  for (const a of rows) {
    const label = a.label ?? a.type_code;
    if (a.status !== "planned" || a.start_date <= today)
      events.push({ date: a.start_date, kind: "activity_start", title: `${label} startade`, detail: null, enrolmentId: a.enrolment_id });
    if (a.end_date && a.end_date <= today && a.status !== "planned")
      events.push({
        date: a.end_date,
        kind: "activity_end",
        title: `${label} ${a.status === "interrupted" || a.status === "ended" ? statusWord[a.status] : "slutade"}`,
        detail: a.status === "interrupted" ? a.interrupted_reason : null,
        enrolmentId: a.enrolment_id,
      });
  }
  return events;
}
