import { sql } from "kysely";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../test/app.ts";
import { aProject, aUser, sessionFrom, signIn, TEST_PASSWORD } from "../test/factories.ts";
import { forgetSessions } from "./sessions.ts";

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t?.close();
});

const login = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "POST", url: "/api/auth/login", payload: payload as object, headers });
const auditOf = (label: string) =>
  t.db.selectFrom("audit_log").select(["action", "outcome", "details", "client_address"]).where("actor_label", "=", label).orderBy("id").execute();

describe("login", () => {
  it("answers 200 with the user and an HttpOnly SameSite=Lax session cookie", async () => {
    const project = await aProject(t.db);
    const u = await aUser(t.db, { projects: [{ projectId: project.id, role: "coach" }] });
    const res = await login({ email: u.email.toUpperCase(), password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me).toMatchObject({ email: u.email, isAdmin: false, memberships: [{ projectId: project.id, role: "coach" }] });
    expect(me.csrfToken).toMatch(/.{20,}/);
    const cookie = res.cookies.find((c) => c.name === "stegvis_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(JSON.stringify(me)).not.toContain("password");
    const audit = await auditOf(u.email);
    expect(audit.at(-1)).toMatchObject({ action: "auth.login", outcome: "ok" });
  });

  it("answers 401 with one plain message for a wrong password and for an unknown address", async () => {
    const u = await aUser(t.db);
    const wrong = await login({ email: u.email, password: "fel-lösenord-helt-och-hållet" });
    const unknown = await login({ email: "ingen.alls@example.se", password: "fel-lösenord-helt-och-hållet" });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
    expect(wrong.json().error).toMatchObject({ code: "unauthenticated", message: "Fel e-postadress eller lösenord." });
    expect((await auditOf(u.email)).at(-1)).toMatchObject({ action: "auth.login", outcome: "failed", details: { reason: "wrong_password" } });
  });

  it("locks an address after repeated failures: ten wrong passwords in a row end in 429, and even the right one waits", async () => {
    const u = await aUser(t.db);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login({ email: u.email, password: `wrong-password-${i}-xxxx` })).statusCode);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429, 429, 429, 429, 429]);
    const right = await login({ email: u.email, password: TEST_PASSWORD });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe("too_many_requests");
    expect(right.json().error.message).toMatch(/Försök igen om \d+ minut/);
    expect(right.headers["retry-after"]).toBeDefined();
    const audit = await auditOf(u.email);
    expect(audit.filter((a) => a.outcome === "failed")).toHaveLength(5);
    expect(audit.filter((a) => a.outcome === "denied" && (a.details as { reason: string }).reason === "locked")).toHaveLength(6);

    // When the lock has passed, the right password works and the count starts over.
    await t.db.updateTable("login_throttle").set({ locked_until: sql<Date>`now() - interval '1 second'` }).where("key", "=", u.email).execute();
    expect((await login({ email: u.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    expect(await t.db.selectFrom("login_throttle").selectAll().where("key", "=", u.email).execute()).toHaveLength(0);
  });

  it("refuses an inactive account like a wrong password", async () => {
    const u = await aUser(t.db);
    await t.db.updateTable("users").set({ active: false }).where("id", "=", u.id).execute();
    expect((await login({ email: u.email, password: TEST_PASSWORD })).statusCode).toBe(401);
  });

  it("names the field and says what is wrong when input is bad", async () => {
    const res = await login({ email: "inte-en-adress", password: "" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("invalid_input");
    expect(res.json().error.fields).toMatchObject({ email: expect.stringMatching(/giltig e-postadress/), password: "Ange ditt lösenord" });
    const missing = await login({});
    expect(missing.json().error.fields.email).toBeDefined();
  });
});

describe("session", () => {
  it("GET /api/auth/me answers 401 without a session and with an unknown cookie", async () => {
    expect((await t.app.inject({ url: "/api/auth/me" })).statusCode).toBe(401);
    const res = await t.app.inject({ url: "/api/auth/me", headers: { cookie: "stegvis_session=made-up" } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("unauthenticated");
  });

  it("logout ends the session on the server, not only the cookie", async () => {
    const u = await aUser(t.db);
    const s = await signIn(t.app, u.email);
    expect((await s.get("/api/auth/me")).statusCode).toBe(200);
    expect((await s.post("/api/auth/logout")).statusCode).toBe(204);
    expect((await s.get("/api/auth/me")).statusCode).toBe(401);
    expect((await auditOf(u.email)).map((a) => a.action)).toContain("auth.logout");
  });

  it("ends a session that has been idle too long, and one past its absolute end", async () => {
    const u = await aUser(t.db);
    const idle = await signIn(t.app, u.email);
    // Time is moved in the database behind the app's back, so its kept sessions are forgotten too.
    await t.db.updateTable("sessions").set({ last_seen_at: sql<Date>`now() - interval '31 minutes'` }).where("user_id", "=", u.id).execute();
    forgetSessions();
    expect((await idle.get("/api/auth/me")).statusCode).toBe(401);
    const old = await signIn(t.app, u.email);
    await t.db.updateTable("sessions").set({ expires_at: sql<Date>`now() - interval '1 second'` }).where("user_id", "=", u.id).execute();
    forgetSessions();
    expect((await old.get("/api/auth/me")).statusCode).toBe(401);
    expect(await t.db.selectFrom("sessions").select("token_hash").where("user_id", "=", u.id).execute()).toHaveLength(0);
  });

  it("keeps a session for a moment, but forgets it at once when the app changes what the user may do", async () => {
    const project = await aProject(t.db);
    const admin = await aUser(t.db, { isAdmin: true });
    const u = await aUser(t.db, { projects: [{ projectId: project.id, role: "coach" }] });
    const a = await signIn(t.app, admin.email);
    const s = await signIn(t.app, u.email);
    const project_ = () => s.get(`/api/projects/${project.id}`);
    expect((await project_()).statusCode).toBe(200);
    // A change behind the app's back is seen only when the kept session runs out…
    await t.db.updateTable("users").set({ name: "Bytt Namn" }).where("id", "=", u.id).execute();
    expect((await s.get("/api/auth/me")).json().name).toBe(u.name);
    // …but a membership removed through the app is seen by the next request.
    expect((await a.delete(`/api/admin/users/${u.id}/memberships/${project.id}`)).statusCode).toBe(200);
    expect((await project_()).statusCode).toBe(403);
    expect((await s.get("/api/auth/me")).json().name).toBe("Bytt Namn");
    // So is a membership given, and a deactivated account.
    expect((await a.put(`/api/admin/users/${u.id}/memberships/${project.id}`, { role: "statistician", sensitiveAccess: false })).statusCode).toBe(200);
    expect((await project_()).statusCode).toBe(200);
    const version = (await a.get(`/api/admin/users/${u.id}`)).json().version;
    expect((await a.patch(`/api/admin/users/${u.id}`, { active: false, version })).statusCode).toBe(200);
    expect((await s.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("refuses a state-changing request without the CSRF token (403) and logs the denial", async () => {
    const u = await aUser(t.db);
    const s = await signIn(t.app, u.email);
    const forged = sessionFrom(t.app, s.cookie, "not-the-token");
    const res = await forged.put("/api/auth/locale", { locale: "en" });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/CSRF/);
    expect((await auditOf(u.email)).at(-1)).toMatchObject({ action: "access.denied", outcome: "denied" });
    expect((await s.put("/api/auth/locale", { locale: "en" })).statusCode).toBe(204);
    expect((await s.get("/api/auth/me")).json().locale).toBe("en");
  });
});

describe("password change", () => {
  it("needs the current password, refuses short and common passwords, and ends every other session", async () => {
    const u = await aUser(t.db);
    const a = await signIn(t.app, u.email);
    const b = await signIn(t.app, u.email);
    const wrong = await a.post("/api/auth/password", { currentPassword: "inte-mitt-lösenord", newPassword: "Ett-helt-nytt-lösen-77" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toHaveProperty("currentPassword");
    const short = await a.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "kort" });
    expect(short.json().error.fields.newPassword).toBe("Lösenordet måste ha minst 12 tecken");
    for (const common of ["password1234", "lösenord2024!", "123456789012", "qwertyuiopåa", "aaaaaaaaaaaaaaa"]) {
      const res = await a.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: common });
      expect(res.statusCode, common).toBe(400);
      expect(res.json().error.fields.newPassword, common).toBeDefined();
    }
    const ok = await a.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "Ett-helt-nytt-lösen-77" });
    expect(ok.statusCode).toBe(204);
    expect((await b.get("/api/auth/me")).statusCode).toBe(401);
    expect((await a.get("/api/auth/me")).statusCode).toBe(401);
    const renewed = ok.cookies.find((c) => c.name === "stegvis_session");
    expect(renewed).toBeDefined();
    expect((await t.app.inject({ url: "/api/auth/me", headers: { cookie: `stegvis_session=${renewed?.value}` } })).statusCode).toBe(200);
    expect((await login({ email: u.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await login({ email: u.email, password: "Ett-helt-nytt-lösen-77" })).statusCode).toBe(200);
  });
});

describe("two-factor (TOTP)", () => {
  it("is set up with a confirmed code, then required at login", async () => {
    const u = await aUser(t.db);
    const s = await signIn(t.app, u.email);
    const setup = await s.post("/api/auth/totp/setup");
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl } = setup.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Stegvis/);
    expect((await s.post("/api/auth/totp/enable", { code: "000000" })).statusCode).toBe(400);
    expect((await s.post("/api/auth/totp/enable", { code: await generate({ secret }) })).statusCode).toBe(204);

    const noCode = await login({ email: u.email, password: TEST_PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe("totp_required");
    expect(noCode.cookies.find((c) => c.name === "stegvis_session")).toBeUndefined();
    expect((await login({ email: u.email, password: TEST_PASSWORD, code: "123456" })).statusCode).toBe(401);
    const ok = await login({ email: u.email, password: TEST_PASSWORD, code: await generate({ secret }) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().totpEnabled).toBe(true);
  });

  it("is required for admins when configured: until set up, an admin reaches nothing but the account", async () => {
    const strict = await makeTestApp({ requireAdminTotp: true });
    try {
      const admin = await aUser(strict.db, { isAdmin: true });
      const s = await signIn(strict.app, admin.email);
      const me = (await s.get("/api/auth/me")).json();
      expect(me.mustEnrollTotp).toBe(true);
      const users = await s.get("/api/admin/users");
      expect(users.statusCode).toBe(403);
      expect(users.json().error.message).toMatch(/tvåstegsverifiering/);
      const { secret } = (await s.post("/api/auth/totp/setup")).json();
      expect((await s.post("/api/auth/totp/enable", { code: await generate({ secret }) })).statusCode).toBe(204);
      expect((await s.get("/api/admin/users")).statusCode).toBe(200);
      expect((await s.post("/api/auth/totp/disable", { password: TEST_PASSWORD })).statusCode).toBe(403);
    } finally {
      await strict.close();
    }
  });
});

describe("audit log", () => {
  it("is append-only: the database refuses UPDATE, DELETE and TRUNCATE", async () => {
    await aUser(t.db);
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it("limits login attempts per client address (429), whatever the e-mail", async () => {
    const limited = await makeTestApp({ loginRatePerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++)
        codes.push(
          (await limited.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: `x${i}@example.se`, password: "whatever-it-is" } })).statusCode,
        );
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it("records the client address of a login", async () => {
    const u = await aUser(t.db);
    await login({ email: u.email, password: TEST_PASSWORD }, {});
    const [entry] = (await auditOf(u.email)).filter((a) => a.action === "auth.login");
    expect(entry?.client_address).toBeTruthy();
  });
});
