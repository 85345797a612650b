import { sql } from "kysely";
import {
  type AddMemberInput,
  AddMemberInput as AddSchema,
  type GroupMember,
  type MemberCandidates,
  type UpdateMemberInput,
  UpdateMemberInput as UpdateSchema,
} from "../../../schemas/groups.ts";
import type { ServiceContext } from "../../auth/audit.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { conflict, notFound } from "../../errors.ts";
import { todayInSweden } from "../participants/dates.ts";
import { bad, findGroupRow, membersOf } from "./service.ts";

async function enrolmentOf(db: Db, id: string) {
  return db.selectFrom("enrolments").select(["id", "project_id", "person_id", "start_date", "exit_date"]).where("id", "=", id).executeTakeFirst();
}

/** The period must lie inside the enrolment: nobody is in a group before they start or after they leave. */
function checkPeriod(fromDate: string, toDate: string | null, e: { start_date: string; exit_date: string | null }) {
  if (fromDate < e.start_date) throw bad("fromDate", `Deltagaren skrevs in ${e.start_date}; välj det datumet eller senare.`);
  if (e.exit_date && fromDate > e.exit_date) throw bad("fromDate", `Deltagaren avslutades ${e.exit_date}; välj ett datum senast då.`);
  if (toDate && toDate < fromDate) throw bad("toDate", "Slutdatum kan inte vara före startdatum.");
  if (toDate && e.exit_date && toDate > e.exit_date) throw bad("toDate", `Deltagaren avslutades ${e.exit_date}; välj ett datum senast då.`);
}

async function getMember(db: Db, id: string): Promise<GroupMember & { groupId: string; projectId: string }> {
  const m = await db
    .selectFrom("group_members as m")
    .innerJoin("groups as g", "g.id", "m.group_id")
    .select(["m.group_id", "g.project_id"])
    .where("m.id", "=", id)
    .executeTakeFirst();
  if (!m) throw notFound("Gruppdeltagaren");
  const member = (await membersOf(db, m.group_id)).find((x) => x.id === id);
  if (!member) throw notFound("Gruppdeltagaren");
  return { ...member, groupId: m.group_id, projectId: m.project_id };
}

export async function addMember(db: Db, ctx: ServiceContext, groupId: string, raw: AddMemberInput): Promise<GroupMember> {
  const input = AddSchema.parse(raw);
  const g = await findGroupRow(db, groupId);
  if (!g) throw notFound("Gruppen");
  const e = await enrolmentOf(db, input.enrolmentId);
  if (!e || e.project_id !== g.project_id) throw bad("enrolmentId", "Välj en deltagare som är inskriven i projektet.");
  checkPeriod(input.fromDate, input.toDate, e);
  const exists = await db.selectFrom("group_members").select("id").where("group_id", "=", groupId).where("enrolment_id", "=", e.id).executeTakeFirst();
  if (exists) throw bad("enrolmentId", "Deltagaren är redan med i gruppen. Ändra datumen på raden i stället.");
  const row = await db
    .insertInto("group_members")
    .values({ group_id: groupId, enrolment_id: e.id, from_date: input.fromDate, to_date: input.toDate })
    .returning("id")
    .executeTakeFirstOrThrow();
  const after = await getMember(db, row.id);
  await writeAudit(db, ctx, {
    action: "group.member.add",
    subjectType: "person",
    subjectId: e.person_id,
    projectId: g.project_id,
    details: { groupId, enrolmentId: e.id, fromDate: after.fromDate, toDate: after.toDate },
  });
  const { groupId: _g, projectId: _p, ...member } = after;
  return member;
}

export async function updateMember(db: Db, ctx: ServiceContext, id: string, raw: UpdateMemberInput): Promise<GroupMember> {
  const input = UpdateSchema.parse(raw);
  const before = await getMember(db, id);
  const e = await enrolmentOf(db, before.enrolmentId);
  if (!e) throw notFound("Inskrivningen");
  const fromDate = input.fromDate ?? before.fromDate;
  const toDate = input.toDate !== undefined ? input.toDate : before.toDate;
  checkPeriod(fromDate, toDate, e);
  const res = await db
    .updateTable("group_members")
    .set((eb) => ({ from_date: fromDate, to_date: toDate, version: eb("version", "+", 1), updated_at: new Date() }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  const { groupId, projectId, ...current } = before;
  if (Number(res.numUpdatedRows) === 0) throw conflict(current);
  const { groupId: _g, projectId: _p, ...after } = await getMember(db, id);
  await writeAudit(db, ctx, {
    action: "group.member.update",
    subjectType: "person",
    subjectId: before.personId,
    projectId,
    details: { groupId, enrolmentId: before.enrolmentId, before: { fromDate: before.fromDate, toDate: before.toDate }, after: { fromDate, toDate } },
  });
  return after;
}

/** Taking away a row added by mistake; once attendance is registered, the person leaves by an end date instead. */
export async function removeMember(db: Db, ctx: ServiceContext, id: string): Promise<void> {
  const m = await getMember(db, id);
  const attended = await db
    .selectFrom("group_attendance as a")
    .innerJoin("group_sessions as s", "s.id", "a.session_id")
    .select("a.session_id")
    .where("s.group_id", "=", m.groupId)
    .where("a.enrolment_id", "=", m.enrolmentId)
    .executeTakeFirst();
  if (attended) throw bad("toDate", "Deltagaren har registrerad närvaro i gruppen. Ange ett slutdatum i stället för att ta bort.");
  await db.deleteFrom("group_members").where("id", "=", id).execute();
  await writeAudit(db, ctx, {
    action: "group.member.remove",
    subjectType: "person",
    subjectId: m.personId,
    projectId: m.projectId,
    details: { groupId: m.groupId, enrolmentId: m.enrolmentId, fromDate: m.fromDate, toDate: m.toDate },
  });
}

export async function findMemberGroup(db: Db, memberId: string) {
  return db
    .selectFrom("group_members as m")
    .innerJoin("groups as g", "g.id", "m.group_id")
    .select(["g.id", "g.project_id"])
    .where("m.id", "=", memberId)
    .executeTakeFirst();
}

/** Enrolments of the project that are not over and not yet in the group; the group's intake first. */
export async function memberCandidates(db: Db, groupId: string): Promise<MemberCandidates["candidates"]> {
  const g = await db.selectFrom("groups").select(["project_id", "intake_id"]).where("id", "=", groupId).executeTakeFirst();
  if (!g) throw notFound("Gruppen");
  const today = todayInSweden();
  const rows = await db
    .selectFrom("enrolments as e")
    .innerJoin("persons as p", "p.id", "e.person_id")
    .select(["e.id", "e.person_id", "e.start_date", "e.intake_id", sql<string>`p.first_name || ' ' || p.last_name`.as("name"), "p.sort_name"])
    .where("e.project_id", "=", g.project_id)
    .where((eb) => eb.or([eb("e.exit_date", "is", null), eb("e.exit_date", ">=", today)]))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("group_members as m").select("m.id").where("m.group_id", "=", groupId).whereRef("m.enrolment_id", "=", "e.id"))),
    )
    .orderBy(sql`p.sort_name COLLATE "C"`)
    .execute();
  const inIntake = (r: { intake_id: string | null }) => g.intake_id !== null && r.intake_id === g.intake_id;
  return [...rows.filter(inIntake), ...rows.filter((r) => !inIntake(r))].map((r) => ({
    enrolmentId: r.id,
    personId: r.person_id,
    name: r.name,
    startDate: r.start_date,
    inIntake: inIntake(r),
  }));
}
