// The caseload with filter + search + page: the app's POST /api/projects/:id/caseload over
// HTTP, one request at a time, against hand-written SQL of the same statement. On PostgreSQL
// the SQL is sent straight through `pg` as a prepared statement; on PGlite it runs in this
// process on a copy of the app's data folder, since an embedded database has one owner.
import { cpSync, existsSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import pg from "pg";
import { nameWord } from "../server/features/participants/caseload.ts";
import { todayInSweden } from "../server/features/participants/dates.ts";
import { swedishSortKey } from "../server/features/participants/identity.ts";
import { BENCH_MAIN_PROJECT, BENCH_MANAGER, BENCH_PASSWORD, log, median, percentile, round } from "./common.ts";
import { signIn, startServer } from "./servers.ts";

export interface Scenario {
  name: string;
  body: { status: "active"; q?: string; page: number; pageSize: number };
}

export interface CaseloadResult {
  /** Absent in results stored before PGlite was measured: those are PostgreSQL. */
  database?: "postgres" | "pglite";
  project: string;
  enrolmentsInProject: number;
  scenarios: {
    name: string;
    requestsPerRun: number;
    app: { p95PerRun: number[]; p95Ms: number; p50Ms: number };
    raw: { p95PerRun: number[]; p95Ms: number; p50Ms: number };
    p95Ratio: number;
    averageTotal: number;
  }[];
  loadAverage: { before: number[]; after: number[] };
}

/** Where the hand-written statements run: a name lets `pg` prepare them once. */
interface SqlSide {
  query<T>(q: { name: string; text: string }, values: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const filter = `e.project_id = $1 AND e.start_date <= $2 AND coalesce(e.exit_date, 'infinity'::date) > $2
     AND NOT EXISTS (SELECT 1 FROM pauses pa WHERE pa.enrolment_id = e.id AND pa.from_date <= $2 AND pa.to_date >= $2)`;

/**
 * The app's caseload for status "active" and the given number of search words, hand-written as
 * one statement of the same shape. With a search, the matches are found once (the trigram index
 * on name_words finds the persons with a word of the name starting so), counted, and sorted for
 * the page. Without one, the total is counted from the enrolments alone, and the page is the
 * first rows of the same join in Swedish order, which PostgreSQL may read by walking the persons
 * in order. Either way only the page is joined to its details.
 */
function rawQuery(words: number) {
  const search = Array.from({ length: words }, (_, i) => ` AND p.name_words LIKE $${3 + i}`).join("");
  const n = 3 + words;
  const matches = `SELECT e.id, p.sort_name, e.start_date FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE ${filter}${search}`;
  const page = `ORDER BY sort_name COLLATE "C", start_date DESC, id LIMIT $${n} OFFSET $${n + 1}`;
  // The same statement as the app's: with a search `m` is computed once and counted; without
  // one (page 1 of the active list) it is left to the page, and the count reads the enrolments.
  const count = words > 0 ? "SELECT count(*)::int AS total FROM m" : `SELECT count(*)::int AS total FROM enrolments e WHERE ${filter}`;
  const ctes = `m AS ${words > 0 ? "MATERIALIZED " : ""}(${matches}), c AS (${count}), pg AS (SELECT id, sort_name, start_date FROM m ${page})`;
  return {
    name: `caseload_${words}`,
    text: `WITH ${ctes}
           SELECT c.total, r.*
             FROM c
             LEFT JOIN LATERAL (
               SELECT pg.sort_name, e.id AS enrolment_id, p.id AS person_id, p.first_name, p.last_name, p.gender, p.birth_date, i.name AS intake_name,
                      u.name AS coach_name, e.coach_id, e.start_date, e.planned_end_date, e.exit_date, rp.label AS party_label,
                      EXISTS (SELECT 1 FROM pauses pa WHERE pa.enrolment_id = e.id AND pa.from_date <= $2 AND pa.to_date >= $2) AS paused
                 FROM pg
                 JOIN enrolments e ON e.id = pg.id
                 JOIN persons p ON p.id = e.person_id
                 LEFT JOIN intakes i ON i.id = e.intake_id
                 LEFT JOIN users u ON u.id = e.coach_id
                 LEFT JOIN codes rp ON rp.project_id = e.project_id AND rp.list = 'referring_party' AND rp.code = e.referring_party_code
             ) r ON true
            ORDER BY r.sort_name COLLATE "C", r.start_date DESC, r.enrolment_id`,
  };
}

/** The search words as the app folds them, each matched at the start of a word of the name. */
function searchParams(q: string | undefined): string[] {
  if (!q) return [];
  const words = swedishSortKey(q.trim(), "").replace("\u0001", "").split(/\s+/).filter(Boolean).slice(0, 4);
  return words.map((w) => `% ${nameWord(w)}%`);
}

/** What people type: the start of a surname, or the start of surname and first name. */
async function searchTerms(side: SqlSide, projectId: string, n: number): Promise<string[]> {
  const rows = await side.query<{ first_name: string; last_name: string }>(
    {
      name: "caseload_terms",
      text: `SELECT p.first_name, p.last_name FROM enrolments e JOIN persons p ON p.id = e.person_id
              WHERE e.project_id = $1 AND e.exit_date IS NULL ORDER BY random() LIMIT $2`,
    },
    [projectId, n],
  );
  return rows.map((r, i) => (i % 2 === 0 ? r.last_name.slice(0, 3) : `${r.last_name.slice(0, 4)} ${r.first_name.slice(0, 2)}`));
}

/** On PostgreSQL: the app on the database, the SQL through one `pg` connection. */
export async function measureCaseload(opts: { databaseUrl: string; runs: number; requests: number }): Promise<CaseloadResult> {
  const client = new pg.Client({ connectionString: opts.databaseUrl, options: "-c TimeZone=Europe/Stockholm" });
  await client.connect();
  const side: SqlSide = {
    query: async <T>(q: { name: string; text: string }, values: unknown[]) => (await client.query({ ...q, values })).rows as T[],
    close: () => client.end(),
  };
  return measure({ database: "postgres", env: { DATABASE_URL: opts.databaseUrl, NODE_ENV: "production" }, side, ...opts });
}

/**
 * On PGlite: the app with STEGVIS_DATA_DIR on the folder, the SQL through PGlite in this process
 * on a copy of it. One start of the app comes first and is stopped again, so the folder has every
 * migration (and the copy every index) before it is copied. Statements go through PGlite's
 * `query`, unprepared, as the app's own driver sends them.
 */
export async function measureCaseloadPglite(opts: { dataDir: string; runs: number; requests: number }): Promise<CaseloadResult> {
  const dataDir = resolve(opts.dataDir);
  if (!existsSync(join(dataDir, "PG_VERSION"))) throw new Error(`${dataDir} holds no embedded database: run bench:data with --data-dir first`);
  await (await startServer("app", { STEGVIS_DATA_DIR: dataDir }, { timeoutMs: 300_000 })).stop();
  const copy = `${dataDir}.sql-${process.pid}`;
  rmSync(copy, { recursive: true, force: true });
  cpSync(dataDir, copy, { recursive: true });
  try {
    const pglite = await PGlite.create({ dataDir: copy, extensions: { pg_trgm } });
    const side: SqlSide = {
      query: async <T>(q: { name: string; text: string }, values: unknown[]) => (await pglite.query<T>(q.text, values)).rows,
      close: () => pglite.close(),
    };
    return await measure({ database: "pglite", env: { STEGVIS_DATA_DIR: dataDir, NODE_ENV: "production" }, side, ...opts });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

async function measure(opts: {
  database: "postgres" | "pglite";
  env: Record<string, string>;
  side: SqlSide;
  runs: number;
  requests: number;
}): Promise<CaseloadResult> {
  const { side } = opts;
  let app: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const project = (await side.query<{ id: string }>({ name: "caseload_project", text: "SELECT id FROM projects WHERE slug = $1" }, [BENCH_MAIN_PROJECT]))[0];
    if (!project) throw new Error(`project ${BENCH_MAIN_PROJECT} not found: load the data with bench:data first`);
    const enrolmentsInProject =
      (await side.query<{ n: number }>({ name: "caseload_size", text: "SELECT count(*)::int AS n FROM enrolments WHERE project_id = $1" }, [project.id]))[0]
        ?.n ?? 0;
    const terms = await searchTerms(side, project.id, opts.requests);
    const scenarios: { name: string; bodies: Scenario["body"][] }[] = [
      { name: "active + name search, page 2", bodies: terms.map((q) => ({ status: "active", q, page: 2, pageSize: 50 })) },
      { name: "active, no search, page 1", bodies: terms.map(() => ({ status: "active", page: 1, pageSize: 50 })) },
    ];

    const before = loadavg().map((x) => round(x, 2));
    app = await startServer("app", opts.env, { timeoutMs: 300_000 });
    const { cookie, csrf } = await signIn(app.url, BENCH_MANAGER, BENCH_PASSWORD);
    const url = app.url;
    const viaApp = async (body: Scenario["body"]) => {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/projects/${project.id}/caseload`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { total: number };
      if (res.status !== 200) throw new Error(`caseload answered ${res.status}: ${JSON.stringify(json)}`);
      return { ms: performance.now() - t0, total: json.total };
    };
    const viaSql = async (body: Scenario["body"]) => {
      const t0 = performance.now();
      const params = searchParams(body.q);
      const q = rawQuery(params.length);
      const today = todayInSweden();
      const rows = await side.query<{ total: number }>(q, [project.id, today, ...params, body.pageSize, (body.page - 1) * body.pageSize]);
      return { ms: performance.now() - t0, total: rows[0]?.total ?? 0 };
    };

    const out: CaseloadResult["scenarios"] = [];
    for (const s of scenarios) {
      // Warm both paths, and check that they count the same rows.
      for (const body of s.bodies.slice(0, 10)) {
        const [a, b] = [await viaApp(body), await viaSql(body)];
        if (a.total !== b.total) throw new Error(`caseload "${body.q}" counts ${a.total} in the app but ${b.total} in the SQL`);
      }
      const app95: number[] = [];
      const raw95: number[] = [];
      const appAll: number[] = [];
      const rawAll: number[] = [];
      const totals: number[] = [];
      for (let run = 0; run < opts.runs; run++) {
        const a: number[] = [];
        const r: number[] = [];
        for (const body of s.bodies) {
          const x = await viaApp(body);
          a.push(x.ms);
          totals.push(x.total);
          r.push((await viaSql(body)).ms);
        }
        app95.push(round(percentile(a, 95)));
        raw95.push(round(percentile(r, 95)));
        appAll.push(...a);
        rawAll.push(...r);
        log(`caseload (${opts.database}) "${s.name}" run ${run + 1}/${opts.runs}: app p95 ${app95.at(-1)} ms, SQL p95 ${raw95.at(-1)} ms`);
      }
      const appP95 = median(app95);
      const rawP95 = median(raw95);
      out.push({
        name: s.name,
        requestsPerRun: s.bodies.length,
        app: { p95PerRun: app95, p95Ms: appP95, p50Ms: round(percentile(appAll, 50)) },
        raw: { p95PerRun: raw95, p95Ms: rawP95, p50Ms: round(percentile(rawAll, 50)) },
        p95Ratio: round(appP95 / rawP95, 2),
        averageTotal: Math.round(totals.reduce((x, y) => x + y, 0) / totals.length),
      });
    }
    return {
      database: opts.database,
      project: BENCH_MAIN_PROJECT,
      enrolmentsInProject,
      scenarios: out,
      loadAverage: { before, after: loadavg().map((x) => round(x, 2)) },
    };
  } finally {
    await app?.stop();
    await side.close();
  }
}
