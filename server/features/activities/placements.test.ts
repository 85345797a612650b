import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Activity, Task } from "../../../schemas/activities.ts";
import type { Enrolment } from "../../../schemas/participants.ts";
import type { Checklist, ChecklistTemplate, FollowUp, WorkList } from "../../../schemas/placements.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";
import { DEFAULT_INTERNSHIP_STEPS } from "./checklists.ts";
import { addMonths, dueDate } from "./followups.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let e: Enrolment;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  e = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-200), coachId: cast.users.coach.id });
});
afterAll(async () => {
  await t?.close();
});

const add = async (body: Record<string, unknown>, enrolmentId = e.id): Promise<Activity> =>
  expectStatus(await cast.as.coach.post(`/api/enrolments/${enrolmentId}/activities`, body), 201);
const internship = (extra: Record<string, unknown> = {}) => ({ type: "praktik", startDate: daysFromToday(-10), status: "ongoing", ...extra });
const checklistOf = async (activityId: string, enrolmentId = e.id): Promise<Checklist | undefined> =>
  (expectStatus(await cast.as.coach.get(`/api/enrolments/${enrolmentId}/checklists`), 200).checklists as Checklist[]).find((c) => c.activityId === activityId);
const followUpsOf = async (activityId: string, enrolmentId = e.id): Promise<FollowUp[]> =>
  (expectStatus(await cast.as.coach.get(`/api/enrolments/${enrolmentId}/follow-ups`), 200).followUps as FollowUp[]).filter((f) => f.activityId === activityId);
const templateOf = async (type: string): Promise<ChecklistTemplate> =>
  (expectStatus(await cast.as.manager.get(`/api/projects/${cast.project.id}/checklist-templates`), 200).templates as ChecklistTemplate[]).find(
    (x) => x.typeCode === type,
  ) as ChecklistTemplate;

describe("dates of follow-ups", () => {
  it("counts days and calendar months from the start, or from the end", () => {
    expect(addMonths("2025-01-15", 1)).toBe("2025-02-15");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-12-20", 2)).toBe("2025-02-20");
    const a = { startDate: "2025-03-10", endDate: "2025-06-30" };
    expect(dueDate({ anchor: "start", unit: "days", amount: 3 }, a)).toBe("2025-03-13");
    expect(dueDate({ anchor: "start", unit: "months", amount: 1 }, a)).toBe("2025-04-10");
    expect(dueDate({ anchor: "end", unit: "days", amount: 0 }, a)).toBe("2025-06-30");
    expect(dueDate({ anchor: "end", unit: "days", amount: 0 }, { ...a, endDate: null })).toBeNull();
  });
});

describe("checklists", () => {
  it("gives a new internship the project's internship checklist, and other types none", async () => {
    const a = await add(internship());
    const c = await checklistOf(a.id);
    expect(c?.items.map((i) => i.label)).toEqual(DEFAULT_INTERNSHIP_STEPS);
    expect(c?.items.every((i) => i.doneOn === null && i.doneBy === null)).toBe(true);
    const health = await add({ type: "friskvard", startDate: daysFromToday(-3), status: "ongoing" });
    expect(await checklistOf(health.id)).toBeUndefined();
    // An activity recorded after the fact has its steps behind it.
    const past = await add(internship({ startDate: daysFromToday(-150), endDate: daysFromToday(-120), status: "ended" }));
    expect(await checklistOf(past.id)).toBeUndefined();
  });

  it("ticks a step with the day and the user, unticks it, and logs both", async () => {
    const a = await add(internship());
    const [first] = (await checklistOf(a.id))?.items ?? [];
    if (!first) throw new Error("no checklist");
    const ticked = expectStatus(
      await cast.as.coach.patch(`/api/checklist-items/${first.id}`, { version: first.version, done: true, doneOn: daysFromToday(-2) }),
      200,
    );
    expect(ticked).toMatchObject({ doneOn: daysFromToday(-2), doneBy: cast.users.coach.id, doneByName: cast.users.coach.name, version: 2 });
    // Without a day, today.
    const second = (await checklistOf(a.id))?.items[1];
    if (!second) throw new Error("no second step");
    expect(expectStatus(await cast.as.manager.patch(`/api/checklist-items/${second.id}`, { version: 1, done: true }), 200)).toMatchObject({
      doneOn: daysFromToday(0),
      doneBy: cast.users.manager.id,
    });
    // A stale version: 409 with the step as it is now.
    const stale = expectStatus(await cast.as.coach.patch(`/api/checklist-items/${first.id}`, { version: 1, done: false }), 409);
    expect(stale.error.current).toMatchObject({ id: first.id, version: 2, doneOn: daysFromToday(-2) });
    expect(
      expectStatus(await cast.as.coach.patch(`/api/checklist-items/${first.id}`, { version: 2, done: true, doneOn: daysFromToday(3) }), 400).error.fields,
    ).toEqual({
      doneOn: expect.stringMatching(/inte har kommit/),
    });
    const unticked = expectStatus(await cast.as.coach.patch(`/api/checklist-items/${first.id}`, { version: 2, done: false }), 200);
    expect(unticked).toMatchObject({ doneOn: null, doneBy: null, doneByName: null, version: 3 });
    const ticks = (await auditOf(t.db, "checklist.tick", e.personId)).filter((x) => x.details?.itemId === first.id);
    expect(ticks).toHaveLength(1);
    expect(ticks[0]).toMatchObject({ actor_id: cast.users.coach.id, project_id: cast.project.id, subject_type: "person" });
    expect(ticks[0]?.details).toMatchObject({ activityId: a.id, after: { doneOn: daysFromToday(-2), doneBy: cast.users.coach.id } });
    expect((await auditOf(t.db, "checklist.untick", e.personId)).map((x) => x.details?.itemId)).toEqual([first.id]);
  });

  it("lets the manager add, rename, retire and reorder steps; new activities get the new list, running ones keep theirs", async () => {
    const running = await add(internship());
    let tpl = await templateOf("praktik");
    expect(tpl.items.map((i) => i.label)).toEqual(DEFAULT_INTERNSHIP_STEPS);
    const url = `/api/projects/${cast.project.id}/checklist-templates/praktik`;
    tpl = expectStatus(await cast.as.manager.post(`${url}/items`, { version: tpl.version, label: "Skyddsskor beställda" }), 201);
    expect(tpl.items.at(-1)).toMatchObject({ label: "Skyddsskor beställda", retired: false });
    const [one, two] = tpl.items;
    if (!one || !two) throw new Error("template too short");
    tpl = expectStatus(await cast.as.manager.patch(`/api/checklist-template-items/${one.id}`, { version: tpl.version, label: "Första träffen" }), 200);
    tpl = expectStatus(await cast.as.manager.patch(`/api/checklist-template-items/${two.id}`, { version: tpl.version, retired: true }), 200);
    const reversed = [...tpl.items].reverse().map((i) => i.id);
    tpl = expectStatus(await cast.as.manager.put(`${url}/order`, { version: tpl.version, itemIds: reversed }), 200);
    expect(tpl.items.map((i) => i.id)).toEqual(reversed);
    // A stale version and a wrong set of steps are refused.
    expect(expectStatus(await cast.as.manager.post(`${url}/items`, { version: 1, label: "För sent" }), 409).error.current).toMatchObject({
      typeCode: "praktik",
    });
    expect(
      Object.keys(expectStatus(await cast.as.manager.put(`${url}/order`, { version: tpl.version, itemIds: reversed.slice(1) }), 400).error.fields),
    ).toEqual(["itemIds"]);
    expect(Object.keys(expectStatus(await cast.as.manager.post(`${url}/items`, { version: tpl.version, label: "  " }), 400).error.fields)).toEqual(["label"]);

    const fresh = await add(internship());
    const labels = (await checklistOf(fresh.id))?.items.map((i) => i.label);
    expect(labels?.[0]).toBe("Skyddsskor beställda");
    expect(labels?.at(-1)).toBe("Första träffen");
    expect(labels).not.toContain(DEFAULT_INTERNSHIP_STEPS[1]);
    expect(labels).toHaveLength(DEFAULT_INTERNSHIP_STEPS.length);
    expect((await checklistOf(running.id))?.items.map((i) => i.label)).toEqual(DEFAULT_INTERNSHIP_STEPS);
    const log = await auditOf(t.db, "checklist_template.update");
    expect(log.filter((x) => x.project_id === cast.project.id).map((x) => x.details?.change)).toEqual(["add", "rename", "retire", "reorder"]);
  });

  it("starts a checklist for another type when the manager adds its first step", async () => {
    const before = await templateOf("studiebesok");
    expect(before).toMatchObject({ version: 0, items: [] });
    const url = `/api/projects/${cast.project.id}/checklist-templates/studiebesok/items`;
    const tpl = expectStatus(await cast.as.manager.post(url, { version: 0, label: "Boka besöket med arbetsplatsen" }), 201);
    expect(tpl).toMatchObject({ version: 1, items: [{ label: "Boka besöket med arbetsplatsen" }] });
    expect(expectStatus(await cast.as.manager.post(url, { version: 0, label: "Dubbelt" }), 409).error.current.version).toBe(1);
    const visit = await add({ type: "studiebesok", startDate: daysFromToday(2), endDate: daysFromToday(2) });
    expect((await checklistOf(visit.id))?.items.map((i) => i.label)).toEqual(["Boka besöket med arbetsplatsen"]);
    expect(
      expectStatus(await cast.as.manager.post(`/api/projects/${cast.project.id}/checklist-templates/segling/items`, { version: 0, label: "x" }), 400).error
        .fields,
    ).toEqual({
      type: expect.any(String),
    });
  });

  it("refuses template edits to coaches", async () => {
    const tpl = await templateOf("praktik");
    const url = `/api/projects/${cast.project.id}/checklist-templates/praktik`;
    expect((await cast.as.coach.post(`${url}/items`, { version: tpl.version, label: "Coachens steg" })).statusCode).toBe(403);
    expect((await cast.as.coach.put(`${url}/order`, { version: tpl.version, itemIds: tpl.items.map((i) => i.id) })).statusCode).toBe(403);
    expect((await cast.as.coach.patch(`/api/checklist-template-items/${tpl.items[0]?.id}`, { version: tpl.version, label: "Nytt" })).statusCode).toBe(403);
    expect((await templateOf("praktik")).version).toBe(tpl.version);
  });
});

describe("follow-ups at the workplace", () => {
  it("schedules the defaults from the start date for internships and employments only", async () => {
    const a = await add(internship({ startDate: daysFromToday(-10), endDate: daysFromToday(60) }));
    const fs = await followUpsOf(a.id);
    expect(fs.map((f) => [f.rule, f.dueDate])).toEqual([
      [{ anchor: "start", unit: "days", amount: 3 }, daysFromToday(-7)],
      [{ anchor: "start", unit: "months", amount: 1 }, addMonths(daysFromToday(-10), 1)],
      [{ anchor: "end", unit: "days", amount: 0 }, daysFromToday(60)],
    ]);
    expect(fs.map((f) => f.overdue)).toEqual([true, false, false]);
    const job = await add({ type: "anstallning", startDate: daysFromToday(1), details: { kind: "employment", form: "ordinary", employer: "external" } });
    expect((await followUpsOf(job.id)).map((f) => f.dueDate)).toEqual([daysFromToday(4), addMonths(daysFromToday(1), 1), null]);
    const studies = await add({ type: "studier", startDate: daysFromToday(-1) });
    expect(await followUpsOf(studies.id)).toEqual([]);
  });

  it("moves follow-ups not yet done with the start date and the end, leaves done ones, and drops those past an early end", async () => {
    const a = await add(internship({ startDate: daysFromToday(-20), endDate: daysFromToday(40) }));
    const [first] = await followUpsOf(a.id);
    if (!first) throw new Error("no follow-ups");
    const done = expectStatus(
      await cast.as.coach.patch(`/api/follow-ups/${first.id}`, {
        version: first.version,
        doneOn: daysFromToday(-16),
        how: "phone",
        notes: "Trivs, kommer i tid.",
      }),
      200,
    );
    expect(done).toMatchObject({ doneOn: daysFromToday(-16), how: "phone", notes: "Trivs, kommer i tid.", doneBy: cast.users.coach.id, overdue: false });
    const moved = expectStatus(
      await cast.as.coach.patch(`/api/activities/${a.id}`, { version: a.version, startDate: daysFromToday(-18), endDate: daysFromToday(50) }),
      200,
    );
    expect((await followUpsOf(a.id)).map((f) => [f.rule.anchor, f.dueDate, f.doneOn])).toEqual([
      ["start", daysFromToday(-17), daysFromToday(-16)],
      ["start", addMonths(daysFromToday(-18), 1), null],
      ["end", daysFromToday(50), null],
    ]);
    // Ended early: the month follow-up would come after the last day; the end one moves to it.
    expectStatus(await cast.as.coach.patch(`/api/activities/${a.id}`, { version: moved.version, status: "ended", endDate: daysFromToday(-2) }), 200);
    expect((await followUpsOf(a.id)).map((f) => [f.rule.anchor, f.dueDate, f.doneOn])).toEqual([
      ["start", daysFromToday(-17), daysFromToday(-16)],
      ["end", daysFromToday(-2), null],
    ]);
    const [entry] = (await auditOf(t.db, "follow_up.record", e.personId)).filter((x) => x.details?.followUpId === first.id);
    expect(entry).toMatchObject({ actor_id: cast.users.coach.id, details: { after: { how: "phone" } } });
  });

  it("checks what is recorded and refuses a stale version", async () => {
    const a = await add(internship({ startDate: daysFromToday(-5) }));
    const [f] = await followUpsOf(a.id);
    if (!f) throw new Error("no follow-ups");
    const fields = async (body: Record<string, unknown>) =>
      Object.keys(expectStatus(await cast.as.coach.patch(`/api/follow-ups/${f.id}`, body), 400).error.fields);
    expect(await fields({ version: 1, doneOn: daysFromToday(-1), how: "letter" })).toEqual(["how"]);
    expect(await fields({ version: 1, doneOn: daysFromToday(1), how: "visit" })).toEqual(["doneOn"]);
    expect(await fields({ version: 1, doneOn: daysFromToday(-6), how: "visit" })).toEqual(["doneOn"]);
    expectStatus(await cast.as.coach.patch(`/api/follow-ups/${f.id}`, { version: 1, doneOn: daysFromToday(-1), how: "visit" }), 200);
    expect(
      expectStatus(await cast.as.coach.patch(`/api/follow-ups/${f.id}`, { version: 1, doneOn: daysFromToday(-1), how: "phone" }), 409).error.current,
    ).toMatchObject({
      how: "visit",
    });
  });

  it("uses the project's own schedule, which only the manager sets", async () => {
    const url = `/api/projects/${cast.project.id}/follow-up-settings`;
    expect(expectStatus(await cast.as.coach.get(url), 200)).toMatchObject({ version: 0, rules: [{ amount: 3 }, { amount: 1 }, { anchor: "end" }] });
    const rules = [
      { anchor: "start", unit: "days", amount: 7 },
      { anchor: "end", unit: "days", amount: 14 },
    ];
    expect((await cast.as.coach.put(url, { version: 0, rules })).statusCode).toBe(403);
    expect(Object.keys(expectStatus(await cast.as.manager.put(url, { version: 0, rules: [] }), 400).error.fields)).toEqual(["rules"]);
    const saved = { version: 1, rules, supportMaxMonths: 9, topUpPercent: 20 };
    expect(expectStatus(await cast.as.manager.put(url, { version: 0, rules }), 200)).toEqual(saved);
    expect(expectStatus(await cast.as.manager.put(url, { version: 0, rules }), 409).error.current).toEqual(saved);
    const fresh = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-30) });
    const a = await add(internship({ startDate: daysFromToday(-3), endDate: daysFromToday(30) }), fresh.id);
    expect((await followUpsOf(a.id, fresh.id)).map((f) => f.dueDate)).toEqual([daysFromToday(4), daysFromToday(44)]);
    expectStatus(
      await cast.as.manager.put(url, {
        version: 1,
        rules: [
          { anchor: "start", unit: "days", amount: 3 },
          { anchor: "start", unit: "months", amount: 1 },
          { anchor: "end", unit: "days", amount: 0 },
        ],
      }),
      200,
    );
  });
});

describe("the coach's work list and new-planning tasks", () => {
  it("lists overdue and coming follow-ups, open steps and open tasks of the coach's participants; a task is completed once", async () => {
    const mine = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-90), coachId: cast.users.coach.id });
    const theirs = await anEnrolment(cast.as.manager, cast.project.id, { startDate: daysFromToday(-90), coachId: cast.users.manager.id });
    const placement = await add(internship({ startDate: daysFromToday(-40), endDate: daysFromToday(10) }), mine.id);
    const other = await add(internship({ startDate: daysFromToday(-40) }), theirs.id);
    const visit = await add({ type: "studiebesok", startDate: daysFromToday(-30), endDate: daysFromToday(-30), status: "ongoing" }, mine.id);
    const ended = expectStatus(await cast.as.coach.patch(`/api/activities/${visit.id}`, { version: visit.version, status: "ended" }), 200);
    expect(ended.status).toBe("ended");

    const list: WorkList = expectStatus(await cast.as.coach.get(`/api/projects/${cast.project.id}/work-list`), 200);
    const followUps = list.followUps.filter((f) => f.activityId === placement.id);
    expect(followUps.map((f) => [f.rule.anchor, f.dueDate, f.overdue])).toEqual([
      ["start", daysFromToday(-37), true],
      ["start", addMonths(daysFromToday(-40), 1), addMonths(daysFromToday(-40), 1) < daysFromToday(0)],
      ["end", daysFromToday(10), false],
    ]);
    expect(followUps[0]).toMatchObject({ enrolmentId: mine.id, personName: expect.any(String), typeLabel: "Praktik/arbetsträning" });
    expect(list.checklists.find((c) => c.activityId === placement.id)).toMatchObject({ totalItems: DEFAULT_INTERNSHIP_STEPS.length });
    expect(list.followUps.some((f) => f.activityId === other.id)).toBe(false);
    const task = list.tasks.find((x) => x.enrolmentId === mine.id);
    expect(task).toMatchObject({ kind: "new_planning", reason: expect.stringMatching(/Studiebesök.*Gör en ny planering/) });

    const whole: WorkList = expectStatus(await cast.as.coach.get(`/api/projects/${cast.project.id}/work-list?scope=project`), 200);
    expect(whole.followUps.some((f) => f.activityId === other.id)).toBe(true);

    const done: Task = expectStatus(await cast.as.coach.post(`/api/tasks/${task?.id}/done`), 200);
    expect(done).toMatchObject({ id: task?.id, doneBy: cast.users.coach.id, doneAt: expect.any(String) });
    expect(expectStatus(await cast.as.manager.post(`/api/tasks/${task?.id}/done`), 409).error.current).toMatchObject({ doneBy: cast.users.coach.id });
    const after: WorkList = expectStatus(await cast.as.coach.get(`/api/projects/${cast.project.id}/work-list`), 200);
    expect(after.tasks.some((x) => x.id === task?.id)).toBe(false);

    const [reads] = (await auditOf(t.db, "worklist.read")).filter((x) => x.actor_id === cast.users.coach.id);
    expect(reads).toMatchObject({ project_id: cast.project.id, details: { scope: "mine", persons: expect.arrayContaining([mine.personId]) } });
    expect(reads?.details?.persons).not.toContain(theirs.personId);
    expect((await auditOf(t.db, "task.complete", mine.personId)).map((x) => x.actor_id)).toEqual([cast.users.coach.id]);
  });

  it("leaves out what is done", async () => {
    const p = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-60), coachId: cast.users.coach.id });
    const a = await add(internship({ startDate: daysFromToday(-20), endDate: daysFromToday(5) }), p.id);
    for (const f of await followUpsOf(a.id, p.id))
      if (f.dueDate && f.dueDate < daysFromToday(0))
        expectStatus(await cast.as.coach.patch(`/api/follow-ups/${f.id}`, { version: f.version, doneOn: f.dueDate, how: "visit" }), 200);
    for (const i of (await checklistOf(a.id, p.id))?.items ?? [])
      expectStatus(await cast.as.coach.patch(`/api/checklist-items/${i.id}`, { version: i.version, done: true }), 200);
    const list: WorkList = expectStatus(await cast.as.coach.get(`/api/projects/${cast.project.id}/work-list`), 200);
    expect(list.checklists.some((c) => c.activityId === a.id)).toBe(false);
    const left = list.followUps.filter((f) => f.activityId === a.id);
    expect(left.map((f) => [f.rule.anchor, f.rule.unit, f.overdue])).toEqual([
      ["end", "days", false],
      ["start", "months", false],
    ]);
  });
});

describe("reads are logged", () => {
  it("logs the checklist and follow-up reads of the person", async () => {
    const reads = await auditOf(t.db, "person.read", e.personId);
    const sections = new Set(reads.filter((r) => r.actor_id === cast.users.coach.id).map((r) => r.details?.section));
    expect(sections).toContain("checklists");
    expect(sections).toContain("follow-ups");
  });
});

describe("the participant's timeline", () => {
  it("shows when activities started and ended, with the reason for an interruption", async () => {
    const p = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-60) });
    const a = await add(internship({ startDate: daysFromToday(-50) }), p.id);
    expectStatus(
      await cast.as.coach.patch(`/api/activities/${a.id}`, {
        version: a.version,
        status: "interrupted",
        endDate: daysFromToday(-20),
        interruptedReason: "Flyttade",
      }),
      200,
    );
    await add({ type: "friskvard", startDate: daysFromToday(10), status: "planned" }, p.id);
    const timeline = expectStatus(await cast.as.coach.get(`/api/enrolments/${p.id}/timeline`), 200).events;
    const events = timeline.filter((x: { kind: string }) => x.kind.startsWith("activity_"));
    expect(events).toEqual([
      { date: daysFromToday(-50), kind: "activity_start", title: "Praktik/arbetsträning startade", detail: null, enrolmentId: p.id },
      { date: daysFromToday(-20), kind: "activity_end", title: "Praktik/arbetsträning avbruten", detail: "Flyttade", enrolmentId: p.id },
    ]);
  });
});

describe("changing the type", () => {
  it("gives an activity changed into an internship its checklist and follow-ups", async () => {
    const a = await add({ type: "ovrigt", startDate: daysFromToday(-4), status: "ongoing" });
    expect(await checklistOf(a.id)).toBeUndefined();
    const changed = expectStatus(await cast.as.coach.patch(`/api/activities/${a.id}`, { version: a.version, type: "praktik" }), 200);
    expect(changed.details.kind).toBe("internship");
    expect((await checklistOf(a.id))?.items.length).toBeGreaterThan(0);
    expect((await followUpsOf(a.id)).map((f) => f.dueDate)).toEqual([daysFromToday(-1), addMonths(daysFromToday(-4), 1), null]);
  });
});

describe("checklist steps that follow-ups tick, and steps that do not apply", () => {
  it("starts the internship checklist with the invitation to the first meeting", () => {
    expect(DEFAULT_INTERNSHIP_STEPS[0]).toMatch(/^Kalla deltagaren till ett första möte/);
  });

  it("ticks the matching open step when a follow-up is recorded, with its day and user, and leaves the others", async () => {
    const a = await add(internship({ startDate: daysFromToday(-40), endDate: daysFromToday(20) }));
    const [early, month] = await followUpsOf(a.id);
    if (!early || !month) throw new Error("no follow-ups");
    const stepOf = async (label: RegExp) => (await checklistOf(a.id))?.items.find((i) => label.test(i.label));
    const recorded = expectStatus(
      await cast.as.coach.patch(`/api/follow-ups/${early.id}`, { version: early.version, doneOn: daysFromToday(-36), how: "phone" }),
      200,
    );
    const call = await stepOf(/^Ring arbetsplatsen efter några dagar/);
    expect(call).toMatchObject({ doneOn: daysFromToday(-36), doneBy: cast.users.coach.id, notApplicable: false });
    expect((await stepOf(/^Besök eller ring arbetsplatsen efter ungefär en månad/))?.doneOn).toBeNull();
    expect((await stepOf(/^Avslutande uppföljning/))?.doneOn).toBeNull();
    const [entry] = (await auditOf(t.db, "follow_up.record")).filter((r) => (r.details as { followUpId?: string }).followUpId === early.id);
    expect(entry?.details).toMatchObject({ tickedItemId: call?.id });
    // A correction of the recorded follow-up does not move the step.
    expectStatus(await cast.as.coach.patch(`/api/follow-ups/${early.id}`, { version: recorded.version, doneOn: daysFromToday(-35), how: "visit" }), 200);
    expect((await stepOf(/^Ring arbetsplatsen efter några dagar/))?.doneOn).toBe(daysFromToday(-36));
    // A step ticked by hand keeps its own day.
    const visit = await stepOf(/^Besök eller ring arbetsplatsen efter ungefär en månad/);
    expectStatus(await cast.as.coach.patch(`/api/checklist-items/${visit?.id}`, { version: visit?.version, done: true, doneOn: daysFromToday(-11) }), 200);
    expectStatus(await cast.as.manager.patch(`/api/follow-ups/${month.id}`, { version: month.version, doneOn: daysFromToday(-10), how: "visit" }), 200);
    expect(await stepOf(/^Besök eller ring arbetsplatsen efter ungefär en månad/)).toMatchObject({ doneOn: daysFromToday(-11), doneBy: cast.users.coach.id });
  });

  it("sets a step that does not apply aside with the day and user, off the work list's open steps, and can take it back", async () => {
    const a = await add(internship({ startDate: daysFromToday(-5), endDate: daysFromToday(60) }));
    const police = (await checklistOf(a.id))?.items.find((i) => /belastningsregistret/.test(i.label));
    if (!police) throw new Error("no police-record step");
    const aside = expectStatus(
      await cast.as.coach.patch(`/api/checklist-items/${police.id}`, { version: police.version, done: true, notApplicable: true }),
      200,
    );
    expect(aside).toMatchObject({ notApplicable: true, doneOn: daysFromToday(0), doneBy: cast.users.coach.id, doneByName: cast.users.coach.name });
    const list: WorkList = expectStatus(await cast.as.coach.get(`/api/projects/${cast.project.id}/work-list?scope=project`), 200);
    const row = list.checklists.find((c) => c.activityId === a.id);
    expect(row?.openItems.map((i) => i.id)).not.toContain(police.id);
    expect(row?.openItems.length).toBe((row?.totalItems ?? 0) - 1);
    const [entry] = (await auditOf(t.db, "checklist.not_applicable")).filter((r) => (r.details as { itemId?: string }).itemId === police.id);
    expect(entry).toMatchObject({ actor_id: cast.users.coach.id, project_id: cast.project.id });
    expectStatus(await cast.as.coach.patch(`/api/checklist-items/${police.id}`, { version: aside.version, done: false, notApplicable: true }), 400);
    const back = expectStatus(await cast.as.coach.patch(`/api/checklist-items/${police.id}`, { version: aside.version, done: false }), 200);
    expect(back).toMatchObject({ notApplicable: false, doneOn: null, doneBy: null });
  });
});
