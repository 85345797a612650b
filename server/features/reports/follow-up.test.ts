import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EnrolmentFollowUps } from "../../../schemas/reports.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { auditOf, daysFromToday } from "../../test/participants.ts";
import { buildReportsFixture } from "../../test/reports-fixture.ts";
import { todayInSweden } from "../participants/dates.ts";

// The follow-up points of one enrolment, as the participant's record shows them, and the rule
// that a follow-up cannot be recorded as done in the future. The project's list and results are
// tested with the other reports (other-reports.test.ts) on the same fixture.
let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let ids: Record<string, string>;
const url = (id: string) => `/api/enrolments/${id}/exit-follow-ups`;
const stateOn = (dueDate: string) => (dueDate < todayInSweden() ? "overdue" : "due");

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  ids = await buildReportsFixture(t.db, cast.project.id, cast.users.coach.id);
});
afterAll(async () => {
  await t?.close();
});

describe("an enrolment's follow-up points", () => {
  it("lists the configured points after a final exit, then the recorded result, and logs the read", async () => {
    const before = await cast.as.coach.get(url(ids["Hampus 1"] as string));
    expect(before.statusCode, before.body).toBe(200);
    const b = before.json() as EnrolmentFollowUps;
    // Hampus exited 2025-03-15.
    expect(b.exitDate).toBe("2025-03-15");
    expect(b.followed).toBe(true);
    expect(b.points).toEqual([
      { months: 6, dueDate: "2025-09-15", state: "overdue", followUp: null },
      { months: 24, dueDate: "2027-03-15", state: stateOn("2027-03-15"), followUp: null },
    ]);
    expect(await auditOf(t.db, "follow_up.read", ids["Hampus 1"])).toHaveLength(1);

    const rec = await cast.as.manager.post(url(ids["Hampus 1"] as string), {
      months: 6,
      doneOn: "2025-09-20",
      reached: true,
      statusCode: "studier",
      note: "Läser till undersköterska.",
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const after = (await cast.as.manager.get(url(ids["Hampus 1"] as string))).json() as EnrolmentFollowUps;
    expect(after.points[0]).toMatchObject({
      months: 6,
      state: "done",
      followUp: { doneOn: "2025-09-20", reached: true, statusCode: "studier", note: "Läser till undersköterska." },
    });
  });

  it("has no points for an enrolment without a final exit, or one the person came back after", async () => {
    const saga = (await cast.as.coach.get(url(ids["Saga 1"] as string))).json() as EnrolmentFollowUps;
    expect(saga).toEqual({ exitDate: null, followed: false, points: [] });
    // Vera's first period ended 2024-06-30 and she was enrolled again: the second exit is followed up.
    const vera1 = (await cast.as.coach.get(url(ids["Vera 1"] as string))).json() as EnrolmentFollowUps;
    expect(vera1).toEqual({ exitDate: "2024-06-30", followed: false, points: [] });
    const vera2 = (await cast.as.coach.get(url(ids["Vera 2"] as string))).json() as EnrolmentFollowUps;
    expect(vera2.points.map((p) => [p.months, p.dueDate])).toEqual([
      [6, "2025-12-15"],
      [24, "2027-06-15"],
    ]);
  });

  it("refuses a follow-up recorded as done after today, at the date field", async () => {
    const res = await cast.as.coach.post(url(ids["Tova 1"] as string), { months: 24, doneOn: daysFromToday(1), reached: false });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(["doneOn"]);
    const today = await cast.as.coach.post(url(ids["Tova 1"] as string), { months: 24, doneOn: todayInSweden(), reached: false });
    expect(today.statusCode, today.body).toBe(201);
  });

  it("refuses a point the project does not follow up, at the months field", async () => {
    const res = await cast.as.coach.post(url(ids["Hampus 1"] as string), { months: 12, doneOn: "2026-03-20", reached: false });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ months: "Projektet följer upp efter 6 och 24 månader; välj en av dem." });
    const points = ((await cast.as.coach.get(url(ids["Hampus 1"] as string))).json() as EnrolmentFollowUps).points;
    expect(points.map((p) => p.months)).toEqual([6, 24]);
  });

  it("is refused to those who may not read the person, and 404 for an unknown enrolment", async () => {
    for (const who of ["statistician", "otherCoach", "participant", "admin"] as const)
      expect((await cast.as[who].get(url(ids["Vera 2"] as string))).statusCode, who).toBe(403);
    expect((await t.app.inject({ url: url(ids["Vera 2"] as string) })).statusCode).toBe(401);
    expect((await cast.as.manager.get(url(randomUUID()))).statusCode).toBe(404);
  });
});
