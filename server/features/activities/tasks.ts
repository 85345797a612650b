import { sql } from "kysely";
import type { Task } from "../../../schemas/activities.ts";
import type { WorkList } from "../../../schemas/placements.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { conflict, invalidInput, notFound } from "../../errors.ts";
import { addDays, todayInSweden } from "../participants/dates.ts";
import type { Ctx } from "../participants/persons.ts";
import { exitFollowUpsToDo } from "../reports/follow-up.ts";
import { getReportSettings } from "../reports/settings.ts";
import { raiseEndedActivityTasks } from "./new-planning.ts";
import { listTasks } from "./service.ts";
import { withPlacements } from "./tables.ts";

/** Follow-ups show on the work list from this many days before they are due. */
export const WORK_LIST_HORIZON_DAYS = 14;

// ---------- tasks ----------

export async function enrolmentOfTask(db: Db, id: string): Promise<string> {
  const t = await db.selectFrom("tasks").select("enrolment_id").where("id", "=", id).executeTakeFirst();
  if (!t) throw notFound("Uppgiften");
  return t.enrolment_id;
}

/** Mark a task done; a task already done answers 409 with the task as it is. */
export async function completeTask(db: Db, ctx: Ctx, id: string): Promise<Task> {
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  if (!userId) throw invalidInput({ id: "Bara en inloggad användare kan markera en uppgift som klar." });
  const t = await db
    .selectFrom("tasks as t")
    .innerJoin("enrolments as e", "e.id", "t.enrolment_id")
    .select(["t.enrolment_id", "e.person_id", "e.project_id"])
    .where("t.id", "=", id)
    .executeTakeFirst();
  if (!t) throw notFound("Uppgiften");
  const find = async () => (await listTasks(db, t.enrolment_id)).find((x) => x.id === id) as Task;
  const res = await db.updateTable("tasks").set({ done_at: new Date(), done_by: userId }).where("id", "=", id).where("done_at", "is", null).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(await find(), "Uppgiften är redan klarmarkerad.");
  const after = await find();
  await writeAudit(db, ctx, {
    action: "task.complete",
    subjectType: "person",
    subjectId: t.person_id,
    projectId: t.project_id,
    details: { enrolmentId: t.enrolment_id, taskId: id, kind: after.kind },
  });
  return after;
}

// ---------- the coach's work list ----------

/**
 * Open tasks, open checklist steps of activities still going on, and follow-ups due within the
 * horizon (or overdue), for the user's participants — those they coach, or whose activity they
 * are responsible for — or for the whole project. Only enrolments still open.
 */
export async function workList(
  db: Db,
  projectId: string,
  userId: string,
  scope: "mine" | "project",
  today = todayInSweden(),
): Promise<WorkList & { personIds: string[] }> {
  await raiseEndedActivityTasks(db, { projectId }, today);
  const x = withPlacements(db);
  const mineOnly = scope === "mine";
  const enrolments = db
    .selectFrom("enrolments as e")
    .innerJoin("persons as p", "p.id", "e.person_id")
    .select(["e.id", "e.person_id", "p.first_name", "p.last_name", "p.sort_name"])
    .where("e.project_id", "=", projectId)
    .where("e.exit_date", "is", null)
    .$if(mineOnly, (q) =>
      q.where((eb) =>
        eb.or([
          eb("e.coach_id", "=", userId),
          eb.exists(eb.selectFrom("activities as a2").select("a2.id").whereRef("a2.enrolment_id", "=", "e.id").where("a2.coach_id", "=", userId)),
        ]),
      ),
    );
  const { followUpMonths } = await getReportSettings(db, projectId);
  const [who, afterExit] = await Promise.all([
    enrolments.execute(),
    exitFollowUpsToDo(db, {
      projectId,
      months: followUpMonths,
      coachId: mineOnly ? userId : undefined,
      horizonDays: WORK_LIST_HORIZON_DAYS,
      today,
    }),
  ]);
  const exitFollowUps: WorkList["exitFollowUps"] = afterExit.map((f) => ({
    enrolmentId: f.enrolmentId,
    personName: f.personName,
    exitDate: f.exitDate,
    months: f.months,
    dueDate: f.dueDate,
    overdue: f.overdue,
  }));
  const exitedPersonIds = [...new Set(afterExit.map((f) => f.personId))];
  const ids = who.map((w) => w.id);
  if (ids.length === 0) return { horizonDays: WORK_LIST_HORIZON_DAYS, tasks: [], checklists: [], followUps: [], exitFollowUps, personIds: exitedPersonIds };
  const byId = new Map(who.map((w) => [w.id, w]));
  const nameOf = (enrolmentId: string) => {
    const w = byId.get(enrolmentId);
    return w ? `${w.first_name} ${w.last_name}` : "";
  };
  const sortKey = (enrolmentId: string) => byId.get(enrolmentId)?.sort_name ?? "";

  const [tasks, items, followUps] = await Promise.all([
    db
      .selectFrom("tasks")
      .select(["id", "enrolment_id", "kind", "reason", "created_at"])
      .where("enrolment_id", "in", ids)
      .where("done_at", "is", null)
      .orderBy("created_at")
      .execute(),
    x
      .selectFrom("checklist_items as ci")
      .innerJoin("activities as a", "a.id", "ci.activity_id")
      .innerJoin("enrolments as e", "e.id", "a.enrolment_id")
      .leftJoin("codes as c", (j) => j.onRef("c.project_id", "=", "e.project_id").on("c.list", "=", "activity_type").onRef("c.code", "=", "a.type_code"))
      .select(["ci.id", "ci.label", "ci.done_on", "ci.activity_id", "a.enrolment_id", "a.start_date", "a.type_code", "c.label as type_label"])
      .where("a.enrolment_id", "in", ids)
      .where("a.status", "in", ["planned", "ongoing"])
      .where((eb) => eb.or([eb("a.end_date", "is", null), eb("a.end_date", ">=", today)]))
      .orderBy("a.start_date")
      .orderBy("ci.activity_id")
      .orderBy("ci.position")
      .execute(),
    x
      .selectFrom("placement_follow_ups as f")
      .innerJoin("activities as a", "a.id", "f.activity_id")
      .innerJoin("enrolments as e", "e.id", "a.enrolment_id")
      .leftJoin("codes as c", (j) => j.onRef("c.project_id", "=", "e.project_id").on("c.list", "=", "activity_type").onRef("c.code", "=", "a.type_code"))
      .select(["f.id", "f.activity_id", "f.anchor", "f.offset_unit", "f.offset_amount", "f.due_date", "a.enrolment_id", "a.type_code", "c.label as type_label"])
      .where("a.enrolment_id", "in", ids)
      .where("f.done_on", "is", null)
      .where("f.due_date", "is not", null)
      .where("f.due_date", "<=", sql<string>`${addDays(today, WORK_LIST_HORIZON_DAYS)}::date`)
      .orderBy("f.due_date")
      .execute(),
  ]);

  const checklists: WorkList["checklists"] = [];
  for (const i of items) {
    let c = checklists.at(-1);
    if (c?.activityId !== i.activity_id) {
      c = {
        enrolmentId: i.enrolment_id,
        personName: nameOf(i.enrolment_id),
        activityId: i.activity_id,
        typeLabel: i.type_label ?? i.type_code,
        startDate: i.start_date,
        openItems: [],
        totalItems: 0,
      };
      checklists.push(c);
    }
    c.totalItems++;
    if (!i.done_on) c.openItems.push({ id: i.id, label: i.label });
  }
  const openChecklists = checklists.filter((c) => c.openItems.length > 0);
  openChecklists.sort((a, b) =>
    a.startDate === b.startDate ? sortKey(a.enrolmentId).localeCompare(sortKey(b.enrolmentId)) : a.startDate < b.startDate ? -1 : 1,
  );

  const result: WorkList = {
    horizonDays: WORK_LIST_HORIZON_DAYS,
    tasks: tasks.map((t) => ({
      id: t.id,
      enrolmentId: t.enrolment_id,
      personName: nameOf(t.enrolment_id),
      kind: t.kind,
      reason: t.reason,
      createdAt: new Date(t.created_at).toISOString(),
    })),
    checklists: openChecklists,
    exitFollowUps,
    followUps: followUps.map((f) => ({
      id: f.id,
      enrolmentId: f.enrolment_id,
      personName: nameOf(f.enrolment_id),
      activityId: f.activity_id,
      typeLabel: f.type_label ?? f.type_code,
      rule: { anchor: f.anchor, unit: f.offset_unit, amount: f.offset_amount },
      dueDate: f.due_date as string,
      overdue: (f.due_date as string) < today,
    })),
  };
  const listed = new Set([...result.tasks, ...result.checklists, ...result.followUps].map((r) => r.enrolmentId));
  const personIds = new Set([...who.filter((w) => listed.has(w.id)).map((w) => w.person_id), ...exitedPersonIds]);
  return { ...result, personIds: [...personIds] };
}
