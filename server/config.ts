import { resolve } from "node:path";
import { z } from "zod";

const Bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

const Env = z.object({
  NODE_ENV: z.string().default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().optional(),
  /** A read replica of DATABASE_URL for report queries. */
  REPORTS_DATABASE_URL: z.string().optional(),
  STEGVIS_DATA_DIR: z.string().default("./data"),
  /** Minutes without a request before a session ends. */
  STEGVIS_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  /** Hours after login when a session ends whatever the activity. */
  STEGVIS_SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  /** Seconds a resolved session is trusted without asking the database again (0: ask on every request). */
  STEGVIS_SESSION_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(2),
  STEGVIS_REQUIRE_ADMIN_2FA: Bool.default(false),
  /** Failed logins for one e-mail address before it is locked for a while. */
  STEGVIS_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  STEGVIS_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Login attempts per client address and minute; a whole office may share one address. */
  STEGVIS_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Set behind a TLS-terminating proxy so client addresses and secure cookies are right. */
  STEGVIS_TRUST_PROXY: Bool.default(false),
  STEGVIS_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  STEGVIS_DEMO: Bool.optional(),
});

export interface Config {
  production: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Report counts are read here when set: a streaming replica of the primary. */
  reportsDatabaseUrl: string | undefined;
  dataDir: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /**
   * Seconds a resolved session (user, memberships) is kept in this process. Logout, and every
   * change of a user, membership or project through the app, drops the kept sessions at once;
   * other app servers see such a change within this time.
   */
  sessionCacheSeconds: number;
  requireAdminTotp: boolean;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRatePerMinute: number;
  trustProxy: boolean;
  logLevel: string;
  /** Seed the demo organisation on first start (never in production). */
  seedDemo: boolean;
  /** Cookies are marked Secure everywhere except local development and tests. */
  secureCookies: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.REPORTS_DATABASE_URL && !e.DATABASE_URL)
    throw new Error("Invalid configuration:\n  REPORTS_DATABASE_URL: a read replica needs a PostgreSQL primary; set DATABASE_URL too.");
  const production = e.NODE_ENV === "production";
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    reportsDatabaseUrl: e.REPORTS_DATABASE_URL || undefined,
    dataDir: resolve(e.STEGVIS_DATA_DIR),
    sessionIdleMinutes: e.STEGVIS_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.STEGVIS_SESSION_MAX_HOURS,
    sessionCacheSeconds: e.STEGVIS_SESSION_CACHE_SECONDS,
    requireAdminTotp: e.STEGVIS_REQUIRE_ADMIN_2FA,
    loginMaxFailures: e.STEGVIS_LOGIN_MAX_FAILURES,
    loginLockMinutes: e.STEGVIS_LOGIN_LOCK_MINUTES,
    loginRatePerMinute: e.STEGVIS_LOGIN_RATE_PER_MINUTE,
    trustProxy: e.STEGVIS_TRUST_PROXY,
    logLevel: e.STEGVIS_LOG_LEVEL,
    seedDemo: e.STEGVIS_DEMO ?? !production,
    secureCookies: production,
  };
}

/** Settings for tests: fast, no demo seed, insecure cookies over app.inject. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: "test", STEGVIS_LOG_LEVEL: "silent" }), seedDemo: false, loginRatePerMinute: 10_000, ...overrides };
}
