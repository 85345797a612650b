// The participant page under load: GET /api/enrolments/:id over random enrolments, 50
// connections, against the real app (`stegvis start` on PostgreSQL, and on PGlite) and against
// the bare ceiling server, alternating, with the app's memory read from /proc while it works.
import { loadavg } from "node:os";
import autocannon from "autocannon";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { buildApp } from "../server/app.ts";
import { testConfig } from "../server/config.ts";
import { openPglite, openPostgres } from "../server/db/client.ts";
import type { Database } from "../server/db/types.ts";
import { BENCH_MANAGER, BENCH_PASSWORD, log, median, round } from "./common.ts";
import { cpuSeconds, type RunningServer, signIn, startServer } from "./servers.ts";

export interface LoadRun {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** CPU milliseconds per request in the server process and in the database's backends (when the database runs on this machine). */
  serverCpuMs: number;
  dbCpuMs: number | null;
}

interface Side {
  runs: LoadRun[];
  reqPerSec: number;
  p99Ms: number;
  p50Ms: number;
  serverCpuMs: number;
  dbCpuMs: number | null;
}

export interface PageResult {
  /** Statements the app sends to the database for one participant page (the ceiling sends one). */
  appStatements: number;
  connections: number;
  durationSeconds: number;
  app: Side;
  ceiling: Side;
  reqPerSecRatio: number;
  p99Ratio: number;
  memory: { peakRssMb: number; rssAfterMb: number; rssIdleMb: number };
  auditRowsWritten: number;
  loadAverage: { before: number[]; after: number[] };
}

export type Probe = () => Promise<Map<number, number>>;

const summarise = (list: LoadRun[]): Side => ({
  runs: list,
  reqPerSec: median(list.map((r) => r.reqPerSec)),
  p99Ms: median(list.map((r) => r.p99Ms)),
  p50Ms: median(list.map((r) => r.p50Ms)),
  serverCpuMs: median(list.map((r) => r.serverCpuMs)),
  dbCpuMs: list.every((r) => r.dbCpuMs !== null) ? median(list.map((r) => r.dbCpuMs as number)) : null,
});

export async function hammer(
  server: RunningServer,
  probe: Probe,
  ids: string[],
  headers: Record<string, string>,
  connections: number,
  duration: number,
): Promise<LoadRun> {
  let n = Math.floor(Math.random() * ids.length);
  const before = await probe();
  const serverBefore = cpuSeconds(server.pid);
  const r = await autocannon({
    url: server.url,
    connections,
    duration,
    timeout: 30,
    headers,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => {
          n = (n + 7919) % ids.length;
          return { ...req, path: `/api/enrolments/${ids[n]}` };
        },
      },
    ],
  });
  const serverCpu = cpuSeconds(server.pid) - serverBefore;
  const after = await probe();
  let dbCpu = 0;
  for (const [pid, secs] of after) dbCpu += secs - (before.get(pid) ?? 0);
  const total = r.requests.total || 1;
  return {
    reqPerSec: round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    serverCpuMs: round((serverCpu * 1000) / total, 2),
    dbCpuMs: after.size ? round((dbCpu * 1000) / total, 2) : null,
  };
}

async function sameEnrolment(app: RunningServer, ceiling: RunningServer, cookie: string, id: string) {
  const a = await fetch(`${app.url}/api/enrolments/${id}`, { headers: { cookie } });
  const c = await fetch(`${ceiling.url}/api/enrolments/${id}`);
  if (a.status !== 200 || c.status !== 200) throw new Error(`participant page answered ${a.status} (app) and ${c.status} (ceiling): ${await a.text()}`);
  const appId = ((await a.json()) as { enrolment: { id: string } }).enrolment.id;
  const ceilingId = ((await c.json()) as { enrolment: { id: string } }).enrolment.id;
  if (appId !== id || ceilingId !== id) throw new Error("app and ceiling do not answer with the asked enrolment");
}

/** Count the statements behind one participant page: the app built in-process on a logging database handle. */
async function countAppStatements(databaseUrl: string, ids: string[]): Promise<number> {
  const base = await openPostgres(databaseUrl, { max: 2 });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: "-c TimeZone=Europe/Stockholm" });
  let statements = 0;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: () => void statements++ });
  const app = await buildApp({ handle: { ...base, db }, config: testConfig() });
  try {
    const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email: BENCH_MANAGER, password: BENCH_PASSWORD } });
    const cookie = `stegvis_session=${login.cookies.find((c) => c.name === "stegvis_session")?.value}`;
    const sample = ids.slice(0, 20);
    statements = 0;
    for (const id of sample) await app.inject({ method: "GET", url: `/api/enrolments/${id}`, headers: { cookie } });
    return round(statements / sample.length, 1);
  } finally {
    await app.close();
    await db.destroy();
    await base.close();
  }
}

export async function measureParticipantPage(opts: {
  databaseUrl: string;
  runs: number;
  duration: number;
  connections: number;
  warmup: number;
}): Promise<PageResult> {
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  const ids = (await client.query<{ id: string }>("SELECT id FROM enrolments ORDER BY random() LIMIT 20000")).rows.map((r) => r.id);
  const auditCount = async () => Number((await client.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_log")).rows[0]?.n);
  // The database's backend processes are only visible when it runs on this machine.
  const probe: Probe = async () => {
    const pids = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    const local = pids.rows.map((r) => r.pid).filter((pid) => cpuSeconds(pid) > 0);
    return new Map(local.map((pid) => [pid, cpuSeconds(pid)]));
  };

  const appStatements = await countAppStatements(opts.databaseUrl, ids);
  const before = loadavg().map((x) => round(x, 2));
  const app = await startServer("app", { DATABASE_URL: opts.databaseUrl, NODE_ENV: "production" });
  const ceiling = await startServer("ceiling", { DATABASE_URL: opts.databaseUrl });
  try {
    const { cookie } = await signIn(app.url, BENCH_MANAGER, BENCH_PASSWORD);
    await sameEnrolment(app, ceiling, cookie, ids[0] as string);
    const rssIdleMb = app.memory().rssMb;
    const auditBefore = await auditCount();

    log(`participant page: warming up ${opts.warmup} s each`);
    await hammer(ceiling, probe, ids, {}, opts.connections, opts.warmup);
    await hammer(app, probe, ids, { cookie }, opts.connections, opts.warmup);

    const runs = { app: [] as LoadRun[], ceiling: [] as LoadRun[] };
    for (let i = 0; i < opts.runs; i++) {
      // Alternate which goes first, so a slow spell of the machine does not always hit the same side.
      const order = i % 2 === 0 ? (["ceiling", "app"] as const) : (["app", "ceiling"] as const);
      for (const side of order) {
        const run =
          side === "app"
            ? await hammer(app, probe, ids, { cookie }, opts.connections, opts.duration)
            : await hammer(ceiling, probe, ids, {}, opts.connections, opts.duration);
        if (run.non2xx || run.errors) throw new Error(`${side} answered ${run.non2xx} non-2xx and ${run.errors} errors under load`);
        runs[side].push(run);
        log(
          `participant page run ${i + 1}/${opts.runs} ${side.padEnd(7)} ${run.reqPerSec} req/s, p99 ${run.p99Ms} ms, CPU/request ${run.serverCpuMs} ms server + ${run.dbCpuMs ?? "?"} ms database`,
        );
      }
    }
    const mem = app.memory();
    const auditRowsWritten = (await auditCount()) - auditBefore;
    const a = summarise(runs.app);
    const c = summarise(runs.ceiling);
    return {
      appStatements,
      connections: opts.connections,
      durationSeconds: opts.duration,
      app: a,
      ceiling: c,
      reqPerSecRatio: round(a.reqPerSec / c.reqPerSec, 3),
      p99Ratio: round(a.p99Ms / c.p99Ms, 2),
      memory: { peakRssMb: round(mem.peakRssMb, 0), rssAfterMb: round(mem.rssMb, 0), rssIdleMb: round(rssIdleMb, 0) },
      auditRowsWritten,
      loadAverage: { before, after: loadavg().map((x) => round(x, 2)) },
    };
  } finally {
    await app.stop();
    await ceiling.stop();
    await client.end();
  }
}

/** As on PostgreSQL, less what the embedded database cannot show apart (statements, the audit count, idle memory). */
export type PagePgliteResult = Omit<PageResult, "appStatements" | "memory" | "auditRowsWritten"> & { memory: { peakRssMb: number } };

/**
 * The same load on the embedded database. One process owns a PGlite folder, so the sides cannot
 * run side by side: each run starts the app (or the ceiling, which opens the folder in its own
 * process and runs the same statement), warms it up, measures it and stops it, alternating.
 * The database works inside the server process, so its CPU is part of the server's.
 */
export async function measureParticipantPagePglite(opts: {
  dataDir: string;
  runs: number;
  duration: number;
  connections: number;
  warmup: number;
}): Promise<PagePgliteResult> {
  const handle = await openPglite(opts.dataDir);
  const ids = (await sql<{ id: string }>`SELECT id FROM enrolments ORDER BY random() LIMIT 20000`.execute(handle.db)).rows.map((r) => r.id);
  await handle.close();
  const noProbe: Probe = async () => new Map();
  const before = loadavg().map((x) => round(x, 2));
  const runs = { app: [] as LoadRun[], ceiling: [] as LoadRun[] };
  let peakRssMb = 0;
  for (let i = 0; i < opts.runs; i++) {
    const order = i % 2 === 0 ? (["ceiling", "app"] as const) : (["app", "ceiling"] as const);
    for (const side of order) {
      const server = await startServer(side, side === "app" ? { STEGVIS_DATA_DIR: opts.dataDir, NODE_ENV: "production" } : { STEGVIS_DATA_DIR: opts.dataDir });
      try {
        const headers: Record<string, string> = side === "app" ? { cookie: (await signIn(server.url, BENCH_MANAGER, BENCH_PASSWORD)).cookie } : {};
        await hammer(server, noProbe, ids, headers, opts.connections, opts.warmup);
        const run = await hammer(server, noProbe, ids, headers, opts.connections, opts.duration);
        if (run.non2xx || run.errors) throw new Error(`${side} on PGlite answered ${run.non2xx} non-2xx and ${run.errors} errors under load`);
        runs[side].push(run);
        if (side === "app") peakRssMb = Math.max(peakRssMb, server.memory().peakRssMb);
        log(
          `participant page on PGlite run ${i + 1}/${opts.runs} ${side.padEnd(7)} ${run.reqPerSec} req/s, p99 ${run.p99Ms} ms, CPU/request ${run.serverCpuMs} ms`,
        );
      } finally {
        await server.stop();
      }
    }
  }
  const a = summarise(runs.app);
  const c = summarise(runs.ceiling);
  return {
    connections: opts.connections,
    durationSeconds: opts.duration,
    app: a,
    ceiling: c,
    reqPerSecRatio: round(a.reqPerSec / c.reqPerSec, 3),
    p99Ratio: round(a.p99Ms / c.p99Ms, 2),
    memory: { peakRssMb: round(peakRssMb, 0) },
    loadAverage: { before, after: loadavg().map((x) => round(x, 2)) },
  };
}
