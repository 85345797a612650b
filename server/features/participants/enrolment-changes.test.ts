import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Enrolment, TimelineEvent } from "../../../schemas/participants.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anAcceptedReferral, anEnrolment, anExit, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
});
afterAll(async () => {
  await t?.close();
});

const enrol = (spec: Parameters<typeof anEnrolment>[2] = {}) => anEnrolment(cast.as.coach, cast.project.id, spec);
const post = (e: { id: string }, what: string, body: unknown) => cast.as.coach.post(`/api/enrolments/${e.id}/${what}`, body);
const current = async (e: { id: string }): Promise<Enrolment> => expectStatus(await cast.as.coach.get(`/api/enrolments/${e.id}`), 200).enrolment;

describe("POST /api/enrolments/:id/extensions", () => {
  it("moves the planned end with a reason, keeps the history and logs before and after", async () => {
    const e = await enrol({ startDate: "2025-01-15", plannedMonths: 6 });
    const res = await post(e, "extensions", { version: 1, decidedOn: "2025-06-01", newPlannedEnd: "2025-10-14", reason: "halsa", note: "Sjukskriven i maj" });
    const after = expectStatus(res, 200);
    expect(after).toMatchObject({ plannedEndDate: "2025-10-14", plannedMonths: 6, version: 2 });
    expect(after.extensions).toEqual([
      {
        id: expect.any(String),
        decidedOn: "2025-06-01",
        previousPlannedEnd: "2025-07-14",
        newPlannedEnd: "2025-10-14",
        reason: "halsa",
        reasonLabel: "Hälsa",
        note: "Sjukskriven i maj",
      },
    ]);
    const [entry] = await auditOf(t.db, "enrolment.extend", e.personId);
    expect(entry?.details).toMatchObject({
      enrolmentId: e.id,
      before: { plannedEndDate: "2025-07-14", extensions: [] },
      after: { plannedEndDate: "2025-10-14" },
    });
    const timeline = expectStatus(await cast.as.coach.get(`/api/enrolments/${e.id}/timeline`), 200).events;
    expect(timeline.find((x: TimelineEvent) => x.kind === "extension")).toMatchObject({
      date: "2025-06-01",
      title: "Förlängd till 2025-10-14",
      detail: "Hälsa",
    });
  });

  it("answers 400 for a new end not after the current one, an unknown reason or a decision before the start", async () => {
    const e = await enrol({ startDate: "2025-01-15", plannedMonths: 6 });
    const body = { version: 1, decidedOn: "2025-06-01", newPlannedEnd: "2025-09-30", reason: "halsa" };
    expect(expectStatus(await post(e, "extensions", { ...body, newPlannedEnd: "2025-07-14" }), 400).error.fields.newPlannedEnd).toMatch(/2025-07-14/);
    expect(Object.keys(expectStatus(await post(e, "extensions", { ...body, reason: "semester" }), 400).error.fields)).toEqual(["reason"]);
    expect(expectStatus(await post(e, "extensions", { ...body, reason: "" }), 400).error.fields.reason).toBe("Välj skäl till förlängningen");
    expectStatus(await post(e, "extensions", { ...body, decidedOn: "2025-01-01" }), 400);
    expect(await current(e)).toMatchObject({ plannedEndDate: "2025-07-14", extensions: [], version: 1 });
  });

  it("answers 409 on a stale version and for an exited enrolment", async () => {
    const e = await enrol({ startDate: "2025-01-15", plannedMonths: 6 });
    const body = { version: 1, decidedOn: "2025-06-01", newPlannedEnd: "2025-09-30", reason: "slutfora" };
    expectStatus(await post(e, "extensions", body), 200);
    const stale = expectStatus(await post(e, "extensions", { ...body, newPlannedEnd: "2025-12-31" }), 409);
    expect(stale.error.current).toMatchObject({ id: e.id, plannedEndDate: "2025-09-30", version: 2 });
    expectStatus(await post(e, "exit", anExit({ version: 2 }, "2025-07-01")), 200);
    expectStatus(await post(e, "extensions", { ...body, version: 3, newPlannedEnd: "2025-12-31" }), 409);
  });
});

describe("POST /api/enrolments/:id/pauses", () => {
  it("stops the clock: days in the programme leave the pause out", async () => {
    const e = await enrol({ startDate: "2024-01-01", plannedMonths: 12 });
    const paused = expectStatus(await post(e, "pauses", { version: 1, fromDate: "2024-01-10", toDate: "2024-01-19", reason: "Föräldraledig" }), 200);
    expect(paused.pauses).toEqual([{ id: expect.any(String), fromDate: "2024-01-10", toDate: "2024-01-19", reason: "Föräldraledig" }]);
    const exited = expectStatus(await post(e, "exit", anExit(paused, "2024-01-31")), 200);
    expect(exited).toMatchObject({ status: "exited", daysInProgramme: 21, plannedDays: 366 });
    expect((await auditOf(t.db, "enrolment.pause", e.personId))[0]?.details).toMatchObject({
      before: { pauses: [] },
      after: { pauses: [{ fromDate: "2024-01-10" }] },
    });
  });

  it("shows the enrolment as paused while a pause runs", async () => {
    const e = await enrol({ startDate: daysFromToday(-30) });
    expect(e).toMatchObject({ status: "active", daysInProgramme: 31 });
    const p = expectStatus(await post(e, "pauses", { version: 1, fromDate: daysFromToday(-2), toDate: daysFromToday(10), reason: "Sjukhusvistelse" }), 200);
    expect(p).toMatchObject({ status: "paused", daysInProgramme: 28 });
  });

  it("refuses an overlapping pause, a pause before the start or ending before it begins, and a stale version", async () => {
    const e = await enrol({ startDate: "2024-03-01" });
    expectStatus(await post(e, "pauses", { version: 1, fromDate: "2024-04-01", toDate: "2024-04-30", reason: "Resa" }), 200);
    const overlap = await post(e, "pauses", { version: 2, fromDate: "2024-04-30", toDate: "2024-05-10", reason: "Sjuk" });
    expect(expectStatus(overlap, 400).error.fields.fromDate).toMatch(/överlappar/);
    expectStatus(await post(e, "pauses", { version: 2, fromDate: "2024-02-20", toDate: "2024-03-05", reason: "Sjuk" }), 400);
    expect(
      expectStatus(await post(e, "pauses", { version: 2, fromDate: "2024-06-10", toDate: "2024-06-01", reason: "Sjuk" }), 400).error.fields.toDate,
    ).toBeTruthy();
    expect(
      expectStatus(await post(e, "pauses", { version: 2, fromDate: "2024-06-01", toDate: "2024-06-10", reason: " " }), 400).error.fields.reason,
    ).toBeTruthy();
    expectStatus(await post(e, "pauses", { version: 1, fromDate: "2024-06-01", toDate: "2024-06-10", reason: "Sjuk" }), 409);
    expect((await current(e)).pauses).toHaveLength(1);
  });
});

describe("POST /api/enrolments/:id/exit", () => {
  it("records date, status, final or temporary, income at exit and next instance", async () => {
    const e = await enrol({ startDate: "2024-05-01" });
    const res = await post(
      e,
      "exit",
      anExit(e, "2024-11-30", {
        exitStatus: "studier",
        incomes: [
          { code: "studiemedel", share: 75 },
          { code: "lon", share: 25 },
        ],
        nextInstance: "Komvux",
      }),
    );
    const after = expectStatus(res, 200);
    expect(after).toMatchObject({ status: "exited", version: 2, notCounted: false });
    expect(after.exit).toEqual({
      exitDate: "2024-11-30",
      exitStatus: "studier",
      exitStatusLabel: "Studier",
      final: true,
      incomes: [
        { code: "studiemedel", share: 75 },
        { code: "lon", share: 25 },
      ],
      nextInstance: "Komvux",
    });
    const [entry] = await auditOf(t.db, "enrolment.exit", e.personId);
    expect(entry).toMatchObject({ actor_id: cast.users.coach.id, details: { before: { exit: null }, after: { exit: { exitDate: "2024-11-30" } } } });
  });

  it("answers 400 naming each required field that is missing", async () => {
    const e = await enrol({ startDate: "2024-05-01" });
    const fields = async (body: Record<string, unknown>) => Object.keys(expectStatus(await post(e, "exit", body), 400).error.fields);
    const full = anExit(e, "2024-11-30");
    const { exitStatus: _s, ...withoutStatus } = full;
    expect(await fields(withoutStatus)).toEqual(["exitStatus"]);
    const { final: _f, ...withoutFinal } = full;
    expect(await fields(withoutFinal)).toEqual(["final"]);
    expect(await fields({ ...full, incomes: [] })).toEqual(["incomes"]);
    expect(await fields({ ...full, exitDate: "2024-04-30" })).toEqual(["exitDate"]);
    expect(await fields({ ...full, exitStatus: "lottovinst" })).toEqual(["exitStatus"]);
    expect(await fields({ ...full, incomes: [{ code: "lon", share: 10 }] })).toEqual(["incomes.0.share"]);
    expect(await fields({ ...full, notCounted: true })).toEqual(["notCountedReason"]);
    expect((await current(e)).exit).toBeNull();
  });

  it("keeps a 'not counted' set earlier when the exit leaves it out", async () => {
    const e = await enrol({ startDate: "2024-05-01" });
    expectStatus(await cast.as.manager.patch(`/api/enrolments/${e.id}`, { version: 1, notCounted: true, notCountedReason: "Inskriven av misstag" }), 200);
    const exited = expectStatus(await post(e, "exit", anExit({ version: 2 }, "2024-05-31")), 200);
    expect(exited).toMatchObject({ notCounted: true, notCountedReason: "Inskriven av misstag" });
  });

  it("answers 409 when the enrolment is already exited or the version is stale", async () => {
    const e = await enrol({ startDate: "2024-05-01" });
    expectStatus(await post(e, "exit", anExit(e, "2024-06-30", { notCounted: true, notCountedReason: "Avliden" })), 200);
    const again = await post(e, "exit", anExit({ version: 2 }, "2024-07-31"));
    expect(expectStatus(again, 409).error.current).toMatchObject({ exit: { exitDate: "2024-06-30" }, notCounted: true, notCountedReason: "Avliden" });
    const other = await enrol({ startDate: "2024-05-01" });
    expectStatus(await post(other, "pauses", { version: 1, fromDate: "2024-06-01", toDate: "2024-06-02", reason: "Sjuk" }), 200);
    expect(expectStatus(await post(other, "exit", anExit({ version: 1 }, "2024-07-31")), 409).error.current).toMatchObject({ version: 2, exit: null });
  });
});

describe("consents", () => {
  it("records a consent and withdraws it at once", async () => {
    const e = await enrol({ consents: [{ purpose: "esf_reporting", receivingParty: "ESF-rådet", givenOn: daysFromToday(-30) }] });
    const added = expectStatus(await post(e, "consents", { purpose: "follow_up_contact", receivingParty: "Projektet", givenOn: daysFromToday(-5) }), 200);
    expect(added.consents).toHaveLength(2);
    const consent = added.consents[0];
    const withdrawn = expectStatus(
      await cast.as.coach.post(`/api/consents/${consent.id}/withdraw`, { version: consent.version, withdrawnOn: daysFromToday(0) }),
      200,
    );
    expect(withdrawn.consents[0]).toMatchObject({ id: consent.id, withdrawnOn: daysFromToday(0), active: false, version: 2 });
    expect(withdrawn.consents[1]).toMatchObject({ purpose: "follow_up_contact", active: true });
    const timeline = expectStatus(await cast.as.coach.get(`/api/enrolments/${e.id}/timeline`), 200).events;
    expect(timeline.at(-1)).toMatchObject({ kind: "consent_withdrawn", date: daysFromToday(0), detail: "ESF-rådet" });
    const [entry] = await auditOf(t.db, "consent.withdraw", e.personId);
    expect(entry?.details).toMatchObject({ consentId: consent.id, before: { consents: [{ active: true }, {}] }, after: { consents: [{ active: false }, {}] } });
    expect(await auditOf(t.db, "consent.give", e.personId)).toHaveLength(1);
  });

  it("refuses a second withdrawal (409), a stale version (409), a date before the consent (400) and an unknown consent (404)", async () => {
    const e = await enrol({
      consents: [
        { purpose: "esf_reporting", receivingParty: "ESF-rådet", givenOn: daysFromToday(-30) },
        { purpose: "sus_registration", receivingParty: "SUS", givenOn: daysFromToday(-30) },
      ],
    });
    const [a, b] = e.consents;
    const withdraw = (c: { id: string }, body: unknown) => cast.as.coach.post(`/api/consents/${c.id}/withdraw`, body);
    expect(expectStatus(await withdraw(a as { id: string }, { version: 1, withdrawnOn: daysFromToday(-31) }), 400).error.fields.withdrawnOn).toBeTruthy();
    expectStatus(await withdraw(a as { id: string }, { version: 1, withdrawnOn: daysFromToday(-1) }), 200);
    expectStatus(await withdraw(a as { id: string }, { version: 2, withdrawnOn: daysFromToday(-1) }), 409);
    expectStatus(await withdraw(b as { id: string }, { version: 7, withdrawnOn: daysFromToday(-1) }), 409);
    expectStatus(await withdraw({ id: "00000000-0000-4000-8000-000000000000" }, { version: 1, withdrawnOn: daysFromToday(-1) }), 404);
    expect((await current(e)).consents.map((c) => c.active)).toEqual([false, true]);
  });
});

describe("consent rules", () => {
  it("refuses a withdrawal dated in the future (400 naming the field) and takes today's", async () => {
    const e = await enrol({ consents: [{ purpose: "esf_reporting", receivingParty: "ESF-rådet", givenOn: daysFromToday(-30) }] });
    const consent = e.consents[0] as Enrolment["consents"][number];
    const ahead = await cast.as.coach.post(`/api/consents/${consent.id}/withdraw`, { version: 1, withdrawnOn: daysFromToday(1) });
    expect(expectStatus(ahead, 400).error.fields.withdrawnOn).toMatch(/framtiden/);
    expect((await current(e)).consents[0]).toMatchObject({ withdrawnOn: null, active: true, version: 1 });
    expectStatus(await cast.as.coach.post(`/api/consents/${consent.id}/withdraw`, { version: 1, withdrawnOn: daysFromToday(0) }), 200);
  });

  it("refuses a second standing consent for the same purpose and receiving party (409), but not after a withdrawal", async () => {
    const e = await enrol({ consents: [{ purpose: "sus_registration", receivingParty: "SUS", givenOn: daysFromToday(-30) }] });
    const twin = await post(e, "consents", { purpose: "sus_registration", receivingParty: " sus ", givenOn: daysFromToday(-1) });
    const body = expectStatus(twin, 409);
    expect(body.error.message).toMatch(/redan ett gällande samtycke/);
    expect(body.error.fields.receivingParty).toBeTruthy();
    // Another purpose for the same party, or the same purpose for another party, is a consent of its own.
    expectStatus(await post(e, "consents", { purpose: "esf_reporting", receivingParty: "SUS", givenOn: daysFromToday(-1) }), 200);
    expectStatus(await post(e, "consents", { purpose: "sus_registration", receivingParty: "Försäkringskassan", givenOn: daysFromToday(-1) }), 200);
    const first = e.consents[0] as Enrolment["consents"][number];
    expectStatus(await cast.as.coach.post(`/api/consents/${first.id}/withdraw`, { version: 1, withdrawnOn: daysFromToday(0) }), 200);
    expectStatus(await post(e, "consents", { purpose: "sus_registration", receivingParty: "SUS", givenOn: daysFromToday(0) }), 200);
    expect((await current(e)).consents.filter((c) => c.purpose === "sus_registration" && c.receivingParty === "SUS").map((c) => c.active)).toEqual([
      false,
      true,
    ]);
  });

  it("refuses the same purpose and receiving party twice when enrolling (400 naming the row)", async () => {
    const referral = await anAcceptedReferral(cast.as.coach, cast.project.id);
    const twice = { purpose: "esf_reporting", receivingParty: "ESF-rådet", givenOn: daysFromToday(-1) };
    const res = await cast.as.coach.post(`/api/projects/${cast.project.id}/enrolments`, {
      personId: referral.personId,
      referralId: referral.id,
      startDate: daysFromToday(-1),
      consents: [twice, { ...twice, receivingParty: "esf-rådet" }],
    });
    expect(expectStatus(res, 400).error.fields["consents.1.receivingParty"]).toBeTruthy();
  });
});

describe("PATCH /api/enrolments/:id", () => {
  it("changes coach and intake with the version, and logs before and after", async () => {
    const e = await enrol();
    const intake = expectStatus(
      await cast.as.manager.post(`/api/projects/${cast.project.id}/intakes`, { name: "Höstintaget", startDate: daysFromToday(-40) }),
      201,
    );
    const res = await cast.as.coach.patch(`/api/enrolments/${e.id}`, { version: 1, coachId: cast.users.coach.id, intakeId: intake.id });
    expect(expectStatus(res, 200)).toMatchObject({ coachId: cast.users.coach.id, coachName: cast.users.coach.name, intakeName: "Höstintaget", version: 2 });
    const [entry] = await auditOf(t.db, "enrolment.update", e.personId);
    expect(entry).toMatchObject({
      actor_id: cast.users.coach.id,
      details: { before: { coachId: null, intakeId: null, version: 1 }, after: { coachId: cast.users.coach.id, intakeId: intake.id, version: 2 } },
    });
  });

  it("answers 409 with the enrolment as it is now on a stale version", async () => {
    const e = await enrol();
    expectStatus(await cast.as.manager.patch(`/api/enrolments/${e.id}`, { version: 1, coachId: cast.users.manager.id }), 200);
    const stale = expectStatus(await cast.as.coach.patch(`/api/enrolments/${e.id}`, { version: 1, coachId: cast.users.coach.id }), 409);
    expect(stale.error.current).toMatchObject({ id: e.id, coachId: cast.users.manager.id, version: 2 });
    expect((await current(e)).coachId).toBe(cast.users.manager.id);
  });

  it("changes one part of the background and keeps the rest", async () => {
    const e = await enrol({ background: { educationLevel: "gymnasieskola", educationCompleted: true, incomes: [{ code: "a_kassa", share: 100 }] } });
    const res = await cast.as.coach.patch(`/api/enrolments/${e.id}`, { version: 1, background: { hasHadEmployment: true } });
    expect(expectStatus(res, 200).background).toEqual({
      educationLevel: "gymnasieskola",
      educationCompleted: true,
      hasHadEmployment: true,
      hasHadInternship: false,
      incomes: [{ code: "a_kassa", share: 100 }],
      mainIncome: "a_kassa",
      mainIncomeOverridden: false,
    });
    const incomes = await cast.as.coach.patch(`/api/enrolments/${e.id}`, {
      version: 2,
      background: {
        incomes: [
          { code: "a_kassa", share: 50 },
          { code: "lon", share: 75 },
        ],
      },
    });
    expect(expectStatus(incomes, 200).background).toMatchObject({ educationLevel: "gymnasieskola", mainIncome: "lon", mainIncomeOverridden: false });
    const override = await cast.as.coach.patch(`/api/enrolments/${e.id}`, { version: 3, background: { mainIncome: "a_kassa" } });
    expect(expectStatus(override, 200).background).toMatchObject({
      incomes: [
        { code: "lon", share: 75 },
        { code: "a_kassa", share: 50 },
      ],
      mainIncome: "a_kassa",
      mainIncomeOverridden: true,
    });
  });

  it("keeps the days granted by an extension when the start or the planned months change", async () => {
    const e = await enrol({ startDate: "2025-01-15", plannedMonths: 6 });
    const extended = expectStatus(await post(e, "extensions", { version: 1, decidedOn: "2025-06-01", newPlannedEnd: "2025-08-13", reason: "halsa" }), 200);
    expect(extended.plannedEndDate).toBe("2025-08-13"); // 30 days after 2025-07-14
    const later = expectStatus(await cast.as.coach.patch(`/api/enrolments/${e.id}`, { version: 2, startDate: "2025-02-15" }), 200);
    expect(later.plannedEndDate).toBe("2025-09-13"); // 2025-08-14 + 30 days
    const shorter = expectStatus(await cast.as.coach.patch(`/api/enrolments/${e.id}`, { version: 3, plannedMonths: 3 }), 200);
    expect(shorter.plannedEndDate).toBe("2025-06-13"); // 2025-05-14 + 30 days
    expect(shorter.extensions).toHaveLength(1);
  });

  it("moves the planned end with the start and refuses a start after the exit or into an earlier period", async () => {
    const e = await enrol({ startDate: "2025-01-15", plannedMonths: 6 });
    const moved = expectStatus(await cast.as.coach.patch(`/api/enrolments/${e.id}`, { version: 1, startDate: "2025-02-01", plannedMonths: 3 }), 200);
    expect(moved).toMatchObject({ startDate: "2025-02-01", plannedMonths: 3, plannedEndDate: "2025-04-30" });
    expectStatus(await post(e, "exit", anExit(moved, "2025-03-31")), 200);
    expect(
      expectStatus(await cast.as.coach.patch(`/api/enrolments/${e.id}`, { version: 3, startDate: "2025-04-01" }), 400).error.fields.startDate,
    ).toBeTruthy();
    const next = expectStatus(
      await cast.as.coach.post(`/api/projects/${cast.project.id}/enrolments`, { personId: e.personId, startDate: "2025-05-01", referringParty: "egen" }),
      201,
    );
    expectStatus(await cast.as.coach.patch(`/api/enrolments/${next.id}`, { version: 1, startDate: "2025-03-15" }), 409);
    expect(
      expectStatus(await cast.as.coach.patch(`/api/enrolments/${e.id}`, { version: 3, notCounted: true }), 400).error.fields.notCountedReason,
    ).toBeTruthy();
  });
});
