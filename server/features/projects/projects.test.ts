import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
});
afterAll(async () => {
  await t?.close();
});

describe("GET /api/projects", () => {
  it("lists only the projects a user works in; an admin sees all", async () => {
    const mine = (await cast.as.coach.get("/api/projects")).json().projects.map((p: { id: string }) => p.id);
    expect(mine).toEqual([cast.project.id]);
    const other = (await cast.as.otherCoach.get("/api/projects")).json().projects.map((p: { id: string }) => p.id);
    expect(other).toEqual([cast.other.id]);
    const all = (await cast.as.admin.get("/api/projects")).json().projects.map((p: { id: string }) => p.id);
    expect(all).toEqual(expect.arrayContaining([cast.project.id, cast.other.id]));
  });

  it("answers 401 without a session", async () => {
    expect((await t.app.inject({ url: "/api/projects" })).statusCode).toBe(401);
  });
});

describe("GET /api/projects/:id", () => {
  it("shows the project to its members", async () => {
    for (const who of ["manager", "coach", "statistician", "participant", "admin"] as const) {
      const res = await cast.as[who].get(`/api/projects/${cast.project.id}`);
      expect(res.statusCode, who).toBe(200);
      expect(res.json()).toMatchObject({ id: cast.project.id, slug: cast.project.slug, targetGroup: expect.any(Object) });
    }
  });

  it("answers 403 to a coach of another project, 401 without a session, 400 for a malformed id", async () => {
    expect((await cast.as.otherCoach.get(`/api/projects/${cast.project.id}`)).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/projects/${cast.project.id}` })).statusCode).toBe(401);
    const bad = await cast.as.coach.get("/api/projects/inte-ett-id");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.id).toBe("Ogiltigt id");
  });
});

describe("GET /api/projects/:id/members", () => {
  it("lists staff for managers and admins", async () => {
    const res = await cast.as.manager.get(`/api/projects/${cast.project.id}/members`);
    expect(res.statusCode).toBe(200);
    const ids = res.json().members.map((m: { userId: string }) => m.userId);
    expect(ids).toEqual(expect.arrayContaining([cast.users.manager.id, cast.users.coach.id, cast.users.statistician.id]));
    expect(ids).not.toContain(cast.users.otherCoach.id);
    expect((await cast.as.admin.get(`/api/projects/${cast.project.id}/members`)).statusCode).toBe(200);
  });

  it("answers 403 to coaches, statisticians, participants and other projects' staff", async () => {
    for (const who of ["coach", "statistician", "participant", "otherCoach"] as const) {
      expect((await cast.as[who].get(`/api/projects/${cast.project.id}/members`)).statusCode, who).toBe(403);
    }
  });
});

describe("API surface", () => {
  it("GET /api/health answers ok", async () => {
    const res = await t.app.inject({ url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it("publishes OpenAPI generated from the zod schemas", async () => {
    const res = await t.app.inject({ url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths["/api/auth/login"].post.requestBody.content["application/json"].schema.properties).toHaveProperty("email");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/admin/users", "/api/admin/audit", "/api/projects/{id}"]));
    expect((await t.app.inject({ url: "/api/docs" })).statusCode).toBeLessThan(400);
  });

  it("answers unknown API paths with the error shape", async () => {
    const res = await t.app.inject({ url: "/api/finns-inte" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("not_found");
  });

  it("sends security headers", async () => {
    const res = await t.app.inject({ url: "/api/health" });
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("without a session", () => {
  it("answers 401 before validating the input, so a bad body tells nothing about the endpoint", async () => {
    const res = await t.app.inject({ method: "POST", url: `/api/projects/${cast.project.id}/referrals`, payload: { nonsense: true } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("unauthenticated");
  });
});
