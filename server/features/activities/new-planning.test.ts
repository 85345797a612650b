import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Activity, Task } from "../../../schemas/activities.ts";
import type { WorkList } from "../../../schemas/placements.ts";
import type { PlanOverview } from "../../../schemas/plan.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";
import { raiseEndedActivityTasks } from "./new-planning.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
});
afterAll(async () => {
  await t?.close();
});

/** An ongoing internship planned to end in ten days, whose dates are then moved back as if that time had passed; nobody edits it. */
async function anInternshipWhoseEndPassed() {
  const e = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-120), coachId: cast.users.coach.id });
  const a: Activity = expectStatus(
    await cast.as.coach.post(`/api/enrolments/${e.id}/activities`, {
      type: "praktik",
      startDate: daysFromToday(-80),
      endDate: daysFromToday(10),
      status: "ongoing",
    }),
    201,
  );
  const tasks = async () => expectStatus(await cast.as.coach.get(`/api/enrolments/${e.id}/tasks`), 200).tasks as Task[];
  expect(await tasks()).toEqual([]);
  await t.db
    .updateTable("activities")
    .set({ end_date: daysFromToday(-1) })
    .where("id", "=", a.id)
    .execute();
  return { e, a, tasks };
}

describe("new planning when an activity's end date passes", () => {
  it("gives the coach one task when the task list is read, however often it is read", async () => {
    const { a, tasks } = await anInternshipWhoseEndPassed();
    const first = await tasks();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kind: "new_planning", activityId: a.id, doneAt: null });
    expect(first[0]?.reason).toContain(`slutdatum ${daysFromToday(-1)} har passerat`);
    expect(await tasks()).toEqual(first);
    expect(await raiseEndedActivityTasks(t.db)).toBe(0);
  });

  it("shows the task on the coach's work list and as the plan page's prompt", async () => {
    const { e, a } = await anInternshipWhoseEndPassed();
    const list: WorkList = expectStatus(await cast.as.coach.get(`/api/projects/${cast.project.id}/work-list`), 200);
    expect(list.tasks.filter((x) => x.enrolmentId === e.id)).toHaveLength(1);
    const plan: PlanOverview = expectStatus(await cast.as.coach.get(`/api/enrolments/${e.id}/plan`), 200);
    expect(plan.openTasks.map((x) => x.activityId)).toEqual([a.id]);
  });

  it("makes the tasks in a sweep too, logged as made by the system, and no second task once the first is done", async () => {
    const { e, a, tasks } = await anInternshipWhoseEndPassed();
    expect(await raiseEndedActivityTasks(t.db, { projectId: cast.project.id })).toBe(1);
    const [entry] = await auditOf(t.db, "task.create").then((rows) => rows.filter((r) => (r.details as { activityId?: string }).activityId === a.id));
    expect(entry).toMatchObject({ actor_id: null, actor_label: "system", project_id: cast.project.id });
    const [task] = await tasks();
    expectStatus(await cast.as.coach.post(`/api/tasks/${task?.id}/done`), 200);
    expect(await raiseEndedActivityTasks(t.db)).toBe(0);
    const after = await tasks();
    expect(after).toHaveLength(1);
    expect(after[0]?.doneAt).not.toBeNull();
    // The database itself refuses a second task of the kind for the activity.
    await expect(
      t.db.insertInto("tasks").values({ enrolment_id: e.id, kind: "new_planning", activity_id: a.id, reason: "Dubblett" }).execute(),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it("reopens the task when an activity that was done with ends again", async () => {
    const { a, tasks } = await anInternshipWhoseEndPassed();
    const [task] = await tasks();
    expectStatus(await cast.as.coach.post(`/api/tasks/${task?.id}/done`), 200);
    // Extended, then ended for good.
    const longer = expectStatus(await cast.as.coach.patch(`/api/activities/${a.id}`, { version: a.version, endDate: daysFromToday(20) }), 200);
    expectStatus(await cast.as.coach.patch(`/api/activities/${a.id}`, { version: longer.version, endDate: daysFromToday(0), status: "ended" }), 200);
    const after = await tasks();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: task?.id, doneAt: null });
    expect(after[0]?.reason).toContain(`avslutades ${daysFromToday(0)}`);
  });

  it("leaves an activity alone until the day after its end date", async () => {
    const e = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-60), coachId: cast.users.coach.id });
    expectStatus(
      await cast.as.coach.post(`/api/enrolments/${e.id}/activities`, {
        type: "praktik",
        startDate: daysFromToday(-30),
        endDate: daysFromToday(5),
        status: "ongoing",
      }),
      201,
    );
    expect(await raiseEndedActivityTasks(t.db, { enrolmentId: e.id })).toBe(0);
    expect(await raiseEndedActivityTasks(t.db, { enrolmentId: e.id }, daysFromToday(6))).toBe(1);
  });
});
