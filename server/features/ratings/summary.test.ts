import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RatingSummary } from "../../../schemas/ratings.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, daysFromToday, expectStatus } from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
const sessionA = randomUUID();
const sessionB = randomUUID();

/** Four items with one decimal that add up to `total`. */
const items = (total: number) => {
  const v = Math.floor((total / 4) * 10) / 10;
  return { relationship: v, goals_topics: v, approach: v, overall: Math.round((total - 3 * v) * 10) / 10 };
};

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  // Session A: 30, 35, 36, 38, 40 → n 5, lowest 30, mean 35.8, highest 40, three at or under 36 (60 %).
  // Session B: 37, 39 → n 2.
  const plan = [
    [sessionA, 30, sessionB, 37],
    [sessionA, 35, sessionB, 39],
    [sessionA, 36],
    [sessionA, 38],
    [sessionA, 40],
  ] as const;
  for (const p of plan) {
    const e = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-60) });
    for (let i = 0; i < p.length; i += 2) {
      const [id, total] = [p[i] as string, p[i + 1] as number];
      expectStatus(
        await cast.as.coach.post(`/api/enrolments/${e.id}/rating-scores`, {
          instrument: "gsrs",
          ratedOn: daysFromToday(id === sessionA ? -20 : -13),
          context: { kind: "group_session", id, label: id === sessionA ? "Egenmakt" : "Vardagsekonomi" },
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

const url = (by: string) => `/api/projects/${cast.project.id}/rating-summary?instrument=gsrs&by=${by}`;

describe("the project's GSRS per group session and per month", () => {
  it("gives staff n, lowest, mean, highest and the share under the limit per session", async () => {
    const s: RatingSummary = expectStatus(await cast.as.manager.get(url("session")), 200);
    expect(s.suppressed).toBe(false);
    expect(s.rows).toEqual([
      { key: sessionA, label: `${daysFromToday(-20)} Egenmakt`, n: 5, min: 30, mean: 35.8, max: 40, alerts: 3, alertPercent: 60 },
      { key: sessionB, label: `${daysFromToday(-13)} Vardagsekonomi`, n: 2, min: 37, mean: 38, max: 39, alerts: 0, alertPercent: 0 },
    ]);
    const months: RatingSummary = expectStatus(await cast.as.coach.get(url("month")), 200);
    expect(months.rows.reduce((sum, r) => sum + Number(r.n), 0)).toBe(7);
  });

  it("hides a session with fewer than five scores from the statistician", async () => {
    const s: RatingSummary = expectStatus(await cast.as.statistician.get(url("session")), 200);
    expect(s.suppressed).toBe(true);
    expect(s.rows[0]).toMatchObject({ n: 5, mean: 35.8, alertPercent: 60 });
    expect(s.rows[1]).toEqual({
      key: sessionB,
      label: `${daysFromToday(-13)} Vardagsekonomi`,
      n: "<5",
      min: null,
      mean: null,
      max: null,
      alerts: null,
      alertPercent: null,
    });
  });

  it("refuses an unknown scale", async () => {
    const res = await cast.as.manager.get(`/api/projects/${cast.project.id}/rating-summary?instrument=phq9`);
    expect(expectStatus(res, 400).error.fields.instrument).toBe("Välj GSRS, ORS eller SRS");
  });
});
