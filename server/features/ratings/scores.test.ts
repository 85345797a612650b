import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Enrolment } from "../../../schemas/participants.ts";
import type { Score } from "../../../schemas/ratings.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";
import { hasAtMostDecimals, isAlert, itemErrors, reliableChange, stats, totalOf } from "./rules.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let e: Enrolment;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  e = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-90) });
});
afterAll(async () => {
  await t?.close();
});

const gsrs = (items: number[], ratedOn = daysFromToday(-10), extra: Record<string, unknown> = {}) => ({
  instrument: "gsrs",
  ratedOn,
  items: { relationship: items[0], goals_topics: items[1], approach: items[2], overall: items[3] },
  ...extra,
});
const ors = (items: number[], ratedOn: string) => ({
  instrument: "ors",
  ratedOn,
  items: { individually: items[0], interpersonally: items[1], socially: items[2], overall: items[3] },
});
const add = (body: unknown, enrolmentId = e.id) => cast.as.coach.post(`/api/enrolments/${enrolmentId}/rating-scores`, body);

describe("the rules", () => {
  const scale = {
    items: [
      { key: "a", sv: "Relation" },
      { key: "b", sv: "Helhet" },
    ],
    itemMin: 0,
    itemMax: 10,
    decimals: 1,
    alertRule: "total_at_most" as const,
    alertValue: 36,
    reliableChange: null,
  };
  it("counts decimals without binary drift", () => {
    expect(hasAtMostDecimals(7.3, 1)).toBe(true);
    expect(hasAtMostDecimals(0.1 + 0.2, 1)).toBe(true);
    expect(hasAtMostDecimals(7.25, 1)).toBe(false);
    expect(totalOf(scale, { a: 0.1, b: 0.2 })).toBe(0.3);
  });
  it("flags GSRS at or under 36 and ORS under the cut-off", () => {
    expect(isAlert(scale, 36)).toBe(true);
    expect(isAlert(scale, 36.1)).toBe(false);
    expect(isAlert({ alertRule: "total_below", alertValue: 25 }, 24.9)).toBe(true);
    expect(isAlert({ alertRule: "total_below", alertValue: 25 }, 25)).toBe(false);
  });
  it("names the item that is out of range or has two decimals", () => {
    expect(itemErrors(scale, { a: 10.5, b: 7.25 })).toEqual({ "items.a": "”Relation” ska vara mellan 0–10.", "items.b": "”Helhet” får ha högst 1 decimal." });
    expect(itemErrors(scale, { a: 5 })).toEqual({ "items.b": "Ange ett värde för ”Helhet”." });
  });
  it("calls a change reliable from the threshold on", () => {
    expect(reliableChange(5, 5)).toBe("improved");
    expect(reliableChange(5, 4.9)).toBe("none");
    expect(reliableChange(5, -5)).toBe("worsened");
    expect(reliableChange(null, 12)).toBeNull();
  });
  it("gives n, lowest, mean and highest", () => {
    expect(stats([3, 8, 8, 10])).toEqual({ n: 4, min: 3, mean: 7.25, max: 10 });
    expect(stats([])).toEqual({ n: 0, min: null, mean: null, max: null });
  });
});

describe("instruments and licence", () => {
  it("lists GSRS, ORS and SRS with item names only, and says when the organisation has no licence", async () => {
    const body = expectStatus(await cast.as.coach.get(`/api/projects/${cast.project.id}/rating-instruments`), 200);
    expect(body.instruments.map((i: { code: string }) => i.code)).toEqual(["gsrs", "ors", "srs"]);
    const g = body.instruments[0];
    expect(g).toMatchObject({
      itemMin: 0,
      itemMax: 10,
      decimals: 1,
      totalMin: 0,
      totalMax: 40,
      alertRule: "total_at_most",
      alertValue: 36,
      administered: "per_session",
    });
    expect(g.items.map((i: { en: string }) => i.en)).toEqual(["Relationship", "Goals and topics", "Approach or method", "Overall"]);
    expect(Object.keys(g.items[0]).sort()).toEqual(["en", "key", "sv"]);
    expect(body.instruments[1]).toMatchObject({ alertRule: "total_below", alertValue: 25, reliableChange: 5 });
    expect(body.licence).toMatchObject({ valid: false, holder: null, version: null });
  });

  it("lets an admin record and renew the licence, with version and audit", async () => {
    const orgId = (await cast.as.coach.get(`/api/projects/${cast.project.id}/rating-instruments`)).json().licence.organisationId;
    const url = `/api/admin/organisations/${orgId}/rating-licence`;
    const first = expectStatus(await cast.as.admin.put(url, { version: null, holder: "Arbetsmarknadsenheten", validUntil: daysFromToday(300) }), 200);
    expect(first).toMatchObject({ valid: true, holder: "Arbetsmarknadsenheten", version: 1 });
    expect((await cast.as.coach.get(`/api/projects/${cast.project.id}/rating-instruments`)).json().licence.valid).toBe(true);
    const stale = await cast.as.admin.put(url, { version: null, holder: "Någon annan", validUntil: daysFromToday(10) });
    expect(expectStatus(stale, 409).error.current).toMatchObject({ version: 1 });
    const expired = expectStatus(
      await cast.as.admin.put(url, { version: 1, holder: "Arbetsmarknadsenheten", validUntil: daysFromToday(-1), note: "Ej förnyad" }),
      200,
    );
    expect(expired).toMatchObject({ valid: false, version: 2, note: "Ej förnyad" });
    expect(await auditOf(t.db, "rating_licence.save", orgId)).toHaveLength(2);
    const list = expectStatus(await cast.as.admin.get("/api/admin/rating-licences"), 200);
    expect(list.licences.find((l: { organisationId: string }) => l.organisationId === orgId)).toMatchObject({ version: 2 });
    expect(expectStatus(await cast.as.admin.put(url, { version: 2, holder: "", validUntil: "2026-13-01" }), 400).error.fields).toMatchObject({
      holder: "Ange vem som har licensen",
      validUntil: "Ange datum som ÅÅÅÅ-MM-DD",
    });
  });
});

describe("GSRS scores", () => {
  it("sums the total on the server and alerts at 36", async () => {
    const s: Score = expectStatus(
      await add(gsrs([9, 9, 9, 9], daysFromToday(-20), { context: { kind: "group_session", id: null, label: "Arbetslivets rättigheter" } })),
      201,
    );
    expect(s).toMatchObject({
      instrument: "gsrs",
      total: 36,
      alert: true,
      context: { kind: "group_session", id: null, label: "Arbetslivets rättigheter" },
      version: 1,
    });
    expect(s.enteredBy).toBe(cast.users.coach.name);
    const [entry] = await auditOf(t.db, "rating_score.create", e.personId);
    expect(entry).toMatchObject({ actor_id: cast.users.coach.id, project_id: cast.project.id });
    expect(entry?.details).toMatchObject({ enrolmentId: e.id, scoreId: s.id, after: { total: 36 } });
  });

  it("does not alert at 36.1", async () => {
    const s: Score = expectStatus(await add(gsrs([9, 9.1, 9, 9], daysFromToday(-13))), 201);
    expect(s).toMatchObject({ total: 36.1, alert: false });
  });

  it("refuses an item out of range and two decimals, naming the item", async () => {
    const res = await add(gsrs([10.5, 9.25, 9, -1]));
    const body = expectStatus(res, 400);
    expect(body.error.fields).toEqual({
      "items.relationship": "”Relation” ska vara mellan 0–10.",
      "items.goals_topics": "”Mål och ämnen” får ha högst 1 decimal.",
      "items.overall": "”Helhet” ska vara mellan 0–10.",
    });
    expect(
      expectStatus(await add({ ...gsrs([1, 2, 3, 4]), items: { relationship: 1, goals_topics: 2, approach: 3, overall: 4, extra: 1 } }), 400).error.fields,
    ).toEqual({
      "items.extra": "Skalan har ingen sådan del.",
    });
    expect(expectStatus(await add({ ...gsrs([1, 2, 3, 4]), instrument: "phq9" }), 400).error.fields.instrument).toBe("Okänd skattningsskala.");
    expect(expectStatus(await add(gsrs([1, 2, 3, 4], daysFromToday(2))), 400).error.fields.ratedOn).toBe("Datumet kan inte vara i framtiden.");
  });

  it("corrects a score with version, recomputes the alert, and answers 409 with the current record on a stale version", async () => {
    const s: Score = expectStatus(await add(gsrs([8, 8, 8, 8], daysFromToday(-6))), 201);
    expect(s.alert).toBe(true);
    const fixed: Score = expectStatus(
      await cast.as.coach.patch(`/api/rating-scores/${s.id}`, {
        version: 1,
        ratedOn: s.ratedOn,
        items: { relationship: 10, goals_topics: 9.5, approach: 9, overall: 9.8 },
      }),
      200,
    );
    expect(fixed).toMatchObject({ total: 38.3, alert: false, version: 2 });
    const stale = await cast.as.manager.patch(`/api/rating-scores/${s.id}`, {
      version: 1,
      ratedOn: s.ratedOn,
      items: { relationship: 1, goals_topics: 1, approach: 1, overall: 1 },
    });
    expect(expectStatus(stale, 409).error.current).toMatchObject({ total: 38.3, version: 2 });
    const [entry] = await auditOf(t.db, "rating_score.update", e.personId);
    expect(entry?.details).toMatchObject({ before: { total: 32 }, after: { total: 38.3 } });
  });
});

describe("ORS reliable change", () => {
  it("compares each score with the first and the previous, and calls 5 points or more reliable", async () => {
    const other = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-90) });
    for (const [items, on] of [
      [[5, 5, 6, 4], -60],
      [[6, 6, 6, 6], -40],
      [[7, 6, 7, 5.5], -20],
      [[3, 4, 4, 3], -5],
    ] as const)
      expectStatus(await add(ors([...items], daysFromToday(on)), other.id), 201);
    const list = expectStatus(await cast.as.coach.get(`/api/enrolments/${other.id}/rating-scores`), 200);
    expect(list.scores.map((s: Score) => [s.total, s.alert, s.changeFromFirst, s.changeFromPrevious, s.reliableChange])).toEqual([
      [20, true, null, null, null],
      [24, true, 4, 4, "none"],
      [25.5, false, 5.5, 1.5, "improved"],
      [14, true, -6, -11.5, "worsened"],
    ]);
    const reads = await auditOf(t.db, "person.read", other.personId);
    expect(reads.at(-1)?.details).toMatchObject({ enrolmentId: other.id, section: "rating_scores" });
  });
});
