// Writes BENCHMARKS.md from the stored results (bench/results/*.json) and the hand-written
// analysis in bench/notes.md, so the figures and the file never disagree.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AnnualResult } from "./annual.ts";
import type { CaseloadResult } from "./caseload.ts";
import { benchDir, formatFiles, type Machine, readResults, rootDir } from "./common.ts";
import type { ImportResult } from "./import.ts";
import type { LcpResult } from "./lcp.ts";
import type { PagePgliteResult, PageResult } from "./page.ts";
import type { ReplicaResult } from "./replica.ts";
import type { StartupResult, WebResult } from "./startup.ts";

type Measured<T> = T & { measuredAt: string };

export interface RunResult {
  kind: "run";
  label: string;
  persons: number;
  date: string;
  commit: string;
  machine: Machine;
  postgres: string;
  counts: Record<string, number>;
  page?: Measured<PageResult>;
  pagePglite?: Measured<PagePgliteResult>;
  caseload?: Measured<CaseloadResult>;
  /** The same caseload measured against `stegvis start` on the embedded database. */
  caseloadPglite?: Measured<CaseloadResult>;
  annual?: Measured<AnnualResult>;
  import?: Measured<ImportResult>;
  startup?: Measured<StartupResult>;
  web?: Measured<WebResult>;
  lcp?: Measured<LcpResult>;
}

interface LoadResult {
  driver: "postgres" | "pglite";
  persons: number;
  label: string;
  date: string;
  machine: Machine;
  totalRows: number;
  rows: Record<string, number>;
  seconds: { total: number; setup: number; load: number; generate: number; waitForRows: number; copy: number; indexes: number; analyze: number };
  rowsPerSecond: { copy: number; endToEnd: number };
  sizeMb: number | null;
  peakRssMb: number;
}

const n = (x: number) => Math.round(x).toLocaleString("en");
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
const pct = (x: number) => `${Math.round(x * 100)} %`;
const day = (iso: string) => iso.slice(0, 10);
const verdict = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "met" : "**missed**");

const goalCaseloadMs = 50;
const goalImportMs = 10_000;
const seconds = (x: number) => `${(x / 1000).toFixed(x < 10_000 ? 2 : 1)} s`;
const goalStartupMs = 3000;
const goalJsKb = 300;
const goalRssMb = 300;

function goals(r: RunResult | undefined): string[] {
  const page = r?.page;
  const search = r?.caseload?.scenarios[0];
  const size = r ? `${n(r.persons)} persons` : "";
  const rows = [
    "| figure | measured (median) | ceiling beside it (median) | ratio | goal | |",
    "|---|---|---|---|---|---|",
    page
      ? `| participant page, req/s (${size}) | ${n(page.app.reqPerSec)} | ${n(page.ceiling.reqPerSec)} | ${pct(page.reqPerSecRatio)} | ≥ 50 % of the ceiling | ${verdict(page.reqPerSecRatio >= 0.5)} |`
      : "| participant page, req/s | — | — | — | ≥ 50 % of the ceiling | not measured |",
    page
      ? `| participant page, p99 latency (${size}) | ${ms(page.app.p99Ms)} | ${ms(page.ceiling.p99Ms)} | ${page.p99Ratio.toFixed(2)}× | ≤ 2× the ceiling's | ${verdict(page.p99Ratio <= 2)} |`
      : "| participant page, p99 latency | — | — | — | ≤ 2× the ceiling's | not measured |",
    search
      ? `| caseload, filter + search + page, p95 (${size}) | ${ms(search.app.p95Ms)} | ${ms(search.raw.p95Ms)} | ${search.p95Ratio.toFixed(2)}× | < ${goalCaseloadMs} ms | ${verdict(search.app.p95Ms < goalCaseloadMs)} |`
      : `| caseload, filter + search + page, p95 | — | — | — | < ${goalCaseloadMs} ms | not measured |`,
    r?.annual
      ? `| annual report, all tables (${size}) | ${ms(r.annual.app.medianMs)} | ${ms(r.annual.sql.medianMs)} | ${r.annual.ratio.toFixed(2)}× | < 1 s; ≤ 1.5× the SQL | ${verdict(r.annual.app.medianMs < 1000 && r.annual.ratio <= 1.5)} |`
      : "| annual report, all tables | — | hand-written SQL | — | < 1 s at 100k; ≤ 1.5× the SQL | not measured |",
    r?.import
      ? `| import of ${n(r.import.enrolments)} enrolments (XLSX), \`stegvis import\` start to exit (${size}) | ${seconds(r.import.app.medianMs)} | COPY of the same rows: ${seconds(r.import.copy.medianMs)} | ${r.import.ratio.toFixed(1)}× | < 10 s | ${verdict(r.import.app.medianMs < goalImportMs)} |`
      : "| import of 10,000 enrolments (XLSX) | — | COPY of the same rows | — | < 10 s | not measured |",
    r?.startup
      ? `| \`npm start\` on existing data until /api/health answers (PGlite, ${r.startup.dataMb} MB) | ${ms(r.startup.medianMs)} | — | — | < 3 s | ${verdict(r.startup.medianMs < goalStartupMs)} |`
      : "| `npm start` on existing data (PGlite) | — | — | — | < 3 s | not measured |",
    r?.web
      ? `| web app initial JavaScript, gzip | ${r.web.jsGzipKb} KB | — | — | ≤ ${goalJsKb} KB | ${verdict(r.web.jsGzipKb <= goalJsKb)} |`
      : `| web app initial JavaScript, gzip | — | — | — | ≤ ${goalJsKb} KB | not measured |`,
    r?.lcp
      ? `| caseload page Largest Contentful Paint, headless Chromium, cold cache (${size}) | ${ms(r.lcp.lcpMs)} | — | — | < 1.5 s | ${verdict(r.lcp.lcpMs < 1500)} |`
      : "| caseload page Largest Contentful Paint, headless Chromium | — | — | — | < 1.5 s | not measured |",
    page
      ? `| server memory under the participant-page load (peak RSS) | ${page.memory.peakRssMb} MB | — | — | < ${goalRssMb} MB | ${verdict(page.memory.peakRssMb < goalRssMb)} |`
      : `| server memory under load | — | — | — | < ${goalRssMb} MB | not measured |`,
  ];
  return rows;
}

function pageSection(runs: RunResult[]): string[] {
  const with_ = runs.filter((r) => r.page);
  if (!with_.length && !runs.some((r) => r.pagePglite)) return [];
  const out = [
    "## Participant page under load",
    "",
    "`GET /api/enrolments/:id` over 20,000 random enrolment ids, 50 connections, autocannon in the benchmark process. **App**: `stegvis start` as installed (`NODE_ENV=production`, PostgreSQL, one request log line at its default level `info`), signed in as a manager of every project: the session (kept for two seconds, so mostly without a statement), the access check, the page's one statement — the enrolment with intake, coach, incomes, consents, extensions and pauses, the person, the person's other periods in the project, the current plan, the activities and the open new-planning tasks — the presentation in JavaScript, response validation, and the `person.read` row of the audit log, committed before the answer (together with the rows of concurrent requests, one insert and one commit for several). **Ceiling**: a bare Fastify route with no plugins, session or audit that runs one prepared `pg` statement returning the same rows as JSON built by PostgreSQL (`bench/ceiling.ts`). Both use a pool of 10 connections. Runs alternate between the two; each figure is the median of the runs.",
    "",
    "| persons | app req/s | ceiling req/s | app ÷ ceiling | app p99 | ceiling p99 | app p99 ÷ ceiling p99 | app p50 | ceiling p50 | runs × s | audit rows written | app RSS idle → peak | load average before → after | measured |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of with_) {
    const p = r.page as Measured<PageResult>;
    out.push(
      `| ${n(r.persons)} | ${n(p.app.reqPerSec)} | ${n(p.ceiling.reqPerSec)} | ${pct(p.reqPerSecRatio)} | ${ms(p.app.p99Ms)} | ${ms(p.ceiling.p99Ms)} | ${p.p99Ratio.toFixed(2)}× | ${ms(p.app.p50Ms)} | ${ms(p.ceiling.p50Ms)} | ${p.app.runs.length} × ${p.durationSeconds} | ${n(p.auditRowsWritten)} | ${p.memory.rssIdleMb} → ${p.memory.peakRssMb} MB | ${p.loadAverage.before[0]} → ${p.loadAverage.after[0]} | ${day(p.measuredAt)} |`,
    );
  }
  out.push(
    "",
    "Cost per request (medians over the runs): CPU time of the server process and of the database backends divided by the requests served; statements sent to the database for one page (the app's counted through a logging database handle on 20 pages).",
    "",
    "| persons | app: server CPU | app: database CPU | app: statements | ceiling: server CPU | ceiling: database CPU | ceiling: statements |",
    "|---|---|---|---|---|---|---|",
  );
  const cpu = (x: number | null | undefined) => (x == null ? "—" : `${x.toFixed(2)} ms`);
  for (const r of with_) {
    const p = r.page as Measured<PageResult>;
    out.push(
      `| ${n(r.persons)} | ${cpu(p.app.serverCpuMs)} | ${cpu(p.app.dbCpuMs)} | ${p.appStatements ?? "—"} | ${cpu(p.ceiling.serverCpuMs)} | ${cpu(p.ceiling.dbCpuMs)} | 1 |`,
    );
  }
  out.push("", "Every run (req/s, p99):", "");
  for (const r of with_) {
    const p = r.page as Measured<PageResult>;
    const list = (runs: PageResult["app"]["runs"]) => runs.map((x) => `${n(x.reqPerSec)} / ${ms(x.p99Ms)}`).join("; ");
    out.push(`- ${n(r.persons)} persons — app: ${list(p.app.runs)}; ceiling: ${list(p.ceiling.runs)}`);
  }
  const embedded = runs.filter((r) => r.pagePglite);
  if (embedded.length) {
    out.push(
      "",
      "### On the embedded database (PGlite)",
      "",
      "The same load against `stegvis start` on a PGlite folder made by `bench:data --data-dir`, and against the same ceiling route opening that folder in its own process and running the same statement. PGlite is one connection inside the server process, so requests queue for it, and the database's CPU is part of the server's. One process owns a folder, so the two sides take turns: each run starts its server, warms it up, measures and stops it.",
      "",
      "| persons | app req/s | ceiling req/s | app ÷ ceiling | app p99 | ceiling p99 | app p99 ÷ ceiling p99 | app CPU per request | ceiling CPU per request | app peak RSS | runs × s | load average before → after | measured |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    );
    for (const r of embedded) {
      const p = r.pagePglite as Measured<PagePgliteResult>;
      out.push(
        `| ${n(r.persons)} | ${n(p.app.reqPerSec)} | ${n(p.ceiling.reqPerSec)} | ${pct(p.reqPerSecRatio)} | ${ms(p.app.p99Ms)} | ${ms(p.ceiling.p99Ms)} | ${p.p99Ratio.toFixed(2)}× | ${p.app.serverCpuMs.toFixed(2)} ms | ${p.ceiling.serverCpuMs.toFixed(2)} ms | ${p.memory.peakRssMb} MB | ${p.app.runs.length} × ${p.durationSeconds} | ${p.loadAverage.before[0]} → ${p.loadAverage.after[0]} | ${day(p.measuredAt)} |`,
      );
    }
  }
  return [...out, ""];
}

function caseloadSection(runs: RunResult[]): string[] {
  const measured = runs.flatMap((r) => [r.caseload, r.caseloadPglite].filter((c): c is Measured<CaseloadResult> => c !== undefined).map((c) => ({ r, c })));
  if (!measured.length) return [];
  const out = [
    "## Caseload",
    "",
    "`POST /api/projects/:id/caseload` on the largest project, one request at a time over HTTP against `stegvis start` (session, access check, one caseload statement that counts the matches and joins the page, audit row), signed in as its manager; beside it the same statement hand-written (`bench/caseload.ts`). With a search, the matches are found once, counted, and the page of 50 in Swedish order joined to its details; without one, the total is counted from the enrolments alone and the page read in Swedish order. Searches are what people type: the first three letters of a surname of someone in the project, or the start of surname and first name (`Berg An`). Each run sends every search once to each side; the figure is the median over the runs of each run's p95.",
    "",
    "On PostgreSQL the hand-written statement is sent as a prepared statement through `pg`. On PGlite the app runs with `STEGVIS_DATA_DIR` on the folder made by `bench:data`, and the hand-written statement runs through PGlite inside the benchmark process, on a copy of that folder taken after the app has applied its migrations (an embedded database has one owner), sent unprepared as the app's own PGlite driver sends its statements.",
    "",
    "| persons | database | enrolments in project | scenario | app p95 | SQL p95 | app ÷ SQL | app p50 | SQL p50 | rows matched (mean) | runs × requests | load average before → after | measured |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const { r, c } of measured) {
    const database = c.database === "pglite" ? "PGlite" : "PostgreSQL";
    for (const s of c.scenarios) {
      out.push(
        `| ${n(r.persons)} | ${database} | ${n(c.enrolmentsInProject)} | ${s.name} | ${ms(s.app.p95Ms)} | ${ms(s.raw.p95Ms)} | ${s.p95Ratio.toFixed(2)}× | ${ms(s.app.p50Ms)} | ${ms(s.raw.p50Ms)} | ${n(s.averageTotal)} | ${s.app.p95PerRun.length} × ${s.requestsPerRun} | ${c.loadAverage.before[0]} → ${c.loadAverage.after[0]} | ${day(c.measuredAt)} |`,
      );
    }
  }
  return [...out, ""];
}

function annualSection(runs: RunResult[]): string[] {
  const with_ = runs.filter((r) => r.annual);
  if (!with_.length) return [];
  const out = [
    "## Annual report",
    "",
    "`GET /api/projects/:id/reports/annual` (JSON, all tables, unsuppressed) for the largest project and the last full calendar year, over HTTP against `stegvis start` on PostgreSQL, signed in as its manager, one request at a time; beside it one hand-written statement that computes the scope (counted enrolments active in the period, first and latest per person) once and counts the same tables from it (`bench/annual.ts`), sent as a prepared statement through `pg`. Before timing, both must agree on participants, enrolments and exits. The goal of 1 s is set for 100,000 persons.",
    "",
    "| persons | period | participants in the report | app (median) | SQL (median) | app ÷ SQL | every run, app / SQL | load average before → after | measured |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of with_) {
    const a = r.annual as Measured<AnnualResult>;
    const every = a.app.msPerRun.map((x, i) => `${Math.round(x)} / ${Math.round(a.sql.msPerRun[i] ?? 0)}`).join("; ");
    out.push(
      `| ${n(r.persons)} | ${a.period.from} – ${a.period.to} | ${n(a.participants)} | ${ms(a.app.medianMs)} | ${ms(a.sql.medianMs)} | ${a.ratio.toFixed(2)}× | ${every} ms | ${a.loadAverage.before[0]} → ${a.loadAverage.after[0]} | ${day(a.measuredAt)} |`,
    );
  }
  if (with_.some((r) => r.annual?.during))
    out.push(
      "",
      "The SQL also counts the results-during-the-programme table (persons with an activity of each kind in the period), and before timing the app's table had to agree with it as well as on participants, enrolments and exits.",
    );
  else if (with_.some((r) => r.annual?.withActivities))
    out.push(
      "",
      "The activities table existed in these databases, so the SQL counts the results-during-the-programme table too; the synthetic data of these runs held no activities.",
    );
  return [...out, ""];
}

function importSection(runs: RunResult[]): string[] {
  const with_ = runs.filter((r) => r.import);
  if (!with_.length) return [];
  const out = [
    "## Import",
    "",
    "An XLSX workbook in the import format with 10,000 invented enrolments, one person each (`server/features/imports/invented.ts`, the generator of the import's speed test: Swedish names from faker's Swedish locale, personnummer with valid check digits, intakes every six weeks, referrals, entry incomes, about three in four ended with exit status and exit incomes, a few not counted; no coach, no activities), imported into the PostgreSQL benchmark database as a user runs it: `node bin/stegvis.mjs import --project <new slug> --create-project \"…\" file.xlsx` (`NODE_ENV=production`, the server precompiled as `npm start` leaves it), timed from spawn until the process exits. That includes Node's start, loading the server, the migration check, creating the project with its code lists, reading the workbook, checking every row against the project and the persons already in the organisation, and writing in one transaction: the batch, the intakes, the persons, referrals, enrolments and their incomes, the spreadsheet ids, and one audit entry per person. *Import* is the part the command reports itself (read, check, write; in steps of 0.1 s). **Ceiling**: COPY of the same rows into the same tables of another new project (`bench/import.ts`), in one transaction through pg-copy-streams with commits waiting for the write-ahead log as the app's do, timed from opening the connection to the commit; the rows are prepared in memory beforehand and the project is made before the clock starts. Runs alternate between the two after one untimed run of each, which must write the same number of rows to every table; each run imports into a new empty project, and what it wrote is deleted before the next, so the benchmark data stay as `bench:data` made them.",
    "",
    "| persons in the database | enrolments in the file | file size | app, start to exit (median) | import as the command reports it (median) | COPY (median) | app ÷ COPY | every run, app / COPY | app peak memory | rows written per import | load average before → after | measured |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of with_) {
    const i = r.import as Measured<ImportResult>;
    const every = i.app.msPerRun.map((x, k) => `${n(x)} / ${n(i.copy.msPerRun[k] ?? 0)}`).join("; ");
    const written = Object.values(i.rowsWritten).reduce((a, b) => a + b, 0);
    out.push(
      `| ${n(r.persons)} | ${n(i.enrolments)} | ${(i.fileBytes / 1024 ** 2).toFixed(1)} MB | ${seconds(i.app.medianMs)} | ${seconds(i.app.serviceMedianMs)} | ${seconds(i.copy.medianMs)} | ${i.ratio.toFixed(1)}× | ${every} ms | ${i.app.peakRssMb} MB | ${n(written)} | ${i.loadAverage.before[0]} → ${i.loadAverage.after[0]} | ${day(i.measuredAt)} |`,
    );
  }
  const last = with_.at(-1)?.import;
  if (last)
    out.push(
      "",
      `Rows one import writes: ${Object.entries(last.rowsWritten)
        .map(([t, c]) => `${t} ${n(c)}`)
        .join(", ")} (the audit log includes the entry for creating the project).`,
    );
  return [...out, ""];
}

function startupSection(runs: RunResult[]): string[] {
  const with_ = runs.filter((r) => r.startup);
  if (!with_.length) return [];
  const out = [
    "## Start-up on existing data (PGlite)",
    "",
    "`node bin/stegvis.mjs start` (what `npm start` runs after its prestart step has built the web app and compiled the server into `dist/server/stegvis.mjs`) with `STEGVIS_DATA_DIR` on a folder made by `bench:data`, timed from spawn until `GET /api/health` answers 200, then stopped by its pid; one untimed start comes first (it applies any migration the folder lacks and warms the operating system's file cache). This includes Node start, loading the precompiled server, opening the embedded database, the migration check, the code-list check of every project and building the app.",
    "",
    "| persons in the folder | folder size | PGlite | runs | median | load average before → after | measured |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const r of with_) {
    const s = r.startup as Measured<StartupResult>;
    out.push(
      `| ${n(r.persons)} | ${s.dataMb} MB | ${s.pglite} | ${s.runsMs.map((x) => n(x)).join(", ")} ms | ${ms(s.medianMs)} (fastest ${ms(Math.min(...s.runsMs))}) | ${s.loadAverage ? `${s.loadAverage.before[0]} → ${s.loadAverage.after[0]}` : "—"} | ${day(s.measuredAt)} |`,
    );
  }
  out.push("", "Where the time goes (median of three separate processes, the steps of `stegvis start` timed one by one, after Node itself has started):", "");
  for (const r of with_) {
    const s = r.startup as Measured<StartupResult>;
    if (!s.phasesMs) continue;
    const total = Object.values(s.phasesMs).reduce((a, b) => a + b, 0);
    out.push(
      `- ${n(r.persons)} persons: ${Object.entries(s.phasesMs)
        .map(([k, v]) => `${k} ${n(v)} ms`)
        .join(" · ")} — ${n(total)} ms in all`,
    );
  }
  return [...out, ""];
}

function lcpSection(runs: RunResult[]): string[] {
  const with_ = runs.filter((r) => r.lcp);
  if (!with_.length) return [];
  const out = [
    "## Caseload page in the browser",
    "",
    "Largest Contentful Paint of `/projekt/:id/deltagare` for the largest project, in headless Chromium with a fresh profile each run (nothing cached), signed in as its manager, against `stegvis start` on PostgreSQL with the production build of the web app (`bench/lcp.ts`). One untimed run comes first. The browser reports LCP candidates as it paints; the figure is the last one, read half a second after the first caseload row is in the page.",
    "",
    "| persons | runs | LCP (median) | first row in the page (median) | load average before → after | measured |",
    "|---|---|---|---|---|---|",
  ];
  for (const r of with_) {
    const l = r.lcp as Measured<LcpResult>;
    out.push(
      `| ${n(r.persons)} | ${l.runsMs.map((x) => n(x)).join(", ")} ms | ${ms(l.lcpMs)} | ${ms(l.firstRowMs)} | ${l.loadAverage.before[0]} → ${l.loadAverage.after[0]} | ${day(l.measuredAt)} |`,
    );
  }
  return [...out, ""];
}

function webSection(r: RunResult | undefined): string[] {
  if (!r?.web) return [];
  const w = r.web;
  return [
    "## Web app initial JavaScript",
    "",
    `The entry script and the modules \`web/dist/index.html\` preloads, gzipped at level 9 (build of ${day(w.builtAt)}). Stylesheets, not counted in the goal: ${w.cssGzipKb} KB gzip. Stegvis itself serves these files uncompressed (no compression plugin and no pre-compressed files yet); the gzip figure is what a compressing reverse proxy sends.`,
    "",
    "| file | bytes | gzip bytes |",
    "|---|---|---|",
    ...w.files.map((f) => `| \`${f.file}\` | ${n(f.bytes)} | ${n(f.gzipBytes)} |`),
    `| **total** | ${n(w.jsKb * 1024)} | **${n(w.jsGzipKb * 1024)}** (${w.jsGzipKb} KB) |`,
    "",
  ];
}

function loadSection(loads: LoadResult[]): string[] {
  if (!loads.length) return [];
  const out = [
    "## Data load (`npm run bench:data`)",
    "",
    "Synthetic participants (fictional people with Swedish names from faker's Swedish locale, personnummer with valid check digits, four projects with their default code lists and intakes every six weeks over four years; referrals, enrolments with re-enrolments, exits with exit incomes, extensions, pauses, consents; staff with memberships; an employer network of about one employer per 50 persons, with valid organisation numbers, workplaces, supervisors, contact people and a contact log; per enrolment 0–4 activities — internships and employments placed at those employers, studies, health, job seeking and the like — with workplace follow-ups and the new-planning tasks of ended activities, individual meetings every one to three weeks (at most 20) with their staff and attendance, 0–3 plan revisions, and now and then a journal note) generated in batches of 20,000 persons by a worker thread while the previous batch is loaded with COPY, in one transaction that writes the rows frozen, into tables whose keys, indexes and foreign keys are dropped for the load and built again afterwards. *COPY rows/s* counts the participant tables over the time spent inside COPY; *end to end* is the same rows over the whole load including waiting for the generator and building keys and indexes.",
    "",
    "| persons | database | rows | COPY rows/s | end to end rows/s | generate (waited for) | COPY | keys + indexes | analyze | total | size | loader peak RSS | measured |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const l of loads) {
    const s = l.seconds;
    out.push(
      `| ${n(l.persons)} | ${l.driver === "postgres" ? "PostgreSQL" : "PGlite"} | ${n(l.totalRows)} | ${n(l.rowsPerSecond.copy)} | ${n(l.rowsPerSecond.endToEnd)} | ${s.generate} s (${s.waitForRows ?? "—"} s) | ${s.copy} s | ${s.indexes} s | ${s.analyze} s | ${s.total} s | ${l.sizeMb ?? "—"} MB | ${l.peakRssMb} MB | ${day(l.date)} |`,
    );
  }
  if (loads.some((l) => !l.rows.activities))
    out.push("", "Loads whose rows below hold no activities were made before the generator made activities, meetings, employers, plan revisions and notes.");
  const first = loads.at(-1);
  if (first) {
    const r = first.rows;
    out.push(
      "",
      `Rows per ${n(first.persons)} persons: ${Object.entries(r)
        .map(([t, c]) => `${t} ${n(c)}`)
        .join(", ")}.`,
    );
  }
  return [...out, ""];
}

function replicaSection(results: ReplicaResult[]): string[] {
  if (!results.length) return [];
  const out = [
    "## Reports on a read replica",
    "",
    "`npm run bench:replica -- --persons <n>` (`bench/replica.ts`) starts a PostgreSQL primary and a streaming replica of it on loopback (ports 5442 and 5443, folders in `bench/.data/replica/`), fills the primary with `bench:data` and waits until the replica has replayed it. Three `stegvis start` processes run on the primary: one takes the participant-page load (50 connections, as above); two serve annual reports of the largest project, one with `REPORTS_DATABASE_URL` pointing at the replica and one without. Each run measures the page alone, then beside a stream of annual reports on the replica, then beside the same stream on the primary (the order rotates between runs). Before timing, the report from the replica must equal the one from the primary.",
    "",
    "With _pinned_ runs, the page's side (the primary, the app serving the page, the load tool) runs on the first core and the reports' side (the replica and both report-serving apps) on the second, as if they were two machines: reports on the replica then use only the second core, while reports on the primary run their queries in the primary's backends on the page's core. Unpinned, everything shares both cores, and a report costs the page the same CPU wherever its queries run.",
    "",
    "| persons | cores | page alone, req/s / p99 | page beside reports on the replica | page beside reports on the primary | reports per run (replica / primary) | report median (replica / primary) | reports in flight | runs × s | load average before → after | measured |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of results) {
    const { alone, reportsOnReplica: rep, reportsOnPrimary: prim } = r.phases;
    out.push(
      `| ${n(r.persons)} | ${r.pinned ? "pinned: page side on one, reports side on the other" : "shared"} | ${n(alone.reqPerSec)} / ${ms(alone.p99Ms)} | ${n(rep.reqPerSec)} / ${ms(rep.p99Ms)} (${pct(rep.reqPerSec / alone.reqPerSec)}) | ${n(prim.reqPerSec)} / ${ms(prim.p99Ms)} (${pct(prim.reqPerSec / alone.reqPerSec)}) | ${rep.reportsPerRun} / ${prim.reportsPerRun} | ${ms(rep.reportMedianMs ?? 0)} / ${ms(prim.reportMedianMs ?? 0)} | ${r.reportConcurrency} | ${alone.runs.length} × ${r.durationSeconds} | ${r.loadAverage.before[0]} → ${r.loadAverage.after[0]} | ${day(r.date)} |`,
    );
  }
  out.push("");
  return out;
}

export function renderBenchmarks() {
  const order = (l: string) => Number(l.replace("k", "e3").replace("m", "e6"));
  const runs = readResults<RunResult>("run-").sort((a, b) => order(a.label) - order(b.label));
  const loads = readResults<LoadResult>("load-").sort((a, b) => a.persons - b.persons || a.driver.localeCompare(b.driver));
  const headline = runs.find((r) => r.label === "100k") ?? runs.at(-1);
  const latest = [...runs].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  const m = latest?.machine;
  const notesFile = join(benchDir, "notes.md");
  const notes = existsSync(notesFile) ? readFileSync(notesFile, "utf8").trim() : "";

  const lines = [
    "# Benchmarks",
    "",
    "Measured speed and scale of Stegvis, each figure beside the ceiling it is compared with. This file is written by `npm run bench` (`bench/run.ts`) from the results in `bench/results/`; the analysis at the end comes from `bench/notes.md`. Do not edit the figures by hand.",
    "",
    "```sh",
    "npm run bench:data -- --persons 100000                                      # PostgreSQL database stegvis_bench_100k on 127.0.0.1",
    "npm run bench:data -- --persons 100000 --data-dir bench/.data/pglite-100k  # the same data in an embedded database (start-up and the PGlite figures)",
    "npm run bench -- --persons 100000             # every figure; --only page,page-pglite,caseload,caseload-pglite,annual,import,startup,web,lcp for some, --only report to rewrite this file",
    "```",
    "",
    "`--database-url` points either command at another PostgreSQL server (a database is only reset when its name contains `bench`); `--data-dir` names the embedded database folder, by default `bench/.data/pglite-<size>`. The benchmarks sign in as `bench.ledare@stegvis.demo`, a manager of every benchmark project made by `bench:data`.",
    "",
    "## Machine",
    "",
    m
      ? `${m.cores} cores (${m.cpu}), ${m.memoryGb} GB memory, ${m.os}, Node ${m.node}, PostgreSQL ${latest?.postgres} on the same machine${latest?.startup ? `, PGlite ${latest.startup.pglite}` : ""}. Server, database and load tool share the cores, and other work ran on the machine during the measurements: the load average is recorded beside each figure. Code at commit ${latest?.commit}; last run ${day(latest?.date ?? "")}.`
      : "No run yet.",
    "",
    `## Goals of issue #7${headline ? ` — at ${n(headline.persons)} persons on PostgreSQL` : ""}`,
    "",
    ...goals(headline),
    "",
    ...pageSection(runs),
    ...caseloadSection(runs),
    ...annualSection(runs),
    ...importSection(runs),
    ...startupSection(runs),
    ...webSection(latest?.web ? latest : runs.find((r) => r.web)),
    ...lcpSection(runs),
    ...loadSection(loads),
    ...replicaSection(readResults<ReplicaResult>("replica-")),
    ...(notes ? [notes, ""] : []),
  ];
  const out = join(rootDir, "BENCHMARKS.md");
  writeFileSync(out, lines.join("\n"));
  formatFiles([out]);
}
