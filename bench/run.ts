// npm run bench [-- --persons 100000 --database-url postgres://… --data-dir <PGlite folder>]
//
// Runs the benchmarks on data made by bench:data, stores the figures in
// bench/results/run-<size>.json and rewrites BENCHMARKS.md from every stored result.
// --only page,page-pglite,caseload,caseload-pglite,annual,import,startup,web,lcp runs a subset; the other figures of that size are kept.
// --only report just rewrites BENCHMARKS.md.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { measureAnnual } from "./annual.ts";
import { measureCaseload, measureCaseloadPglite } from "./caseload.ts";
import { defaultDatabaseUrl, defaultDataDir, gitCommit, log, machine, resultsDir, rootDir, sizeLabel, writeResult } from "./common.ts";
import { measureImport } from "./import.ts";
import { measureLcp } from "./lcp.ts";
import { measureParticipantPage, measureParticipantPagePglite } from "./page.ts";
import { type RunResult, renderBenchmarks } from "./report.ts";
import { measureStartup, measureWeb } from "./startup.ts";

const { values: args } = parseArgs({
  options: {
    persons: { type: "string", default: "100000" },
    "database-url": { type: "string" },
    "data-dir": { type: "string" },
    runs: { type: "string", default: "3" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    warmup: { type: "string", default: "3" },
    "caseload-requests": { type: "string", default: "60" },
    "startup-runs": { type: "string", default: "7" },
    "rebuild-web": { type: "boolean", default: false },
    only: { type: "string" },
  },
});
const persons = Number(args.persons);
const label = sizeLabel(persons);
const databaseUrl = args["database-url"] ?? defaultDatabaseUrl(persons);
const dataDir = args["data-dir"] ?? defaultDataDir(persons);
const runs = Number(args.runs);
const only = new Set((args.only ?? "page,page-pglite,caseload,caseload-pglite,annual,import,startup,web,lcp").split(",").map((s) => s.trim()));

if (only.has("report")) {
  renderBenchmarks();
  log("BENCHMARKS.md rewritten from the stored results");
  process.exit(0);
}

const file = join(resultsDir, `run-${label}.json`);
const previous: Partial<RunResult> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};

// What the database holds, and which server it is.
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? "unknown";
const counts: Record<string, number> = {};
for (const t of ["persons", "enrolments", "referrals", "consents", "enrolment_incomes", "extensions", "pauses", "users", "audit_log"]) {
  counts[t] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]?.n ?? 0;
}
await client.end();
if (Math.abs((counts.persons ?? 0) - persons) > persons * 0.01) {
  log(`warning: the database holds ${counts.persons} persons, not ${persons}`);
}
log(`Benchmarks at ${label}: PostgreSQL ${version}, ${counts.persons} persons, ${counts.enrolments} enrolments`);

const now = () => new Date().toISOString();
const result: RunResult = {
  kind: "run",
  label,
  persons: counts.persons ?? persons,
  date: now(),
  commit: gitCommit(),
  machine: machine(),
  postgres: version,
  counts,
  page: previous.page,
  pagePglite: previous.pagePglite,
  caseload: previous.caseload,
  caseloadPglite: previous.caseloadPglite,
  annual: previous.annual,
  import: previous.import,
  startup: previous.startup,
  web: previous.web,
  lcp: previous.lcp,
};

// What was measured is kept even when a later figure fails.
try {
  if (only.has("page")) {
    const page = await measureParticipantPage({
      databaseUrl,
      runs,
      duration: Number(args.duration),
      connections: Number(args.connections),
      warmup: Number(args.warmup),
    });
    result.page = { ...page, measuredAt: now() };
  }
  if (only.has("page-pglite")) {
    if (existsSync(join(dataDir, "PG_VERSION"))) {
      const page = await measureParticipantPagePglite({
        dataDir,
        runs,
        duration: Number(args.duration),
        connections: Number(args.connections),
        warmup: Number(args.warmup),
      });
      result.pagePglite = { ...page, measuredAt: now() };
    } else log(`participant page on PGlite skipped: no embedded database in ${dataDir.replace(`${rootDir}/`, "")} (make one with bench:data --data-dir)`);
  }
  if (only.has("caseload")) {
    const caseload = await measureCaseload({ databaseUrl, runs, requests: Number(args["caseload-requests"]) });
    result.caseload = { ...caseload, measuredAt: now() };
  }
  if (only.has("caseload-pglite")) {
    if (existsSync(join(dataDir, "PG_VERSION"))) {
      const caseload = await measureCaseloadPglite({ dataDir, runs, requests: Number(args["caseload-requests"]) });
      result.caseloadPglite = { ...caseload, measuredAt: now() };
    } else log(`caseload on PGlite skipped: no embedded database in ${dataDir.replace(`${rootDir}/`, "")} (make one with bench:data --data-dir)`);
  }
  if (only.has("annual")) {
    const annual = await measureAnnual({ databaseUrl, runs });
    result.annual = { ...annual, measuredAt: now() };
  }
  if (only.has("import")) {
    const imported = await measureImport({ databaseUrl, runs });
    result.import = { ...imported, measuredAt: now() };
  }
  if (only.has("startup")) {
    if (existsSync(join(dataDir, "PG_VERSION"))) {
      const startup = await measureStartup(dataDir, Number(args["startup-runs"]));
      result.startup = { ...startup, measuredAt: now() };
    } else log(`start-up skipped: no embedded database in ${dataDir.replace(`${rootDir}/`, "")} (make one with bench:data --data-dir)`);
  }
  // The web figure first: it builds the web app when there is none, which the LCP figure needs.
  if (only.has("web")) result.web = { ...measureWeb({ rebuild: args["rebuild-web"] }), measuredAt: now() };
  if (only.has("lcp")) result.lcp = { ...(await measureLcp({ databaseUrl, runs: Math.max(runs, 5) })), measuredAt: now() };
} finally {
  writeResult(`run-${label}`, result);
  renderBenchmarks();
  log("BENCHMARKS.md rewritten");
}
