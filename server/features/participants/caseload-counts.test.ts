import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseloadQuery, CaseloadRow } from "../../../schemas/participants.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, anExit, daysFromToday, expectStatus } from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;

/**
 * Lind has an old, exited enrolment and a current one; Dahl's exit is recorded in advance (in
 * ten days); Ek starts in five days and has an exit recorded after that; Ås is paused today;
 * Borg is active without a coach.
 */
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  const { manager, coach } = cast.users;
  const as = cast.as.manager;
  const pid = cast.project.id;
  const exit = async (e: Awaited<ReturnType<typeof anEnrolment>>, on: string) =>
    expectStatus(await as.post(`/api/enrolments/${e.id}/exit`, anExit(e, on)), 200);

  const old = await anEnrolment(as, pid, { person: { firstName: "Maj", lastName: "Lind" }, startDate: daysFromToday(-400), coachId: coach.id });
  await exit(old, daysFromToday(-200));
  await anEnrolment(as, pid, { personId: old.personId, startDate: daysFromToday(-30), coachId: coach.id });
  await exit(await anEnrolment(as, pid, { person: { firstName: "Per", lastName: "Dahl" }, coachId: manager.id, plannedMonths: 1 }), daysFromToday(10));
  await exit(await anEnrolment(as, pid, { person: { firstName: "Ola", lastName: "Ek" }, startDate: daysFromToday(5), coachId: coach.id }), daysFromToday(20));
  const paused = await anEnrolment(as, pid, { person: { firstName: "Eva", lastName: "Ås" }, coachId: coach.id });
  expectStatus(
    await as.post(`/api/enrolments/${paused.id}/pauses`, { version: 1, fromDate: daysFromToday(-2), toDate: daysFromToday(10), reason: "Sjuk" }),
    200,
  );
  await anEnrolment(as, pid, { person: { firstName: "Ida", lastName: "Borg" } });
});
afterAll(async () => {
  await t?.close();
});

const caseload = async (query: CaseloadQuery = {}) => expectStatus(await cast.as.manager.post(`/api/projects/${cast.project.id}/caseload`, query), 200);
const listed = async (query: CaseloadQuery = {}) => {
  const res = await caseload(query);
  return { total: res.total as number, rows: (res.rows as CaseloadRow[]).map((r) => `${r.name.split(",")[0]} ${r.startDate}`) };
};
const since = (days: number) => daysFromToday(days);

describe("caseload totals and order", () => {
  it("counts an exit recorded in advance as not yet exited, with and without a search", async () => {
    expect(await listed({ status: "active" })).toEqual({ total: 3, rows: [`Borg ${since(-30)}`, `Dahl ${since(-30)}`, `Lind ${since(-30)}`] });
    expect(await listed({ status: "active", q: "dahl" })).toEqual({ total: 1, rows: [`Dahl ${since(-30)}`] });
    expect(await listed({ status: "exited" })).toEqual({ total: 1, rows: [`Lind ${since(-400)}`] });
    expect(await listed({ status: "exited", q: "dahl" })).toEqual({ total: 0, rows: [] });
    expect(await listed({ status: "upcoming" })).toEqual({ total: 1, rows: [`Ek ${since(5)}`] });
    expect(await listed({ status: "paused", q: "eva" })).toEqual({ total: 1, rows: [`Ås ${since(-30)}`] });
    const dahl = (await caseload({ q: "per dahl" })).rows[0] as CaseloadRow;
    expect(dahl).toMatchObject({ status: "active", exitDate: since(10), warnings: [] });
  });

  it("lists a person's enrolments newest first and pages between them, with and without a search", async () => {
    const all = [`Borg ${since(-30)}`, `Dahl ${since(-30)}`, `Ek ${since(5)}`, `Lind ${since(-30)}`, `Lind ${since(-400)}`, `Ås ${since(-30)}`];
    expect(await listed()).toEqual({ total: 6, rows: all });
    for (const [i, row] of all.entries()) expect(await listed({ page: i + 1, pageSize: 1 })).toEqual({ total: 6, rows: [row] });
    expect(await listed({ page: 2, pageSize: 1, q: "lind" })).toEqual({ total: 2, rows: [`Lind ${since(-400)}`] });
    expect(await listed({ page: 7, pageSize: 1 })).toEqual({ total: 6, rows: [] });
  });

  it("gives, for every filter, the total without a search that the searches for each name add up to", async () => {
    const filters: CaseloadQuery[] = [
      {},
      { status: "active" },
      { status: "paused" },
      { status: "upcoming" },
      { status: "exited" },
      { coachId: "none" },
      { coachId: cast.users.coach.id, status: "active" },
      { mine: true },
      { endingWithinDays: 30 },
      { referringParty: "af" },
    ];
    for (const filter of filters) {
      const { total, rows } = await listed({ ...filter, pageSize: 200 });
      expect(rows.length, JSON.stringify(filter)).toBe(total);
      // Far into the list the page is sorted from all the matches, which are counted then too.
      expect(await listed({ ...filter, page: 400, pageSize: 1 }), JSON.stringify(filter)).toEqual({ total, rows: [] });
      expect(await listed({ ...filter, page: Math.max(total, 1), pageSize: 1 }), JSON.stringify(filter)).toEqual({ total, rows: rows.slice(-1) });
      let searched = 0;
      for (const name of ["borg", "dahl", "ek", "lind", "ås"]) searched += (await caseload({ ...filter, q: name })).total;
      expect(searched, JSON.stringify(filter)).toBe(total);
    }
  });
});
