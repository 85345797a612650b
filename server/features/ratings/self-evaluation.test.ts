import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SelfEvaluationResult } from "../../../schemas/ratings.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { auditOf, expectStatus } from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
});
afterAll(async () => {
  await t?.close();
});

const day = (title: string, heldOn: string, extra: Record<string, unknown> = {}) =>
  cast.as.manager.post(`/api/projects/${cast.project.id}/self-evaluations`, { title, heldOn, ...extra });
const answer = (id: string, body: Record<string, unknown>) => cast.as.coach.post(`/api/self-evaluations/${id}/answers`, body);
const all = (d: number, c: number, m: number, k: number, f: number) => ({ development: d, collaboration: c, methods: m, conditions: k, confidence: f });

describe("self-evaluation days", () => {
  it("shows highest, mean and lowest per question with comments, beside the previous day", async () => {
    const spring = expectStatus(await day("Självvärdering våren", "2026-05-20", { periodFrom: "2025-11-01", periodTo: "2026-05-20" }), 201);
    expectStatus(await answer(spring.id, { respondentKind: "staff", scores: all(7, 5, 8, 6, 7) }), 201);
    expectStatus(await answer(spring.id, { respondentKind: "partner", partnerOrganisation: "Försäkringskassan", scores: all(8, 5, 7, 6, 6) }), 201);
    const autumn = expectStatus(await day("Självvärdering hösten", "2026-11-20", { questions: ["development", "collaboration", "methods"] }), 201);
    for (const [scores, kind] of [
      [{ development: 9, collaboration: 7, methods: 9 }, "staff"],
      [{ development: 8, collaboration: 5, methods: 7 }, "staff"],
      [{ development: 8, collaboration: 5, methods: 8 }, "partner"],
    ] as const) {
      expectStatus(
        await answer(autumn.id, {
          respondentKind: kind,
          ...(kind === "partner" && { partnerOrganisation: "Regionens vuxenpsykiatri" }),
          scores,
          comments:
            kind === "partner" ? { collaboration: "Kortare väg till vården behövs" } : { development: "Deltagarna tar egna initiativ tidigt", methods: "" },
        }),
        201,
      );
    }
    const r: SelfEvaluationResult = expectStatus(await cast.as.coach.get(`/api/self-evaluations/${autumn.id}`), 200);
    expect(r.day).toMatchObject({ title: "Självvärdering hösten", answers: 3 });
    expect(r.previous).toMatchObject({ title: "Självvärdering våren", answers: 2 });
    expect(r.respondents).toEqual({ staff: 2, partners: [{ organisation: "Regionens vuxenpsykiatri", count: 1 }] });
    expect(r.questions).toEqual([
      {
        key: "development",
        current: { n: 3, min: 8, mean: 8.33, max: 9 },
        previous: { n: 2, min: 7, mean: 7.5, max: 8 },
        change: 0.83,
        comments: ["Deltagarna tar egna initiativ tidigt", "Deltagarna tar egna initiativ tidigt"],
      },
      {
        key: "collaboration",
        current: { n: 3, min: 5, mean: 5.67, max: 7 },
        previous: { n: 2, min: 5, mean: 5, max: 5 },
        change: 0.67,
        comments: ["Kortare väg till vården behövs"],
      },
      { key: "methods", current: { n: 3, min: 7, mean: 8, max: 9 }, previous: { n: 2, min: 7, mean: 7.5, max: 8 }, change: 0.5, comments: [] },
    ]);
    const first: SelfEvaluationResult = expectStatus(await cast.as.statistician.get(`/api/self-evaluations/${spring.id}`), 200);
    expect(first.previous).toBeNull();
    expect(first.questions.map((q) => q.change)).toEqual([null, null, null, null, null]);
    const list = expectStatus(await cast.as.statistician.get(`/api/projects/${cast.project.id}/self-evaluations`), 200);
    expect(list.days.map((d: { title: string }) => d.title)).toEqual(["Självvärdering hösten", "Självvärdering våren"]);
  });

  it("keeps the answers anonymous: no user on the answer, nothing in the audit log", async () => {
    const d = expectStatus(await day("Anonym", "2026-06-01"), 201);
    expectStatus(await answer(d.id, { respondentKind: "staff", scores: all(5, 5, 5, 5, 5) }), 201);
    const columns = Object.keys(
      (await t.db.selectFrom("self_evaluation_answers").selectAll().where("self_evaluation_id", "=", d.id).executeTakeFirstOrThrow()) as object,
    );
    expect(columns.sort()).toEqual(["comments", "created_at", "id", "partner_organisation", "respondent_kind", "scores", "self_evaluation_id"]);
    const entries = await t.db.selectFrom("audit_log").select("details").where("subject_id", "=", d.id).execute();
    expect(entries.map((e) => e.details)).toEqual([{ title: "Anonym", heldOn: "2026-06-01" }]);
    expect(await auditOf(t.db, "self_evaluation.create", d.id)).toHaveLength(1);
  });

  it("refuses missing, out-of-range and unknown scores, and a partner without organisation", async () => {
    const d = expectStatus(await day("Prov", "2026-06-02", { questions: ["development", "confidence"] }), 201);
    const res = await answer(d.id, { respondentKind: "partner", scores: { development: 11, methods: 5 } });
    expect(expectStatus(res, 400).error.fields).toEqual({ partnerOrganisation: "Ange samverkanspartens organisation" });
    const res2 = await answer(d.id, { respondentKind: "staff", scores: { development: 7.5, methods: 5 } });
    expect(expectStatus(res2, 400).error.fields).toEqual({
      "scores.development": "”Deltagarnas utveckling” ska vara ett heltal 0–10.",
      "scores.confidence": "Ange ett värde 0–10 för ”Tilltro till att nå målen”.",
      "scores.methods": "Dagen har ingen sådan skalfråga.",
    });
    expect(expectStatus(await day("", "2026-13-01"), 400).error.fields).toMatchObject({ title: "Ange en rubrik", heldOn: "Ange datum som ÅÅÅÅ-MM-DD" });
  });
});
