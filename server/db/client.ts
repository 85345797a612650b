import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  type PostgresPool,
  type PostgresPoolClient,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import pg from "pg";
import type { Database } from "./types.ts";

export type Db = Kysely<Database>;

/** A database handle: the Kysely instance plus what only the driver knows. */
export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /** Run a multi-statement SQL script (migrations). */
  exec(sql: string): Promise<void>;
  /** Hold an installation-wide lock (PostgreSQL advisory lock) until the returned release is called. */
  lock(key: number): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// PostgreSQL returns int8 and numeric as strings; counts are cast to int in SQL, but make
// plain bigint ids and sums usable as numbers where they fit, on both drivers alike.
pg.types.setTypeParser(20, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});
// Calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them across time zones.
pg.types.setTypeParser(1082, (v) => v);
// numeric(4,1) holds small measures such as hours per session; a JS number is exact enough.
pg.types.setTypeParser(1700, (v) => Number(v));

/** Distinct statements a connection prepares; beyond it (texts built with inlined values) they are sent unnamed. */
const PREPARED_PER_CONNECTION = 300;
// Transaction control and settings are sent as they are.
const UNPREPARED = /^\s*(begin|start|commit|rollback|end|savepoint|release|set|reset|lock|listen|notify)\b/i;

/**
 * A pool whose connections prepare every distinct statement once (a named statement per SQL
 * text), so PostgreSQL parses and plans Kysely's queries once per connection instead of on every
 * call, as a hand-written prepared statement would. Each connection names at most
 * PREPARED_PER_CONNECTION texts; statement names come from a hash of the text.
 */
function preparingPool(pool: pg.Pool): PostgresPool {
  const named = new WeakMap<pg.PoolClient, Set<string>>();
  // The name of a text is remembered, so the hash is computed once per distinct statement.
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (name === undefined) {
      name = `s${createHash("sha1").update(text).digest("base64url").slice(0, 22)}`;
      if (names.size < 5_000) names.set(text, name);
    }
    return name;
  };
  return {
    async connect() {
      const client = await pool.connect();
      const known = named.get(client) ?? new Set<string>();
      named.set(client, known);
      const wrapped = {
        query(text: unknown, parameters?: ReadonlyArray<unknown>) {
          if (typeof text !== "string") return client.query(text as pg.Submittable);
          if (UNPREPARED.test(text) || (known.size >= PREPARED_PER_CONNECTION && !known.has(text))) return client.query(text, parameters as unknown[]);
          known.add(text);
          return client.query({ name: nameOf(text), text, values: parameters as unknown[] });
        },
        release: (destroy?: boolean) => client.release(destroy),
      };
      return wrapped as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

export async function openPostgres(url: string, { max = 10 }: { max?: number } = {}): Promise<DbHandle> {
  const pool = new pg.Pool({ connectionString: url, max, options: "-c TimeZone=Europe/Stockholm" });
  // An idle connection closed by the server (restart, failover, a dropped database) must not
  // crash the process; the pool replaces it on the next query.
  pool.on("error", (err) => console.error(`PostgreSQL connection lost: ${err.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return {
    db,
    kind: "postgres",
    async exec(sql) {
      const client = await pool.connect();
      try {
        await client.query(sql);
      } finally {
        client.release();
      }
    },
    async lock(key) {
      const client = await pool.connect();
      await client.query("SELECT pg_advisory_lock($1)", [key]);
      return async () => {
        try {
          await client.query("SELECT pg_advisory_unlock($1)", [key]);
        } finally {
          client.release();
        }
      };
    },
    async close() {
      await db.destroy();
    },
  };
}

/** Open (or create) an embedded PGlite database in a folder; `undefined` means in memory. */
export async function openPglite(dataDir: string | undefined): Promise<DbHandle> {
  // pg_trgm serves the caseload's name search (migration 0012); PGlite loads extensions at open.
  const pglite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } });
  await pglite.exec("SET TIME ZONE 'Europe/Stockholm'");
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new PgliteDriver(pglite),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return {
    db,
    kind: "pglite",
    async exec(sql) {
      await pglite.exec(sql);
    },
    // One process owns an embedded database folder, so there is nobody to lock out.
    async lock() {
      return async () => {};
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * PGlite is a single connection. Kysely may ask for a connection while a transaction holds it,
 * so connections are handed out one at a time through a queue.
 */
class PgliteDriver implements Driver {
  #pglite: PGlite;
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise((r) => {
      release = r;
    });
    await previous;
    this.#release = release;
    return new PgliteConnection(this.#pglite);
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    const iso = settings.isolationLevel ? ` ISOLATION LEVEL ${settings.isolationLevel.toUpperCase()}` : "";
    await conn.executeQuery(CompiledQuery.raw(`BEGIN${iso}`));
  }
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw("COMMIT"));
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw("ROLLBACK"));
  }
  async releaseConnection() {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
  async destroy() {
    await this.#queue;
    await this.#pglite.close();
  }
}

class PgliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const res = await this.pglite.query<R>(q.sql, q.parameters as unknown[], {
      parsers: { 1082: (v: string) => v, 1700: (v: string) => Number(v) },
    });
    return {
      rows: res.rows,
      numAffectedRows: res.affectedRows != null ? BigInt(res.affectedRows) : undefined,
    };
  }
  // biome-ignore lint/correctness/useYield: streaming is not offered on the embedded database
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("Streaming queries are not supported on the embedded database");
  }
}

export async function openDatabase(config: { databaseUrl?: string; dataDir?: string }): Promise<DbHandle> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}
