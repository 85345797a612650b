import {
  type Activity,
  type ActivityDetailsStored,
  type CreateActivityInput,
  CreateActivityInput as CreateSchema,
  ActivityDetailsInput as DetailsSchema,
  type Task,
  type UpdateActivityInput,
  UpdateActivityInput as UpdateSchema,
} from "../../../schemas/activities.ts";
import { DEFAULT_SUPPORT_MAX_MONTHS } from "../../../schemas/placements.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import { resolveCode } from "../codes/service.ts";
import { assertPlacement } from "../employers/placement.ts";
import { todayInSweden } from "../participants/dates.ts";
import type { Ctx } from "../participants/persons.ts";
import { getFollowUpSettings } from "./followups.ts";
import { afterActivityCreated, afterActivityUpdated } from "./lifecycle.ts";
import { newPlanningTask, raiseEndedActivityTasks } from "./new-planning.ts";
import { detailKindsOf, isOver, presentDetails, supportWarnings } from "./rules.ts";
import { withPlacements } from "./tables.ts";

const bad = (field: string, message: string) => new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { [field]: message } });

async function activityRows(db: Db, where: { id?: string; enrolmentId?: string }) {
  let q = withPlacements(db)
    .selectFrom("activities as a")
    .innerJoin("enrolments as e", "e.id", "a.enrolment_id")
    .leftJoin("codes as c", (j) => j.onRef("c.project_id", "=", "e.project_id").on("c.list", "=", "activity_type").onRef("c.code", "=", "a.type_code"))
    .leftJoin("users as u", "u.id", "a.coach_id")
    .leftJoin("follow_up_settings as s", "s.project_id", "e.project_id")
    .selectAll("a")
    .select(["c.label as type_label", "c.national_category", "u.name as coach_name", "s.support_max_months"]);
  if (where.id) q = q.where("a.id", "=", where.id);
  if (where.enrolmentId) q = q.where("a.enrolment_id", "=", where.enrolmentId);
  return q.orderBy("a.start_date").orderBy("a.created_at").execute();
}

/** An activity's extent as stored (unit and value columns) as the API shows it. */
export function extentOf(unit: "percent" | "hours_per_week" | null, value: number | string | null): Activity["extent"] {
  return unit && value != null ? { unit, value: Number(value) } : null;
}

function present(r: Awaited<ReturnType<typeof activityRows>>[number], today = todayInSweden()): Activity {
  const details = r.details as ActivityDetailsStored;
  return {
    id: r.id,
    enrolmentId: r.enrolment_id,
    type: r.type_code,
    typeLabel: r.type_label ?? r.type_code,
    category: r.national_category,
    startDate: r.start_date,
    endDate: r.end_date,
    extent: extentOf(r.extent_unit, r.extent_value),
    purpose: r.purpose,
    status: r.status,
    interruptedReason: r.interrupted_reason,
    coachId: r.coach_id,
    coachName: r.coach_name,
    notes: r.notes,
    employerId: r.employer_id,
    workplaceId: r.workplace_id,
    supervisorId: r.supervisor_id,
    trade: r.trade,
    details: presentDetails(details),
    warnings: supportWarnings({ startDate: r.start_date, endDate: r.end_date, details }, today, r.support_max_months ?? DEFAULT_SUPPORT_MAX_MONTHS),
    version: r.version,
  };
}

export async function listActivities(db: Db, enrolmentId: string): Promise<Activity[]> {
  const today = todayInSweden();
  return (await activityRows(db, { enrolmentId })).map((r) => present(r, today));
}

/** `find…`: the activity, or nothing. */
export async function findActivity(db: Db, id: string): Promise<Activity | undefined> {
  const [r] = await activityRows(db, { id });
  return r && present(r);
}

export async function getActivity(db: Db, id: string): Promise<Activity> {
  const a = await findActivity(db, id);
  if (!a) throw notFound("Insatsen");
  return a;
}

async function enrolmentOf(db: Db, id: string) {
  const e = await db.selectFrom("enrolments").select(["id", "project_id", "person_id", "start_date", "exit_date"]).where("id", "=", id).executeTakeFirst();
  if (!e) throw notFound("Inskrivningen");
  return e;
}

async function assertCoach(db: Db, projectId: string, coachId: string | null | undefined) {
  if (!coachId) return;
  const m = await db.selectFrom("project_memberships").select("role").where("project_id", "=", projectId).where("user_id", "=", coachId).executeTakeFirst();
  if (!m || (m.role !== "coach" && m.role !== "manager")) throw bad("coachId", "Välj en coach eller projektledare i projektet.");
}

/** The type's code and national category; a retired type stays on an activity that already has it. */
async function resolveType(db: Db, projectId: string, value: string, keep?: string) {
  const code = await resolveCode(db, projectId, "activity_type", value, "type", { allowRetired: value === keep });
  const row = await db
    .selectFrom("codes")
    .select("national_category")
    .where("project_id", "=", projectId)
    .where("list", "=", "activity_type")
    .where("code", "=", code)
    .executeTakeFirstOrThrow();
  return { code, category: row.national_category };
}

/** The details must be of a kind the type allows; left out, the type's empty default (which may refuse missing fields). */
function checkDetails(code: string, category: string | null, details: ActivityDetailsStored | undefined): ActivityDetailsStored {
  const kinds = detailKindsOf(category, code);
  if (!details) {
    const parsed = DetailsSchema.safeParse({ kind: kinds[0] });
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((i) => [["details", ...i.path].join("."), i.message]));
      throw new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields });
    }
    return parsed.data;
  }
  if (!kinds.includes(details.kind)) throw bad("details.kind", `Insatstypen ”${code}” har uppgifter av slaget ${kinds.join(" eller ")}.`);
  return details;
}

/** An employment's top-up share, when not given: kept from before, else the project's default. */
async function withTopUpShare(db: Db, projectId: string, details: ActivityDetailsStored, before?: ActivityDetailsStored): Promise<ActivityDetailsStored> {
  if (details.kind !== "employment" || details.topUpPercent !== undefined) return details;
  if (before?.kind === "employment" && before.topUpPercent !== undefined) return { ...details, topUpPercent: before.topUpPercent };
  return { ...details, topUpPercent: (await getFollowUpSettings(db, projectId)).topUpPercent };
}

interface Shape {
  startDate: string;
  endDate: string | null;
  status: Activity["status"];
  interruptedReason: string | null;
}

/** Dates inside the enrolment, end not before start, and an end date and reason where the status needs them. */
function checkShape(a: Shape, e: { start_date: string; exit_date: string | null }) {
  if (a.startDate < e.start_date) throw bad("startDate", `Insatsen kan inte börja före inskrivningens start (${e.start_date}).`);
  if (e.exit_date && a.startDate > e.exit_date) throw bad("startDate", `Insatsen kan inte börja efter avslutsdatum (${e.exit_date}).`);
  if (a.endDate && a.endDate < a.startDate) throw bad("endDate", `Slutdatum kan inte vara före startdatum (${a.startDate}).`);
  if (e.exit_date && (!a.endDate || a.endDate > e.exit_date)) throw bad("endDate", `Inskrivningen avslutades ${e.exit_date}; ange ett slutdatum senast då.`);
  if ((a.status === "ended" || a.status === "interrupted") && !a.endDate) throw bad("endDate", "Ange slutdatum för en avslutad eller avbruten insats.");
  if (a.status === "interrupted" && !a.interruptedReason) throw bad("interruptedReason", "Ange varför insatsen avbröts.");
}

export async function createActivity(db: Db, ctx: Ctx, enrolmentId: string, raw: CreateActivityInput): Promise<Activity> {
  const input = CreateSchema.parse(raw);
  const e = await enrolmentOf(db, enrolmentId);
  const { code, category } = await resolveType(db, e.project_id, input.type);
  checkShape({ ...input, interruptedReason: input.status === "interrupted" ? input.interruptedReason : null }, e);
  const details = await withTopUpShare(db, e.project_id, checkDetails(code, category, input.details));
  await assertCoach(db, e.project_id, input.coachId);
  await assertPlacement(db, e.project_id, input);
  const today = todayInSweden();
  const row = await db
    .insertInto("activities")
    .values({
      enrolment_id: enrolmentId,
      type_code: code,
      start_date: input.startDate,
      end_date: input.endDate,
      extent_unit: input.extent?.unit ?? null,
      extent_value: input.extent?.value ?? null,
      purpose: input.purpose,
      status: input.status,
      interrupted_reason: input.status === "interrupted" ? input.interruptedReason : null,
      coach_id: input.coachId,
      notes: input.notes,
      employer_id: input.employerId,
      workplace_id: input.workplaceId,
      supervisor_id: input.supervisorId,
      trade: input.trade,
      details: JSON.stringify(details),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const after = await getActivity(db, row.id);
  const taskId = isOver(after, today) ? await newPlanningTask(db, after) : null;
  const placement = await afterActivityCreated(db, after, e.project_id);
  await writeAudit(db, ctx, {
    action: "activity.create",
    subjectType: "person",
    subjectId: e.person_id,
    projectId: e.project_id,
    details: { enrolmentId, activityId: row.id, taskId, after, ...placement },
  });
  return after;
}

export async function updateActivity(db: Db, ctx: Ctx, id: string, raw: UpdateActivityInput): Promise<Activity> {
  const input = UpdateSchema.parse(raw);
  const before = await getActivity(db, id);
  const e = await enrolmentOf(db, before.enrolmentId);
  const { code, category } =
    input.type !== undefined ? await resolveType(db, e.project_id, input.type, before.type) : { code: before.type, category: before.category };
  const status = input.status ?? before.status;
  const next: Shape = {
    startDate: input.startDate ?? before.startDate,
    endDate: input.endDate !== undefined ? input.endDate : before.endDate,
    status,
    interruptedReason: status === "interrupted" ? (input.interruptedReason !== undefined ? input.interruptedReason : before.interruptedReason) : null,
  };
  checkShape(next, e);
  // Keep the stored details when the kind still fits the type; otherwise they must be given anew.
  const { municipalTopUp: _computed, ...stored } = before.details as ActivityDetailsStored & { municipalTopUp?: unknown };
  const kept = detailKindsOf(category, code).includes(before.details.kind) ? (stored as ActivityDetailsStored) : undefined;
  const details = await withTopUpShare(db, e.project_id, checkDetails(code, category, input.details ?? kept), stored as ActivityDetailsStored);
  if (input.coachId !== undefined) await assertCoach(db, e.project_id, input.coachId);
  const place = {
    employerId: input.employerId !== undefined ? input.employerId : before.employerId,
    workplaceId: input.workplaceId !== undefined ? input.workplaceId : before.workplaceId,
    supervisorId: input.supervisorId !== undefined ? input.supervisorId : before.supervisorId,
    trade: input.trade !== undefined ? input.trade : before.trade,
  };
  // The trade is checked against the employer's trades when either is chosen now: a trade the
  // employer has since dropped stays on the placement it was true of.
  await assertPlacement(db, e.project_id, { ...place, trade: input.trade !== undefined || input.employerId !== undefined ? place.trade : null });
  const today = todayInSweden();
  const res = await db
    .updateTable("activities")
    .set((eb) => ({
      type_code: code,
      start_date: next.startDate,
      end_date: next.endDate,
      status: next.status,
      interrupted_reason: next.interruptedReason,
      details: JSON.stringify(details),
      ...(input.extent !== undefined && { extent_unit: input.extent?.unit ?? null, extent_value: input.extent?.value ?? null }),
      ...(input.purpose !== undefined && { purpose: input.purpose }),
      ...(input.coachId !== undefined && { coach_id: input.coachId }),
      ...(input.notes !== undefined && { notes: input.notes }),
      employer_id: place.employerId,
      workplace_id: place.workplaceId,
      supervisor_id: place.supervisorId,
      trade: place.trade,
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  const after = await getActivity(db, id);
  const taskId = isOver(after, today) && !isOver(before, today) ? await newPlanningTask(db, after) : null;
  const followUps = await afterActivityUpdated(db, before, after, e.project_id);
  await writeAudit(db, ctx, {
    action: "activity.update",
    subjectType: "person",
    subjectId: e.person_id,
    projectId: e.project_id,
    details: { enrolmentId: e.id, activityId: id, taskId, before, after, followUps },
  });
  return after;
}

/** The enrolment's tasks, after giving activities whose end date has passed their new-planning task. */
export async function listTasks(db: Db, enrolmentId: string): Promise<Task[]> {
  await raiseEndedActivityTasks(db, { enrolmentId });
  const rows = await db.selectFrom("tasks").selectAll().where("enrolment_id", "=", enrolmentId).orderBy("created_at").orderBy("id").execute();
  return rows.map((t) => ({
    id: t.id,
    enrolmentId: t.enrolment_id,
    kind: t.kind,
    activityId: t.activity_id,
    reason: t.reason,
    createdAt: new Date(t.created_at).toISOString(),
    doneAt: t.done_at ? new Date(t.done_at).toISOString() : null,
    doneBy: t.done_by,
  }));
}
