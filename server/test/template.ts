import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { type DbHandle, openPglite, openPostgres } from "../db/client.ts";
import { listMigrations, migrate } from "../db/migrate.ts";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const tmpRoot = join(root, ".test-tmp");
export const pgliteTemplateDir = join(tmpRoot, "template-pglite");
/** The migrated template with the demo organisation seeded, for browser journeys. */
export const demoTemplateDir = join(tmpRoot, "template-demo");

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
    .update(
      listMigrations()
        .map((m) => m.name + m.sql)
        .join("\n"),
    )
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

/** The name of the demo database on PostgreSQL: changes with the migrations, the seed and the day. */
export function demoTemplateName(): string {
  return `stegvis_demo_${demoHash()}`;
}

function demoHash(): string {
  // Every demo seed file: a change to any of them rebuilds the template.
  const seedDir = join(root, "server", "seed");
  const seedFiles = readdirSync(seedDir)
    .filter((f) => f.startsWith("demo") && f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .sort()
    .map((f) => readFileSync(join(seedDir, f), "utf8"))
    .join("\n");
  // Demo dates are relative to the day it is seeded, so the template is rebuilt every day.
  const day = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
  return createHash("sha256")
    .update(migrationsHash() + seedFiles + day)
    .digest("hex")
    .slice(0, 16);
}

async function seedDemoInto(h: DbHandle): Promise<void> {
  const { seedDemo } = await import("../seed/demo.ts");
  const { ensureDefaultCodes } = await import("../features/codes/service.ts");
  await seedDemo(h.db, { production: false });
  for (const p of await h.db.selectFrom("projects").select("id").execute()) await ensureDefaultCodes(h.db, p.id);
}

/**
 * The demo organisation, for browser journeys: a PGlite folder, or on PostgreSQL a database
 * cloned from the migrated template. Rebuilt when the migrations or the seed change, and daily.
 */
export async function ensureDemoTemplate(): Promise<void> {
  const hash = demoHash();
  if (testDbKind() === "postgres") {
    const url = testDatabaseUrl();
    const name = demoTemplateName();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (exists.rowCount) return;
      const old = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'stegvis_demo_%'");
      for (const r of old.rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
      const building = `${name}_building`;
      await admin.query(`CREATE DATABASE "${building}" TEMPLATE "${postgresTemplateName()}"`);
      const u = new URL(url);
      u.pathname = `/${building}`;
      const h = await openPostgres(u.toString(), { max: 2 });
      await seedDemoInto(h);
      await h.close();
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    } finally {
      await admin.end();
    }
    return;
  }
  const stamp = join(demoTemplateDir, ".stegvis-demo");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  rmSync(demoTemplateDir, { recursive: true, force: true });
  const building = `${demoTemplateDir}-building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  cpSync(pgliteTemplateDir, building, { recursive: true });
  const h = await openPglite(building);
  await seedDemoInto(h);
  await h.close();
  writeFileSync(join(building, ".stegvis-demo"), hash);
  cpSync(building, demoTemplateDir, { recursive: true });
  rmSync(building, { recursive: true, force: true });
}
