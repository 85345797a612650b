import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { ChangePasswordInput, LocaleInput, LoginInput, Me, TotpDisableInput, TotpEnableInput, TotpSetup } from "../../schemas/auth.ts";
import { ErrorBody } from "../../schemas/common.ts";
import { typed } from "../app.ts";
import { AppError } from "../errors.ts";
import type { UserActor } from "./actor.ts";
import { writeAudit } from "./audit.ts";
import { requireUser } from "./can.ts";
import { burnPasswordCheck, hashPassword, verifyPassword, weakPasswordReason } from "./passwords.ts";
import { findMemberships, findUserForLogin } from "./queries.ts";
import { actorFromToken, cookieOptions, createSession, endAllSessions, endSession, forgetSessions, SESSION_COOKIE } from "./sessions.ts";
import { clearFailures, lockedMinutesLeft, recordFailure } from "./throttle.ts";
import { checkTotp, newTotpSecret, totpUri } from "./totp.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };
const tags = ["auth"];

/** The signed-in user as the web app sees them: who, what they may open, and the CSRF token. */
export async function presentMe(app: FastifyInstance, actor: UserActor): Promise<Me> {
  const memberships = await findMemberships(app.deps.handle.db, actor.userId);
  return {
    id: actor.userId,
    email: actor.email,
    name: actor.name,
    isAdmin: actor.isAdmin,
    locale: actor.locale,
    totpEnabled: actor.totpEnabled,
    mustEnrollTotp: actor.mustEnrollTotp,
    memberships: memberships.map((m) => ({
      projectId: m.project_id,
      projectName: m.project_name,
      projectSlug: m.project_slug,
      role: m.role,
      sensitiveAccess: m.sensitive_access,
    })),
    csrfToken: actor.csrfToken,
  };
}

function signedIn(req: FastifyRequest): UserActor {
  const actor = req.actor;
  if (actor?.kind !== "user") throw new AppError("unauthenticated", "Du behöver logga in.");
  return actor;
}

export async function authRoutes(api: FastifyInstance) {
  const r = typed(api);
  const { db } = api.deps.handle;
  const config = api.deps.config;

  async function startSession(req: FastifyRequest, reply: FastifyReply, userId: string): Promise<UserActor> {
    const { token } = await createSession(db, config, { userId, clientAddress: req.ip });
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(config));
    const actor = await actorFromToken(db, config, token);
    if (!actor) throw new AppError("internal", "Sessionen kunde inte skapas.");
    req.actor = actor;
    return actor;
  }

  r.post(
    "/auth/login",
    {
      schema: { tags, summary: "Log in with e-mail and password (and a TOTP code when two-factor is on)", body: LoginInput, response: { 200: Me, ...errors } },
      config: { rateLimit: { max: config.loginRatePerMinute, timeWindow: "1 minute" } },
    },
    async (req, reply) => {
      const { email, password, code } = req.body;
      const ctx = { actor: null, actorLabel: email, clientAddress: req.ip };
      const locked = await lockedMinutesLeft(db, email);
      if (locked > 0) {
        await writeAudit(db, ctx, { action: "auth.login", outcome: "denied", details: { reason: "locked" } });
        throw new AppError("too_many_requests", `För många misslyckade inloggningar. Försök igen om ${locked} ${locked === 1 ? "minut" : "minuter"}.`, {
          retryAfterSeconds: locked * 60,
        });
      }
      const fail = async (reason: string, message = "Fel e-postadress eller lösenord.") => {
        const nowLocked = await recordFailure(db, config, email);
        await writeAudit(db, ctx, { action: "auth.login", outcome: "failed", details: { reason } });
        if (nowLocked) {
          throw new AppError("too_many_requests", `För många misslyckade inloggningar. Inloggningen är spärrad i ${config.loginLockMinutes} minuter.`, {
            retryAfterSeconds: config.loginLockMinutes * 60,
          });
        }
        throw new AppError("unauthenticated", message);
      };

      const user = await findUserForLogin(db, email);
      if (!user?.active) {
        await burnPasswordCheck(password);
        return fail(user ? "inactive" : "unknown_account");
      }
      if (!(await verifyPassword(user.password_hash, password))) return fail("wrong_password");
      if (user.totp_secret) {
        if (!code) {
          await writeAudit(db, ctx, { action: "auth.login", outcome: "failed", details: { reason: "totp_required" } });
          throw new AppError("totp_required", "Ange koden från din app för tvåstegsverifiering.");
        }
        if (!(await checkTotp(user.totp_secret, code))) return fail("wrong_totp", "Koden stämmer inte. Kontrollera klockan i telefonen och försök igen.");
      }
      await clearFailures(db, email);
      await db.updateTable("users").set({ last_login_at: new Date() }).where("id", "=", user.id).execute();
      const actor = await startSession(req, reply, user.id);
      await req.audit({ action: "auth.login", subjectType: "user", subjectId: user.id });
      return presentMe(api, actor);
    },
  );

  r.post("/auth/logout", { schema: { tags, summary: "End the current session", response: { 204: z.null() } } }, async (req, reply) => {
    const actor = req.actor;
    if (actor?.kind === "user") {
      await endSession(db, actor.sessionTokenHash);
      await req.audit({ action: "auth.logout", subjectType: "user", subjectId: actor.userId });
    }
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.code(204).send(null);
  });

  r.get("/auth/me", { schema: { tags, summary: "The signed-in user", response: { 200: Me, 401: ErrorBody } } }, async (req) => {
    return presentMe(api, signedIn(req));
  });

  r.post(
    "/auth/password",
    {
      schema: {
        tags,
        summary: "Change my password; every session of mine ends and this one is renewed",
        body: ChangePasswordInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const actor = signedIn(req);
      const user = await findUserForLogin(db, actor.email);
      if (!user || !(await verifyPassword(user.password_hash, req.body.currentPassword))) {
        await req.audit({
          action: "auth.password_change",
          outcome: "failed",
          subjectType: "user",
          subjectId: actor.userId,
          details: { reason: "wrong_current_password" },
        });
        throw new AppError("invalid_input", "Nuvarande lösenord stämmer inte.", { fields: { currentPassword: "Nuvarande lösenord stämmer inte." } });
      }
      const weak = weakPasswordReason(req.body.newPassword, { email: actor.email, name: actor.name });
      if (weak) throw new AppError("invalid_input", weak, { fields: { newPassword: weak } });
      const passwordHash = await hashPassword(req.body.newPassword);
      await db
        .updateTable("users")
        .set((eb) => ({ password_hash: passwordHash, version: eb("version", "+", 1), password_changed_at: new Date(), updated_at: new Date() }))
        .where("id", "=", actor.userId)
        .execute();
      await endAllSessions(db, actor.userId);
      await startSession(req, reply, actor.userId);
      await req.audit({ action: "auth.password_change", subjectType: "user", subjectId: actor.userId });
      return reply.code(204).send(null);
    },
  );

  r.post(
    "/auth/totp/setup",
    { schema: { tags, summary: "Start setting up two-factor: a new secret to add to an authenticator app", response: { 200: TotpSetup, ...errors } } },
    async (req) => {
      const actor = signedIn(req);
      if (actor.totpEnabled) throw new AppError("conflict", "Tvåstegsverifiering är redan på. Stäng av den först om du vill byta app.");
      const secret = newTotpSecret();
      await db.updateTable("users").set({ totp_pending_secret: secret }).where("id", "=", actor.userId).execute();
      await req.audit({ action: "auth.totp_setup", subjectType: "user", subjectId: actor.userId });
      return { secret, otpauthUrl: totpUri(secret, actor.email) };
    },
  );

  r.post(
    "/auth/totp/enable",
    { schema: { tags, summary: "Turn two-factor on by confirming a code from the app", body: TotpEnableInput, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      const actor = signedIn(req);
      const row = await db.selectFrom("users").select("totp_pending_secret").where("id", "=", actor.userId).executeTakeFirstOrThrow();
      if (!row.totp_pending_secret)
        throw new AppError("invalid_input", "Börja med att skapa en ny nyckel.", { fields: { code: "Börja med att skapa en ny nyckel." } });
      if (!(await checkTotp(row.totp_pending_secret, req.body.code))) {
        throw new AppError("invalid_input", "Koden stämmer inte.", { fields: { code: "Koden stämmer inte. Kontrollera att appen visar koden för Stegvis." } });
      }
      await db
        .updateTable("users")
        .set((eb) => ({ totp_secret: row.totp_pending_secret, totp_pending_secret: null, version: eb("version", "+", 1), updated_at: new Date() }))
        .where("id", "=", actor.userId)
        .execute();
      forgetSessions();
      await req.audit({ action: "auth.totp_enabled", subjectType: "user", subjectId: actor.userId });
      return reply.code(204).send(null);
    },
  );

  r.post(
    "/auth/totp/disable",
    { schema: { tags, summary: "Turn two-factor off (needs the password)", body: TotpDisableInput, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      const actor = requireUser(req.actor);
      const user = await findUserForLogin(db, actor.email);
      if (!user || !(await verifyPassword(user.password_hash, req.body.password))) {
        throw new AppError("invalid_input", "Lösenordet stämmer inte.", { fields: { password: "Lösenordet stämmer inte." } });
      }
      if (config.requireAdminTotp && actor.isAdmin) throw new AppError("forbidden", "Administratörer måste ha tvåstegsverifiering på.");
      await db
        .updateTable("users")
        .set((eb) => ({ totp_secret: null, totp_pending_secret: null, version: eb("version", "+", 1), updated_at: new Date() }))
        .where("id", "=", actor.userId)
        .execute();
      forgetSessions();
      await req.audit({ action: "auth.totp_disabled", subjectType: "user", subjectId: actor.userId });
      return reply.code(204).send(null);
    },
  );

  r.put("/auth/locale", { schema: { tags, summary: "Choose my language", body: LocaleInput, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    const actor = signedIn(req);
    await db.updateTable("users").set({ locale: req.body.locale }).where("id", "=", actor.userId).execute();
    forgetSessions();
    return reply.code(204).send(null);
  });
}
