import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Enrolment } from "../../../schemas/participants.ts";
import type { WorkList } from "../../../schemas/placements.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, anExit, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";
import { addMonths } from "../reports/follow-up.ts";

// Follow-ups after a final exit on the work list: the coach sees the points that are due within
// the horizon or overdue, until they are recorded; a person who came back is followed up after
// the new period instead. The project's points are 6 and 24 months by default.
let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
const exited = async (coachId: string, exitDate: string, startDate = daysFromToday(-500)) => {
  const e = await anEnrolment(cast.as.manager, cast.project.id, { startDate, coachId, plannedMonths: 12 });
  return expectStatus(await cast.as.manager.post(`/api/enrolments/${e.id}/exit`, anExit(e, exitDate)), 200) as Enrolment;
};
const list = async (scope: "mine" | "project" = "mine"): Promise<WorkList> =>
  expectStatus(await cast.as.coach.get(`/api/projects/${cast.project.id}/work-list?scope=${scope}`), 200);

let overdue: Enrolment;
let soon: Enrolment;
let recorded: Enrolment;
let cameBack: Enrolment;
let longAgo: Enrolment;
let anothers: Enrolment;

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  const coach = cast.users.coach.id;
  // Six months after an exit 190 days ago: about a week overdue.
  overdue = await exited(coach, daysFromToday(-190));
  // Six months after an exit 175 days ago: due within the two weeks ahead.
  soon = await exited(coach, daysFromToday(-175));
  recorded = await exited(coach, daysFromToday(-200));
  expectStatus(await cast.as.coach.post(`/api/enrolments/${recorded.id}/exit-follow-ups`, { months: 6, doneOn: daysFromToday(-2), reached: false }), 201);
  cameBack = await exited(coach, daysFromToday(-190), daysFromToday(-400));
  await anEnrolment(cast.as.manager, cast.project.id, { personId: cameBack.personId, startDate: daysFromToday(-20), coachId: coach });
  // Its six-month point is more than half a year overdue; the 24-month point is far ahead.
  longAgo = await exited(coach, daysFromToday(-400), daysFromToday(-800));
  anothers = await exited(cast.users.manager.id, daysFromToday(-185));
});
afterAll(async () => {
  await t?.close();
});

describe("follow-ups after exit on the work list", () => {
  it("lists the coach's overdue and coming points, oldest first, and leaves out recorded, returned and long-past ones", async () => {
    const mine = await list();
    expect(mine.exitFollowUps.map((f) => [f.enrolmentId, f.months, f.dueDate, f.overdue])).toEqual([
      [overdue.id, 6, addMonths(daysFromToday(-190), 6), true],
      [soon.id, 6, addMonths(daysFromToday(-175), 6), false],
    ]);
    expect(mine.exitFollowUps[0]).toMatchObject({ exitDate: daysFromToday(-190), personName: expect.any(String) });
    const ids = mine.exitFollowUps.map((f) => f.enrolmentId);
    for (const e of [recorded, cameBack, longAgo, anothers]) expect(ids).not.toContain(e.id);
  });

  it("shows everyone's in the whole project, and logs the persons it showed", async () => {
    const whole = await list("project");
    expect(whole.exitFollowUps.map((f) => f.enrolmentId)).toEqual(expect.arrayContaining([overdue.id, soon.id, anothers.id]));
    const reads = (await auditOf(t.db, "worklist.read")).filter((r) => r.actor_id === cast.users.coach.id);
    const persons = reads.at(-1)?.details?.persons as string[];
    expect(persons).toEqual(expect.arrayContaining([overdue.personId, soon.personId, anothers.personId]));
    expect(persons).not.toContain(longAgo.personId);
  });

  it("drops a point once it is recorded", async () => {
    expectStatus(
      await cast.as.coach.post(`/api/enrolments/${overdue.id}/exit-follow-ups`, {
        months: 6,
        doneOn: daysFromToday(0),
        reached: true,
        statusCode: "anstallning",
      }),
      201,
    );
    expect((await list()).exitFollowUps.map((f) => f.enrolmentId)).toEqual([soon.id]);
  });
});
