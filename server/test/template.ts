import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openPglite, openPostgres } from "../db/client.ts";
import { listMigrations, migrate } from "../db/migrate.ts";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const tmpRoot = join(root, ".test-tmp");
export const pgliteTemplateDir = join(tmpRoot, "template-pglite");

/** Which database the database tests run on: PGlite by default, PostgreSQL when asked. */
export function testDbKind(): "pglite" | "postgres" {
  return process.env.STEGVIS_TEST_DB === "postgres" ? "postgres" : "pglite";
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("STEGVIS_TEST_DB=postgres needs TEST_DATABASE_URL");
  return url;
}

const migrationsHash = () =>
  createHash("sha256")
    .update(listMigrations().map((m) => m.name + m.sql).join("\n"))
    .digest("hex")
    .slice(0, 16);

export const postgresTemplateName = () => `stegvis_tpl_${migrationsHash()}`;

/**
 * Build the migrated template once per change of the migrations: creating a PGlite folder
 * takes seconds, copying one takes a fraction of that.
 */
export async function ensureTemplate(): Promise<void> {
  mkdirSync(tmpRoot, { recursive: true });
  const hash = migrationsHash();
  if (testDbKind() === "pglite") {
    const stamp = join(pgliteTemplateDir, ".stegvis-migrations");
    if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
    rmSync(pgliteTemplateDir, { recursive: true, force: true });
    const building = `${pgliteTemplateDir}-building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    const h = await openPglite(building);
    await migrate(h);
    await h.close();
    writeFileSync(join(building, ".stegvis-migrations"), hash);
    cpSync(building, pgliteTemplateDir, { recursive: true });
    rmSync(building, { recursive: true, force: true });
    return;
  }
  const url = testDatabaseUrl();
  const name = postgresTemplateName();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount) return;
    // Old templates of earlier migration sets are dropped so they do not pile up.
    const old = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'stegvis_tpl_%'");
    for (const r of old.rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    const building = `${name}_building`;
    await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${building}"`);
    const u = new URL(url);
    u.pathname = `/${building}`;
    const h = await openPostgres(u.toString(), { max: 2 });
    await migrate(h);
    await h.close();
    await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
  } finally {
    await admin.end();
  }
}

export { cpSync };
