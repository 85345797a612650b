// npm run bench:replica [-- --persons 100000 --runs 3 --duration 10 --keep --no-pin]
//
// A PostgreSQL primary and a streaming replica of it, both started on loopback from folders in
// bench/.data/replica/, and the question: do annual reports sent to the replica
// (REPORTS_DATABASE_URL) leave the participant page on the primary alone?
//
// 1. initdb a primary (port 5442), fill it with bench:data, take a base backup into a standby
//    (port 5443) that streams from it, and wait until the standby has replayed everything.
// 2. Start the app three times on the primary: one serves the participant page under load; two
//    serve annual reports, one with REPORTS_DATABASE_URL pointing at the replica, one without.
//    With --pin (default) the page's side and the reports' side run on cores of their own.
// 3. Per run, three phases in turn: the page alone, the page while reports run on the replica,
//    the page while the same reports run on the primary. The figures are medians over the runs.
//
// Results go to bench/results/replica-<size>.json and into BENCHMARKS.md. The clusters are stopped
// at the end (by their postmaster pids) unless --keep; their folders are reused by the next run.
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import {
  BENCH_MAIN_PROJECT,
  BENCH_MANAGER,
  BENCH_PASSWORD,
  benchDir,
  gitCommit,
  log,
  machine,
  median,
  rootDir,
  round,
  sizeLabel,
  sleep,
  writeResult,
} from "./common.ts";
import { hammer, type LoadRun, type Probe } from "./page.ts";
import { type RunningServer, signIn, startServer } from "./servers.ts";

const { values: args } = parseArgs({
  options: {
    persons: { type: "string", default: "100000" },
    runs: { type: "string", default: "3" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    "report-concurrency": { type: "string", default: "2" },
    keep: { type: "boolean", default: false },
    fresh: { type: "boolean", default: false },
    pin: { type: "boolean", default: true },
  },
});
const persons = Number(args.persons);
const label = sizeLabel(persons);
const PRIMARY_PORT = 5442;
const STANDBY_PORT = 5443;
const root = join(benchDir, ".data", "replica");
const primaryDir = join(root, "primary");
const standbyDir = join(root, "standby");
const dbName = `stegvis_bench_${label}`;
const primaryUrl = `postgres://postgres@127.0.0.1:${PRIMARY_PORT}/${dbName}`;
const standbyUrl = `postgres://postgres@127.0.0.1:${STANDBY_PORT}/${dbName}`;

// PostgreSQL refuses to run as root; then the clusters belong to the postgres system user.
const asRoot = process.getuid?.() === 0;
const binDir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
function pgTool(tool: string, toolArgs: string[], cpu?: number) {
  let cmd = asRoot ? "runuser" : join(binDir, tool);
  let full = asRoot ? ["-u", "postgres", "--", join(binDir, tool), ...toolArgs] : toolArgs;
  // A cluster started on one core keeps every process it forks there.
  if (cpu !== undefined) [cmd, full] = ["taskset", ["-c", String(cpu), cmd, ...full]];
  const r = spawnSync(cmd, full, { encoding: "utf8", cwd: root });
  if (r.status !== 0) throw new Error(`${tool} ${toolArgs.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
function ownDir(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The postgres user must be able to pass through the folders above.
  if (asRoot) chmodSync(join(dir, ".."), 0o755);
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
}
const running = (dir: string) => existsSync(join(dir, "postmaster.pid"));
const postmasterPid = (dir: string) => Number(readFileSync(join(dir, "postmaster.pid"), "utf8").split("\n")[0]);

function settings(port: number) {
  return [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${root}'`,
    "wal_level = replica",
    "max_wal_senders = 4",
    "hot_standby = on",
    "shared_buffers = 256MB",
    "max_connections = 100",
    "",
  ].join("\n");
}

/**
 * With --pin (the default on a machine of two or more cores) the page's side — the primary, the
 * app serving the page and the load tool — runs on the first core, and the reports' side — the
 * standby and both report-serving apps — on the second. Reports on the replica then leave the
 * page's core alone, while reports on the primary run their queries in the primary's backends
 * on the page's core: the comparison shows what moving reports to a replica takes off the primary,
 * which on one shared pair of cores it could not.
 */
const pinned = args.pin && availableParallelism() >= 2;
const PAGE_CPU = 0;
const REPORT_CPU = 1;
function startCluster(dir: string, cpu?: number) {
  if (running(dir)) pgTool("pg_ctl", ["-D", dir, "-m", "fast", "-w", "stop"]);
  pgTool("pg_ctl", ["-D", dir, "-l", join(dir, "server.log"), "-w", "start"], pinned ? cpu : undefined);
}
/** Keep a running process, every thread of it, on one core. */
function pin(pid: number, cpu: number) {
  if (!pinned) return;
  const r = spawnSync("taskset", ["-a", "-p", "-c", String(cpu), String(pid)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`taskset of ${pid} failed: ${r.stderr}`);
}

async function connect(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

async function hasData(): Promise<boolean> {
  try {
    const c = await connect(primaryUrl);
    try {
      const n = (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM persons")).rows[0]?.n ?? 0;
      return Math.abs(n - persons) <= persons * 0.01;
    } finally {
      await c.end();
    }
  } catch {
    return false;
  }
}

async function setUp() {
  if (args.fresh && existsSync(root)) {
    for (const dir of [primaryDir, standbyDir]) if (running(dir)) pgTool("pg_ctl", ["-D", dir, "-m", "fast", "-w", "stop"]);
    rmSync(root, { recursive: true, force: true });
  }
  ownDir(root);
  if (!existsSync(join(primaryDir, "PG_VERSION"))) {
    log("replica: initdb of the primary");
    ownDir(primaryDir);
    pgTool("initdb", ["-D", primaryDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
    appendFileSync(join(primaryDir, "postgresql.conf"), settings(PRIMARY_PORT));
    appendFileSync(join(primaryDir, "pg_hba.conf"), "host replication postgres 127.0.0.1/32 trust\n");
  }
  startCluster(primaryDir, PAGE_CPU);
  if (!(await hasData())) {
    log(`replica: filling the primary with ${persons} persons`);
    const r = spawnSync(process.execPath, ["--import", "tsx", join(benchDir, "data.ts"), "--persons", String(persons), "--database-url", primaryUrl], {
      cwd: rootDir,
      stdio: "inherit",
    });
    if (r.status !== 0) throw new Error("bench:data failed on the primary");
    // A standby taken before the data would have to replay it all; take a new one.
    if (existsSync(standbyDir)) {
      if (running(standbyDir)) pgTool("pg_ctl", ["-D", standbyDir, "-m", "fast", "-w", "stop"]);
      rmSync(standbyDir, { recursive: true, force: true });
    }
  }
  if (!existsSync(join(standbyDir, "PG_VERSION"))) {
    log("replica: base backup into the standby");
    ownDir(standbyDir);
    pgTool("pg_basebackup", ["-h", "127.0.0.1", "-p", String(PRIMARY_PORT), "-U", "postgres", "-D", standbyDir, "-R", "-X", "stream", "-c", "fast"]);
    // The copied settings name the primary's port; the standby listens on its own.
    appendFileSync(join(standbyDir, "postgresql.conf"), `port = ${STANDBY_PORT}\n`);
    rmSync(join(standbyDir, "server.log"), { force: true });
  }
  startCluster(standbyDir, REPORT_CPU);
  await waitForReplay();
}

/** Until the standby has replayed everything the primary has written. */
async function waitForReplay(timeoutMs = 300_000): Promise<number> {
  const p = await connect(primaryUrl);
  const s = await connect(standbyUrl);
  try {
    const inRecovery = (await s.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r")).rows[0]?.r;
    if (!inRecovery) throw new Error("the standby is not in recovery: it is not a replica");
    const t0 = Date.now();
    for (;;) {
      const target = (await p.query<{ l: string }>("SELECT pg_current_wal_lsn()::text AS l")).rows[0]?.l;
      const lag = (await s.query<{ b: string }>("SELECT (pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()))::text AS b", [target])).rows[0]?.b;
      if (Number(lag) <= 0) return Date.now() - t0;
      if (Date.now() - t0 > timeoutMs) throw new Error(`the standby is still ${lag} bytes behind`);
      await sleep(200);
    }
  } finally {
    await p.end();
    await s.end();
  }
}

function stopClusters() {
  for (const dir of [standbyDir, primaryDir]) {
    if (!running(dir)) continue;
    const pid = postmasterPid(dir);
    pgTool("pg_ctl", ["-D", dir, "-m", "fast", "-w", "stop"]);
    log(`replica: stopped the cluster in ${dir.slice(rootDir.length + 1)} (pid ${pid})`);
  }
}

/** Annual reports, `concurrency` at a time, until stopped; how many were served and their median time. */
function reportLoad(server: RunningServer, cookie: string, projectId: string, concurrency: number) {
  let stop = false;
  const times: number[] = [];
  const url = `${server.url}/api/projects/${projectId}/reports/annual?from=2025-01-01&to=2025-12-31`;
  const loops = Array.from({ length: concurrency }, async () => {
    while (!stop) {
      const t0 = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`annual report answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
      times.push(performance.now() - t0);
    }
  });
  return async () => {
    stop = true;
    await Promise.all(loops);
    return { reports: times.length, medianMs: round(median(times), 0) };
  };
}

type Phase = "alone" | "reportsOnReplica" | "reportsOnPrimary";
interface PhaseRun extends LoadRun {
  reports: number;
  reportMedianMs: number | null;
}

export interface ReplicaResult {
  persons: number;
  label: string;
  date: string;
  commit: string;
  machine: ReturnType<typeof machine>;
  postgres: string;
  connections: number;
  durationSeconds: number;
  reportConcurrency: number;
  /** Whether the page's side and the reports' side ran on cores of their own. */
  pinned: boolean;
  catchUpMs: number;
  sameReport: boolean;
  phases: Record<Phase, { runs: PhaseRun[]; reqPerSec: number; p99Ms: number; p50Ms: number; reportsPerRun: number | null; reportMedianMs: number | null }>;
  loadAverage: { before: number[]; after: number[] };
}

async function main() {
  await setUp();
  const catchUpMs = await waitForReplay();
  const p = await connect(primaryUrl);
  const version = (await p.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? "unknown";
  const projectId = (await p.query<{ id: string }>("SELECT id FROM projects WHERE slug = $1", [BENCH_MAIN_PROJECT])).rows[0]?.id;
  if (!projectId) throw new Error(`no project ${BENCH_MAIN_PROJECT} on the primary`);
  const ids = (await p.query<{ id: string }>("SELECT id FROM enrolments ORDER BY random() LIMIT 20000")).rows.map((r) => r.id);
  const probe: Probe = async () => new Map();

  const before = loadavg().map((x) => round(x, 2));
  const pageApp = await startServer("app", { DATABASE_URL: primaryUrl, NODE_ENV: "production" });
  const viaReplica = await startServer("app", { DATABASE_URL: primaryUrl, REPORTS_DATABASE_URL: standbyUrl, NODE_ENV: "production" });
  const viaPrimary = await startServer("app", { DATABASE_URL: primaryUrl, NODE_ENV: "production" });
  pin(process.pid, PAGE_CPU);
  pin(pageApp.pid, PAGE_CPU);
  pin(viaReplica.pid, REPORT_CPU);
  pin(viaPrimary.pid, REPORT_CPU);
  try {
    const page = await signIn(pageApp.url, BENCH_MANAGER, BENCH_PASSWORD);
    const rep = await signIn(viaReplica.url, BENCH_MANAGER, BENCH_PASSWORD);
    const prim = await signIn(viaPrimary.url, BENCH_MANAGER, BENCH_PASSWORD);
    const annual = async (server: RunningServer, cookie: string) => {
      const res = await fetch(`${server.url}/api/projects/${projectId}/reports/annual?from=2025-01-01&to=2025-12-31`, { headers: { cookie } });
      const body = (await res.json()) as { summary: unknown; tables: unknown };
      return JSON.stringify([body.summary, body.tables]);
    };
    const sameReport = (await annual(viaReplica, rep.cookie)) === (await annual(viaPrimary, prim.cookie));
    if (!sameReport) throw new Error("the report from the replica differs from the one from the primary");

    const connections = Number(args.connections);
    const duration = Number(args.duration);
    const concurrency = Number(args["report-concurrency"]);
    log("replica: warming up");
    await hammer(pageApp, probe, ids, { cookie: page.cookie }, connections, 3);
    const runs: Record<Phase, PhaseRun[]> = { alone: [], reportsOnReplica: [], reportsOnPrimary: [] };
    const phases: Phase[] = ["alone", "reportsOnReplica", "reportsOnPrimary"];
    for (let i = 0; i < Number(args.runs); i++) {
      // Rotate the order so a slow spell of the machine does not always hit the same phase.
      for (const phase of [...phases.slice(i % 3), ...phases.slice(0, i % 3)]) {
        const stopReports =
          phase === "reportsOnReplica"
            ? reportLoad(viaReplica, rep.cookie, projectId, concurrency)
            : phase === "reportsOnPrimary"
              ? reportLoad(viaPrimary, prim.cookie, projectId, concurrency)
              : null;
        const run = await hammer(pageApp, probe, ids, { cookie: page.cookie }, connections, duration);
        const served = stopReports ? await stopReports() : null;
        if (run.non2xx || run.errors) throw new Error(`the page answered ${run.non2xx} non-2xx and ${run.errors} errors`);
        runs[phase].push({ ...run, reports: served?.reports ?? 0, reportMedianMs: served?.medianMs ?? null });
        log(
          `replica run ${i + 1} ${phase.padEnd(16)} page ${run.reqPerSec} req/s, p99 ${run.p99Ms} ms${served ? `; ${served.reports} reports, median ${served.medianMs} ms` : ""}`,
        );
      }
    }
    const summary = (list: PhaseRun[], withReports: boolean) => ({
      runs: list,
      reqPerSec: median(list.map((r) => r.reqPerSec)),
      p99Ms: median(list.map((r) => r.p99Ms)),
      p50Ms: median(list.map((r) => r.p50Ms)),
      reportsPerRun: withReports ? median(list.map((r) => r.reports)) : null,
      reportMedianMs: withReports ? median(list.map((r) => r.reportMedianMs ?? 0)) : null,
    });
    const result: ReplicaResult = {
      persons,
      label,
      date: new Date().toISOString(),
      commit: gitCommit(),
      machine: machine(),
      postgres: version,
      connections,
      durationSeconds: duration,
      reportConcurrency: concurrency,
      pinned,
      catchUpMs,
      sameReport,
      phases: {
        alone: summary(runs.alone, false),
        reportsOnReplica: summary(runs.reportsOnReplica, true),
        reportsOnPrimary: summary(runs.reportsOnPrimary, true),
      },
      loadAverage: { before, after: loadavg().map((x) => round(x, 2)) },
    };
    writeResult(`replica-${label}${pinned ? "" : "-shared"}`, result);
    log(`replica: results in bench/results/replica-${label}${pinned ? "" : "-shared"}.json`);
  } finally {
    await pageApp.stop();
    await viaReplica.stop();
    await viaPrimary.stop();
    await p.end();
    if (!args.keep) stopClusters();
  }
}

await main();
