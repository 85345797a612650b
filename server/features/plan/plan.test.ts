import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Enrolment } from "../../../schemas/participants.ts";
import type { Goal, GoalDiff, PlanRevision } from "../../../schemas/plan.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";
import { pdfStrings } from "../reports/doc-text.ts";
import { compareGoals } from "./diff.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let e: Enrolment;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  e = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-90), coachId: cast.users.coach.id });
});
afterAll(async () => {
  await t?.close();
});

const url = (path = "") => `/api/enrolments/${e.id}/plan${path}`;
const firstGoals = () => [
  {
    title: "Få en anställning inom lager",
    owner: "participant",
    dueDate: daysFromToday(180),
    status: "ongoing",
    subGoals: [
      { title: "Ta truckkort A och B", owner: "other", ownerName: "Arbetsförmedlingen", dueDate: daysFromToday(60) },
      { title: "Skriva ett CV", owner: "coach", status: "reached" },
    ],
  },
  { title: "Förbättra svenskan", owner: "participant", comment: "SFI kurs C" },
];

const pdfText = (pdf: Buffer) => pdfStrings(pdf).join("");

let r1: PlanRevision;
let r2: PlanRevision;

describe("plan revisions", () => {
  it("starts with no plan and version 0", async () => {
    expect(expectStatus(await cast.as.coach.get(url()), 200)).toMatchObject({ version: 0, current: null, revisions: [], openTasks: [] });
  });

  it("saves the first revision with ids for goals and sub-goals, defaults filled in, and audits it", async () => {
    r1 = expectStatus(await cast.as.coach.post(url("/revisions"), { version: 0, goals: firstGoals(), reason: "Första planeringen" }), 201);
    expect(r1).toMatchObject({ number: 1, reason: "Första planeringen", createdByName: cast.users.coach.name });
    expect(r1.goals).toHaveLength(2);
    expect(r1.goals[0]?.subGoals[0]).toMatchObject({ owner: "other", ownerName: "Arbetsförmedlingen", status: "not_started", comment: null });
    expect(r1.goals[1]).toMatchObject({ status: "not_started", dueDate: null, comment: "SFI kurs C", subGoals: [] });
    expect(new Set([...r1.goals.map((g) => g.id), ...r1.goals.flatMap((g) => g.subGoals.map((s) => s.id))]).size).toBe(4);
    const [entry] = await auditOf(t.db, "plan.revise", e.personId);
    expect(entry?.details).toMatchObject({ enrolmentId: e.id, revision: 1, reason: "Första planeringen" });
  });

  it("asks for the other party's name when the owner is another party", async () => {
    const res = await cast.as.coach.post(url("/revisions"), { version: 1, goals: [{ title: "Läkarbesök", owner: "other" }] });
    expect(expectStatus(res, 400).error.fields).toHaveProperty(["goals.0.ownerName"]);
  });

  it("a second revision keeps the first unchanged and readable", async () => {
    const [g1, g2] = r1.goals as [Goal, Goal];
    const goals = [
      {
        ...g1,
        status: "ongoing",
        subGoals: [
          { ...g1.subGoals[0], status: "reached" },
          { title: "Söka fem jobb i veckan", owner: "participant" },
        ],
      },
      { title: "Ta körkort", owner: "participant", dueDate: daysFromToday(300) },
      { ...g2, comment: "SFI kurs D" },
    ];
    r2 = expectStatus(await cast.as.manager.post(url("/revisions"), { version: 1, goals, reason: "Praktiken slutade" }), 201);
    expect(r2.number).toBe(2);
    expect(r2.goals[0]?.id).toBe(g1.id);
    const again = expectStatus(await cast.as.coach.get(url("/revisions/1")), 200);
    expect(again).toEqual(r1);
    const overview = expectStatus(await cast.as.coach.get(url()), 200);
    expect(overview.version).toBe(2);
    expect(overview.current).toEqual(r2);
    expect(overview.revisions.map((r: { number: number }) => r.number)).toEqual([2, 1]);
  });

  it("answers 409 with the current plan to a save based on an old revision", async () => {
    const body = expectStatus(await cast.as.coach.post(url("/revisions"), { version: 1, goals: firstGoals() }), 409);
    expect(body.error.current).toMatchObject({ version: 2 });
    expect(await t.db.selectFrom("plan_revisions").select("id").where("enrolment_id", "=", e.id).execute()).toHaveLength(2);
  });

  it("a saved revision cannot be changed or removed, even in the database", async () => {
    await expect(t.db.updateTable("plan_revisions").set({ reason: "ändrad" }).where("enrolment_id", "=", e.id).execute()).rejects.toThrow(/saved version/);
    await expect(t.db.deleteFrom("plan_revisions").where("enrolment_id", "=", e.id).execute()).rejects.toThrow(/saved version and cannot be removed/);
    await expect(sql`TRUNCATE plan_revisions CASCADE`.execute(t.db)).rejects.toThrow(/saved version and cannot be removed/);
    expect((await t.db.selectFrom("plan_revisions").select("id").where("enrolment_id", "=", e.id).execute()).length).toBeGreaterThan(0);
  });

  it("compares two revisions: added, removed, changed (with the fields) and unchanged", async () => {
    const c = expectStatus(await cast.as.coach.get(url("/compare?from=1&to=2")), 200);
    expect(c.from.number).toBe(1);
    expect(c.to.number).toBe(2);
    const [lager, korkort, svenska] = c.goals as GoalDiff[];
    expect(lager).toMatchObject({ change: "changed", fields: [] });
    expect(lager?.subGoals.map((s) => [s.change, s.fields])).toEqual([
      ["changed", ["status"]],
      ["removed", []],
      ["added", []],
    ]);
    expect(lager?.subGoals[1]?.before?.title).toBe("Skriva ett CV");
    expect(korkort).toMatchObject({ change: "added", before: null });
    expect(korkort?.after?.title).toBe("Ta körkort");
    expect(svenska).toMatchObject({ change: "changed", fields: ["comment"] });
    expect(svenska?.before?.comment).toBe("SFI kurs C");
    expect(svenska?.after?.comment).toBe("SFI kurs D");
    const same = expectStatus(await cast.as.coach.get(url("/compare?from=2&to=2")), 200);
    expect(same.goals.every((g: GoalDiff) => g.change === "unchanged")).toBe(true);
    expect((await cast.as.coach.get(url("/compare?from=1&to=7"))).statusCode).toBe(404);
    expect(expectStatus(await cast.as.coach.get(url("/compare?from=ett&to=2")), 400).error.fields).toHaveProperty(["from"]);
  });

  it("closes the new-planning tasks a revision answers, and refuses tasks that are not open for the enrolment", async () => {
    const activity = expectStatus(
      await cast.as.coach.post(`/api/enrolments/${e.id}/activities`, {
        type: "praktik",
        startDate: daysFromToday(-60),
        endDate: daysFromToday(-2),
        status: "ended",
      }),
      201,
    );
    const { openTasks } = expectStatus(await cast.as.coach.get(url()), 200);
    expect(openTasks).toHaveLength(1);
    expect(openTasks[0].activityId).toBe(activity.id);
    const bad = await cast.as.coach.post(url("/revisions"), { version: 2, goals: r2.goals, closeTaskIds: [cast.users.coach.id] });
    expect(expectStatus(bad, 400).error.fields).toHaveProperty(["closeTaskIds.0"]);
    expectStatus(await cast.as.coach.post(url("/revisions"), { version: 2, goals: r2.goals, reason: "Ny planering", closeTaskIds: [openTasks[0].id] }), 201);
    const after = expectStatus(await cast.as.coach.get(url()), 200);
    expect(after.openTasks).toEqual([]);
    const task = await t.db.selectFrom("tasks").select(["done_by", "done_at"]).where("id", "=", openTasks[0].id).executeTakeFirstOrThrow();
    expect(task.done_by).toBe(cast.users.coach.id);
    expect(task.done_at).not.toBeNull();
  });

  it("prints the plan as a real PDF with the participant's goals, sub-goals and a signature line, and audits the download", async () => {
    const res = await cast.as.coach.get(url("/pdf?revision=2"));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="plan-version-2.pdf"');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1").trimEnd().endsWith("%%EOF")).toBe(true);
    const text = pdfText(pdf);
    for (const words of [
      "Min plan",
      "Få en anställning inom lager",
      "Ta körkort",
      "Söka fem jobb i veckan",
      "Arbetsförmedlingen",
      "Underskrifter",
      "Deltagare",
      e.startDate,
    ])
      expect(text).toContain(words);
    expect(text).not.toContain("Skriva ett CV");
    const [entry] = await auditOf(t.db, "plan.pdf", e.personId);
    expect(entry).toMatchObject({ actor_id: cast.users.coach.id, project_id: cast.project.id });
    expect(entry?.details).toMatchObject({ enrolmentId: e.id, revision: 2 });
    // The current revision when none is named; 404 when there is no plan.
    const current = await cast.as.coach.get(url("/pdf"));
    expect(current.statusCode, current.body).toBe(200);
    expect(pdfText(current.rawPayload)).toContain("(version 3)");
    const empty = await anEnrolment(cast.as.coach, cast.project.id);
    expect((await cast.as.coach.get(`/api/enrolments/${empty.id}/plan/pdf`)).statusCode).toBe(404);
  });

  it("shows the revisions on the participant's timeline", async () => {
    const timeline = expectStatus(await cast.as.coach.get(`/api/enrolments/${e.id}/timeline`), 200).events;
    const kinds = timeline.filter((ev: { kind: string }) => ev.kind === "plan_revision").map((ev: { title: string }) => ev.title);
    expect(kinds).toEqual(["Genomförandeplan upprättad", "Genomförandeplan reviderad (version 2)", "Genomförandeplan reviderad (version 3)"]);
  });
});

describe("compareGoals", () => {
  const item = (id: string, extra: Partial<Goal> = {}): Goal => ({
    id,
    title: id,
    owner: "participant",
    ownerName: null,
    dueDate: null,
    status: "not_started",
    comment: null,
    subGoals: [],
    ...extra,
  });
  it("puts a removed goal where it stood, between the goals around it", () => {
    const ids = (d: GoalDiff[]) => d.map((x) => `${x.id}:${x.change}`);
    expect(ids(compareGoals([item("a"), item("b"), item("c")], [item("a"), item("c", { dueDate: "2030-01-01" })]))).toEqual([
      "a:unchanged",
      "b:removed",
      "c:changed",
    ]);
    expect(ids(compareGoals([item("a")], [item("z"), item("a")]))).toEqual(["z:added", "a:unchanged"]);
    expect(compareGoals([item("a", { owner: "other", ownerName: "FK" })], [item("a", { owner: "coach" })])[0]?.fields).toEqual(["owner", "ownerName"]);
  });
});
