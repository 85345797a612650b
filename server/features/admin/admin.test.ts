import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, aUser, signIn } from "../../test/factories.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
});
afterAll(async () => {
  await t?.close();
});

const newUser = (n: number) => ({ email: `ny.anvandare${n}@example.se`, name: `Ny Användare ${n}`, password: "Morgondimma-över-sjön-7" });

describe("who may not use the admin API", () => {
  const endpoints: [string, string, unknown?][] = [
    ["GET", "/api/admin/users"],
    ["POST", "/api/admin/users", newUser(0)],
    ["GET", "/api/admin/users/00000000-0000-4000-8000-000000000000"],
    ["PATCH", "/api/admin/users/00000000-0000-4000-8000-000000000000", { version: 1, name: "X" }],
    ["POST", "/api/admin/users/00000000-0000-4000-8000-000000000000/password", { password: "Morgondimma-över-sjön-7" }],
    ["POST", "/api/admin/users/00000000-0000-4000-8000-000000000000/totp/reset"],
    ["PUT", "/api/admin/users/00000000-0000-4000-8000-000000000000/memberships/00000000-0000-4000-8000-000000000000", { role: "coach" }],
    ["DELETE", "/api/admin/users/00000000-0000-4000-8000-000000000000/memberships/00000000-0000-4000-8000-000000000000"],
    ["GET", "/api/admin/structure"],
    ["POST", "/api/admin/units", { organisationId: "00000000-0000-4000-8000-000000000000", name: "Enhet" }],
    ["GET", "/api/admin/projects"],
    ["POST", "/api/admin/projects", { unitId: "00000000-0000-4000-8000-000000000000", slug: "nytt", name: "Nytt" }],
    ["PATCH", "/api/admin/projects/00000000-0000-4000-8000-000000000000", { version: 1, name: "X" }],
    ["POST", "/api/admin/projects/00000000-0000-4000-8000-000000000000/teams", { name: "Team" }],
    ["GET", "/api/admin/audit"],
  ];

  it.each(endpoints)("%s %s: 401 without a session", async (method, url, body) => {
    const res = await t.app.inject({ method: method as "GET", url, ...(body !== undefined && { payload: body as object }) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("unauthenticated");
  });

  it.each(endpoints)("%s %s: 403 for manager, coach, statistician and participant", async (method, url, body) => {
    for (const who of ["manager", "coach", "statistician", "participant"] as const) {
      const res = await cast.as[who].request({ method: method as "GET", url, ...(body !== undefined && { payload: body as object }) });
      expect(res.statusCode, `${who} ${method} ${url}`).toBe(403);
      expect(res.json().error).toMatchObject({ code: "forbidden", message: expect.any(String) });
    }
  });

  it("logs every denial with the actor and the route, not the body", async () => {
    await cast.as.coach.post("/api/admin/users", newUser(99));
    const [last] = await t.db.selectFrom("audit_log").selectAll().where("actor_id", "=", cast.users.coach.id).orderBy("id", "desc").limit(1).execute();
    expect(last).toMatchObject({ action: "access.denied", outcome: "denied", details: { method: "POST", route: "/api/admin/users" } });
    expect(JSON.stringify(last?.details)).not.toContain("Morgondimma");
  });
});

describe("users", () => {
  it("an admin creates a user who can then log in; the password is never returned", async () => {
    const res = await cast.as.admin.post("/api/admin/users", { ...newUser(1), email: "  Ny.Anvandare1@Example.SE " });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ email: "ny.anvandare1@example.se", name: "Ny Användare 1", isAdmin: false, active: true, memberships: [], version: 1 });
    expect(res.body).not.toMatch(/password|argon/i);
    await signIn(t.app, "ny.anvandare1@example.se", "Morgondimma-över-sjön-7");
    const audit = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "user.create").where("subject_id", "=", user.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(cast.users.admin.id);
  });

  it("refuses a duplicate e-mail (409), a weak password and bad fields with plain messages", async () => {
    const dup = await cast.as.admin.post("/api/admin/users", { ...newUser(2), email: cast.users.coach.email });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields.email).toBe("E-postadressen används redan.");
    const weak = await cast.as.admin.post("/api/admin/users", { ...newUser(3), password: "password12345" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.password).toMatch(/vanligaste/);
    const bad = await cast.as.admin.post("/api/admin/users", { email: "x", name: "", password: "kort", isAdmin: "ja" });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(["email", "isAdmin", "name", "password"]);
  });

  it("an edit with a stale version gets 409 with the current record, and nothing is overwritten", async () => {
    const u = (await cast.as.admin.post("/api/admin/users", newUser(4))).json();
    const first = await cast.as.admin.patch(`/api/admin/users/${u.id}`, { version: u.version, name: "Första Ändringen" });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(u.version + 1);
    const stale = await cast.as.admin.patch(`/api/admin/users/${u.id}`, { version: u.version, name: "Andra Ändringen" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: "conflict", current: { name: "Första Ändringen", version: u.version + 1 } });
    expect((await cast.as.admin.get(`/api/admin/users/${u.id}`)).json().name).toBe("Första Ändringen");
    const audit = await t.db.selectFrom("audit_log").select("details").where("action", "=", "user.update").where("subject_id", "=", u.id).execute();
    expect(audit[0]?.details).toMatchObject({ before: { name: "Ny Användare 4" }, after: { name: "Första Ändringen" } });
  });

  it("deactivating a user ends their sessions; an admin cannot deactivate themselves", async () => {
    const u = await aUser(t.db);
    const s = await signIn(t.app, u.email);
    const res = await cast.as.admin.patch(`/api/admin/users/${u.id}`, { version: u.version, active: false });
    expect(res.statusCode).toBe(200);
    expect((await s.get("/api/auth/me")).statusCode).toBe(401);
    const self = (await cast.as.admin.get(`/api/admin/users/${cast.users.admin.id}`)).json();
    const refused = await cast.as.admin.patch(`/api/admin/users/${self.id}`, { version: self.version, active: false });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.active).toBeDefined();
  });

  it("setting a new password ends the user's sessions", async () => {
    const u = await aUser(t.db);
    const s = await signIn(t.app, u.email);
    expect((await cast.as.admin.post(`/api/admin/users/${u.id}/password`, { password: "Nytt-starkt-lösen-2026" })).statusCode).toBe(204);
    expect((await s.get("/api/auth/me")).statusCode).toBe(401);
    await signIn(t.app, u.email, "Nytt-starkt-lösen-2026");
  });

  it("memberships give and take away project access at once", async () => {
    const u = await aUser(t.db);
    const s = await signIn(t.app, u.email);
    expect((await s.get(`/api/projects/${cast.project.id}`)).statusCode).toBe(403);
    const set = await cast.as.admin.put(`/api/admin/users/${u.id}/memberships/${cast.project.id}`, { role: "coach", sensitiveAccess: true });
    expect(set.statusCode).toBe(200);
    expect(set.json().memberships).toEqual([{ projectId: cast.project.id, projectName: cast.project.name, role: "coach", sensitiveAccess: true }]);
    expect((await s.get(`/api/projects/${cast.project.id}`)).statusCode).toBe(200);
    const badRole = await cast.as.admin.put(`/api/admin/users/${u.id}/memberships/${cast.project.id}`, { role: "boss" });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.fields.role).toBeDefined();
    expect((await cast.as.admin.delete(`/api/admin/users/${u.id}/memberships/${cast.project.id}`)).statusCode).toBe(200);
    expect((await s.get(`/api/projects/${cast.project.id}`)).statusCode).toBe(403);
    expect((await cast.as.admin.delete(`/api/admin/users/${u.id}/memberships/${cast.project.id}`)).statusCode).toBe(404);
  });

  it("searches users by name or e-mail and sorts them the Swedish way", async () => {
    for (const name of ["Östen Ask", "Åsa Berg", "Ärla Crona", "Zelda Dahl"])
      await aUser(t.db, { name, email: `${name.split(" ")[1]?.toLowerCase()}.sok@example.se` });
    const res = await cast.as.admin.get("/api/admin/users?q=sok@example");
    expect(res.json().users.map((u: { name: string }) => u.name)).toEqual(["Zelda Dahl", "Åsa Berg", "Ärla Crona", "Östen Ask"]);
  });
});

describe("projects and structure", () => {
  it("an admin creates a project in a unit, adds a team, and edits with the version", async () => {
    const structure = (await cast.as.admin.get("/api/admin/structure")).json();
    expect(structure.units.length).toBeGreaterThan(0);
    const unitId = structure.units[0].id;
    const res = await cast.as.admin.post("/api/admin/projects", {
      unitId,
      slug: "nya-vagen",
      name: "Nya vägen",
      plannedMonths: 6,
      targetGroup: { minAge: 18, maxAge: 29, note: null },
    });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ slug: "nya-vagen", plannedMonths: 6, targetGroup: { minAge: 18, maxAge: 29 }, teams: [], version: 1 });
    expect((await cast.as.admin.post(`/api/admin/projects/${p.id}/teams`, { name: "Team Öst" })).statusCode).toBe(201);
    expect((await cast.as.admin.post(`/api/admin/projects/${p.id}/teams`, { name: "Team Öst" })).statusCode).toBe(409);
    const dupSlug = await cast.as.admin.post("/api/admin/projects", { unitId, slug: "nya-vagen", name: "Igen" });
    expect(dupSlug.statusCode).toBe(409);
    expect(dupSlug.json().error.fields.slug).toBeDefined();
    const ages = await cast.as.admin.post("/api/admin/projects", {
      unitId,
      slug: "fel-alder",
      name: "Fel",
      targetGroup: { minAge: 40, maxAge: 20, note: null },
    });
    expect(ages.statusCode).toBe(400);
    expect(ages.json().error.fields["targetGroup.maxAge"]).toMatch(/Lägsta ålder/);
    const badSlug = await cast.as.admin.post("/api/admin/projects", { unitId, slug: "Med Mellanslag", name: "Fel" });
    expect(badSlug.json().error.fields.slug).toMatch(/a–z/);
    const upd = await cast.as.admin.patch(`/api/admin/projects/${p.id}`, { version: 1, name: "Nya vägen 2" });
    expect(upd.json()).toMatchObject({ name: "Nya vägen 2", version: 2, teams: [{ name: "Team Öst" }] });
    expect((await cast.as.admin.patch(`/api/admin/projects/${p.id}`, { version: 1, name: "Gammal" })).statusCode).toBe(409);
  });

  it("adds a unit to an organisation", async () => {
    const structure = (await cast.as.admin.get("/api/admin/structure")).json();
    const res = await cast.as.admin.post("/api/admin/units", { organisationId: structure.organisations[0].id, name: "Vuxenutbildningen" });
    expect(res.statusCode).toBe(201);
    expect((await cast.as.admin.post("/api/admin/units", { organisationId: structure.organisations[0].id, name: "Vuxenutbildningen" })).statusCode).toBe(409);
  });
});

describe("audit log search", () => {
  it("finds entries by actor, action and outcome, newest first, paged; and logs the search", async () => {
    await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: cast.users.manager.email, password: "fel-fel-fel-fel" } });
    const res = await cast.as.admin.get(`/api/admin/audit?actor=${encodeURIComponent(cast.users.manager.email)}&action=auth.login&outcome=failed`);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.total).toBe(1);
    expect(page.entries[0]).toMatchObject({
      actorLabel: cast.users.manager.email,
      action: "auth.login",
      outcome: "failed",
      details: { reason: "wrong_password" },
    });
    const all = (await cast.as.admin.get("/api/admin/audit?pageSize=5&page=1")).json();
    expect(all.entries).toHaveLength(5);
    expect(all.total).toBeGreaterThan(5);
    const times = all.entries.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
    expect((await cast.as.admin.get(`/api/admin/audit?from=${today}&to=${today}`)).json().total).toBeGreaterThan(0);
    expect((await cast.as.admin.get("/api/admin/audit?from=2001-01-01&to=2001-01-02")).json().total).toBe(0);
    const bad = await cast.as.admin.get("/api/admin/audit?from=igår");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.from).toBe("Ange datum som ÅÅÅÅ-MM-DD");
    const searches = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("actor_id", "=", cast.users.admin.id)
      .where("action", "=", "audit.search")
      .execute();
    expect(searches.length).toBeGreaterThan(0);
  });
});
