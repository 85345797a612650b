import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroupSession } from "../../../schemas/groups.ts";
import type { RatingSummary } from "../../../schemas/ratings.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, daysFromToday, expectStatus } from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let groupId = "";
let otherGroupId = "";
let sessionA: GroupSession;
let sessionB: GroupSession;
let sessionC: GroupSession;

/** Four items with one decimal that add up to `total`. */
const items = (total: number) => {
  const v = Math.floor((total / 4) * 10) / 10;
  return { relationship: v, goals_topics: v, approach: v, overall: Math.round((total - 3 * v) * 10) / 10 };
};
// One session a day for a week, from 20 days ago.
const pattern = { startDate: daysFromToday(-20), weeks: 1, weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: "09:00", durationMinutes: 120 };

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  const newGroup = (name: string, startTime: string) =>
    cast.as.coach
      .post(`/api/projects/${cast.project.id}/groups`, { name, leaderIds: [cast.users.coach.id], pattern: { ...pattern, startTime } })
      .then((r) => expectStatus(r, 201));
  const g = await newGroup("Grupp Norr", "09:00");
  const other = await newGroup("Grupp Söder", "13:00");
  groupId = g.id;
  otherGroupId = other.id;
  [sessionA, sessionB] = [g.sessionList[0], g.sessionList[6]];
  sessionC = other.sessionList[0];
  sessionA = expectStatus(await cast.as.coach.patch(`/api/group-sessions/${sessionA.id}`, { version: sessionA.version, theme: "empowerment" }), 200);
  // Session A: 30, 35, 36, 38, 40 → n 5, lowest 30, mean 35.8, highest 40, three at or under 36 (60 %).
  // Session B: 37, 39 → n 2. Session C, of the other group: 20.
  const plan = [
    [sessionA, 30, sessionB, 37, sessionC, 20],
    [sessionA, 35, sessionB, 39],
    [sessionA, 36],
    [sessionA, 38],
    [sessionA, 40],
  ] as const;
  for (const p of plan) {
    const e = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-60) });
    for (const group of [groupId, otherGroupId])
      expectStatus(await cast.as.coach.post(`/api/groups/${group}/members`, { enrolmentId: e.id, fromDate: daysFromToday(-30) }), 201);
    for (let i = 0; i < p.length; i += 2) {
      const [s, total] = [p[i] as GroupSession, p[i + 1] as number];
      expectStatus(
        await cast.as.coach.post(`/api/enrolments/${e.id}/rating-scores`, {
          instrument: "gsrs",
          ratedOn: s.date,
          // A leader's own words for the occasion, which may name people.
          context: { kind: "group_session", id: s.id, label: s === sessionA ? "Träffen med Kim" : "Vardagsekonomi" },
          items: items(total),
        }),
        201,
      );
    }
  }
});
afterAll(async () => {
  await t?.close();
});

const url = (by: string, extra = "") => `/api/projects/${cast.project.id}/rating-summary?instrument=gsrs&by=${by}${extra}`;

describe("the project's GSRS per group session and per month", () => {
  it("gives staff n, lowest, mean, highest and the share under the limit per session", async () => {
    const s: RatingSummary = expectStatus(await cast.as.manager.get(url("session")), 200);
    expect(s.suppressed).toBe(false);
    expect(s.rows).toEqual([
      {
        key: sessionA.id,
        label: `${sessionA.date} Träffen med Kim`,
        date: sessionA.date,
        theme: "empowerment",
        n: 5,
        min: 30,
        mean: 35.8,
        max: 40,
        alerts: 3,
        alertPercent: 60,
      },
      {
        key: sessionC.id,
        label: `${sessionC.date} Vardagsekonomi`,
        date: sessionC.date,
        theme: null,
        n: 1,
        min: 20,
        mean: 20,
        max: 20,
        alerts: 1,
        alertPercent: 100,
      },
      {
        key: sessionB.id,
        label: `${sessionB.date} Vardagsekonomi`,
        date: sessionB.date,
        theme: null,
        n: 2,
        min: 37,
        mean: 38,
        max: 39,
        alerts: 0,
        alertPercent: 0,
      },
    ]);
    const months: RatingSummary = expectStatus(await cast.as.coach.get(url("month")), 200);
    expect(months.rows.reduce((sum, r) => sum + Number(r.n), 0)).toBe(8);
  });

  it("hides a session with fewer than five scores from the statistician, and names sessions by date and theme only", async () => {
    const s: RatingSummary = expectStatus(await cast.as.statistician.get(url("session")), 200);
    expect(s.suppressed).toBe(true);
    expect(s.rows[0]).toMatchObject({ label: `${sessionA.date} Egenmakt`, n: 5, mean: 35.8, alertPercent: 60 });
    expect(s.rows[2]).toEqual({
      key: sessionB.id,
      label: sessionB.date,
      date: sessionB.date,
      theme: null,
      n: "<5",
      min: null,
      mean: null,
      max: null,
      alerts: null,
      alertPercent: null,
    });
    expect(JSON.stringify(s)).not.toMatch(/Kim|Vardagsekonomi/);
  });

  it("gives one group's sessions over time, and the same hiding for the statistician", async () => {
    const staff: RatingSummary = expectStatus(await cast.as.coach.get(url("month", `&groupId=${groupId}`)), 200);
    expect(staff.by).toBe("session");
    expect(staff.rows.map((r) => [r.key, r.n])).toEqual([
      [sessionA.id, 5],
      [sessionB.id, 2],
    ]);
    const aggregate: RatingSummary = expectStatus(await cast.as.statistician.get(url("session", `&groupId=${otherGroupId}`)), 200);
    expect(aggregate.rows).toEqual([expect.objectContaining({ key: sessionC.id, label: sessionC.date, n: "<5", mean: null })]);
  });

  it("refuses an unknown scale, and a group of another project", async () => {
    const res = await cast.as.manager.get(`/api/projects/${cast.project.id}/rating-summary?instrument=phq9`);
    expect(expectStatus(res, 400).error.fields.instrument).toBe("Okänd skattningsskala.");
    const elsewhere = expectStatus(
      await cast.as.otherCoach.post(`/api/projects/${cast.other.id}/groups`, { name: "Annan", leaderIds: [cast.users.otherCoach.id] }),
      201,
    );
    expect((await cast.as.manager.get(url("session", `&groupId=${elsewhere.id}`))).statusCode).toBe(404);
  });
});
