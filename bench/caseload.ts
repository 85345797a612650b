// The caseload with filter + search + page: the app's POST /api/projects/:id/caseload over
// HTTP, one request at a time, against hand-written SQL of the same statement sent straight
// through `pg` as a prepared statement.
import { loadavg } from "node:os";
import pg from "pg";
import { todayInSweden } from "../server/features/participants/dates.ts";
import { swedishSortKey } from "../server/features/participants/identity.ts";
import { BENCH_MAIN_PROJECT, BENCH_MANAGER, BENCH_PASSWORD, log, median, percentile, round } from "./common.ts";
import { signIn, startServer } from "./servers.ts";

export interface Scenario {
  name: string;
  body: { status: "active"; q?: string; page: number; pageSize: number };
}

export interface CaseloadResult {
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

const notPausedToday = "NOT EXISTS (SELECT 1 FROM pauses pa WHERE pa.enrolment_id = e.id AND pa.from_date <= $2 AND pa.to_date >= $2)";

/**
 * The app's caseload for status "active" and the given number of search words, hand-written as
 * one prepared statement of the same shape: the matches found once (the plain `%w%` lets the
 * trigram index find candidates), counted, and only the page joined to its details.
 */
function rawQuery(words: number) {
  const search = Array.from({ length: words }, (_, i) => {
    const k = 3 + i * 4;
    return ` AND p.sort_name LIKE $${k} AND (p.sort_name LIKE $${k + 1} OR p.sort_name LIKE $${k + 2} OR p.sort_name LIKE $${k + 3})`;
  }).join("");
  const where = `WHERE e.project_id = $1 AND e.start_date <= $2 AND (e.exit_date IS NULL OR e.exit_date > $2) AND ${notPausedToday}${search}`;
  const n = 3 + words * 4;
  return {
    name: `caseload_${words}`,
    text: `WITH m AS (SELECT e.id, p.sort_name, e.start_date FROM enrolments e JOIN persons p ON p.id = e.person_id ${where}),
                pg AS (SELECT id, sort_name, start_date FROM m ORDER BY sort_name COLLATE "C", start_date DESC, id LIMIT $${n} OFFSET $${n + 1})
           SELECT c.total, r.*
             FROM (SELECT count(*)::int AS total FROM m) c
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

/** The search words as the app folds them, each matched at the start of a name part. */
function searchParams(q: string | undefined): string[] {
  if (!q) return [];
  const words = swedishSortKey(q.trim(), "").replace("\u0001", "").split(/\s+/).filter(Boolean).slice(0, 4);
  return words.flatMap((w) => [`%${w}%`, `${w}%`, `% ${w}%`, `%\u0001${w}%`]);
}

/** What people type: the start of a surname, or the start of surname and first name. */
async function searchTerms(client: pg.Client, projectId: string, n: number): Promise<string[]> {
  const { rows } = await client.query<{ first_name: string; last_name: string }>(
    `SELECT p.first_name, p.last_name FROM enrolments e JOIN persons p ON p.id = e.person_id
      WHERE e.project_id = $1 AND e.exit_date IS NULL ORDER BY random() LIMIT $2`,
    [projectId, n],
  );
  return rows.map((r, i) => (i % 2 === 0 ? r.last_name.slice(0, 3) : `${r.last_name.slice(0, 4)} ${r.first_name.slice(0, 2)}`));
}

export async function measureCaseload(opts: { databaseUrl: string; runs: number; requests: number }): Promise<CaseloadResult> {
  const client = new pg.Client({ connectionString: opts.databaseUrl, options: "-c TimeZone=Europe/Stockholm" });
  await client.connect();
  const project = (await client.query<{ id: string }>("SELECT id FROM projects WHERE slug = $1", [BENCH_MAIN_PROJECT])).rows[0];
  if (!project) throw new Error(`project ${BENCH_MAIN_PROJECT} not found: load the data with bench:data first`);
  const enrolmentsInProject =
    (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM enrolments WHERE project_id = $1", [project.id])).rows[0]?.n ?? 0;
  const terms = await searchTerms(client, project.id, opts.requests);
  const scenarios: { name: string; bodies: Scenario["body"][] }[] = [
    { name: "active + name search, page 2", bodies: terms.map((q) => ({ status: "active", q, page: 2, pageSize: 50 })) },
    { name: "active, no search, page 1", bodies: terms.map(() => ({ status: "active", page: 1, pageSize: 50 })) },
  ];

  const before = loadavg().map((x) => round(x, 2));
  const app = await startServer("app", { DATABASE_URL: opts.databaseUrl, NODE_ENV: "production" });
  try {
    const { cookie, csrf } = await signIn(app.url, BENCH_MANAGER, BENCH_PASSWORD);
    const viaApp = async (body: Scenario["body"]) => {
      const t0 = performance.now();
      const res = await fetch(`${app.url}/api/projects/${project.id}/caseload`, {
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
      const q = rawQuery(params.length / 4);
      const today = todayInSweden();
      const res = await client.query<{ total: number }>({ ...q, values: [project.id, today, ...params, body.pageSize, (body.page - 1) * body.pageSize] });
      return { ms: performance.now() - t0, total: res.rows[0]?.total ?? 0 };
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
        log(`caseload "${s.name}" run ${run + 1}/${opts.runs}: app p95 ${app95.at(-1)} ms, SQL p95 ${raw95.at(-1)} ms`);
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
    return { project: BENCH_MAIN_PROJECT, enrolmentsInProject, scenarios: out, loadAverage: { before, after: loadavg().map((x) => round(x, 2)) } };
  } finally {
    await app.stop();
    await client.end();
  }
}
