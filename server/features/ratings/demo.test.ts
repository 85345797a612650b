import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../seed/demo.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { signIn } from "../../test/factories.ts";

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  await seedDemo(t.db, { production: false });
}, 240_000);
afterAll(async () => {
  await t?.close();
});

describe("demo ratings", () => {
  it("has weekly scores for a few participants, one with an alert, a licence, a round with answers and two self-evaluation days", async () => {
    const scores = await t.db.selectFrom("rating_scores").select(["enrolment_id", "alert"]).execute();
    expect(new Set(scores.map((s) => s.enrolment_id)).size).toBeGreaterThanOrEqual(3);
    expect(scores.some((s) => s.alert)).toBe(true);
    const steget = await t.db.selectFrom("projects").select("id").where("slug", "=", "steget").executeTakeFirstOrThrow();
    const ledare = await signIn(t.app, "ledare@stegvis.demo", DEMO_PASSWORD);
    expect((await ledare.get(`/api/projects/${steget.id}/rating-instruments`)).json().licence.valid).toBe(true);
    const q = (await ledare.get(`/api/projects/${steget.id}/questionnaires`)).json().questionnaires;
    expect(q[0].rounds[0].responses).toBeGreaterThanOrEqual(5);
    const days = (await ledare.get(`/api/projects/${steget.id}/self-evaluations`)).json().days;
    expect(days).toHaveLength(2);
    const latest = (await ledare.get(`/api/self-evaluations/${days[0].id}`)).json();
    expect(latest.previous.id).toBe(days[1].id);
    expect(latest.questions[0].current.n).toBe(7);
  });
});
