import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TimelineEvent } from "../../../schemas/participants.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anAcceptedReferral, anEnrolment, anExit, aReferral, auditOf, daysFromToday, decide, expectStatus } from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let url: string;
let intakeId: string;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  url = `/api/projects/${cast.project.id}/enrolments`;
  intakeId = expectStatus(
    await cast.as.manager.post(`/api/projects/${cast.project.id}/intakes`, { name: "Vårintaget", startDate: daysFromToday(-30) }),
    201,
  ).id;
});
afterAll(async () => {
  await t?.close();
});

const enrolFrom = (ref: { id: string; personId: string }, body: Record<string, unknown> = {}) =>
  cast.as.coach.post(url, { personId: ref.personId, referralId: ref.id, startDate: daysFromToday(-10), ...body });

describe("POST /api/projects/:id/enrolments", () => {
  it("enrols from an accepted referral with the project's planned time, the referral's party, coach and intake", async () => {
    const ref = await anAcceptedReferral(cast.as.coach, cast.project.id, { referringParty: "ske", referredOn: "2025-01-02" });
    const e = expectStatus(await enrolFrom(ref, { startDate: "2025-01-15", coachId: cast.users.coach.id, intakeId }), 201);
    expect(e).toMatchObject({
      personId: ref.personId,
      referralId: ref.id,
      intakeId,
      intakeName: "Vårintaget",
      coachId: cast.users.coach.id,
      coachName: cast.users.coach.name,
      startDate: "2025-01-15",
      plannedMonths: 12,
      plannedEndDate: "2026-01-14",
      plannedDays: 365,
      referringParty: "ske",
      exit: null,
      version: 1,
    });
    expect(expectStatus(await cast.as.coach.get(`/api/referrals/${ref.id}`), 200).enrolmentId).toBe(e.id);
    const [entry] = await auditOf(t.db, "enrolment.create", ref.personId);
    expect(entry).toMatchObject({
      actor_id: cast.users.coach.id,
      project_id: cast.project.id,
      details: { enrolmentId: e.id, after: { id: e.id, startDate: "2025-01-15" } },
    });
    // The decision that led to an enrolment is settled.
    const redo = await cast.as.manager.post(`/api/referrals/${ref.id}/decision`, {
      version: ref.version,
      decision: "declined",
      decidedOn: "2025-01-20",
      declineReason: "Ångrat",
    });
    expectStatus(redo, 409);
    const intakes = expectStatus(await cast.as.coach.get(`/api/projects/${cast.project.id}/intakes`), 200).intakes;
    expect(intakes).toEqual([expect.objectContaining({ id: intakeId, enrolled: 1 })]);
  });

  it("refuses ids that belong to another project or organisation", async () => {
    const theirs = await anAcceptedReferral(cast.as.otherCoach, cast.other.id);
    const theirIntake = await t.db
      .insertInto("intakes")
      .values({ project_id: cast.other.id, name: "Deras intag", start_date: "2025-01-01" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(expectStatus(await enrolFrom(theirs), 400).error.fields.referralId).toBeTruthy();
    const ref = await anAcceptedReferral(cast.as.coach, cast.project.id);
    expect(Object.keys(expectStatus(await enrolFrom(ref, { intakeId: theirIntake.id }), 400).error.fields)).toEqual(["intakeId"]);
    const linked = await cast.as.coach.post(`/api/projects/${cast.project.id}/referrals`, {
      personId: theirs.personId,
      referredOn: daysFromToday(-1),
      referringParty: "af",
    });
    expect(expectStatus(linked, 400).error.fields.personId).toBeTruthy();
    expect(await t.db.selectFrom("enrolments").select("id").where("person_id", "=", theirs.personId).execute()).toEqual([]);
  });

  it("derives the planned end from the planned months given", async () => {
    const e = await anEnrolment(cast.as.coach, cast.project.id, { startDate: "2025-08-31", plannedMonths: 6 });
    expect(e).toMatchObject({ plannedMonths: 6, plannedEndDate: "2026-02-27" });
  });

  it("answers 400 unless the referral is accepted, belongs to the person and the project, and is unused (409)", async () => {
    const pending = await aReferral(cast.as.coach, cast.project.id);
    expect(expectStatus(await enrolFrom(pending), 400).error.fields.referralId).toMatch(/inte beviljad/);
    const waiting = await decide(cast.as.coach, await aReferral(cast.as.coach, cast.project.id), "waiting_list");
    expectStatus(await enrolFrom(waiting), 400);
    const declined = await decide(cast.as.coach, await aReferral(cast.as.coach, cast.project.id), "declined", { declineReason: "Flyttar" });
    expectStatus(await enrolFrom(declined), 400);
    const accepted = await anAcceptedReferral(cast.as.coach, cast.project.id);
    expect(expectStatus(await enrolFrom({ id: accepted.id, personId: pending.personId }), 400).error.fields.referralId).toBeTruthy();
    // A new participant comes through a referral.
    const none = await cast.as.coach.post(url, { personId: pending.personId, startDate: daysFromToday(-1), referringParty: "af" });
    expect(expectStatus(none, 400).error.fields.referralId).toMatch(/beviljad aktualisering/);
    const e = expectStatus(await enrolFrom(accepted), 201);
    const twice = expectStatus(await enrolFrom(accepted, { startDate: daysFromToday(10) }), 409);
    expect(twice.error.current).toEqual({ enrolmentId: e.id });
  });

  it("records the background: income shares, the main income from the largest share, and an override", async () => {
    const background = {
      educationLevel: "grundskola",
      educationCompleted: false,
      hasHadInternship: true,
      incomes: [
        { code: "forsorjningsstod", share: 25 },
        { code: "aktivitetsstod", share: 75 },
      ],
    };
    const derived = await anEnrolment(cast.as.coach, cast.project.id, { background });
    expect(derived.background).toEqual({
      ...background,
      hasHadEmployment: false,
      incomes: [background.incomes[1], background.incomes[0]],
      mainIncome: "aktivitetsstod",
      mainIncomeOverridden: false,
    });
    const overridden = await anEnrolment(cast.as.coach, cast.project.id, { background: { ...background, mainIncome: "forsorjningsstod" } });
    expect(overridden.background).toMatchObject({ mainIncome: "forsorjningsstod", mainIncomeOverridden: true });
    const none = await anEnrolment(cast.as.coach, cast.project.id);
    expect(none.background).toMatchObject({ incomes: [], mainIncome: null, educationLevel: null });
  });

  it("answers 400 naming the field for a share that is not 25/50/75/100, an unknown code or a main income not listed", async () => {
    const ref = await anAcceptedReferral(cast.as.coach, cast.project.id);
    const fieldsOf = async (background: Record<string, unknown>) => expectStatus(await enrolFrom(ref, { background }), 400).error.fields;
    expect(await fieldsOf({ incomes: [{ code: "familj_ingen", share: 30 }] })).toHaveProperty(
      ["background.incomes.0.share"],
      "Andelen ska vara 25, 50, 75 eller 100 %",
    );
    expect(
      Object.keys(
        await fieldsOf({
          incomes: [
            { code: "lon", share: 50 },
            { code: "vinstlott", share: 50 },
          ],
        }),
      ),
    ).toEqual(["background.incomes.1.code"]);
    expect(Object.keys(await fieldsOf({ educationLevel: "doktorsexamen" }))).toEqual(["background.educationLevel"]);
    expect(Object.keys(await fieldsOf({ incomes: [{ code: "lon", share: 50 }], mainIncome: "familj_ingen" }))).toEqual(["background.mainIncome"]);
    expect(
      await fieldsOf({
        incomes: [
          { code: "lon", share: 50 },
          { code: "lon", share: 25 },
        ],
      }),
    ).toHaveProperty(["background.incomes"]);
    const wrongIntake = await enrolFrom(ref, { intakeId: "00000000-0000-4000-8000-000000000000" });
    expect(Object.keys(expectStatus(wrongIntake, 400).error.fields)).toEqual(["intakeId"]);
    const notStaff = await enrolFrom(ref, { coachId: cast.users.otherCoach.id });
    expect(Object.keys(expectStatus(notStaff, 400).error.fields)).toEqual(["coachId"]);
    const statistician = await enrolFrom(ref, { coachId: cast.users.statistician.id });
    expectStatus(statistician, 400);
    expect(expectStatus(await enrolFrom(ref, { plannedMonths: 0 }), 400).error.fields.plannedMonths).toBe("Minst 1 månad");
    expect(expectStatus(await cast.as.coach.get(`/api/referrals/${ref.id}`), 200).enrolmentId).toBeNull();
  });

  it("records consents given at enrolment", async () => {
    const e = await anEnrolment(cast.as.coach, cast.project.id, {
      consents: [
        { purpose: "sus_registration", receivingParty: "Samordningsförbundet", givenOn: daysFromToday(-30) },
        { purpose: "information_exchange", receivingParty: "Försäkringskassan", givenOn: daysFromToday(-30), note: "Muntligt" },
      ],
    });
    expect(e.consents).toEqual([
      expect.objectContaining({ purpose: "sus_registration", receivingParty: "Samordningsförbundet", active: true, withdrawnOn: null }),
      expect.objectContaining({ purpose: "information_exchange", receivingParty: "Försäkringskassan", note: "Muntligt", active: true }),
    ]);
    const bad = await cast.as.coach.post(url, {
      personId: e.personId,
      startDate: daysFromToday(-1),
      referringParty: "af",
      consents: [{ purpose: "reklam", receivingParty: "X", givenOn: daysFromToday(-1) }],
    });
    expect(expectStatus(bad, 400).error.fields).toHaveProperty(["consents.0.purpose"]);
  });

  it("answers 409 to a second enrolment of the same person that overlaps the first", async () => {
    const first = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-60) });
    const again = await cast.as.coach.post(url, { personId: first.personId, startDate: daysFromToday(-1), referringParty: "af" });
    expect(expectStatus(again, 409).error.current).toEqual({ enrolmentId: first.id });
    // A new accepted referral does not let the person in twice either.
    const ref = await anAcceptedReferral(cast.as.coach, cast.project.id, { personId: first.personId, referredOn: daysFromToday(-5) });
    expectStatus(await enrolFrom(ref, { startDate: daysFromToday(-90) }), 409);
    const rows = await t.db.selectFrom("enrolments").select("id").where("person_id", "=", first.personId).execute();
    expect(rows).toHaveLength(1);
  });
});

describe("re-enrolment", () => {
  it("enrols the person again after an exit; the timeline shows the re-enrolment", async () => {
    const first = await anEnrolment(cast.as.coach, cast.project.id, {
      startDate: "2024-09-01",
      referredOn: "2024-08-20",
      consents: [{ purpose: "sus_registration", receivingParty: "SUS", givenOn: "2024-09-01" }],
    });
    expectStatus(
      await cast.as.coach.post(`/api/enrolments/${first.id}/exit`, anExit(first, "2024-12-20", { final: false, exitStatus: "vard_behandling" })),
      200,
    );
    const sameDay = await cast.as.coach.post(url, { personId: first.personId, startDate: "2024-12-20", referringParty: "egen" });
    expectStatus(sameDay, 409);
    const noParty = await cast.as.coach.post(url, { personId: first.personId, startDate: "2025-02-01" });
    expect(expectStatus(noParty, 400).error.fields.referringParty).toBeTruthy();
    const second = expectStatus(
      await cast.as.coach.post(url, { personId: first.personId, startDate: "2025-02-01", referringParty: "egen", plannedMonths: 3 }),
      201,
    );
    expect(second).toMatchObject({ referralId: null, referringParty: "egen", plannedEndDate: "2025-04-30" });

    const page = expectStatus(await cast.as.coach.get(`/api/enrolments/${second.id}`), 200);

    const timeline = expectStatus(await cast.as.coach.get(`/api/enrolments/${second.id}/timeline`), 200).events;
    expect(timeline.map((e: TimelineEvent) => [e.date, e.kind])).toEqual([
      ["2024-08-20", "referral"],
      ["2024-08-20", "referral_decision"],
      ["2024-09-01", "enrolment"],
      ["2024-09-01", "consent_given"],
      ["2024-12-20", "exit"],
      ["2025-02-01", "re_enrolment"],
    ]);
    expect(timeline.find((e: TimelineEvent) => e.kind === "exit")).toMatchObject({
      title: "Tillfälligt avslutad",
      detail: "Vård/behandling",
      enrolmentId: first.id,
    });
    expect(page.otherEnrolments).toEqual([{ id: first.id, startDate: "2024-09-01", exitDate: "2024-12-20", status: "exited" }]);
  });
});

describe("GET /api/enrolments/:id", () => {
  it("returns the participant page and writes person.read to the audit log", async () => {
    const e = await anEnrolment(cast.as.coach, cast.project.id, { person: { firstName: "Örjan", lastName: "Ådahl", age: 23 }, coachId: cast.users.coach.id });
    const page = expectStatus(await cast.as.coach.get(`/api/enrolments/${e.id}`), 200);
    const timeline = expectStatus(await cast.as.coach.get(`/api/enrolments/${e.id}/timeline`), 200).events;
    expect(page.person).toMatchObject({
      id: e.personId,
      firstName: "Örjan",
      lastName: "Ådahl",
      age: 23,
      personnummerMasked: expect.stringMatching(/^\d{8}-XXXX$/),
    });
    expect(page.enrolment).toEqual(e);
    expect(timeline.map((x: TimelineEvent) => x.kind)).toEqual(["referral", "referral_decision", "enrolment"]);
    expect(page).toMatchObject({ otherEnrolments: [], canSeeSensitive: true });
    expect(expectStatus(await cast.as.coachWithoutSensitive.get(`/api/enrolments/${e.id}`), 200).canSeeSensitive).toBe(false);
    const reads = await auditOf(t.db, "person.read", e.personId);
    // The page, its timeline (a request of its own) and the page again for the other coach.
    expect(reads.map((r) => [r.actor_id, (r.details as { part?: string }).part ?? "page"])).toEqual([
      [cast.users.coach.id, "page"],
      [cast.users.coach.id, "timeline"],
      [cast.users.coachWithoutSensitive.id, "page"],
    ]);
    expect(reads[0]).toMatchObject({ project_id: cast.project.id, subject_type: "person", details: { enrolmentId: e.id } });
  });

  it("shows what goes on now: the current plan summarised, the activities and open new-planning tasks", async () => {
    const e = await anEnrolment(cast.as.coach, cast.project.id, { coachId: cast.users.coach.id });
    const empty = expectStatus(await cast.as.coach.get(`/api/enrolments/${e.id}`), 200);
    expect(empty).toMatchObject({ plan: null, activities: [], openPlanningTasks: 0 });
    const goals = [
      {
        title: "Hitta en praktikplats",
        owner: "participant",
        status: "ongoing",
        dueDate: daysFromToday(90),
        subGoals: [
          { title: "Skriva ett CV", owner: "coach", status: "reached" },
          { title: "Besöka två arbetsplatser", owner: "participant" },
        ],
      },
      { title: "Körkort", owner: "participant" },
    ];
    expectStatus(await cast.as.coach.post(`/api/enrolments/${e.id}/plan/revisions`, { version: 0, goals }), 201);
    const second = expectStatus(await cast.as.coach.post(`/api/enrolments/${e.id}/plan/revisions`, { version: 1, goals, reason: "Ny plan" }), 201);
    const ended = expectStatus(
      await cast.as.coach.post(`/api/enrolments/${e.id}/activities`, {
        type: "praktik",
        startDate: daysFromToday(-9),
        endDate: daysFromToday(-2),
        status: "ended",
        extent: { unit: "percent", value: 50 },
      }),
      201,
    );
    const planned = expectStatus(await cast.as.coach.post(`/api/enrolments/${e.id}/activities`, { type: "studier", startDate: daysFromToday(5) }), 201);
    const page = expectStatus(await cast.as.coach.get(`/api/enrolments/${e.id}`), 200);
    expect(page.plan).toEqual({
      number: 2,
      createdAt: second.createdAt,
      createdByName: cast.users.coach.name,
      goals: [
        { id: second.goals[0].id, title: "Hitta en praktikplats", status: "ongoing", dueDate: daysFromToday(90), subGoals: 2, subGoalsReached: 1 },
        { id: second.goals[1].id, title: "Körkort", status: "not_started", dueDate: null, subGoals: 0, subGoalsReached: 0 },
      ],
    });
    expect(page.activities).toEqual([
      {
        id: ended.id,
        type: "praktik",
        typeLabel: ended.typeLabel,
        startDate: daysFromToday(-9),
        endDate: daysFromToday(-2),
        status: "ended",
        extent: { unit: "percent", value: 50 },
      },
      { id: planned.id, type: "studier", typeLabel: planned.typeLabel, startDate: daysFromToday(5), endDate: null, status: "planned", extent: null },
    ]);
    // The ended internship asks for a new planning.
    expect(page.openPlanningTasks).toBe(1);
    // One audit row per page read, written by the page's own statement.
    expect(await auditOf(t.db, "person.read", e.personId)).toHaveLength(2);
  });

  it("answers 404 for an enrolment that does not exist and 400 for a malformed id", async () => {
    expectStatus(await cast.as.coach.get("/api/enrolments/00000000-0000-4000-8000-000000000000"), 404);
    expect(expectStatus(await cast.as.coach.get("/api/enrolments/123"), 400).error.fields.id).toBe("Ogiltigt id");
  });
});

describe("a project without a planned time", () => {
  it("needs the planned months at enrolment", async () => {
    await t.db.updateTable("projects").set({ planned_months: null }).where("id", "=", cast.other.id).execute();
    const ref = await anAcceptedReferral(cast.as.otherCoach, cast.other.id);
    const res = await cast.as.otherCoach.post(`/api/projects/${cast.other.id}/enrolments`, {
      personId: ref.personId,
      referralId: ref.id,
      startDate: daysFromToday(-1),
    });
    expect(expectStatus(res, 400).error.fields.plannedMonths).toBeTruthy();
    const ok = await cast.as.otherCoach.post(`/api/projects/${cast.other.id}/enrolments`, {
      personId: ref.personId,
      referralId: ref.id,
      startDate: daysFromToday(-1),
      plannedMonths: 15,
    });
    expect(expectStatus(ok, 201).plannedMonths).toBe(15);
  });
});
