import { sql } from "kysely";
import {
  type CreateGroupInput,
  CreateGroupInput as CreateSchema,
  type CreateSessionInput,
  CreateSessionInput as CreateSessionSchema,
  type Group,
  type GroupMember,
  type GroupSession,
  type GroupSummary,
  type RegenerateInput,
  type RegenerateResult,
  RegenerateInput as RegenerateSchema,
  type SessionPattern,
  type UpdateGroupInput,
  UpdateGroupInput as UpdateSchema,
  type UpdateSessionInput,
  UpdateSessionInput as UpdateSessionSchema,
} from "../../../schemas/groups.ts";
import type { ServiceContext } from "../../auth/audit.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import "./tables.ts";
import { minutesOf, sessionsOfPattern, swedishInstant, swedishLocal } from "./pattern.ts";

export const bad = (field: string, message: string) => new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { [field]: message } });

const personName = sql<string>`p.first_name || ' ' || p.last_name`;

// ---------- reading ----------

type SessionRow = {
  id: string;
  group_id: string;
  starts_at: Date;
  ends_at: Date;
  theme: GroupSession["theme"];
  theme_note: string | null;
  guest_name: string | null;
  guest_organisation: string | null;
  cancelled: boolean;
  cancel_reason: string | null;
  edited: boolean;
  version: number;
  registered: number;
};

export function presentSession(r: SessionRow): GroupSession {
  const start = new Date(r.starts_at);
  const end = new Date(r.ends_at);
  const s = swedishLocal(start);
  return {
    id: r.id,
    groupId: r.group_id,
    start: start.toISOString(),
    end: end.toISOString(),
    date: s.date,
    startTime: s.time,
    endTime: swedishLocal(end).time,
    theme: r.theme,
    themeNote: r.theme_note,
    guestName: r.guest_name,
    guestOrganisation: r.guest_organisation,
    cancelled: r.cancelled,
    cancelReason: r.cancel_reason,
    edited: r.edited,
    registered: r.registered,
    version: r.version,
  };
}

function sessionQuery(db: Db) {
  return db
    .selectFrom("group_sessions as s")
    .selectAll("s")
    .select((eb) => eb.selectFrom("group_attendance as a").select(sql<number>`count(*)::int`.as("n")).whereRef("a.session_id", "=", "s.id").as("registered"));
}

export async function sessionsOf(db: Db, groupId: string): Promise<GroupSession[]> {
  const rows = await sessionQuery(db).where("s.group_id", "=", groupId).orderBy("s.starts_at").orderBy("s.id").execute();
  return rows.map((r) => presentSession({ ...r, registered: r.registered ?? 0 }));
}

export async function getSession(db: Db, id: string): Promise<GroupSession> {
  const r = await sessionQuery(db).where("s.id", "=", id).executeTakeFirst();
  if (!r) throw notFound("Gruppträffen");
  return presentSession({ ...r, registered: r.registered ?? 0 });
}

export async function membersOf(db: Db, groupId: string): Promise<GroupMember[]> {
  const rows = await db
    .selectFrom("group_members as m")
    .innerJoin("enrolments as e", "e.id", "m.enrolment_id")
    .innerJoin("persons as p", "p.id", "e.person_id")
    .select(["m.id", "m.enrolment_id", "e.person_id", "m.from_date", "m.to_date", "m.version", personName.as("name")])
    .where("m.group_id", "=", groupId)
    .orderBy(sql`p.sort_name COLLATE "C"`)
    .orderBy("m.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    enrolmentId: r.enrolment_id,
    personId: r.person_id,
    name: r.name,
    fromDate: r.from_date,
    toDate: r.to_date,
    version: r.version,
  }));
}

async function summaries(
  db: Db,
  where: { projectId?: string; id?: string },
): Promise<(GroupSummary & { themePlan: string | null; pattern: unknown; version: number })[]> {
  let q = db
    .selectFrom("groups as g")
    .leftJoin("intakes as i", "i.id", "g.intake_id")
    .selectAll("g")
    .select("i.name as intake_name")
    .select((eb) => [
      eb
        .selectFrom("group_sessions as s")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("s.group_id", "=", "g.id")
        .where("s.cancelled", "=", false)
        .as("sessions"),
      eb
        .selectFrom("group_sessions as s")
        .select(sql<Date>`min(s.starts_at)`.as("d"))
        .whereRef("s.group_id", "=", "g.id")
        .where("s.cancelled", "=", false)
        .as("first"),
      eb
        .selectFrom("group_sessions as s")
        .select(sql<Date>`max(s.starts_at)`.as("d"))
        .whereRef("s.group_id", "=", "g.id")
        .where("s.cancelled", "=", false)
        .as("last"),
      eb.selectFrom("group_members as m").select(sql<number>`count(*)::int`.as("n")).whereRef("m.group_id", "=", "g.id").as("members"),
    ]);
  if (where.projectId) q = q.where("g.project_id", "=", where.projectId);
  if (where.id) q = q.where("g.id", "=", where.id);
  const rows = await q.orderBy("g.created_at", "desc").orderBy("g.name").execute();
  if (rows.length === 0) return [];
  const leaders = await db
    .selectFrom("group_leaders as l")
    .innerJoin("users as u", "u.id", "l.user_id")
    .select(["l.group_id", "u.id", "u.name"])
    .where(
      "l.group_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("u.name")
    .execute();
  const local = (d: Date | null) => (d ? swedishLocal(new Date(d)).date : null);
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    intakeId: r.intake_id,
    intakeName: r.intake_name,
    mode: r.mode,
    location: r.location,
    status: r.status,
    leaders: leaders.filter((l) => l.group_id === r.id).map((l) => ({ id: l.id, name: l.name })),
    firstSession: local(r.first),
    lastSession: local(r.last),
    sessions: r.sessions ?? 0,
    members: r.members ?? 0,
    themePlan: r.theme_plan,
    pattern: r.pattern,
    version: r.version,
  }));
}

export async function listGroups(db: Db, projectId: string): Promise<GroupSummary[]> {
  return (await summaries(db, { projectId })).map(({ themePlan: _t, pattern: _p, version: _v, ...s }) => s);
}

export async function findGroupRow(db: Db, id: string) {
  return db.selectFrom("groups").select(["id", "project_id", "name", "version"]).where("id", "=", id).executeTakeFirst();
}

export async function getGroup(db: Db, id: string): Promise<Group> {
  const [s] = await summaries(db, { id });
  if (!s) throw notFound("Gruppen");
  const [sessionList, memberList] = await Promise.all([sessionsOf(db, id), membersOf(db, id)]);
  return { ...s, pattern: s.pattern as Group["pattern"], sessionList, memberList };
}

// ---------- checks ----------

async function assertLeaders(db: Db, projectId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const rows = await db
    .selectFrom("project_memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("m.user_id")
    .where("m.project_id", "=", projectId)
    .where("m.role", "in", ["coach", "manager"])
    .where("u.active", "=", true)
    .where("m.user_id", "in", unique)
    .execute();
  if (rows.length !== unique.length) throw bad("leaderIds", "Välj ledare bland projektets coacher och projektledare.");
  return unique;
}

async function assertIntake(db: Db, projectId: string, intakeId: string | null | undefined) {
  if (!intakeId) return;
  const i = await db.selectFrom("intakes").select("id").where("id", "=", intakeId).where("project_id", "=", projectId).executeTakeFirst();
  if (!i) throw bad("intakeId", "Välj ett intag i projektet.");
}

async function assertNameFree(db: Db, projectId: string, name: string, exceptId?: string) {
  let q = db.selectFrom("groups").select("id").where("project_id", "=", projectId).where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) q = q.where("id", "<>", exceptId);
  if (await q.executeTakeFirst()) throw bad("name", "Det finns redan en grupp med det namnet i projektet.");
}

function sessionValues(groupId: string, planned: { start: string; end: string }[]) {
  return planned.map((p) => ({ group_id: groupId, starts_at: p.start, ends_at: p.end }));
}

// ---------- groups ----------

export async function createGroup(db: Db, ctx: ServiceContext, projectId: string, raw: CreateGroupInput): Promise<Group> {
  const input = CreateSchema.parse(raw);
  await assertIntake(db, projectId, input.intakeId);
  const leaders = await assertLeaders(db, projectId, input.leaderIds);
  await assertNameFree(db, projectId, input.name);
  const planned = input.pattern ? sessionsOfPattern(input.pattern) : [];
  const id = await db.transaction().execute(async (tx) => {
    const g = await tx
      .insertInto("groups")
      .values({
        project_id: projectId,
        intake_id: input.intakeId,
        name: input.name,
        theme_plan: input.themePlan,
        mode: input.mode,
        location: input.location,
        status: input.status,
        pattern: input.pattern ? JSON.stringify(input.pattern) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("group_leaders")
      .values(leaders.map((user_id) => ({ group_id: g.id, user_id })))
      .execute();
    if (planned.length) await tx.insertInto("group_sessions").values(sessionValues(g.id, planned)).execute();
    return g.id;
  });
  const after = await getGroup(db, id);
  await writeAudit(db, ctx, {
    action: "group.create",
    subjectType: "group",
    subjectId: id,
    projectId,
    details: { name: after.name, leaders, pattern: input.pattern, sessions: planned.length },
  });
  return after;
}

export async function updateGroup(db: Db, ctx: ServiceContext, id: string, raw: UpdateGroupInput): Promise<Group> {
  const input = UpdateSchema.parse(raw);
  const before = await getGroup(db, id);
  if (input.intakeId !== undefined) await assertIntake(db, before.projectId, input.intakeId);
  const leaders = input.leaderIds ? await assertLeaders(db, before.projectId, input.leaderIds) : null;
  if (input.name !== undefined) await assertNameFree(db, before.projectId, input.name, id);
  const changed = await db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable("groups")
      .set((eb) => ({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.intakeId !== undefined && { intake_id: input.intakeId }),
        ...(input.themePlan !== undefined && { theme_plan: input.themePlan }),
        ...(input.mode !== undefined && { mode: input.mode }),
        ...(input.location !== undefined && { location: input.location }),
        ...(input.status !== undefined && { status: input.status }),
        version: eb("version", "+", 1),
        updated_at: new Date(),
      }))
      .where("id", "=", id)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return false;
    if (leaders) {
      await tx.deleteFrom("group_leaders").where("group_id", "=", id).execute();
      await tx
        .insertInto("group_leaders")
        .values(leaders.map((user_id) => ({ group_id: id, user_id })))
        .execute();
    }
    return true;
  });
  if (!changed) throw conflict(before);
  const after = await getGroup(db, id);
  const { sessionList: _a, memberList: _b, ...b } = before;
  const { sessionList: _c, memberList: _d, ...a } = after;
  await writeAudit(db, ctx, { action: "group.update", subjectType: "group", subjectId: id, projectId: before.projectId, details: { before: b, after: a } });
  return after;
}

/**
 * A changed pattern replaces only what nobody has touched: sessions that have not begun, were
 * never edited by hand and have no attendance. Past sessions, edited ones and those with
 * attendance stay; the new pattern fills in the future, except on dates where a kept session is.
 */
export async function regenerateSessions(db: Db, ctx: ServiceContext, id: string, raw: RegenerateInput, now = new Date()): Promise<RegenerateResult> {
  const input = RegenerateSchema.parse(raw);
  const before = await getGroup(db, id);
  const pattern: SessionPattern = input.pattern;
  const result = await db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable("groups")
      .set((eb) => ({ pattern: JSON.stringify(pattern), version: eb("version", "+", 1), updated_at: new Date() }))
      .where("id", "=", id)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return null;
    const replaceable = before.sessionList.filter((s) => new Date(s.start) > now && !s.edited && s.registered === 0);
    const replaceIds = replaceable.map((s) => s.id);
    if (replaceIds.length) {
      // Attendance could have come in since the group was read; such a session stays.
      await tx
        .deleteFrom("group_sessions")
        .where("id", "in", replaceIds)
        .where("edited", "=", false)
        .where((eb) => eb.not(eb.exists(eb.selectFrom("group_attendance as a").select("a.session_id").whereRef("a.session_id", "=", "group_sessions.id"))))
        .execute();
    }
    const keptDates = new Set(before.sessionList.filter((s) => !replaceIds.includes(s.id)).map((s) => s.date));
    const planned = sessionsOfPattern(pattern).filter((p) => new Date(p.start) > now && !keptDates.has(p.date));
    if (planned.length) await tx.insertInto("group_sessions").values(sessionValues(id, planned)).execute();
    return { removed: replaceIds.length, added: planned.length, kept: before.sessionList.length - replaceIds.length };
  });
  if (!result) throw conflict(before);
  const group = await getGroup(db, id);
  await writeAudit(db, ctx, {
    action: "group.sessions.regenerate",
    subjectType: "group",
    subjectId: id,
    projectId: before.projectId,
    details: { before: before.pattern, after: pattern, ...result },
  });
  return { group, ...result };
}

// ---------- sessions ----------

function checkTheme(s: { theme: GroupSession["theme"]; themeNote: string | null; guestName: string | null }) {
  if (s.theme === "other" && !s.themeNote) throw bad("themeNote", "Beskriv temat med några ord när du väljer Annat.");
  if (s.theme === "guest_lecturer" && !s.guestName) throw bad("guestName", "Ange gästföreläsarens namn.");
}

function checkTimes(startTime: string, endTime: string) {
  if (minutesOf(endTime) <= minutesOf(startTime)) throw bad("endTime", "Sluttiden måste vara efter starttiden.");
}

export async function createSession(db: Db, ctx: ServiceContext, groupId: string, raw: CreateSessionInput): Promise<GroupSession> {
  const input = CreateSessionSchema.parse(raw);
  const g = await findGroupRow(db, groupId);
  if (!g) throw notFound("Gruppen");
  checkTimes(input.startTime, input.endTime);
  const theme = input.theme ?? null;
  const next = { theme, themeNote: input.themeNote ?? null, guestName: theme === "guest_lecturer" ? (input.guestName ?? null) : null };
  checkTheme(next);
  const row = await db
    .insertInto("group_sessions")
    .values({
      group_id: groupId,
      starts_at: swedishInstant(input.date, input.startTime),
      ends_at: swedishInstant(input.date, input.endTime),
      theme,
      theme_note: next.themeNote,
      guest_name: next.guestName,
      guest_organisation: theme === "guest_lecturer" ? (input.guestOrganisation ?? null) : null,
      edited: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const after = await getSession(db, row.id);
  await writeAudit(db, ctx, { action: "group.session.create", subjectType: "group", subjectId: groupId, projectId: g.project_id, details: { after } });
  return after;
}

/** Moving, cancelling or setting the theme of one session touches that session only, and marks it as edited. */
export async function updateSession(db: Db, ctx: ServiceContext, id: string, raw: UpdateSessionInput): Promise<GroupSession> {
  const input = UpdateSessionSchema.parse(raw);
  const before = await getSession(db, id);
  const g = await findGroupRow(db, before.groupId);
  if (!g) throw notFound("Gruppen");
  const date = input.date ?? before.date;
  const startTime = input.startTime ?? before.startTime;
  const endTime = input.endTime ?? before.endTime;
  checkTimes(startTime, endTime);
  const theme = input.theme !== undefined ? input.theme : before.theme;
  const themeNote = input.themeNote !== undefined ? input.themeNote : before.themeNote;
  const guest = theme === "guest_lecturer";
  const guestName = guest ? (input.guestName !== undefined ? input.guestName : before.guestName) : null;
  const guestOrganisation = guest ? (input.guestOrganisation !== undefined ? input.guestOrganisation : before.guestOrganisation) : null;
  checkTheme({ theme, themeNote, guestName });
  const cancelled = input.cancelled ?? before.cancelled;
  const cancelReason = cancelled ? (input.cancelReason !== undefined ? input.cancelReason : before.cancelReason) : null;
  if (cancelled && !before.cancelled && before.registered > 0)
    throw bad("cancelled", "Träffen har registrerad närvaro och kan inte ställas in. Ta bort närvaron först.");
  const res = await db
    .updateTable("group_sessions")
    .set((eb) => ({
      starts_at: swedishInstant(date, startTime),
      ends_at: swedishInstant(date, endTime),
      theme,
      theme_note: themeNote,
      guest_name: guestName,
      guest_organisation: guestOrganisation,
      cancelled,
      cancel_reason: cancelReason,
      edited: true,
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  const after = await getSession(db, id);
  await writeAudit(db, ctx, {
    action: "group.session.update",
    subjectType: "group",
    subjectId: g.id,
    projectId: g.project_id,
    details: { sessionId: id, before, after },
  });
  return after;
}
