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
 * Sessions resolved in the last `sessionCacheSeconds`, by token hash, so that a burst of requests
 * asks the database once. `generation` goes up whenever anything an actor is made of may have
 * changed; an entry of an older generation is not used, and a lookup that started before the
 * change does not store its result.
 */
const kept = new Map<string, { actor: UserActor; until: number; expiresAt: number; generation: number }>();
let generation = 0;

/**
 * Forget every kept session. Called on logout and whenever a user, a membership or a project
 * changes; also by anything that changes those tables without going through the app.
 */
export function forgetSessions(): void {
  generation++;
  kept.clear();
}

/**
 * Resolve a cookie token to an actor, ending the session when it has been idle too long or has
 * passed its absolute end. Touches last_seen_at at most once a minute to spare the database.
 */
export async function actorFromToken(db: Db, config: Config, token: string): Promise<UserActor | null> {
  const tokenHash = sha256(token);
  const now = Date.now();
  const hit = kept.get(tokenHash);
  if (hit && hit.generation === generation && now < hit.until && now < hit.expiresAt) return hit.actor;
  const startedIn = generation;
  const actor = await loadActor(db, config, tokenHash);
  if (actor && config.sessionCacheSeconds > 0 && startedIn === generation) {
    if (kept.size >= 10_000) for (const [k, v] of kept) if (v.until <= now) kept.delete(k);
    kept.set(tokenHash, { actor: actor.actor, until: now + config.sessionCacheSeconds * 1000, expiresAt: actor.expiresAt, generation });
  }
  return actor?.actor ?? null;
}

async function loadActor(db: Db, config: Config, tokenHash: string): Promise<{ actor: UserActor; expiresAt: number } | null> {
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
  const actor: UserActor = {
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
  return { actor, expiresAt: new Date(row.expires_at).getTime() };
}

export async function endSession(db: Db, tokenHash: string) {
  forgetSessions();
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
  forgetSessions();
}

export async function endAllSessions(db: Db, userId: string) {
  forgetSessions();
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
  forgetSessions();
}

export const cookieOptions = (config: Config) => ({
  path: "/",
  httpOnly: true,
  sameSite: "lax" as const,
  secure: config.secureCookies,
  maxAge: config.sessionMaxHours * 3600,
});
