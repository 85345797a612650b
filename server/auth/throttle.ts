import { sql } from "kysely";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";

/** Minutes left of a lockout for this e-mail address, or 0 when it may try. */
export async function lockedMinutesLeft(db: Db, email: string): Promise<number> {
  const row = await db.selectFrom("login_throttle").select("locked_until").where("key", "=", email).executeTakeFirst();
  if (!row?.locked_until) return 0;
  const ms = new Date(row.locked_until).getTime() - Date.now();
  return ms > 0 ? Math.ceil(ms / 60_000) : 0;
}

/**
 * Count a failed login. Failures older than the lock period start a new count; reaching the
 * limit locks the address for the lock period. Returns true when this failure locked it.
 */
export async function recordFailure(db: Db, config: Config, email: string): Promise<boolean> {
  const lockInterval = `${config.loginLockMinutes} minutes`;
  const row = await sql<{ failures: number; locked: boolean }>`
    INSERT INTO login_throttle AS t (key, failures, window_started_at)
    VALUES (${email}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.window_started_at < now() - ${lockInterval}::interval THEN 1 ELSE t.failures + 1 END,
      window_started_at = CASE WHEN t.window_started_at < now() - ${lockInterval}::interval THEN now() ELSE t.window_started_at END
    RETURNING failures::int AS failures, false AS locked`.execute(db);
  const failures = row.rows[0]?.failures ?? 1;
  if (failures >= config.loginMaxFailures) {
    await sql`UPDATE login_throttle SET locked_until = now() + ${lockInterval}::interval, failures = 0, window_started_at = now()
              WHERE key = ${email}`.execute(db);
    return true;
  }
  return false;
}

export async function clearFailures(db: Db, email: string) {
  await db.deleteFrom("login_throttle").where("key", "=", email).execute();
}
