import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Enrolment } from "../../../schemas/participants.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, anExit, auditOf, expectStatus } from "../../test/participants.ts";

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
const missing = "00000000-0000-4000-8000-000000000000";

describe("PATCH and DELETE /api/pauses/:id", () => {
  it("corrects a pause, keeps the days in the programme right and logs before and after", async () => {
    const e = await enrol({ startDate: "2024-01-01", plannedMonths: 12 });
    const paused = expectStatus(await post(e, "pauses", { version: 1, fromDate: "2024-01-10", toDate: "2024-01-19", reason: "Sjuk" }), 200);
    const pauseId = paused.pauses[0].id;
    const res = await cast.as.coach.patch(`/api/pauses/${pauseId}`, { version: 2, toDate: "2024-01-14", reason: "Sjukskriven" });
    const after = expectStatus(res, 200);
    expect(after.pauses).toEqual([{ id: pauseId, fromDate: "2024-01-10", toDate: "2024-01-14", reason: "Sjukskriven" }]);
    expect(after.version).toBe(3);
    const exited = expectStatus(await post(e, "exit", anExit(after, "2024-01-31")), 200);
    expect(exited.daysInProgramme).toBe(26); // 31 days less the five paused
    const [entry] = await auditOf(t.db, "enrolment.pause.update", e.personId);
    expect(entry).toMatchObject({
      actor_id: cast.users.coach.id,
      details: { pauseId, before: { pauses: [{ toDate: "2024-01-19", reason: "Sjuk" }] }, after: { pauses: [{ toDate: "2024-01-14" }] } },
    });
  });

  it("refuses a pause moved outside the enrolment, onto another pause or ending before it begins (400 naming the field)", async () => {
    const e = await enrol({ startDate: "2024-03-01" });
    expectStatus(await post(e, "pauses", { version: 1, fromDate: "2024-04-01", toDate: "2024-04-10", reason: "Resa" }), 200);
    const two = expectStatus(await post(e, "pauses", { version: 2, fromDate: "2024-05-01", toDate: "2024-05-10", reason: "Sjuk" }), 200);
    expectStatus(await post(e, "exit", anExit(two, "2024-06-30")), 200);
    const id = (two as Enrolment).pauses[1]?.id as string;
    const fields = async (body: Record<string, unknown>) =>
      expectStatus(await cast.as.coach.patch(`/api/pauses/${id}`, { version: 4, ...body }), 400).error.fields;
    expect((await fields({ fromDate: "2024-04-05" })).fromDate).toMatch(/överlappar.*2024-04-01/);
    expect((await fields({ fromDate: "2024-02-20" })).fromDate).toMatch(/före inskrivningens start/);
    expect((await fields({ toDate: "2024-07-05" })).toDate).toMatch(/efter avslutsdatum/);
    expect((await fields({ fromDate: "2024-05-20", toDate: "2024-05-15" })).toDate).toBe("Slutdatum kan inte vara före startdatum");
    expect((await fields({ toDate: "2024-04-30" })).toDate).toMatch(/före startdatum/);
    expect((await fields({ reason: " " })).reason).toBe("Ange skäl till uppehållet");
    expect((await current(e)).pauses.map((p) => p.toDate)).toEqual(["2024-04-10", "2024-05-10"]);
    const later = await cast.as.coach.patch(`/api/enrolments/${e.id}`, { version: 4, startDate: "2024-04-05" });
    expect(expectStatus(later, 400).error.fields.startDate).toMatch(/uppehåll börjar 2024-04-01/);
  });

  it("removes a pause, and answers 409 with the enrolment as it is now on a stale version and 404 for no pause", async () => {
    const e = await enrol({ startDate: "2024-03-01" });
    const paused = expectStatus(await post(e, "pauses", { version: 1, fromDate: "2024-04-01", toDate: "2024-04-10", reason: "Resa" }), 200);
    const id = paused.pauses[0].id;
    const stale = expectStatus(await cast.as.coach.delete(`/api/pauses/${id}`, { version: 1 }), 409);
    expect(stale.error.current).toMatchObject({ id: e.id, version: 2, pauses: [{ id }] });
    expectStatus(await cast.as.coach.patch(`/api/pauses/${id}`, { version: 1, reason: "Annat" }), 409);
    const removed = expectStatus(await cast.as.coach.delete(`/api/pauses/${id}`, { version: 2 }), 200);
    expect(removed).toMatchObject({ pauses: [], version: 3 });
    expect((await auditOf(t.db, "enrolment.pause.remove", e.personId))[0]?.details).toMatchObject({
      pauseId: id,
      before: { pauses: [{ id }] },
      after: { pauses: [] },
    });
    expectStatus(await cast.as.coach.delete(`/api/pauses/${id}`, { version: 3 }), 404);
    expectStatus(await cast.as.coach.patch(`/api/pauses/${missing}`, { version: 3, reason: "x" }), 404);
    expect(expectStatus(await cast.as.coach.delete(`/api/pauses/${missing}`, {}), 400).error.fields.version).toBeTruthy();
  });
});

describe("PATCH and DELETE /api/extensions/:id", () => {
  /** 2025-01-15 + 6 months ends 2025-07-14; two extensions to 2025-09-30 and then 2025-12-31. */
  async function twiceExtended() {
    const e = await enrol({ startDate: "2025-01-15", plannedMonths: 6 });
    expectStatus(await post(e, "extensions", { version: 1, decidedOn: "2025-06-01", newPlannedEnd: "2025-09-30", reason: "halsa" }), 200);
    const after = expectStatus(await post(e, "extensions", { version: 2, decidedOn: "2025-09-01", newPlannedEnd: "2025-12-31", reason: "slutfora" }), 200);
    return { e, first: after.extensions[0], second: after.extensions[1] } as {
      e: Enrolment;
      first: Enrolment["extensions"][0];
      second: Enrolment["extensions"][0];
    };
  }

  it("corrects the last extension and the planned end follows", async () => {
    const { e, second } = await twiceExtended();
    const res = await cast.as.coach.patch(`/api/extensions/${second.id}`, { version: 3, newPlannedEnd: "2025-11-30", reason: "halsa", note: "Fel datum" });
    const after = expectStatus(res, 200);
    expect(after.plannedEndDate).toBe("2025-11-30");
    expect(after.extensions[1]).toMatchObject({
      id: second.id,
      previousPlannedEnd: "2025-09-30",
      newPlannedEnd: "2025-11-30",
      reason: "halsa",
      note: "Fel datum",
    });
    const [entry] = await auditOf(t.db, "enrolment.extension.update", e.personId);
    expect(entry?.details).toMatchObject({ extensionId: second.id, before: { plannedEndDate: "2025-12-31" }, after: { plannedEndDate: "2025-11-30" } });
  });

  it("corrects an earlier extension: the next one starts from its new end and the planned end stays", async () => {
    const { first } = await twiceExtended();
    const after = expectStatus(await cast.as.coach.patch(`/api/extensions/${first.id}`, { version: 3, newPlannedEnd: "2025-10-31" }), 200);
    expect(after.plannedEndDate).toBe("2025-12-31");
    expect(after.extensions.map((x: Enrolment["extensions"][0]) => [x.previousPlannedEnd, x.newPlannedEnd])).toEqual([
      ["2025-07-14", "2025-10-31"],
      ["2025-10-31", "2025-12-31"],
    ]);
  });

  it("keeps each new end after the previous one and before the next extension's (400 naming the field)", async () => {
    const { e, first, second } = await twiceExtended();
    const patch = (id: string, body: Record<string, unknown>) => cast.as.coach.patch(`/api/extensions/${id}`, { version: 3, ...body });
    expect(expectStatus(await patch(second.id, { newPlannedEnd: "2025-09-30" }), 400).error.fields.newPlannedEnd).toMatch(/2025-09-30/);
    expect(expectStatus(await patch(first.id, { newPlannedEnd: "2025-07-14" }), 400).error.fields.newPlannedEnd).toMatch(/2025-07-14/);
    expect(expectStatus(await patch(first.id, { newPlannedEnd: "2026-01-15" }), 400).error.fields.newPlannedEnd).toMatch(/nästa förlängning/);
    expect(expectStatus(await patch(first.id, { decidedOn: "2025-01-01" }), 400).error.fields.decidedOn).toBeTruthy();
    expect(Object.keys(expectStatus(await patch(first.id, { reason: "semester" }), 400).error.fields)).toEqual(["reason"]);
    expect(expectStatus(await patch(first.id, { newPlannedEnd: "2025-13-01" }), 400).error.fields.newPlannedEnd).toBe("Ange datum som ÅÅÅÅ-MM-DD");
    expect(await current(e)).toMatchObject({ plannedEndDate: "2025-12-31", version: 3 });
  });

  it("removes the last extension (the planned end goes back) or an earlier one (the next starts where it started)", async () => {
    const a = await twiceExtended();
    const withoutLast = expectStatus(await cast.as.coach.delete(`/api/extensions/${a.second.id}`, { version: 3 }), 200);
    expect(withoutLast).toMatchObject({ plannedEndDate: "2025-09-30", version: 4 });
    expect(withoutLast.extensions).toHaveLength(1);
    const b = await twiceExtended();
    const withoutFirst = expectStatus(await cast.as.coach.delete(`/api/extensions/${b.first.id}`, { version: 3 }), 200);
    expect(withoutFirst.plannedEndDate).toBe("2025-12-31");
    expect(withoutFirst.extensions).toEqual([expect.objectContaining({ id: b.second.id, previousPlannedEnd: "2025-07-14", newPlannedEnd: "2025-12-31" })]);
    expect((await auditOf(t.db, "enrolment.extension.remove", b.e.personId))[0]?.details).toMatchObject({
      extensionId: b.first.id,
      before: { extensions: [{}, {}] },
      after: { extensions: [{}] },
    });
  });

  it("answers 409 on a stale version and 404 for no extension", async () => {
    const { e, second } = await twiceExtended();
    const stale = expectStatus(await cast.as.manager.patch(`/api/extensions/${second.id}`, { version: 2, note: "Sent" }), 409);
    expect(stale.error.current).toMatchObject({ id: e.id, version: 3, plannedEndDate: "2025-12-31" });
    expectStatus(await cast.as.manager.delete(`/api/extensions/${second.id}`, { version: 1 }), 409);
    expectStatus(await cast.as.manager.delete(`/api/extensions/${missing}`, { version: 1 }), 404);
    expect((await current(e)).extensions).toHaveLength(2);
  });
});

describe("PATCH and DELETE /api/enrolments/:id/exit", () => {
  it("corrects the exit's date, status, kind, incomes and next instance, and logs before and after", async () => {
    const e = await enrol({ startDate: "2024-05-01" });
    const exited = expectStatus(await post(e, "exit", anExit(e, "2024-11-30", { nextInstance: "AF" })), 200);
    const res = await cast.as.coach.patch(`/api/enrolments/${e.id}/exit`, {
      version: exited.version,
      exitDate: "2024-11-15",
      exitStatus: "studier",
      final: false,
      incomes: [{ code: "studiemedel", share: 100 }],
      nextInstance: "",
    });
    const after = expectStatus(res, 200);
    expect(after.exit).toEqual({
      exitDate: "2024-11-15",
      exitStatus: "studier",
      exitStatusLabel: "Studier",
      final: false,
      incomes: [{ code: "studiemedel", share: 100 }],
      nextInstance: null,
    });
    const [entry] = await auditOf(t.db, "enrolment.exit.update", e.personId);
    expect(entry?.details).toMatchObject({ before: { exit: { exitDate: "2024-11-30", nextInstance: "AF" } }, after: { exit: { exitDate: "2024-11-15" } } });
  });

  it("names the field of a wrong correction and answers 409 without an exit or on a stale version", async () => {
    const e = await enrol({ startDate: "2024-05-01" });
    expectStatus(await cast.as.coach.patch(`/api/enrolments/${e.id}/exit`, { version: 1, exitDate: "2024-06-01" }), 409);
    expectStatus(await cast.as.coach.delete(`/api/enrolments/${e.id}/exit`, { version: 1 }), 409);
    const paused = expectStatus(await post(e, "pauses", { version: 1, fromDate: "2024-07-01", toDate: "2024-07-10", reason: "Sjuk" }), 200);
    const exited = expectStatus(await post(e, "exit", anExit(paused, "2024-11-30")), 200);
    const fields = async (body: Record<string, unknown>) =>
      expectStatus(await cast.as.coach.patch(`/api/enrolments/${e.id}/exit`, { version: exited.version, ...body }), 400).error.fields;
    expect((await fields({ exitDate: "2024-04-30" })).exitDate).toMatch(/före startdatum/);
    expect((await fields({ exitDate: "2024-06-30" })).exitDate).toMatch(/uppehåll/);
    expect(Object.keys(await fields({ exitStatus: "lottovinst" }))).toEqual(["exitStatus"]);
    expect(Object.keys(await fields({ incomes: [] }))).toEqual(["incomes"]);
    expect(Object.keys(await fields({ incomes: [{ code: "lon", share: 10 }] }))).toEqual(["incomes.0.share"]);
    const stale = expectStatus(await cast.as.coach.patch(`/api/enrolments/${e.id}/exit`, { version: 1, nextInstance: "Komvux" }), 409);
    expect(stale.error.current).toMatchObject({ version: exited.version, exit: { exitDate: "2024-11-30" } });
    expect((await current(e)).exit).toMatchObject({ exitDate: "2024-11-30", nextInstance: null });
  });

  it("undoes an exit: the enrolment runs on, the incomes at exit go, and it is logged", async () => {
    const e = await enrol({ startDate: "2024-05-01" });
    const exited = expectStatus(await post(e, "exit", anExit(e, "2024-11-30")), 200);
    const res = await cast.as.coach.delete(`/api/enrolments/${e.id}/exit`, { version: exited.version });
    const after = expectStatus(res, 200);
    expect(after).toMatchObject({ exit: null, status: "active", version: exited.version + 1 });
    const rows = await t.db.selectFrom("enrolment_incomes").select("phase").where("enrolment_id", "=", e.id).where("phase", "=", "exit").execute();
    expect(rows).toEqual([]);
    const [entry] = await auditOf(t.db, "enrolment.exit.undo", e.personId);
    expect(entry?.details).toMatchObject({ before: { exit: { exitDate: "2024-11-30" } }, after: { exit: null } });
    // Exited again later, as if the first exit never was.
    expectStatus(await post(e, "exit", anExit(after, "2024-12-31")), 200);
  });

  it("refuses to undo an exit or move it later when the person has a later period in the project (409)", async () => {
    const e = await enrol({ startDate: "2024-01-01", plannedMonths: 6 });
    const exited = expectStatus(await post(e, "exit", anExit(e, "2024-03-31")), 200);
    const next = expectStatus(
      await cast.as.coach.post(`/api/projects/${cast.project.id}/enrolments`, { personId: e.personId, startDate: "2024-05-01", referringParty: "egen" }),
      201,
    );
    const undo = expectStatus(await cast.as.coach.delete(`/api/enrolments/${e.id}/exit`, { version: exited.version }), 409);
    expect(undo.error.current).toEqual({ enrolmentId: next.id });
    expectStatus(await cast.as.coach.patch(`/api/enrolments/${e.id}/exit`, { version: exited.version, exitDate: "2024-05-15" }), 409);
    // Moving it later but still before the next period is fine.
    const moved = expectStatus(await cast.as.coach.patch(`/api/enrolments/${e.id}/exit`, { version: exited.version, exitDate: "2024-04-30" }), 200);
    expect(moved.exit.exitDate).toBe("2024-04-30");
  });

  it("refuses to undo an exit with follow-ups recorded after it (409)", async () => {
    const e = await enrol({ startDate: "2024-01-01", plannedMonths: 6 });
    const exited = expectStatus(await post(e, "exit", anExit(e, "2024-03-31")), 200);
    await t.db.insertInto("follow_ups").values({ enrolment_id: e.id, months: 6, done_on: "2024-10-01", reached: false }).execute();
    const res = expectStatus(await cast.as.coach.delete(`/api/enrolments/${e.id}/exit`, { version: exited.version }), 409);
    expect(res.error.message).toMatch(/uppföljningar/);
    const late = await cast.as.coach.patch(`/api/enrolments/${e.id}/exit`, { version: exited.version, exitDate: "2024-10-15" });
    expect(expectStatus(late, 400).error.fields.exitDate).toMatch(/uppföljningen/);
    expect((await current(e)).exit?.exitDate).toBe("2024-03-31");
  });
});
