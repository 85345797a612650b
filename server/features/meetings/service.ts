import {
  type CreateMeetingInput,
  CreateMeetingInput as CreateSchema,
  type Meeting,
  type MeetingList,
  type UpdateMeetingInput,
  UpdateMeetingInput as UpdateSchema,
} from "../../../schemas/meetings.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { conflict, invalidInput, notFound } from "../../errors.ts";
import type { Ctx } from "../participants/persons.ts";
import "./tables.ts";
import { fromStockholm, toStockholm } from "./time.ts";

const bad = (field: string, message: string) => invalidInput({ [field]: message });

async function meetingRows(db: Db, where: { id?: string; enrolmentId?: string }) {
  let q = db.selectFrom("meetings as m").leftJoin("users as u", "u.id", "m.created_by").selectAll("m").select("u.name as created_by_name");
  if (where.id) q = q.where("m.id", "=", where.id);
  if (where.enrolmentId) q = q.where("m.enrolment_id", "=", where.enrolmentId);
  const rows = await q.orderBy("m.starts_at").orderBy("m.id").execute();
  const staff = rows.length
    ? await db
        .selectFrom("meeting_staff as s")
        .innerJoin("users as u", "u.id", "s.user_id")
        .select(["s.meeting_id", "u.id", "u.name"])
        .where(
          "s.meeting_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("u.name")
        .execute()
    : [];
  return rows.map((r) => ({ ...r, staff: staff.filter((s) => s.meeting_id === r.id).map((s) => ({ id: s.id, name: s.name })) }));
}

function present(r: Awaited<ReturnType<typeof meetingRows>>[number], now = new Date()): Meeting {
  const start = new Date(r.starts_at);
  const end = new Date(start.getTime() + r.duration_minutes * 60_000);
  const local = toStockholm(start);
  return {
    id: r.id,
    enrolmentId: r.enrolment_id,
    startsAt: start.toISOString(),
    endsAt: end.toISOString(),
    date: local.date,
    time: local.time,
    durationMinutes: r.duration_minutes,
    form: r.form,
    staff: r.staff,
    attendance: r.attendance,
    started: start.getTime() <= now.getTime(),
    agreedTasks: r.agreed_tasks,
    note: r.note,
    createdByName: r.created_by_name,
    version: r.version,
  };
}

/** Coaches and managers of the project: the people who may hold a meeting. */
export async function staffOptions(db: Db, projectId: string) {
  return db
    .selectFrom("project_memberships as pm")
    .innerJoin("users as u", "u.id", "pm.user_id")
    .select(["u.id", "u.name"])
    .where("pm.project_id", "=", projectId)
    .where("pm.role", "in", ["coach", "manager"])
    .where("u.active", "=", true)
    .orderBy("u.name")
    .execute();
}

export async function listMeetings(db: Db, enrolmentId: string, projectId: string): Promise<MeetingList> {
  const now = new Date();
  const [rows, staff] = await Promise.all([meetingRows(db, { enrolmentId }), staffOptions(db, projectId)]);
  return { meetings: rows.map((r) => present(r, now)), staffOptions: staff };
}

export async function findMeeting(db: Db, id: string): Promise<Meeting | undefined> {
  const [r] = await meetingRows(db, { id });
  return r && present(r);
}

export async function getMeeting(db: Db, id: string): Promise<Meeting> {
  const m = await findMeeting(db, id);
  if (!m) throw notFound("Mötet");
  return m;
}

async function enrolmentOf(db: Db, id: string) {
  const e = await db.selectFrom("enrolments").select(["id", "project_id", "person_id", "start_date", "exit_date"]).where("id", "=", id).executeTakeFirst();
  if (!e) throw notFound("Inskrivningen");
  return e;
}

function instant(date: string, time: string): Date {
  const at = fromStockholm(date, time);
  if (!at) throw bad("time", "Den tiden finns inte det datumet (klockan ställs fram till sommartid). Välj en annan tid.");
  return at;
}

async function assertStaff(db: Db, projectId: string, staffIds: string[]) {
  const allowed = new Set((await staffOptions(db, projectId)).map((s) => s.id));
  const unique = [...new Set(staffIds)];
  if (unique.some((id) => !allowed.has(id))) throw bad("staffIds", "Välj medarbetare som är coach eller projektledare i projektet.");
  return unique;
}

interface Shape {
  startsAt: Date;
  attendance: Meeting["attendance"];
}

/**
 * The meeting must fall inside the enrolment, and attendance says what happened: "attended" and
 * "no-show" only once the meeting has started; "cancelled" may be recorded in advance.
 */
function checkShape(m: Shape, e: { start_date: string; exit_date: string | null }, now = new Date()) {
  const { date } = toStockholm(m.startsAt);
  if (date < e.start_date) throw bad("date", `Mötet kan inte vara före inskrivningens start (${e.start_date}).`);
  if (e.exit_date && date > e.exit_date) throw bad("date", `Inskrivningen avslutades ${e.exit_date}; mötet kan inte vara senare.`);
  if ((m.attendance === "attended" || m.attendance === "no_show") && m.startsAt.getTime() > now.getTime())
    throw bad("attendance", "Närvaro kan registreras först när mötet har börjat. Ett möte i framtiden kan bara ställas in.");
}

async function setStaff(db: Db, meetingId: string, staffIds: string[]) {
  await db.deleteFrom("meeting_staff").where("meeting_id", "=", meetingId).execute();
  await db
    .insertInto("meeting_staff")
    .values(staffIds.map((user_id) => ({ meeting_id: meetingId, user_id })))
    .execute();
}

export async function createMeeting(db: Db, ctx: Ctx, enrolmentId: string, raw: CreateMeetingInput): Promise<Meeting> {
  const input = CreateSchema.parse(raw);
  const e = await enrolmentOf(db, enrolmentId);
  const startsAt = instant(input.date, input.time);
  checkShape({ startsAt, attendance: input.attendance }, e);
  const creator = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const staffIds = await assertStaff(db, e.project_id, input.staffIds ?? (creator ? [creator] : []));
  if (staffIds.length === 0) throw bad("staffIds", "Minst en medarbetare ska delta");
  const id = await db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("meetings")
      .values({
        enrolment_id: enrolmentId,
        starts_at: startsAt,
        duration_minutes: input.durationMinutes,
        form: input.form,
        attendance: input.attendance,
        agreed_tasks: input.agreedTasks,
        note: input.note,
        created_by: creator,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await setStaff(tx, row.id, staffIds);
    return row.id;
  });
  const after = await getMeeting(db, id);
  await writeAudit(db, ctx, {
    action: "meeting.create",
    subjectType: "person",
    subjectId: e.person_id,
    projectId: e.project_id,
    details: { enrolmentId, meetingId: id, after },
  });
  return after;
}

export async function updateMeeting(db: Db, ctx: Ctx, id: string, raw: UpdateMeetingInput): Promise<Meeting> {
  const input = UpdateSchema.parse(raw);
  const before = await getMeeting(db, id);
  const e = await enrolmentOf(db, before.enrolmentId);
  const moved = input.date !== undefined || input.time !== undefined;
  const startsAt = moved ? instant(input.date ?? before.date, input.time ?? before.time) : new Date(before.startsAt);
  const attendance = input.attendance !== undefined ? input.attendance : before.attendance;
  checkShape({ startsAt, attendance }, e);
  const staffIds = input.staffIds ? await assertStaff(db, e.project_id, input.staffIds) : null;
  const updated = await db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable("meetings")
      .set((eb) => ({
        starts_at: startsAt,
        attendance,
        ...(input.durationMinutes !== undefined && { duration_minutes: input.durationMinutes }),
        ...(input.form !== undefined && { form: input.form }),
        ...(input.agreedTasks !== undefined && { agreed_tasks: input.agreedTasks }),
        ...(input.note !== undefined && { note: input.note }),
        version: eb("version", "+", 1),
        updated_at: new Date(),
      }))
      .where("id", "=", id)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return false;
    if (staffIds) await setStaff(tx, id, staffIds);
    return true;
  });
  if (!updated) throw conflict(before);
  const after = await getMeeting(db, id);
  await writeAudit(db, ctx, {
    action: "meeting.update",
    subjectType: "person",
    subjectId: e.person_id,
    projectId: e.project_id,
    details: { enrolmentId: e.id, meetingId: id, before, after },
  });
  return after;
}
