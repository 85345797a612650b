import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseloadQuery, CaseloadRow, Enrolment } from "../../../schemas/participants.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, type Session } from "../../test/factories.ts";
import { anEnrolment, anExit, auditOf, daysFromToday, expectStatus, withBadCheckDigit } from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
const intakes: Record<string, string> = {};
const by: Record<string, Enrolment> = {};

/**
 * One project with a participant in every state:
 * Öberg active (coach, intake A), Zetterlund active without coach, Åkesson paused (coach),
 * Ängström exited without coach, Eriksson ending within 30 days (manager, intake B),
 * Berg upcoming without coach, Bergström active (manager, referred by SKE).
 */
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  const { coach, manager } = cast.users;
  for (const name of ["A", "B"])
    intakes[name] = expectStatus(
      await cast.as.manager.post(`/api/projects/${cast.project.id}/intakes`, { name: `Intag ${name}`, startDate: daysFromToday(-30) }),
      201,
    ).id;
  const enrol = async (lastName: string, firstName: string, spec: Parameters<typeof anEnrolment>[2] = {}) => {
    by[lastName] = await anEnrolment(cast.as.manager, cast.project.id, { person: { firstName, lastName }, startDate: daysFromToday(-30), ...spec });
    return by[lastName] as Enrolment;
  };
  await enrol("Öberg", "Anna", { coachId: coach.id, intakeId: intakes.A });
  await enrol("Zetterlund", "Bo");
  const paused = await enrol("Åkesson", "Cecilia", { coachId: coach.id });
  expectStatus(
    await cast.as.manager.post(`/api/enrolments/${paused.id}/pauses`, { version: 1, fromDate: daysFromToday(-2), toDate: daysFromToday(10), reason: "Sjuk" }),
    200,
  );
  const exited = await enrol("Ängström", "David", { startDate: "2024-01-01" });
  expectStatus(await cast.as.manager.post(`/api/enrolments/${exited.id}/exit`, anExit(exited, "2024-06-30")), 200);
  await enrol("Eriksson", "Émile", { coachId: manager.id, intakeId: intakes.B, startDate: daysFromToday(-10), plannedMonths: 1 });
  await enrol("Berg", "Erik", { startDate: daysFromToday(10) });
  await enrol("Bergström", "Adam", { coachId: manager.id, referringParty: "ske" });
});
afterAll(async () => {
  await t?.close();
});

const caseload = async (query: CaseloadQuery = {}, as: Session = cast.as.coach) =>
  expectStatus(await as.post(`/api/projects/${cast.project.id}/caseload`, query), 200);
const lastNames = async (query: CaseloadQuery = {}, as?: Session) => (await caseload(query, as)).rows.map((r: CaseloadRow) => r.name.split(",")[0]);

describe("POST /api/projects/:id/caseload", () => {
  it("lists the project's enrolments in Swedish alphabetical order, Å Ä Ö after Z", async () => {
    const res = await caseload();
    expect(res).toMatchObject({ total: 7, page: 1, pageSize: 50 });
    expect(res.rows.map((r: CaseloadRow) => r.name)).toEqual([
      "Berg, Erik",
      "Bergström, Adam",
      "Eriksson, Émile",
      "Zetterlund, Bo",
      "Åkesson, Cecilia",
      "Ängström, David",
      "Öberg, Anna",
    ]);
    const oberg = res.rows.find((r: CaseloadRow) => r.name === "Öberg, Anna");
    expect(oberg).toEqual({
      enrolmentId: by.Öberg?.id,
      personId: by.Öberg?.personId,
      name: "Öberg, Anna",
      gender: expect.any(String),
      age: expect.any(Number),
      intakeName: "Intag A",
      coachName: cast.users.coach.name,
      startDate: daysFromToday(-30),
      plannedEndDate: by.Öberg?.plannedEndDate,
      exitDate: null,
      status: "active",
      referringParty: "AF – Arbetsförmedlingen",
      warnings: [],
    });
    expect(res.rows.map((r: CaseloadRow) => r.status)).toEqual(["upcoming", "active", "active", "active", "paused", "exited", "active"]);
  });

  it("warns for planned ends within 30 days and for enrolments without a coach, not for exited ones", async () => {
    const warnings = Object.fromEntries((await caseload()).rows.map((r: CaseloadRow) => [r.name.split(",")[0], r.warnings]));
    expect(warnings).toEqual({ Berg: ["no_coach"], Bergström: [], Eriksson: ["ends_soon"], Zetterlund: ["no_coach"], Åkesson: [], Ängström: [], Öberg: [] });
  });

  it("finds by the start of name words, folded the Swedish way", async () => {
    expect(await lastNames({ q: "ber" })).toEqual(["Berg", "Bergström"]);
    expect(await lastNames({ q: "berg erik" })).toEqual(["Berg"]);
    expect(await lastNames({ q: "erik berg" })).toEqual(["Berg"]);
    expect(await lastNames({ q: "ÅKE" })).toEqual(["Åkesson"]);
    expect(await lastNames({ q: "emile" })).toEqual(["Eriksson"]);
    expect(await lastNames({ q: "oberg" })).toEqual([]);
    expect(await lastNames({ q: "öberg anna" })).toEqual(["Öberg"]);
  });

  it("finds by the full personnummer, in any usual format, and logs only that a search was made", async () => {
    const { personnummer } = await t.db
      .selectFrom("persons")
      .select("personnummer")
      .where("id", "=", by.Zetterlund?.personId as string)
      .executeTakeFirstOrThrow();
    const pnr = personnummer as string;
    expect(await lastNames({ q: pnr })).toEqual(["Zetterlund"]);
    expect(await lastNames({ q: pnr.slice(2).replace("-", "") })).toEqual(["Zetterlund"]);
    expect(await lastNames({ q: withBadCheckDigit(pnr) })).toEqual([]);
    expect(await lastNames({ q: pnr.slice(0, 8) })).toEqual([]);
    const last = (await auditOf(t.db, "caseload.read")).at(-1);
    expect(last).toMatchObject({ actor_id: cast.users.coach.id, project_id: cast.project.id, details: { searched: true, rows: 0 } });
    expect(JSON.stringify(last?.details)).not.toContain(pnr.slice(0, 8));
  });

  it("filters by status", async () => {
    expect(await lastNames({ status: "active" })).toEqual(["Bergström", "Eriksson", "Zetterlund", "Öberg"]);
    expect(await lastNames({ status: "paused" })).toEqual(["Åkesson"]);
    expect(await lastNames({ status: "exited" })).toEqual(["Ängström"]);
    expect(await lastNames({ status: "upcoming" })).toEqual(["Berg"]);
  });

  it("filters by intake, coach (or none), referring party and my own participants", async () => {
    expect(await lastNames({ intakeId: intakes.B })).toEqual(["Eriksson"]);
    expect(await lastNames({ coachId: cast.users.coach.id })).toEqual(["Åkesson", "Öberg"]);
    expect(await lastNames({ coachId: "none" })).toEqual(["Berg", "Zetterlund", "Ängström"]);
    expect(await lastNames({ referringParty: "ske" })).toEqual(["Bergström"]);
    expect(await lastNames({ mine: true })).toEqual(["Åkesson", "Öberg"]);
    expect(await lastNames({ mine: true }, cast.as.manager)).toEqual(["Bergström", "Eriksson"]);
    expect(await lastNames({ mine: true, status: "active" })).toEqual(["Öberg"]);
  });

  it("filters by a planned end within N days", async () => {
    expect(await lastNames({ endingWithinDays: 30 })).toEqual(["Eriksson"]);
    expect(await lastNames({ endingWithinDays: 10 })).toEqual([]);
    expect(await lastNames({ endingWithinDays: 360 })).toEqual(["Bergström", "Eriksson", "Zetterlund", "Åkesson", "Öberg"]);
  });

  it("pages through the rows with the total", async () => {
    const first = await caseload({ pageSize: 3 });
    expect(first).toMatchObject({ total: 7, page: 1, pageSize: 3 });
    expect(first.rows.map((r: CaseloadRow) => r.name.split(",")[0])).toEqual(["Berg", "Bergström", "Eriksson"]);
    expect(await lastNames({ pageSize: 3, page: 3 })).toEqual(["Öberg"]);
    const beyond = await caseload({ pageSize: 3, page: 4 });
    expect(beyond).toMatchObject({ rows: [], total: 7 });
    const filtered = await caseload({ status: "active", pageSize: 2, page: 2 });
    expect(filtered.total).toBe(4);
    expect(filtered.rows.map((r: CaseloadRow) => r.name.split(",")[0])).toEqual(["Zetterlund", "Öberg"]);
  });

  it("answers 400 for bad filters", async () => {
    const res = await cast.as.coach.post(`/api/projects/${cast.project.id}/caseload`, { status: "sovande", coachId: "alla", pageSize: 1000, page: 0 });
    expect(Object.keys(expectStatus(res, 400).error.fields).sort()).toEqual(["coachId", "page", "pageSize", "status"]);
  });
});
