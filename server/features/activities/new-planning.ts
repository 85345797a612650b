import type { Activity } from "../../../schemas/activities.ts";
import { systemActor } from "../../auth/actor.ts";
import { writeAuditMany } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { todayInSweden } from "../participants/dates.ts";

// A new planning is always made when an activity ends (spec, step 5). An activity ends either
// because someone records it (create or change: `newPlanningTask`) or because its end date
// simply passes (`raiseEndedActivityTasks`, run before the task lists are read and by a
// periodic sweep). The unique (activity, kind) key keeps it to one task per activity.

const reasonOf = (typeLabel: string, startDate: string, how: string) => `${typeLabel} (${startDate}) ${how}. Gör en ny planering.`;

/**
 * The task for an activity that has just been recorded as over. An activity that already had
 * one (it ended, was reopened and ended again) gets it back, open, with the new reason.
 */
export async function newPlanningTask(db: Db, a: Activity): Promise<string> {
  const how =
    a.status === "interrupted"
      ? `avbröts ${a.endDate}: ${a.interruptedReason}`
      : a.status === "ended"
        ? `avslutades ${a.endDate}`
        : `slutdatum ${a.endDate} har passerat`;
  const reason = reasonOf(a.typeLabel, a.startDate, how);
  const row = await db
    .insertInto("tasks")
    .values({ enrolment_id: a.enrolmentId, kind: "new_planning", activity_id: a.id, reason })
    .onConflict((oc) => oc.columns(["activity_id", "kind"]).doUpdateSet({ reason, done_at: null, done_by: null, created_at: new Date() }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Gives every activity whose end date has passed while it still stands as planned or ongoing
 * its new-planning task, if it has none yet — in one enrolment, one project or everywhere.
 * Enrolments that have exited are left alone: their planning is over. Each task made is logged
 * as made by the system. Returns how many were made.
 */
export async function raiseEndedActivityTasks(db: Db, scope: { enrolmentId?: string; projectId?: string } = {}, today = todayInSweden()): Promise<number> {
  const ended = await db
    .selectFrom("activities as a")
    .innerJoin("enrolments as e", "e.id", "a.enrolment_id")
    .leftJoin("codes as c", (j) => j.onRef("c.project_id", "=", "e.project_id").on("c.list", "=", "activity_type").onRef("c.code", "=", "a.type_code"))
    .select(["a.id", "a.enrolment_id", "a.type_code", "a.start_date", "a.end_date", "e.person_id", "e.project_id", "c.label as type_label"])
    .where("a.status", "in", ["planned", "ongoing"])
    .where("a.end_date", "<", today)
    .where("e.exit_date", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("tasks as t").select("t.id").whereRef("t.activity_id", "=", "a.id").where("t.kind", "=", "new_planning"))),
    )
    .$if(scope.enrolmentId !== undefined, (q) => q.where("a.enrolment_id", "=", scope.enrolmentId as string))
    .$if(scope.projectId !== undefined, (q) => q.where("e.project_id", "=", scope.projectId as string))
    .execute();
  if (ended.length === 0) return 0;
  // Two readers at once may both find the activity; the unique key lets one of them make the task.
  // The tasks and their audit entries are written together, or not at all.
  return db.transaction().execute(async (tx) => {
    const made = await tx
      .insertInto("tasks")
      .values(
        ended.map((a) => ({
          enrolment_id: a.enrolment_id,
          kind: "new_planning" as const,
          activity_id: a.id,
          reason: reasonOf(a.type_label ?? a.type_code, a.start_date, `slutdatum ${a.end_date} har passerat`),
        })),
      )
      .onConflict((oc) => oc.columns(["activity_id", "kind"]).doNothing())
      .returning(["id", "activity_id"])
      .execute();
    const byActivity = new Map(ended.map((a) => [a.id, a]));
    await writeAuditMany(
      tx,
      { actor: systemActor(), actorLabel: "system" },
      made.flatMap((t) => {
        const a = byActivity.get(t.activity_id as string);
        if (!a) return [];
        return [
          {
            action: "task.create",
            subjectType: "person",
            subjectId: a.person_id,
            projectId: a.project_id,
            details: { enrolmentId: a.enrolment_id, activityId: a.id, taskId: t.id, kind: "new_planning", endDate: a.end_date },
          },
        ];
      }),
    );
    return made.length;
  });
}

/**
 * Runs the sweep at once and then every `intervalMs` (an hour by default), so a task appears on
 * the day an activity's end date passes even where nobody opens the lists. The returned stop
 * function waits for a sweep under way, so the database can be closed after it.
 */
export function startNewPlanningSweep(db: Db, intervalMs = 60 * 60 * 1000, onError: (err: unknown) => void = console.error): () => Promise<void> {
  let current: Promise<void> | null = null;
  const run = () => {
    current ??= raiseEndedActivityTasks(db)
      .then(() => undefined, onError)
      .finally(() => {
        current = null;
      });
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
