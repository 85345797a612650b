import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { ProjectGrant, UserActor } from "./actor.ts";

export const SESSION_COOKIE = "stegvis_session";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export async function createSession(db: Db, config: Config, { userId, clientAddress }: { userId: string; clientAddress: string | null }) {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + config.sessionMaxHours * 3600_000);
  await db
    .insertInto("sessions")
    .values({ token_hash: sha256(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt, client_address: clientAddress })
    .execute();
  return { token, csrfToken, expiresAt };
}

/**
 * Resolve a cookie token to an actor, ending the session when it has been idle too long or has
 * passed its absolute end. Touches last_seen_at at most once a minute to spare the database.
 */
export async function actorFromToken(db: Db, config: Config, token: string): Promise<UserActor | null> {
  const tokenHash = sha256(token);
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.csrf_token", "s.last_seen_at", "s.expires_at", "u.id", "u.email", "u.name", "u.is_admin", "u.active", "u.locale", "u.totp_secret"])
    // The memberships of active projects come in the same statement, as JSON: one round trip per request.
    .select(
      sql<{ project_id: string; role: ProjectGrant["role"]; sensitive_access: boolean }[]>`coalesce((
        SELECT json_agg(json_build_object('project_id', m.project_id, 'role', m.role, 'sensitive_access', m.sensitive_access))
          FROM project_memberships m JOIN projects p ON p.id = m.project_id
         WHERE m.user_id = u.id AND p.active), '[]'::json)`.as("memberships"),
    )
    .where("s.token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  const idleLimit = new Date(row.last_seen_at).getTime() + config.sessionIdleMinutes * 60_000;
  if (!row.active || now > new Date(row.expires_at).getTime() || now > idleLimit) {
    await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
    return null;
  }
  if (now - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable("sessions").set({ last_seen_at: sql`now()` }).where("token_hash", "=", tokenHash).execute();
  }
  const grants = new Map<string, ProjectGrant>(row.memberships.map((m) => [m.project_id, { role: m.role, sensitiveAccess: m.sensitive_access }]));
  const totpEnabled = row.totp_secret != null;
  return {
    kind: "user",
    userId: row.id,
    email: row.email,
    name: row.name,
    isAdmin: row.is_admin,
    locale: row.locale,
    totpEnabled,
    mustEnrollTotp: config.requireAdminTotp && row.is_admin && !totpEnabled,
    grants,
    sessionTokenHash: tokenHash,
    csrfToken: row.csrf_token,
  };
}

export async function endSession(db: Db, tokenHash: string) {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

export async function endAllSessions(db: Db, userId: string) {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export const cookieOptions = (config: Config) => ({
  path: "/",
  httpOnly: true,
  sameSite: "lax" as const,
  secure: config.secureCookies,
  maxAge: config.sessionMaxHours * 3600,
});
