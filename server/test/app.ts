import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { buildApp } from "../app.ts";
import { type Config, testConfig } from "../config.ts";
import { type DbHandle, openPglite, openPostgres } from "../db/client.ts";
import { pgliteTemplateDir, postgresTemplateName, testDatabaseUrl, testDbKind, tmpRoot } from "./template.ts";

/** A fresh database cloned from the migrated template, and a way to throw it away. */
export function freshDatabase(): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  return cloneDatabase({ pgliteDir: pgliteTemplateDir, postgresName: postgresTemplateName() }, "t");
}

/**
 * A copy of a template — a PGlite folder, or on PostgreSQL a database cloned with
 * `CREATE DATABASE … TEMPLATE` — on the kind of database the tests run on, and a way to drop it.
 */
export async function cloneDatabase(
  template: { pgliteDir: string; postgresName: string },
  prefix: string,
): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  const id = randomBytes(6).toString("hex");
  if (testDbKind() === "pglite") {
    const dir = join(tmpRoot, `db-${prefix}-${process.pid}-${id}`);
    mkdirSync(tmpRoot, { recursive: true });
    cpSync(template.pgliteDir, dir, { recursive: true });
    const handle = await openPglite(dir);
    return {
      handle,
      drop: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = testDatabaseUrl();
  const name = `stegvis_${prefix}_${id}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template.postgresName}"`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const handle = await openPostgres(u.toString(), { max: 5 });
  return {
    handle,
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The whole app in-process on a fresh database; requests go through `app.inject`. */
export async function makeTestApp(overrides: Partial<Config> = {}) {
  const { handle, drop } = await freshDatabase();
  const config = testConfig(overrides);
  const app = await buildApp({ handle, config });
  await app.ready();
  return {
    app,
    db: handle.db,
    handle,
    config,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof makeTestApp>>;
