import {
  DEFAULT_FOLLOW_UP_RULES,
  DEFAULT_SUPPORT_MAX_MONTHS,
  DEFAULT_TOP_UP_PERCENT,
  type FollowUp,
  type FollowUpRule,
  FollowUpRule as FollowUpRuleSchema,
  type FollowUpSettings,
  type RecordFollowUpInput,
  type UpdateFollowUpSettingsInput,
} from "../../../schemas/placements.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { conflict, invalidInput, notFound } from "../../errors.ts";
import { addDays, plannedEnd, todayInSweden } from "../participants/dates.ts";
import type { Ctx } from "../participants/persons.ts";
import { tickStepOfFollowUp } from "./checklists.ts";
import { withPlacements } from "./tables.ts";

/** Internships and employments are followed up at the workplace. */
export const hasFollowUps = (category: string | null) => category === "praktik" || category === "anstallning";

/** The day `months` calendar months after `d` (the 31st becomes the month's last day). */
export function addMonths(d: string, months: number): string {
  return months === 0 ? d : addDays(plannedEnd(d, months), 1);
}

/** When a follow-up by `rule` is due for an activity with these dates; null for an end follow-up without an end date. */
export function dueDate(rule: FollowUpRule, a: { startDate: string; endDate: string | null }): string | null {
  const from = rule.anchor === "start" ? a.startDate : a.endDate;
  if (!from) return null;
  return rule.unit === "days" ? addDays(from, rule.amount) : addMonths(from, rule.amount);
}

// ---------- the project's schedule ----------

export async function getFollowUpSettings(db: Db, projectId: string): Promise<FollowUpSettings> {
  const row = await withPlacements(db)
    .selectFrom("follow_up_settings")
    .select(["rules", "support_max_months", "top_up_percent", "version"])
    .where("project_id", "=", projectId)
    .executeTakeFirst();
  if (!row) return { rules: DEFAULT_FOLLOW_UP_RULES, supportMaxMonths: DEFAULT_SUPPORT_MAX_MONTHS, topUpPercent: DEFAULT_TOP_UP_PERCENT, version: 0 };
  return {
    rules: FollowUpRuleSchema.array().parse(row.rules),
    supportMaxMonths: row.support_max_months,
    topUpPercent: Number(row.top_up_percent),
    version: row.version,
  };
}

/**
 * The schedule applies to activities created from now on (follow-ups already scheduled keep
 * their rule), as does the top-up share; the support length applies to every activity's warning.
 */
export async function setFollowUpSettings(db: Db, ctx: Ctx, projectId: string, input: UpdateFollowUpSettingsInput): Promise<FollowUpSettings> {
  const before = await getFollowUpSettings(db, projectId);
  const x = withPlacements(db);
  const changes = {
    ...(input.rules !== undefined && { rules: JSON.stringify(input.rules) }),
    ...(input.supportMaxMonths !== undefined && { support_max_months: input.supportMaxMonths }),
    ...(input.topUpPercent !== undefined && { top_up_percent: input.topUpPercent }),
  };
  if (input.version === 0) {
    const res = await x
      .insertInto("follow_up_settings")
      .values({ project_id: projectId, rules: JSON.stringify(before.rules), ...changes })
      .onConflict((oc) => oc.column("project_id").doNothing())
      .returning("project_id")
      .executeTakeFirst();
    if (!res) throw conflict(await getFollowUpSettings(db, projectId));
  } else {
    const res = await x
      .updateTable("follow_up_settings")
      .set((eb) => ({ ...changes, version: eb("version", "+", 1), updated_at: new Date() }))
      .where("project_id", "=", projectId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  }
  const after = await getFollowUpSettings(db, projectId);
  await writeAudit(db, ctx, { action: "follow_up_settings.update", subjectType: "project", subjectId: projectId, projectId, details: { before, after } });
  return after;
}

// ---------- scheduling ----------

interface Dated {
  id: string;
  category: string | null;
  startDate: string;
  endDate: string | null;
}

/** Follow-ups for a new internship or employment, by the project's schedule. */
export async function scheduleFollowUps(db: Db, a: Dated, projectId: string): Promise<number> {
  if (!hasFollowUps(a.category)) return 0;
  const { rules } = await getFollowUpSettings(db, projectId);
  await withPlacements(db)
    .insertInto("placement_follow_ups")
    .values(
      rules.map((r) => ({
        activity_id: a.id,
        anchor: r.anchor,
        offset_unit: r.unit,
        offset_amount: r.amount,
        due_date: dueDate(r, a),
      })),
    )
    .execute();
  return rules.length;
}

/**
 * The activity's dates changed: follow-ups not yet done move with them; those done stay as
 * recorded. When the activity is over, follow-ups counted from the start that would fall after
 * its last day are no longer needed and go; the end follow-up stays.
 */
export async function moveFollowUps(db: Db, a: Dated & { over: boolean }): Promise<{ moved: number; dropped: number }> {
  const x = withPlacements(db);
  const open = await x
    .selectFrom("placement_follow_ups")
    .select(["id", "anchor", "offset_unit", "offset_amount", "due_date"])
    .where("activity_id", "=", a.id)
    .where("done_on", "is", null)
    .execute();
  let moved = 0;
  let dropped = 0;
  for (const f of open) {
    const due = dueDate({ anchor: f.anchor, unit: f.offset_unit, amount: f.offset_amount }, a);
    if (a.over && f.anchor === "start" && a.endDate && due && due > a.endDate) {
      await x.deleteFrom("placement_follow_ups").where("id", "=", f.id).execute();
      dropped++;
    } else if (due !== f.due_date) {
      await x
        .updateTable("placement_follow_ups")
        .set((eb) => ({ due_date: due, version: eb("version", "+", 1), updated_at: new Date() }))
        .where("id", "=", f.id)
        .execute();
      moved++;
    }
  }
  return { moved, dropped };
}

// ---------- reading and recording ----------

async function followUpRows(db: Db, where: { enrolmentId?: string; id?: string }) {
  let q = withPlacements(db)
    .selectFrom("placement_follow_ups as f")
    .innerJoin("activities as a", "a.id", "f.activity_id")
    .leftJoin("users as u", "u.id", "f.done_by")
    .selectAll("f")
    .select(["u.name as done_by_name", "a.enrolment_id"]);
  if (where.enrolmentId) q = q.where("a.enrolment_id", "=", where.enrolmentId);
  if (where.id) q = q.where("f.id", "=", where.id);
  return q.orderBy("a.start_date").orderBy("f.activity_id").orderBy("f.due_date").execute();
}

function present(r: Awaited<ReturnType<typeof followUpRows>>[number], today: string): FollowUp {
  return {
    id: r.id,
    activityId: r.activity_id,
    rule: { anchor: r.anchor, unit: r.offset_unit, amount: r.offset_amount },
    dueDate: r.due_date,
    doneOn: r.done_on,
    how: r.how,
    notes: r.notes,
    doneBy: r.done_by,
    doneByName: r.done_by_name,
    overdue: r.done_on === null && r.due_date !== null && r.due_date < today,
    version: r.version,
  };
}

export async function listFollowUps(db: Db, enrolmentId: string): Promise<FollowUp[]> {
  const today = todayInSweden();
  return (await followUpRows(db, { enrolmentId })).map((r) => present(r, today));
}

export async function enrolmentOfFollowUp(db: Db, id: string): Promise<string> {
  const [r] = await followUpRows(db, { id });
  if (!r) throw notFound("Uppföljningen");
  return r.enrolment_id;
}

/** Record that the follow-up took place (or correct what was recorded). */
export async function recordFollowUp(db: Db, ctx: Ctx, id: string, input: RecordFollowUpInput & { notes: string | null }): Promise<FollowUp> {
  const today = todayInSweden();
  const [row] = await followUpRows(db, { id });
  if (!row) throw notFound("Uppföljningen");
  const before = present(row, today);
  if (input.doneOn > today) throw invalidInput({ doneOn: "En uppföljning kan inte registreras med ett datum som inte har kommit än." });
  const a = await db
    .selectFrom("activities as a")
    .innerJoin("enrolments as e", "e.id", "a.enrolment_id")
    .select(["a.start_date", "e.person_id", "e.project_id", "e.id as enrolment_id"])
    .where("a.id", "=", before.activityId)
    .executeTakeFirstOrThrow();
  if (input.doneOn < a.start_date) throw invalidInput({ doneOn: `Uppföljningen kan inte vara före insatsens start (${a.start_date}).` });
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  if (!userId) throw invalidInput({ doneOn: "Bara en inloggad användare kan registrera en uppföljning." });
  const res = await withPlacements(db)
    .updateTable("placement_follow_ups")
    .set((eb) => ({
      done_on: input.doneOn,
      how: input.how,
      notes: input.notes,
      done_by: userId,
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  const [afterRow] = await followUpRows(db, { id });
  const after = present(afterRow as NonNullable<typeof afterRow>, today);
  // The first recording ticks the checklist's step for this follow-up; a correction leaves the checklist be.
  const tickedItemId =
    before.doneOn === null ? await tickStepOfFollowUp(db, { activityId: after.activityId, rule: after.rule, doneOn: input.doneOn, userId }) : null;
  await writeAudit(db, ctx, {
    action: "follow_up.record",
    subjectType: "person",
    subjectId: a.person_id,
    projectId: a.project_id,
    details: { enrolmentId: a.enrolment_id, activityId: before.activityId, followUpId: id, before, after, tickedItemId },
  });
  return after;
}
