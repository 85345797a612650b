import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AttendanceRegister, Group, GroupSession, GroupStatistics } from "../../../schemas/groups.ts";
import { SessionPattern } from "../../../schemas/groups.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";
import { groupSessionsForUser } from "./calendar.ts";
import { sessionsOfPattern } from "./pattern.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
});
afterAll(async () => {
  await t?.close();
});

/** Every day for `days` days up to yesterday: all sessions are over, so attendance may be registered. */
const pastPattern = (days = 7) => ({ startDate: daysFromToday(-days), weeks: 1, weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: "09:00", durationMinutes: 120 });
let seq = 0;
async function aGroup(body: Record<string, unknown> = {}): Promise<Group> {
  seq++;
  return expectStatus(
    await cast.as.coach.post(`/api/projects/${cast.project.id}/groups`, {
      name: `Grupp ${seq}`,
      leaderIds: [cast.users.coach.id],
      pattern: pastPattern(),
      ...body,
    }),
    201,
  );
}
async function withMembers(g: Group, n: number) {
  const enrolments = [];
  for (let i = 0; i < n; i++) {
    const e = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-40) });
    expectStatus(await cast.as.coach.post(`/api/groups/${g.id}/members`, { enrolmentId: e.id, fromDate: daysFromToday(-30) }), 201);
    enrolments.push(e);
  }
  return enrolments;
}
const groupOf = async (id: string): Promise<Group> => expectStatus(await cast.as.coach.get(`/api/groups/${id}`), 200);
async function mark(s: GroupSession, entries: { enrolmentId: string; status: string | null }[]): Promise<AttendanceRegister> {
  const current: AttendanceRegister = expectStatus(await cast.as.coach.get(`/api/group-sessions/${s.id}/attendance`), 200);
  return expectStatus(await cast.as.coach.put(`/api/group-sessions/${s.id}/attendance`, { version: current.session.version, entries }), 200);
}

describe("groups", () => {
  it("creates a group with leaders, details and the pattern's sessions, and audits it", async () => {
    const pattern = { startDate: "2026-03-02", weeks: 4, weekdays: [1, 3, 5], startTime: "09:00", durationMinutes: 120, skipDates: ["2026-03-13"] };
    const g = await aGroup({ name: "Vårgruppen", themePlan: "Vecka 1 egenmakt, vecka 2 arbetsliv", mode: "distance", location: "Teams", pattern });
    expect(g).toMatchObject({
      name: "Vårgruppen",
      projectId: cast.project.id,
      themePlan: "Vecka 1 egenmakt, vecka 2 arbetsliv",
      mode: "distance",
      location: "Teams",
      status: "planned",
      leaders: [{ id: cast.users.coach.id, name: cast.users.coach.name }],
      sessions: 11,
      firstSession: "2026-03-02",
      lastSession: "2026-03-27",
      version: 1,
    });
    expect(g.sessionList.map((s) => s.date)).toEqual(sessionsOfPattern(SessionPattern.parse(pattern)).map((s) => s.date));
    expect(g.sessionList.every((s) => !s.edited && s.theme === null && s.startTime === "09:00" && s.endTime === "11:00")).toBe(true);
    const [entry] = await auditOf(t.db, "group.create", g.id);
    expect(entry).toMatchObject({ actor_id: cast.users.coach.id, project_id: cast.project.id, subject_type: "group", details: { sessions: 11 } });
    const list = expectStatus(await cast.as.coach.get(`/api/projects/${cast.project.id}/groups`), 200);
    expect(list.groups.map((x: { name: string }) => x.name)).toContain("Vårgruppen");
  });

  it("previews the sessions of a pattern without saving anything", async () => {
    const before = await t.db.selectFrom("group_sessions").select("id").execute();
    const res = expectStatus(
      await cast.as.coach.post(`/api/projects/${cast.project.id}/groups/preview`, {
        pattern: { startDate: "2026-10-19", weeks: 2, weekdays: [1, 3, 5], startTime: "09:00", durationMinutes: 120 },
      }),
      200,
    );
    expect(res.sessions).toHaveLength(6);
    expect(res.sessions[3]).toEqual({
      date: "2026-10-26",
      startTime: "09:00",
      endTime: "11:00",
      start: "2026-10-26T08:00:00.000Z",
      end: "2026-10-26T10:00:00.000Z",
    });
    expect(await t.db.selectFrom("group_sessions").select("id").execute()).toHaveLength(before.length);
  });

  it("says which field is wrong: leaders outside the project, a duplicate name, a bad pattern", async () => {
    const other = await cast.as.coach.post(`/api/projects/${cast.project.id}/groups`, { name: "X", leaderIds: [cast.users.otherCoach.id] });
    expect(expectStatus(other, 400).error.fields).toHaveProperty("leaderIds");
    const stat = await cast.as.coach.post(`/api/projects/${cast.project.id}/groups`, { name: "X", leaderIds: [cast.users.statistician.id] });
    expect(expectStatus(stat, 400).error.fields).toHaveProperty("leaderIds");
    await aGroup({ name: "Dubblett" });
    const dup = await cast.as.coach.post(`/api/projects/${cast.project.id}/groups`, { name: "dubblett", leaderIds: [cast.users.coach.id] });
    expect(expectStatus(dup, 400).error.fields).toHaveProperty("name");
    const badPattern = await cast.as.coach.post(`/api/projects/${cast.project.id}/groups`, {
      name: "Y",
      leaderIds: [cast.users.coach.id],
      pattern: { startDate: "2026-01-01", weeks: 2, weekdays: [], startTime: "9", durationMinutes: 120 },
    });
    expect(Object.keys(expectStatus(badPattern, 400).error.fields)).toEqual(expect.arrayContaining(["pattern.weekdays", "pattern.startTime"]));
  });

  it("changes details with a version, and answers 409 with the current group on a stale one", async () => {
    const g = await aGroup();
    const changed: Group = expectStatus(
      await cast.as.coach.patch(`/api/groups/${g.id}`, { version: 1, status: "running", leaderIds: [cast.users.coach.id, cast.users.manager.id] }),
      200,
    );
    expect(changed).toMatchObject({ status: "running", version: 2 });
    expect(changed.leaders.map((l) => l.id).sort()).toEqual([cast.users.coach.id, cast.users.manager.id].sort());
    const stale = await cast.as.manager.patch(`/api/groups/${g.id}`, { version: 1, location: "Rum 3" });
    const body = expectStatus(stale, 409);
    expect(body.error.current).toMatchObject({ id: g.id, status: "running", version: 2 });
    expect((await groupOf(g.id)).location).toBeNull();
  });
});

describe("sessions", () => {
  it("editing one session moves, re-themes or cancels that one only, and marks it edited", async () => {
    const g = await aGroup({ pattern: { startDate: daysFromToday(3), weeks: 2, weekdays: [1, 3, 5], startTime: "10:00", durationMinutes: 120 } });
    const [first, second, ...rest] = g.sessionList;
    if (!first || !second) throw new Error("the pattern gave no sessions");
    const moved: GroupSession = expectStatus(
      await cast.as.coach.patch(`/api/group-sessions/${first.id}`, {
        version: 1,
        date: daysFromToday(40),
        startTime: "13:00",
        endTime: "15:30",
        theme: "guest_lecturer",
        guestName: "Maja Föreläsare",
        guestOrganisation: "Facket",
      }),
      200,
    );
    expect(moved).toMatchObject({
      date: daysFromToday(40),
      startTime: "13:00",
      endTime: "15:30",
      theme: "guest_lecturer",
      guestName: "Maja Föreläsare",
      edited: true,
      version: 2,
    });
    const cancelled = expectStatus(
      await cast.as.coach.patch(`/api/group-sessions/${second.id}`, { version: 1, cancelled: true, cancelReason: "Sjuk ledare" }),
      200,
    );
    expect(cancelled).toMatchObject({ cancelled: true, cancelReason: "Sjuk ledare", edited: true });
    const after = await groupOf(g.id);
    for (const s of rest) expect(after.sessionList.find((x) => x.id === s.id)).toEqual(s);
    expect(after.sessions).toBe(g.sessions - 1);
    const [entry] = await auditOf(t.db, "group.session.update", g.id);
    expect(entry?.details).toMatchObject({ sessionId: first.id, before: { startTime: "10:00" }, after: { startTime: "13:00" } });
  });

  it("asks for a topic for Other and a name for a guest lecturer; end after start; 409 on a stale version", async () => {
    const g = await aGroup();
    const s = g.sessionList[0] as GroupSession;
    expect(expectStatus(await cast.as.coach.patch(`/api/group-sessions/${s.id}`, { version: 1, theme: "other" }), 400).error.fields).toHaveProperty(
      "themeNote",
    );
    expect(expectStatus(await cast.as.coach.patch(`/api/group-sessions/${s.id}`, { version: 1, theme: "guest_lecturer" }), 400).error.fields).toHaveProperty(
      "guestName",
    );
    expect(expectStatus(await cast.as.coach.patch(`/api/group-sessions/${s.id}`, { version: 1, endTime: "08:00" }), 400).error.fields).toHaveProperty(
      "endTime",
    );
    expectStatus(await cast.as.coach.patch(`/api/group-sessions/${s.id}`, { version: 1, theme: "empowerment" }), 200);
    const stale = expectStatus(await cast.as.coach.patch(`/api/group-sessions/${s.id}`, { version: 1, theme: "everyday_life" }), 409);
    expect(stale.error.current).toMatchObject({ id: s.id, theme: "empowerment", version: 2 });
  });

  it("adds a session outside the pattern", async () => {
    const g = await aGroup();
    const s: GroupSession = expectStatus(
      await cast.as.coach.post(`/api/groups/${g.id}/sessions`, { date: daysFromToday(20), startTime: "09:30", endTime: "11:00", theme: "working_life" }),
      201,
    );
    expect(s).toMatchObject({ date: daysFromToday(20), startTime: "09:30", endTime: "11:00", theme: "working_life", edited: true });
  });

  it("a new pattern replaces only future sessions nobody has edited or registered attendance for", async () => {
    const g = await aGroup({ pattern: { startDate: daysFromToday(-7), weeks: 4, weekdays: [1, 3, 5], startTime: "09:00", durationMinutes: 120 } });
    const [e] = await withMembers(g, 1);
    const now = new Date();
    const past = g.sessionList.filter((s) => new Date(s.start) <= now);
    const future = g.sessionList.filter((s) => new Date(s.start) > now);
    const edited = future[1] as GroupSession;
    expectStatus(await cast.as.coach.patch(`/api/group-sessions/${edited.id}`, { version: 1, theme: "everyday_life" }), 200);
    await mark(past[0] as GroupSession, [{ enrolmentId: e?.id as string, status: "present" }]);
    const current = await groupOf(g.id);
    const newPattern = { startDate: daysFromToday(-7), weeks: 4, weekdays: [2, 4], startTime: "13:00", durationMinutes: 90 };
    const res = expectStatus(await cast.as.coach.put(`/api/groups/${g.id}/pattern`, { version: current.version, pattern: newPattern }), 200);
    const keptIds = new Set([...past.map((s) => s.id), edited.id]);
    expect(res.removed).toBe(future.length - 1);
    expect(res.kept).toBe(keptIds.size);
    const group: Group = res.group;
    for (const id of keptIds) expect(group.sessionList.map((s) => s.id)).toContain(id);
    const added = group.sessionList.filter((s) => !keptIds.has(s.id));
    const keptDates = new Set(group.sessionList.filter((s) => keptIds.has(s.id)).map((s) => s.date));
    const expected = sessionsOfPattern(SessionPattern.parse(newPattern)).filter((p) => new Date(p.start) > new Date() && !keptDates.has(p.date));
    expect(added.map((s) => [s.date, s.startTime, s.endTime])).toEqual(expected.map((p) => [p.date, "13:00", "14:30"]));
    expect(res.added).toBe(expected.length);
    expect(group.pattern).toMatchObject({ weekdays: [2, 4], startTime: "13:00" });
    expect(
      expectStatus(await cast.as.coach.put(`/api/groups/${g.id}/pattern`, { version: current.version, pattern: newPattern }), 409).error.current,
    ).toMatchObject({
      id: g.id,
    });
    const [entry] = await auditOf(t.db, "group.sessions.regenerate", g.id);
    expect(entry?.details).toMatchObject({ removed: res.removed, added: res.added });
  });
});

describe("participants and attendance", () => {
  it("adds enrolments of the project with dates; refuses others, duplicates and dates outside the enrolment", async () => {
    const g = await aGroup();
    const e = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-20) });
    const cands = expectStatus(await cast.as.coach.get(`/api/groups/${g.id}/candidates`), 200).candidates;
    expect(cands.map((c: { enrolmentId: string }) => c.enrolmentId)).toContain(e.id);
    expect(
      expectStatus(await cast.as.coach.post(`/api/groups/${g.id}/members`, { enrolmentId: e.id, fromDate: daysFromToday(-25) }), 400).error.fields,
    ).toHaveProperty("fromDate");
    const m = expectStatus(await cast.as.coach.post(`/api/groups/${g.id}/members`, { enrolmentId: e.id, fromDate: daysFromToday(-20) }), 201);
    expect(m).toMatchObject({ enrolmentId: e.id, personId: e.personId, fromDate: daysFromToday(-20), toDate: null, version: 1 });
    expect(
      expectStatus(await cast.as.coach.post(`/api/groups/${g.id}/members`, { enrolmentId: e.id, fromDate: daysFromToday(-20) }), 400).error.fields,
    ).toHaveProperty("enrolmentId");
    const otherProject = await anEnrolment(cast.as.manager, cast.project.id);
    // An enrolment of another project is refused even by id.
    const foreign = await t.db
      .insertInto("enrolments")
      .values({
        project_id: cast.other.id,
        person_id: otherProject.personId,
        start_date: daysFromToday(-10),
        planned_months: 6,
        planned_end_date: daysFromToday(170),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(
      expectStatus(await cast.as.coach.post(`/api/groups/${g.id}/members`, { enrolmentId: foreign.id, fromDate: daysFromToday(-1) }), 400).error.fields,
    ).toHaveProperty("enrolmentId");
    const [entry] = await auditOf(t.db, "group.member.add", e.personId);
    expect(entry).toMatchObject({ subject_type: "person", project_id: cast.project.id, details: { groupId: g.id, enrolmentId: e.id } });
    // The end date with a version; a stale version is 409.
    const ended = expectStatus(await cast.as.coach.patch(`/api/group-members/${m.id}`, { version: 1, toDate: daysFromToday(-2) }), 200);
    expect(ended).toMatchObject({ toDate: daysFromToday(-2), version: 2 });
    expect(expectStatus(await cast.as.coach.patch(`/api/group-members/${m.id}`, { version: 1, toDate: null }), 409).error.current).toMatchObject({
      id: m.id,
      version: 2,
    });
  });

  it("registers attendance for the group's participants only, all at once or one by one, and audits each person", async () => {
    const g = await aGroup();
    const [a, b] = await withMembers(g, 2);
    const outsider = await anEnrolment(cast.as.coach, cast.project.id);
    const s = g.sessionList[2] as GroupSession;
    const reg: AttendanceRegister = expectStatus(await cast.as.coach.get(`/api/group-sessions/${s.id}/attendance`), 200);
    expect(reg.rows.map((r) => r.enrolmentId).sort()).toEqual([a?.id, b?.id].sort());
    expect(reg.rows.every((r) => r.status === null)).toBe(true);
    const refused = await cast.as.coach.put(`/api/group-sessions/${s.id}/attendance`, {
      version: reg.session.version,
      entries: [
        { enrolmentId: a?.id, status: "present" },
        { enrolmentId: outsider.id, status: "present" },
      ],
    });
    expect(expectStatus(refused, 400).error.fields).toHaveProperty("entries.1.enrolmentId");
    const allPresent = await mark(s, [
      { enrolmentId: a?.id as string, status: "present" },
      { enrolmentId: b?.id as string, status: "present" },
    ]);
    expect(allPresent.rows.map((r) => r.status)).toEqual(["present", "present"]);
    const toggled = await mark(s, [{ enrolmentId: b?.id as string, status: "absent_notified" }]);
    expect(toggled.rows.find((r) => r.enrolmentId === b?.id)?.status).toBe("absent_notified");
    expect(toggled.rows.find((r) => r.enrolmentId === a?.id)?.status).toBe("present");
    const stale = await cast.as.coach.put(`/api/group-sessions/${s.id}/attendance`, {
      version: reg.session.version,
      entries: [{ enrolmentId: a?.id, status: null }],
    });
    expect(expectStatus(stale, 409).error.current).toMatchObject({ session: { id: s.id } });
    const writes = await auditOf(t.db, "group.attendance.write", b?.personId);
    expect(writes.map((w) => [w.details?.before, w.details?.after])).toEqual([
      [null, "present"],
      ["present", "absent_notified"],
    ]);
    expect(writes[0]).toMatchObject({ subject_type: "person", actor_id: cast.users.coach.id, project_id: cast.project.id });
    const reads = await auditOf(t.db, "group.attendance.read", g.id);
    expect(reads.at(-1)?.details).toMatchObject({ sessionId: s.id, persons: 2 });
    // Each person on the register has the read in their own log.
    for (const personId of [a?.personId, b?.personId]) {
      const own = await auditOf(t.db, "person.read", personId);
      expect(own.at(-1)?.details).toMatchObject({ section: "group_attendance", groupId: g.id, sessionId: s.id });
    }
  });

  it("refuses attendance before the session's day, for a cancelled session, and for someone whose period ended", async () => {
    const g = await aGroup({ pattern: { startDate: daysFromToday(-3), weeks: 1, weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: "09:00", durationMinutes: 60 } });
    const [a] = await withMembers(g, 1);
    const future = g.sessionList.find((s) => s.date > daysFromToday(0)) as GroupSession;
    const r1 = await cast.as.coach.put(`/api/group-sessions/${future.id}`.concat("/attendance"), {
      version: 1,
      entries: [{ enrolmentId: a?.id, status: "present" }],
    });
    expect(expectStatus(r1, 400).error.fields).toHaveProperty("entries");
    const past = g.sessionList[0] as GroupSession;
    expectStatus(await cast.as.coach.patch(`/api/group-sessions/${past.id}`, { version: 1, cancelled: true }), 200);
    const r2 = await cast.as.coach.put(`/api/group-sessions/${past.id}/attendance`, { version: 2, entries: [{ enrolmentId: a?.id, status: "present" }] });
    expect(expectStatus(r2, 400).error.fields).toHaveProperty("entries");
    const m = (await groupOf(g.id)).memberList[0];
    expectStatus(await cast.as.coach.patch(`/api/group-members/${m?.id}`, { version: 1, fromDate: daysFromToday(-1) }), 200);
    const early = g.sessionList[1] as GroupSession;
    const r3 = await cast.as.coach.put(`/api/group-sessions/${early.id}/attendance`, { version: 1, entries: [{ enrolmentId: a?.id, status: "present" }] });
    expect(expectStatus(r3, 400).error.fields).toHaveProperty("entries.0.enrolmentId");
  });

  it("takes away a member without attendance, but not one with attendance", async () => {
    const g = await aGroup();
    const [a, b] = await withMembers(g, 2);
    await mark(g.sessionList[0] as GroupSession, [{ enrolmentId: a?.id as string, status: "present" }]);
    const members = (await groupOf(g.id)).memberList;
    const ma = members.find((m) => m.enrolmentId === a?.id);
    const mb = members.find((m) => m.enrolmentId === b?.id);
    expect(expectStatus(await cast.as.coach.delete(`/api/group-members/${ma?.id}`), 400).error.fields).toHaveProperty("toDate");
    expect((await cast.as.coach.delete(`/api/group-members/${mb?.id}`)).statusCode).toBe(204);
    expect((await groupOf(g.id)).memberList.map((m) => m.enrolmentId)).toEqual([a?.id]);
    expect(await auditOf(t.db, "group.member.remove", b?.personId)).toHaveLength(1);
  });

  it("puts attended sessions on the participant's timeline", async () => {
    const g = await aGroup({ name: "Tidslinjegruppen" });
    const [a] = await withMembers(g, 1);
    const s = g.sessionList[1] as GroupSession;
    expectStatus(await cast.as.coach.patch(`/api/group-sessions/${s.id}`, { version: 1, theme: "empowerment" }), 200);
    await mark({ ...s, version: 2 }, [{ enrolmentId: a?.id as string, status: "present" }]);
    await mark(g.sessionList[2] as GroupSession, [{ enrolmentId: a?.id as string, status: "absent_unnotified" }]);
    const timeline = expectStatus(await cast.as.coach.get(`/api/enrolments/${a?.id}/timeline`), 200).events;
    const events = timeline.filter((ev: { kind: string }) => ev.kind === "group_session");
    expect(events).toEqual([{ date: s.date, kind: "group_session", title: "Gruppträff: Tidslinjegruppen", detail: "Egenmakt", enrolmentId: a?.id }]);
    const mine = expectStatus(await cast.as.coach.get(`/api/group-participation/${a?.id}`), 200);
    expect(mine.groups).toHaveLength(1);
    expect(mine.groups[0].cell).toMatchObject({ registered: 2, present: 1, absentUnnotified: 1, rate: 0.5 });
  });
});

describe("statistics", () => {
  it("computes attendance per person, per session and overall on a small fixture", async () => {
    const g = await aGroup({ pattern: pastPattern(3) });
    const [a, b, c] = await withMembers(g, 3);
    const [s1, s2, s3] = g.sessionList as [GroupSession, GroupSession, GroupSession];
    const id = (e: typeof a) => e?.id as string;
    await mark(s1, [
      { enrolmentId: id(a), status: "present" },
      { enrolmentId: id(b), status: "absent_notified" },
      { enrolmentId: id(c), status: "present" },
    ]);
    await mark(s2, [
      { enrolmentId: id(a), status: "present" },
      { enrolmentId: id(b), status: "present" },
      { enrolmentId: id(c), status: "absent_unnotified" },
    ]);
    // s3 has no registrations: it counts nowhere.
    const stats: GroupStatistics = expectStatus(await cast.as.coach.get(`/api/groups/${g.id}/statistics`), 200);
    expect(stats.perPerson).toBe(true);
    expect(stats.overall).toEqual({ registered: 6, present: 4, absentNotified: 1, absentUnnotified: 1, rate: 4 / 6, suppressed: false });
    const bySession = Object.fromEntries(stats.sessions.map((s) => [s.sessionId, s.cell]));
    expect(bySession[s1.id]).toEqual({ registered: 3, present: 2, absentNotified: 1, absentUnnotified: 0, rate: 2 / 3, suppressed: false });
    expect(bySession[s2.id]).toEqual({ registered: 3, present: 2, absentNotified: 0, absentUnnotified: 1, rate: 2 / 3, suppressed: false });
    expect(bySession[s3.id]).toMatchObject({ registered: 0, rate: null });
    const byPerson = Object.fromEntries(stats.persons.map((p) => [p.enrolmentId, p.cell.rate]));
    expect(byPerson).toEqual({ [id(a)]: 1, [id(b)]: 0.5, [id(c)]: 0.5 });
    expect(await auditOf(t.db, "group.statistics.read", g.id)).toHaveLength(1);

    // The statistician sees no persons, and nothing with fewer than five behind it.
    const agg: GroupStatistics = expectStatus(await cast.as.statistician.get(`/api/groups/${g.id}/statistics`), 200);
    expect(agg.perPerson).toBe(false);
    expect(agg.persons).toEqual([]);
    expect(agg.overall).toMatchObject({ suppressed: true, registered: null, rate: null });
    expect(agg.sessions.filter((s) => s.cell.registered !== 0).every((s) => s.cell.suppressed && s.cell.rate === null)).toBe(true);
    expect(JSON.stringify(agg)).not.toContain(a?.personId);
  });

  it("hides a second session for the statistician when one hidden session could be worked out from the total", async () => {
    const g = await aGroup({ pattern: pastPattern(3) });
    const es = await withMembers(g, 6);
    const [s1, s2, s3] = g.sessionList as [GroupSession, GroupSession, GroupSession];
    await mark(
      s1,
      es.map((e) => ({ enrolmentId: e.id, status: "present" })),
    );
    await mark(
      s2,
      es.slice(0, 5).map((e, i) => ({ enrolmentId: e.id, status: i < 4 ? "present" : "absent_notified" })),
    );
    await mark(
      s3,
      es.slice(0, 3).map((e) => ({ enrolmentId: e.id, status: "present" })),
    );
    const agg: GroupStatistics = expectStatus(await cast.as.statistician.get(`/api/groups/${g.id}/statistics`), 200);
    const cellOf = (id: string) => agg.sessions.find((s) => s.sessionId === id)?.cell;
    expect(agg.overall).toMatchObject({ registered: 14, present: 13, suppressed: false });
    expect(cellOf(s1.id)).toMatchObject({ registered: 6, present: 6, suppressed: false });
    expect(cellOf(s3.id)).toMatchObject({ suppressed: true, registered: null });
    // s2 (5 persons) would be enough on its own, but overall − s1 − s2 would give away s3.
    expect(cellOf(s2.id)).toMatchObject({ suppressed: true, registered: null });
    expect(await auditOf(t.db, "group.statistics.read", g.id)).toHaveLength(0);
  });
});

describe("the calendar source", () => {
  it("lists the sessions a user leads in a date range, without cancelled ones", async () => {
    const g = await aGroup({
      name: "Kalendergruppen",
      leaderIds: [cast.users.manager.id],
      pattern: { startDate: "2026-03-23", weeks: 2, weekdays: [1, 3, 5], startTime: "09:00", durationMinutes: 120 },
    });
    const first = g.sessionList[0] as GroupSession;
    expectStatus(await cast.as.coach.patch(`/api/group-sessions/${first.id}`, { version: 1, cancelled: true }), 200);
    const mine = await groupSessionsForUser(t.db, cast.users.manager.id, "2026-03-23", "2026-03-30");
    expect(mine.filter((s) => s.groupId === g.id)).toEqual(
      g.sessionList
        .slice(1, 4)
        .map((s) => ({ id: s.id, groupId: g.id, groupName: "Kalendergruppen", projectId: g.projectId, start: s.start, end: s.end, theme: null })),
    );
    expect((await groupSessionsForUser(t.db, cast.users.coachWithoutSensitive.id, "2026-03-01", "2026-04-30")).filter((s) => s.groupId === g.id)).toEqual([]);
  });
});
