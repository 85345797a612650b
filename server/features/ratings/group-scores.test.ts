import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroupSession } from "../../../schemas/groups.ts";
import type { Enrolment } from "../../../schemas/participants.ts";
import type { SessionScores } from "../../../schemas/ratings.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, daysFromToday, expectStatus } from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let sessions: GroupSession[];
let member: Enrolment;
let outsider: Enrolment;
let foreignSession: GroupSession;

const pattern = { startDate: daysFromToday(-6), weeks: 1, weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: "09:00", durationMinutes: 90 };
const nine = { relationship: 9, goals_topics: 9, approach: 9, overall: 9 };
const score = (s: GroupSession, extra: Record<string, unknown> = {}) => ({
  instrument: "gsrs",
  ratedOn: s.date,
  context: { kind: "group_session", id: s.id },
  items: nine,
  ...extra,
});

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  const g = expectStatus(
    await cast.as.coach.post(`/api/projects/${cast.project.id}/groups`, { name: "Grupp Väst", leaderIds: [cast.users.coach.id], pattern }),
    201,
  );
  sessions = g.sessionList;
  member = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-30) });
  outsider = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-30) });
  // The member joins on the third session's day.
  expectStatus(await cast.as.coach.post(`/api/groups/${g.id}/members`, { enrolmentId: member.id, fromDate: sessions[2]?.date }), 201);
  const other = expectStatus(
    await cast.as.otherCoach.post(`/api/projects/${cast.other.id}/groups`, { name: "Grupp Öst", leaderIds: [cast.users.otherCoach.id], pattern }),
    201,
  );
  foreignSession = other.sessionList[3];
});
afterAll(async () => {
  await t?.close();
});

const add = (enrolmentId: string, body: unknown) => cast.as.coach.post(`/api/enrolments/${enrolmentId}/rating-scores`, body);

describe("GSRS tied to a real group session", () => {
  it("refuses a session of another project, a person outside the group, a day before the person joined and a date that is not the session's", async () => {
    const s = sessions[3] as GroupSession;
    expect(expectStatus(await add(member.id, score(foreignSession)), 400).error.fields).toEqual({
      "context.id": "Gruppträffen finns inte i deltagarens projekt.",
    });
    expect(expectStatus(await add(outsider.id, score(s)), 400).error.fields).toHaveProperty(["context.id"]);
    expect(expectStatus(await add(member.id, score(sessions[1] as GroupSession)), 400).error.fields).toHaveProperty(["context.id"]);
    expect(expectStatus(await add(member.id, score(s, { ratedOn: daysFromToday(-1) })), 400).error.fields.ratedOn).toContain(s.date);
    expect(await t.db.selectFrom("rating_scores").select("id").execute()).toEqual([]);
  });

  it("refuses a cancelled session", async () => {
    const s = sessions[4] as GroupSession;
    expectStatus(await cast.as.coach.patch(`/api/group-sessions/${s.id}`, { version: s.version, cancelled: true, cancelReason: "Sjuk ledare" }), 200);
    expect(expectStatus(await add(member.id, score(s)), 400).error.fields).toEqual({ "context.id": "Gruppträffen är inställd." });
  });

  it("refuses a score from a participant registered absent from the session, and takes it once the register says present", async () => {
    const s = sessions[2] as GroupSession;
    const register = async (status: string) => {
      const current = expectStatus(await cast.as.coach.get(`/api/group-sessions/${s.id}/attendance`), 200);
      expectStatus(
        await cast.as.coach.put(`/api/group-sessions/${s.id}/attendance`, { version: current.session.version, entries: [{ enrolmentId: member.id, status }] }),
        200,
      );
    };
    for (const status of ["absent_notified", "absent_unnotified"]) {
      await register(status);
      expect(expectStatus(await add(member.id, score(s)), 400).error.fields).toEqual({
        "context.id": "Personen är registrerad som frånvarande vid träffen och kan inte ha skattat den.",
      });
    }
    await register("present");
    expectStatus(await add(member.id, score(s)), 201);
  });

  it("keeps one score per scale, person and session: a second is a conflict with the first", async () => {
    const s = sessions[3] as GroupSession;
    const first = expectStatus(await add(member.id, score(s)), 201);
    expect(first.context).toEqual({ kind: "group_session", id: s.id, label: null });
    const again = expectStatus(await add(member.id, score(s, { items: { ...nine, overall: 5 } })), 409);
    expect(again.error.current).toMatchObject({ id: first.id, total: 36 });
    // Moving another score onto the same session is the same conflict.
    const other = expectStatus(await add(member.id, score(sessions[5] as GroupSession)), 201);
    const moved = await cast.as.coach.patch(`/api/rating-scores/${other.id}`, { version: 1, ...score(s), instrument: undefined });
    expect(moved.statusCode).toBe(409);
  });

  it("lists the session's participants with their scores, logging each person shown", async () => {
    const s = sessions[3] as GroupSession;
    const before = await t.db.selectFrom("audit_log").select("id").where("subject_id", "=", member.personId).where("action", "=", "person.read").execute();
    const res: SessionScores = expectStatus(await cast.as.coach.get(`/api/group-sessions/${s.id}/rating-scores`), 200);
    expect(res.instrument.code).toBe("gsrs");
    expect(res.rows).toEqual([
      expect.objectContaining({ enrolmentId: member.id, attendance: null, score: expect.objectContaining({ total: 36, alert: true }) }),
    ]);
    const after = await t.db
      .selectFrom("audit_log")
      .select(["details", "project_id"])
      .where("subject_id", "=", member.personId)
      .where("action", "=", "person.read")
      .orderBy("id")
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)?.details).toMatchObject({ section: "rating_scores", sessionId: s.id });
    // Before the person joined, the register and so the panel is empty.
    const early: SessionScores = expectStatus(await cast.as.coach.get(`/api/group-sessions/${sessions[0]?.id}/rating-scores`), 200);
    expect(early.rows).toEqual([]);
  });
});
