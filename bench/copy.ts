// Bulk loading through COPY on either database: pg-copy-streams on PostgreSQL, and
// `COPY … FROM '/dev/blob'` with the query's blob option on the embedded PGlite.
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { assertBenchDatabase } from "./common.ts";

export interface Loader {
  kind: "postgres" | "pglite";
  copy(table: string, columns: readonly string[], text: string): Promise<void>;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/** With `durable`, commits wait for the write-ahead log as the app's do (the server's default). */
export async function postgresLoader(url: string, { durable = false }: { durable?: boolean } = {}): Promise<Loader> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Losing the last moments of a benchmark load in a crash costs nothing; waiting for each commit costs time.
  if (!durable) await client.query("SET synchronous_commit = off");
  return {
    kind: "postgres",
    async copy(table, columns, text) {
      if (!text) return;
      const stream = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
      await pipeline(Readable.from([Buffer.from(text)]), stream);
    },
    async query<R>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as R[];
    },
    close: () => client.end(),
  };
}

export async function pgliteLoader(dataDir: string): Promise<Loader> {
  // The same extensions as the app's own handle: the indexes the loader rebuilds need them.
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  return {
    kind: "pglite",
    async copy(table, columns, text) {
      if (!text) return;
      await db.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
    },
    async query<R>(sql: string, params: unknown[] = []) {
      return (await db.query<R>(sql, params)).rows;
    },
    close: () => db.close(),
  };
}

/**
 * Keys, foreign keys and indexes of the given tables are dropped for the load and built again
 * afterwards from their own definitions: one sorted index build is far cheaper than keeping
 * every index up to date row by row. Returns the function that puts them back.
 */
export async function dropConstraintsForLoad(loader: Loader, tables: readonly string[]): Promise<() => Promise<void>> {
  const list = tables.map((t) => `'${t.replace(/[^a-z_]/g, "")}'`).join(", ");
  type Con = { tbl: string; name: string; type: string; def: string };
  const constraints = await loader.query<Con>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, contype::text AS type, pg_get_constraintdef(oid) AS def
       FROM pg_constraint
      WHERE contype IN ('p', 'u', 'f') AND (conrelid::regclass::text IN (${list}) OR (contype = 'f' AND confrelid::regclass::text IN (${list})))`,
  );
  const indexes = await loader.query<{ name: string; def: string }>(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def
       FROM pg_index i
      WHERE indrelid::regclass::text IN (${list})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u'))`,
  );
  const foreign = constraints.filter((c) => c.type === "f");
  const keys = constraints.filter((c) => c.type !== "f");
  for (const c of [...foreign, ...keys]) await loader.query(`ALTER TABLE ${c.tbl} DROP CONSTRAINT ${c.name}`);
  for (const i of indexes) await loader.query(`DROP INDEX ${i.name}`);
  return async () => {
    if (loader.kind === "postgres") await loader.query("SET maintenance_work_mem = '256MB'");
    for (const c of keys) await loader.query(`ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.name} ${c.def}`);
    for (const i of indexes) await loader.query(i.def);
    for (const c of foreign) await loader.query(`ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.name} ${c.def}`);
  };
}

/** Drop and create the benchmark database on its PostgreSQL server. */
export async function resetPostgres(url: string) {
  const name = assertBenchDatabase(url);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/** Remove an embedded database folder, but only one that is empty or holds a database. */
export function resetPgliteDir(dataDir: string) {
  // PGlite makes the folder itself, but not its parent.
  mkdirSync(dirname(dataDir), { recursive: true });
  if (!existsSync(dataDir)) return;
  const entries = readdirSync(dataDir);
  if (entries.length && !existsSync(join(dataDir, "PG_VERSION"))) {
    throw new Error(`Refusing to remove ${dataDir}: it is not an embedded database folder.`);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
