import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { projectRoot } from "../paths.ts";
import type { DbHandle } from "./client.ts";

const migrationsDir = join(projectRoot, "server", "db", "migrations");

export function listMigrations(): { name: string; sql: string }[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(migrationsDir, name), "utf8") }));
}

/**
 * Apply the numbered SQL files that have not been applied yet, each in its own transaction.
 * On PostgreSQL an advisory lock keeps two starting servers from migrating at once.
 */
export async function migrate(handle: DbHandle): Promise<string[]> {
  await handle.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  const run = async () => {
    const rows = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(handle.db);
    const done = new Set(rows.rows.map((r) => r.name));
    for (const m of listMigrations()) {
      if (done.has(m.name)) continue;
      const escaped = m.name.replaceAll("'", "''");
      await handle.exec(`BEGIN;\n${m.sql}\n;INSERT INTO schema_migrations (name) VALUES ('${escaped}');\nCOMMIT;`);
      applied.push(m.name);
    }
  };
  const release = await handle.lock(724011);
  try {
    await run();
  } finally {
    await release();
  }
  return applied;
}
