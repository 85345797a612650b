import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseloadRow } from "../../../schemas/participants.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, anExit, daysFromToday, expectStatus } from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
});
afterAll(async () => {
  await t?.close();
});

describe("caseload warning for a planned end that has passed", () => {
  it("warns while the participant is still enrolled, and stops once they are extended or exited", async () => {
    const { coach } = cast.users;
    const overdue = await anEnrolment(cast.as.manager, cast.project.id, {
      person: { firstName: "Maj", lastName: "Lind" },
      startDate: daysFromToday(-70),
      plannedMonths: 1,
      coachId: coach.id,
    });
    const exited = await anEnrolment(cast.as.manager, cast.project.id, {
      person: { firstName: "Per", lastName: "Dahl" },
      startDate: daysFromToday(-70),
      plannedMonths: 1,
      coachId: coach.id,
    });
    expectStatus(await cast.as.manager.post(`/api/enrolments/${exited.id}/exit`, anExit(exited, daysFromToday(-1))), 200);
    const warningsOf = async () =>
      Object.fromEntries(
        (await cast.as.manager.post(`/api/projects/${cast.project.id}/caseload`, {})).json().rows.map((r: CaseloadRow) => [r.name.split(",")[0], r.warnings]),
      );
    expect(await warningsOf()).toEqual({ Dahl: [], Lind: ["past_planned_end"] });
    const extended = await cast.as.manager.post(`/api/enrolments/${overdue.id}/extensions`, {
      version: overdue.version,
      decidedOn: daysFromToday(0),
      newPlannedEnd: daysFromToday(60),
      reason: "halsa",
    });
    expectStatus(extended, 200);
    expect(await warningsOf()).toEqual({ Dahl: [], Lind: [] });
  });
});
