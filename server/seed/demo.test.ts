import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../test/app.ts";
import { signIn } from "../test/factories.ts";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "./demo.ts";

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  await seedDemo(t.db, { production: false });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("demo organisation", () => {
  it("has three projects and every documented demo login works", async () => {
    const projects = await t.db.selectFrom("projects").select(["slug", "target_min_age", "target_max_age", "planned_months"]).orderBy("slug").execute();
    expect(projects).toEqual([
      { slug: "individspar", target_min_age: 25, target_max_age: 55, planned_months: 12 },
      { slug: "nystart", target_min_age: 18, target_max_age: 64, planned_months: 6 },
      { slug: "steget", target_min_age: 19, target_max_age: 29, planned_months: 15 },
    ]);
    for (const l of DEMO_LOGINS) await signIn(t.app, l.email, DEMO_PASSWORD);
  });

  it("gives each demo account the documented role", async () => {
    const me = async (email: string) => (await (await signIn(t.app, email, DEMO_PASSWORD)).get("/api/auth/me")).json();
    expect((await me("admin@stegvis.demo")).isAdmin).toBe(true);
    expect((await me("ledare@stegvis.demo")).memberships.map((m: { role: string }) => m.role)).toEqual(["manager", "manager", "manager"]);
    const coach = await me("coach@stegvis.demo");
    expect(coach.memberships).toEqual([expect.objectContaining({ projectSlug: "steget", role: "coach" })]);
    expect((await me("statistik@stegvis.demo")).memberships.every((m: { role: string }) => m.role === "statistician")).toBe(true);
    expect((await me("deltagare@stegvis.demo")).memberships).toEqual([expect.objectContaining({ projectSlug: "steget", role: "participant" })]);
  });

  it("the demo coach gets 403 on admin endpoints and on projects they are not in", async () => {
    const coach = await signIn(t.app, "coach@stegvis.demo", DEMO_PASSWORD);
    expect((await coach.get("/api/admin/users")).statusCode).toBe(403);
    expect((await coach.get("/api/admin/audit")).statusCode).toBe(403);
    const nystart = await t.db.selectFrom("projects").select("id").where("slug", "=", "nystart").executeTakeFirstOrThrow();
    expect((await coach.get(`/api/projects/${nystart.id}`)).statusCode).toBe(403);
  });

  it("has participants in every state of the process", async () => {
    const ledare = await signIn(t.app, "ledare@stegvis.demo", DEMO_PASSWORD);
    const steget = await t.db.selectFrom("projects").select("id").where("slug", "=", "steget").executeTakeFirstOrThrow();
    const all = (await ledare.post(`/api/projects/${steget.id}/caseload`, { pageSize: 200 })).json();
    const statuses = new Set(all.rows.map((r: { status: string }) => r.status));
    for (const s of ["active", "paused", "exited", "upcoming"]) expect(statuses, s).toContain(s);
    expect(all.rows.some((r: { warnings: string[] }) => r.warnings.includes("no_coach"))).toBe(true);
    const waiting = (await ledare.get(`/api/projects/${steget.id}/referrals?decision=waiting_list`)).json().referrals;
    expect(waiting.length).toBeGreaterThan(0);
    expect((await ledare.get(`/api/projects/${steget.id}/referrals?decision=pending`)).json().referrals.length).toBeGreaterThan(0);
    const extended = await t.db.selectFrom("extensions").select("id").execute();
    expect(extended.length).toBeGreaterThan(0);
    const reenrolled = await t.db
      .selectFrom("enrolments")
      .select("person_id")
      .groupBy(["person_id", "project_id"])
      .having((eb) => eb.fn.countAll(), ">", 1)
      .execute();
    expect(reenrolled.length).toBeGreaterThan(0);
  });

  it("is seeded once, and never in production", async () => {
    expect((await seedDemo(t.db, { production: false })).created).toBe(false);
    await expect(seedDemo(t.db, { production: true })).rejects.toThrow(/produktion/);
  });
});
