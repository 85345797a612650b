import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Activity } from "../../../schemas/activities.ts";
import type { Enrolment } from "../../../schemas/participants.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, anExit, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";
import { municipalTopUp, supportWarnings } from "./rules.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let e: Enrolment;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  e = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-120) });
});
afterAll(async () => {
  await t?.close();
});

const add = (body: Record<string, unknown>, enrolmentId = e.id) => cast.as.coach.post(`/api/enrolments/${enrolmentId}/activities`, body);
const internship = (extra: Record<string, unknown> = {}) => ({
  type: "praktik",
  startDate: daysFromToday(-60),
  extent: { unit: "percent", value: 50 },
  purpose: "Pröva arbete i butik",
  status: "ongoing",
  coachId: cast.users.coach.id,
  details: { kind: "internship", workplace: "Lilla Livs, Storgatan 3", supervisorName: "Gun Handledare", purpose: "try_trade", activitySupportDecision: true },
  ...extra,
});
const tasksOf = async (enrolmentId = e.id) => expectStatus(await cast.as.coach.get(`/api/enrolments/${enrolmentId}/tasks`), 200).tasks;

describe("POST /api/enrolments/:id/activities", () => {
  it("records an internship with its details, extent and responsible coach, and audits it", async () => {
    const a: Activity = expectStatus(await add(internship()), 201);
    expect(a).toMatchObject({
      enrolmentId: e.id,
      type: "praktik",
      typeLabel: "Praktik/arbetsträning",
      category: "praktik",
      startDate: daysFromToday(-60),
      endDate: null,
      extent: { unit: "percent", value: 50 },
      status: "ongoing",
      coachId: cast.users.coach.id,
      coachName: cast.users.coach.name,
      details: {
        kind: "internship",
        workplace: "Lilla Livs, Storgatan 3",
        supervisorName: "Gun Handledare",
        purpose: "try_trade",
        activitySupportDecision: true,
      },
      warnings: [],
      version: 1,
    });
    // The employer is the activity's network link; the details carry none of their own.
    expect(a.details).not.toHaveProperty("employerId");
    const [entry] = await auditOf(t.db, "activity.create", e.personId);
    expect(entry).toMatchObject({
      actor_id: cast.users.coach.id,
      project_id: cast.project.id,
      subject_type: "person",
      details: { enrolmentId: e.id, activityId: a.id, after: { id: a.id } },
    });
  });

  it("allows several activities at once and internships in a row", async () => {
    const fresh = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-200) });
    expectStatus(await add(internship({ startDate: daysFromToday(-190), endDate: daysFromToday(-100), status: "ended" }), fresh.id), 201);
    expectStatus(await add(internship({ startDate: daysFromToday(-99) }), fresh.id), 201);
    expectStatus(
      await add({ type: "friskvard", startDate: daysFromToday(-150), extent: { unit: "hours_per_week", value: 2 }, status: "ongoing" }, fresh.id),
      201,
    );
    expectStatus(await add({ type: "Studiebesök", startDate: daysFromToday(-98), endDate: daysFromToday(-98), status: "planned" }, fresh.id), 201);
    const list = expectStatus(await cast.as.coach.get(`/api/enrolments/${fresh.id}/activities`), 200).activities as Activity[];
    expect(list.map((x) => [x.type, x.startDate])).toEqual([
      ["praktik", daysFromToday(-190)],
      ["friskvard", daysFromToday(-150)],
      ["praktik", daysFromToday(-99)],
      ["studiebesok", daysFromToday(-98)],
    ]);
    expect(list[3]?.details).toEqual({ kind: "none" });
  });

  it("refuses dates outside the enrolment and an end before the start, naming the field", async () => {
    const fields = async (body: Record<string, unknown>, enrolmentId = e.id) => Object.keys(expectStatus(await add(body, enrolmentId), 400).error.fields);
    expect(await fields(internship({ startDate: daysFromToday(-121) }))).toEqual(["startDate"]);
    expect(await fields(internship({ endDate: daysFromToday(-61) }))).toEqual(["endDate"]);
    expect(await fields(internship({ startDate: "2025-02-30" }))).toEqual(["startDate"]);
    expect(await fields(internship({ status: "ended" }))).toEqual(["endDate"]);
    expect(await fields(internship({ status: "interrupted", endDate: daysFromToday(-1) }))).toEqual(["interruptedReason"]);
    expect(await fields(internship({ extent: { unit: "percent", value: 120 } }))).toEqual(["extent.value"]);
    expect(await fields({ type: "segling", startDate: daysFromToday(-1) })).toEqual(["type"]);
    expect(await fields(internship({ coachId: cast.users.statistician.id }))).toEqual(["coachId"]);
    const exited = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-100) });
    expectStatus(await cast.as.coach.post(`/api/enrolments/${exited.id}/exit`, anExit(exited, daysFromToday(-10))), 200);
    expect(await fields(internship({ startDate: daysFromToday(-50), endDate: daysFromToday(-5) }), exited.id)).toEqual(["endDate"]);
    expect(await fields(internship({ startDate: daysFromToday(-50) }), exited.id)).toEqual(["endDate"]);
    expect(await fields(internship({ startDate: daysFromToday(-9), endDate: daysFromToday(-9) }), exited.id)).toEqual(["startDate"]);
    expectStatus(await add(internship({ startDate: daysFromToday(-50), endDate: daysFromToday(-10), status: "ended" }), exited.id), 201);
  });

  it("validates the details by the kind of the type", async () => {
    const fields = async (body: Record<string, unknown>) => expectStatus(await add(body), 400).error.fields;
    // An employment needs its form and employer; the type's kind decides which details fit.
    expect(Object.keys(await fields({ type: "anstallning", startDate: daysFromToday(-5) })).sort()).toEqual(["details.employer", "details.form"]);
    expect(await fields({ type: "anstallning", startDate: daysFromToday(-5), details: { kind: "studies" } })).toEqual({
      "details.kind": expect.stringMatching(/employment/),
    });
    expect(Object.keys(await fields({ type: "studier", startDate: daysFromToday(-5), details: { kind: "studies", level: "doktorand" } }))).toEqual([
      "details.level",
    ]);
    expect(Object.keys(await fields({ type: "validering", startDate: daysFromToday(-5), details: { kind: "validation" } }))).toEqual(["details.field"]);
    const v = expectStatus(
      await add({ type: "validering", startDate: daysFromToday(-5), details: { kind: "validation", field: "Restaurang", result: "Godkänd i tre moment" } }),
      201,
    );
    expect(v.details).toEqual({ kind: "validation", field: "Restaurang", result: "Godkänd i tre moment" });
    const s = expectStatus(
      await add({
        type: "studier",
        startDate: daysFromToday(-5),
        details: { kind: "studies", provider: "Komvux Norrby", level: "upper_secondary", supportedEducation: true },
      }),
      201,
    );
    expect(s.details).toEqual({ kind: "studies", provider: "Komvux Norrby", level: "upper_secondary", supportedEducation: true });
  });
});

describe("employment: top-up and support length", () => {
  const employment = (details: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    type: "anstallning",
    startDate: daysFromToday(-30),
    status: "ongoing",
    details: { kind: "employment", ...details },
    ...extra,
  });

  it("computes the municipality's top-up as the share of the wage cost, capped at what remains after the state subsidy", async () => {
    const plain = expectStatus(await add(employment({ form: "wage_subsidy", employer: "external", monthlyWageCost: 30000, monthlyStateSubsidy: 20000 })), 201);
    // 20 % of 30 000 = 6 000; 10 000 remains after the subsidy, so the share holds.
    expect(plain.details).toMatchObject({ topUpPercent: 20, municipalTopUp: 6000 });
    // 20 % of 30 000 = 6 000, but only 4 500 remains after a subsidy of 25 500.
    const capped = expectStatus(await add(employment({ form: "nystartsjobb", employer: "external", monthlyWageCost: 30000, monthlyStateSubsidy: 25500 })), 201);
    expect(capped.details.municipalTopUp).toBe(4500);
    const share = expectStatus(await add(employment({ form: "resource_job", employer: "external", monthlyWageCost: 25000, topUpPercent: 30 })), 201);
    expect(share.details.municipalTopUp).toBe(7500);
    const internal = expectStatus(await add(employment({ form: "resource_job", employer: "internal", monthlyWageCost: 25000 })), 201);
    expect(internal.details.municipalTopUp).toBeNull();
    expect(municipalTopUp({ employer: "external", monthlyWageCost: 20000, monthlyStateSubsidy: 21000, topUpPercent: 20 })).toBe(0);
  });

  it("warns when supported employment or Supported Education passes nine months", async () => {
    const long = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-400), plannedMonths: 24 });
    const old = expectStatus(await add(employment({ form: "wage_subsidy", employer: "external" }, { startDate: daysFromToday(-300) }), long.id), 201);
    expect(old.warnings).toEqual([expect.stringMatching(/längre än 9 månader/)]);
    const ordinary = expectStatus(await add(employment({ form: "ordinary", employer: "external" }, { startDate: daysFromToday(-300) }), long.id), 201);
    expect(ordinary.warnings).toEqual([]);
    const recent = expectStatus(await add(employment({ form: "osa", employer: "internal" }, { startDate: daysFromToday(-30) }), long.id), 201);
    expect(recent.warnings).toEqual([]);
    // 9 months from 2025-01-15 run to 2025-10-14: a planned end on that day is fine, the day after is not.
    const studies = { kind: "studies" as const, provider: null, level: null, supportedEducation: true };
    expect(supportWarnings({ startDate: "2025-01-15", endDate: "2025-10-14", details: studies }, "2025-02-01")).toEqual([]);
    expect(supportWarnings({ startDate: "2025-01-15", endDate: "2025-10-15", details: studies }, "2025-02-01")).toHaveLength(1);
    expect(supportWarnings({ startDate: "2025-01-15", endDate: "2025-10-15", details: { ...studies, supportedEducation: false } }, "2025-02-01")).toEqual([]);
  });
});

describe("PATCH /api/activities/:id", () => {
  it("changes with the version, answers 409 with the current record on a stale one, and audits before and after", async () => {
    const a: Activity = expectStatus(await add(internship()), 201);
    const changed = expectStatus(
      await cast.as.coach.patch(`/api/activities/${a.id}`, { version: 1, notes: "Trivs bra", extent: { unit: "hours_per_week", value: 20 } }),
      200,
    );
    expect(changed).toMatchObject({ notes: "Trivs bra", extent: { unit: "hours_per_week", value: 20 }, details: a.details, version: 2 });
    const stale = expectStatus(await cast.as.manager.patch(`/api/activities/${a.id}`, { version: 1, notes: "Annat" }), 409);
    expect(stale.error.current).toMatchObject({ id: a.id, notes: "Trivs bra", version: 2 });
    const [entry] = await auditOf(t.db, "activity.update", e.personId);
    expect(entry?.details).toMatchObject({ activityId: a.id, before: { notes: null, version: 1 }, after: { notes: "Trivs bra", version: 2 } });
  });

  it("refuses an end before the start and a start before the enrolment", async () => {
    const a: Activity = expectStatus(await add(internship()), 201);
    expect(
      Object.keys(expectStatus(await cast.as.coach.patch(`/api/activities/${a.id}`, { version: 1, endDate: daysFromToday(-70) }), 400).error.fields),
    ).toEqual(["endDate"]);
    expect(
      Object.keys(expectStatus(await cast.as.coach.patch(`/api/activities/${a.id}`, { version: 1, startDate: daysFromToday(-130) }), 400).error.fields),
    ).toEqual(["startDate"]);
    // Another type of another kind needs its own details.
    expect(
      Object.keys(expectStatus(await cast.as.coach.patch(`/api/activities/${a.id}`, { version: 1, type: "anstallning" }), 400).error.fields).sort(),
    ).toEqual(["details.employer", "details.form"]);
    expectStatus(
      await cast.as.coach.patch(`/api/activities/${a.id}`, {
        version: 1,
        type: "anstallning",
        details: { kind: "employment", form: "ordinary", employer: "external" },
      }),
      200,
    );
  });

  it("gives the coach a new-planning task when an activity ends, once", async () => {
    const fresh = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-100) });
    const a: Activity = expectStatus(await add(internship({ startDate: daysFromToday(-90) }), fresh.id), 201);
    expect(await tasksOf(fresh.id)).toEqual([]);
    const ended = expectStatus(
      await cast.as.coach.patch(`/api/activities/${a.id}`, {
        version: 1,
        status: "interrupted",
        endDate: daysFromToday(-2),
        interruptedReason: "Arbetsplatsen stängde",
      }),
      200,
    );
    const changedAgain = expectStatus(await cast.as.coach.patch(`/api/activities/${a.id}`, { version: ended.version, notes: "Efterarbete" }), 200);
    expect(changedAgain.version).toBe(3);
    const tasks = await tasksOf(fresh.id);
    expect(tasks).toEqual([
      {
        id: expect.any(String),
        enrolmentId: fresh.id,
        kind: "new_planning",
        activityId: a.id,
        reason: `Praktik/arbetsträning (${daysFromToday(-90)}) avbröts ${daysFromToday(-2)}: Arbetsplatsen stängde. Gör en ny planering.`,
        createdAt: expect.any(String),
        doneAt: null,
        doneBy: null,
      },
    ]);
    // An end date in the past ends an activity too, also one recorded afterwards.
    const b: Activity = expectStatus(await add({ type: "friskvard", startDate: daysFromToday(-60), status: "ongoing" }, fresh.id), 201);
    expectStatus(await cast.as.coach.patch(`/api/activities/${b.id}`, { version: 1, endDate: daysFromToday(-1) }), 200);
    expectStatus(await add({ type: "studier", startDate: daysFromToday(-60), endDate: daysFromToday(-20), status: "ended" }, fresh.id), 201);
    // A planned end still ahead is not an end.
    expectStatus(await add({ type: "studier", startDate: daysFromToday(-60), endDate: daysFromToday(20), status: "ongoing" }, fresh.id), 201);
    const reasons = (await tasksOf(fresh.id)).map((x: { reason: string }) => x.reason);
    expect(reasons).toHaveLength(3);
    expect(reasons[1]).toBe(`Friskvård (${daysFromToday(-60)}) slutdatum ${daysFromToday(-1)} har passerat. Gör en ny planering.`);
    expect(reasons[2]).toBe(`Studier (${daysFromToday(-60)}) avslutades ${daysFromToday(-20)}. Gör en ny planering.`);
  });

  it("answers 404 for an activity that does not exist", async () => {
    expectStatus(await cast.as.coach.patch("/api/activities/00000000-0000-4000-8000-000000000000", { version: 1, notes: "x" }), 404);
  });
});

// Last in the file: it changes the project's settings.
describe("the project's support length and top-up share", () => {
  it("are the manager's to set with a version, warn by the project's length and start new employments at its share", async () => {
    const url = `/api/projects/${cast.project.id}/follow-up-settings`;
    const before = expectStatus(await cast.as.coach.get(url), 200);
    expect(before).toMatchObject({ supportMaxMonths: 9, topUpPercent: 20, version: 0 });
    expect((await cast.as.coach.put(url, { version: 0, supportMaxMonths: 6 })).statusCode).toBe(403);
    expect(Object.keys(expectStatus(await cast.as.manager.put(url, { version: 0, supportMaxMonths: 0, topUpPercent: 120 }), 400).error.fields).sort()).toEqual([
      "supportMaxMonths",
      "topUpPercent",
    ]);
    const saved = expectStatus(await cast.as.manager.put(url, { version: 0, supportMaxMonths: 6, topUpPercent: 25 }), 200);
    expect(saved).toMatchObject({ supportMaxMonths: 6, topUpPercent: 25, version: 1, rules: before.rules });
    expect(expectStatus(await cast.as.manager.put(url, { version: 0, topUpPercent: 30 }), 409).error.current).toMatchObject({ topUpPercent: 25, version: 1 });
    const audit = (await auditOf(t.db, "follow_up_settings.update", cast.project.id)).at(-1);
    expect(audit?.details).toMatchObject({ before: { supportMaxMonths: 9, topUpPercent: 20 }, after: { supportMaxMonths: 6, topUpPercent: 25 } });

    // Seven months of wage subsidy: past the project's six, within the default nine.
    const long = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-300), plannedMonths: 24 });
    const wage = { kind: "employment", form: "wage_subsidy", employer: "external", monthlyWageCost: 30000 };
    const a: Activity = expectStatus(await add({ type: "anstallning", startDate: daysFromToday(-213), status: "ongoing", details: wage }, long.id), 201);
    expect(a.warnings).toEqual([expect.stringMatching(/längre än 6 månader/)]);
    // A new employment starts at the project's 25 %; a share given is kept, and kept on a change that leaves it out.
    expect(a.details).toMatchObject({ topUpPercent: 25, municipalTopUp: 7500 });
    const own: Activity = expectStatus(
      await add({ type: "anstallning", startDate: daysFromToday(-10), status: "ongoing", details: { ...wage, topUpPercent: 10 } }, long.id),
      201,
    );
    expect(own.details).toMatchObject({ topUpPercent: 10, municipalTopUp: 3000 });
    const changed: Activity = expectStatus(
      await cast.as.coach.patch(`/api/activities/${own.id}`, { version: own.version, details: { ...wage, monthlyWageCost: 20000 } }),
      200,
    );
    expect(changed.details).toMatchObject({ topUpPercent: 10, municipalTopUp: 2000 });
  });
});
