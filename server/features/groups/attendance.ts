import { sql } from "kysely";
import { type AttendanceRegister, type SaveAttendanceInput, SaveAttendanceInput as SaveSchema } from "../../../schemas/groups.ts";
import type { ServiceContext } from "../../auth/audit.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import { todayInSweden } from "../participants/dates.ts";
import { bad, getSession } from "./service.ts";

export async function sessionGroup(db: Db, sessionId: string) {
  return db
    .selectFrom("group_sessions as s")
    .innerJoin("groups as g", "g.id", "s.group_id")
    .select(["g.id", "g.project_id", "g.name"])
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
}

/**
 * Who belongs on the register: the group's participants whose period covers the session's date,
 * and anyone whose attendance was already recorded (so a later change of dates hides nothing).
 */
export async function attendanceRegister(db: Db, sessionId: string): Promise<AttendanceRegister> {
  const g = await sessionGroup(db, sessionId);
  if (!g) throw notFound("Gruppträffen");
  const session = await getSession(db, sessionId);
  const rows = await db
    .selectFrom("group_members as m")
    .innerJoin("enrolments as e", "e.id", "m.enrolment_id")
    .innerJoin("persons as p", "p.id", "e.person_id")
    .leftJoin("group_attendance as a", (j) => j.onRef("a.enrolment_id", "=", "m.enrolment_id").on("a.session_id", "=", sessionId))
    .select(["m.enrolment_id", "e.person_id", "a.status", sql<string>`p.first_name || ' ' || p.last_name`.as("name")])
    .where("m.group_id", "=", g.id)
    .where((eb) =>
      eb.or([
        eb("a.status", "is not", null),
        eb.and([eb("m.from_date", "<=", session.date), eb.or([eb("m.to_date", "is", null), eb("m.to_date", ">=", session.date)])]),
      ]),
    )
    .orderBy(sql`p.sort_name COLLATE "C"`)
    .execute();
  return {
    session,
    groupName: g.name,
    projectId: g.project_id,
    rows: rows.map((r) => ({ enrolmentId: r.enrolment_id, personId: r.person_id, name: r.name, status: r.status ?? null })),
  };
}

/** Record present/absent for some or all participants; a null status takes a registration back. */
export async function saveAttendance(db: Db, ctx: ServiceContext, sessionId: string, raw: SaveAttendanceInput): Promise<AttendanceRegister> {
  const input = SaveSchema.parse(raw);
  const before = await attendanceRegister(db, sessionId);
  const s = before.session;
  if (s.cancelled)
    throw new AppError("invalid_input", "Träffen är inställd; det finns ingen närvaro att registrera.", { fields: { entries: "Träffen är inställd." } });
  if (s.date > todayInSweden()) throw bad("entries", "Närvaro kan registreras först den dag träffen hålls.");
  const byEnrolment = new Map(before.rows.map((r) => [r.enrolmentId, r]));
  input.entries.forEach((entry, i) => {
    if (!byEnrolment.has(entry.enrolmentId)) throw bad(`entries.${i}.enrolmentId`, "Personen är inte deltagare i gruppen den dag träffen hålls.");
  });
  const changes = input.entries.filter((e) => byEnrolment.get(e.enrolmentId)?.status !== e.status);
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const ok = await db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable("group_sessions")
      .set((eb) => ({ version: eb("version", "+", 1) }))
      .where("id", "=", sessionId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return false;
    for (const c of changes) {
      if (c.status === null) {
        await tx.deleteFrom("group_attendance").where("session_id", "=", sessionId).where("enrolment_id", "=", c.enrolmentId).execute();
      } else {
        await tx
          .insertInto("group_attendance")
          .values({ session_id: sessionId, enrolment_id: c.enrolmentId, status: c.status, recorded_by: userId })
          .onConflict((oc) =>
            oc.columns(["session_id", "enrolment_id"]).doUpdateSet({ status: c.status ?? "present", recorded_by: userId, recorded_at: new Date() }),
          )
          .execute();
      }
    }
    return true;
  });
  if (!ok) throw conflict(before);
  for (const c of changes) {
    const row = byEnrolment.get(c.enrolmentId);
    await writeAudit(db, ctx, {
      action: "group.attendance.write",
      subjectType: "person",
      subjectId: row?.personId,
      projectId: before.projectId,
      details: { groupId: s.groupId, sessionId, enrolmentId: c.enrolmentId, before: row?.status ?? null, after: c.status },
    });
  }
  return attendanceRegister(db, sessionId);
}
