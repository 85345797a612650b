// The annual report, all tables, for the largest project and the last full calendar year:
// the app's GET /api/projects/:id/reports/annual over HTTP against one hand-written SQL
// statement that counts the same tables from the same scope, computed once.
import { loadavg } from "node:os";
import pg from "pg";
import { BENCH_MAIN_PROJECT, BENCH_MANAGER, BENCH_PASSWORD, log, median, round } from "./common.ts";
import { signIn, startServer } from "./servers.ts";

export interface AnnualResult {
  project: string;
  period: { from: string; to: string };
  participants: number;
  runsPerSide: number;
  app: { msPerRun: number[]; medianMs: number };
  sql: { msPerRun: number[]; medianMs: number };
  ratio: number;
  /** True when the hand-written SQL also counts the activity table (present once activities exist). */
  withActivities: boolean;
  /** Persons per activity category in the period (results during the programme), as both sides counted them. */
  during?: Record<string, number>;
  loadAverage: { before: number[]; after: number[] };
}

/** Scope as the report defines it: counted enrolments active in the period; first and latest per person. */
const scope = `
WITH e AS MATERIALIZED (
  SELECT en.id, en.person_id, en.project_id, en.intake_id, en.start_date, en.exit_date, en.exit_final, en.exit_status_code, en.education_level_code,
         en.education_completed, en.has_had_employment, en.has_had_internship, en.main_income_code, en.referring_party_code, p.gender
    FROM enrolments en JOIN persons p ON p.id = en.person_id
   WHERE en.project_id = $1 AND en.start_date <= $3::date AND (en.exit_date IS NULL OR en.exit_date >= $2::date) AND NOT en.not_counted
),
first AS MATERIALIZED (SELECT DISTINCT ON (person_id) * FROM e ORDER BY person_id, start_date, id),
latest AS MATERIALIZED (SELECT DISTINCT ON (person_id) * FROM e ORDER BY person_id, start_date DESC, id DESC),
exited AS (SELECT person_id FROM latest WHERE exit_final AND exit_date BETWEEN $2::date AND $3::date),
spans AS (
  SELECT en.person_id,
         (en.exit_date - en.start_date + 1)
         - COALESCE((SELECT sum(GREATEST(0, LEAST(pa.to_date, en.exit_date) - GREATEST(pa.from_date, en.start_date) + 1))
                       FROM pauses pa WHERE pa.enrolment_id = en.id), 0) AS days
    FROM enrolments en JOIN exited x ON x.person_id = en.person_id
   WHERE en.project_id = $1 AND NOT en.not_counted AND en.exit_date IS NOT NULL AND en.start_date <= $3::date
),
days AS (SELECT person_id, sum(days) AS days FROM spans GROUP BY person_id)`;

/** The columns of the app's table "results during the programme", in its order. */
const DURING = ["anstallning", "praktik", "studier", "friskvard"];

const agg = (select: string) => `(SELECT coalesce(json_agg(t), '[]') FROM (${select}) t)`;

function annualSql(withActivities: boolean): string {
  const during = withActivities
    ? `'during', ${agg(`SELECT e.gender, c.national_category AS code, count(DISTINCT e.person_id)::int AS n
         FROM e JOIN activities a ON a.enrolment_id = e.id
         JOIN codes c ON c.project_id = e.project_id AND c.list = 'activity_type' AND c.code = a.type_code
        WHERE a.status <> 'planned' AND a.start_date <= $3::date AND (a.end_date IS NULL OR a.end_date >= $2::date)
          AND c.national_category IN ('anstallning', 'praktik', 'studier', 'friskvard')
        GROUP BY e.gender, c.national_category`)},`
    : "";
  return `${scope}
SELECT json_build_object(
  'byIntake', ${agg("SELECT gender, intake_id, count(*)::int AS n FROM e GROUP BY gender, intake_id")},
  'education', ${agg("SELECT gender, education_level_code AS code, education_completed AS completed, count(*)::int AS n FROM first GROUP BY 1, 2, 3")},
  'work', ${agg(`SELECT gender, (count(*) FILTER (WHERE has_had_employment))::int AS employment, (count(*) FILTER (WHERE has_had_internship))::int AS internship,
                        (count(*) FILTER (WHERE NOT has_had_employment AND NOT has_had_internship))::int AS neither FROM first GROUP BY gender`)},
  'income', ${agg("SELECT gender, main_income_code AS code, count(*)::int AS n FROM first GROUP BY 1, 2")},
  'party', ${agg("SELECT gender, referring_party_code AS code, count(*)::int AS n FROM first GROUP BY 1, 2")},
  ${during}
  'exits', ${agg("SELECT gender, exit_status_code AS code, count(*)::int AS n FROM latest WHERE exit_final AND exit_date BETWEEN $2::date AND $3::date GROUP BY 1, 2")},
  'temporary', (SELECT count(*)::int FROM latest WHERE exit_final = false AND exit_date BETWEEN $2::date AND $3::date),
  'followed', (SELECT count(DISTINCT e.person_id)::int FROM e JOIN latest l ON l.person_id = e.person_id WHERE e.id <> l.id AND e.exit_date BETWEEN $2::date AND $3::date),
  'time', (SELECT json_build_object('meanMonths', round(avg(days) / 30.4375, 1), 'medianMonths', round((percentile_cont(0.5) WITHIN GROUP (ORDER BY days) / 30.4375)::numeric, 1)) FROM days),
  'extensionsByReason', ${agg("SELECT x.reason_code AS code, count(*)::int AS n FROM extensions x JOIN e ON e.id = x.enrolment_id GROUP BY 1")},
  'extensionPersons', (SELECT count(DISTINCT e.person_id)::int FROM extensions x JOIN e ON e.id = x.enrolment_id),
  'persons', (SELECT count(*)::int FROM first),
  'enrolments', (SELECT count(*)::int FROM e),
  'byGender', ${agg("SELECT gender, count(*)::int AS n FROM first GROUP BY gender")},
  'notCounted', ${agg(`SELECT COALESCE(not_counted_reason, '') AS reason, count(*)::int AS n FROM enrolments en
                        WHERE en.project_id = $1 AND en.start_date <= $3::date AND (en.exit_date IS NULL OR en.exit_date >= $2::date) AND en.not_counted
                        GROUP BY not_counted_reason`)}
)::text AS report`;
}

export async function measureAnnual(opts: { databaseUrl: string; runs: number }): Promise<AnnualResult> {
  const client = new pg.Client({ connectionString: opts.databaseUrl, options: "-c TimeZone=Europe/Stockholm" });
  await client.connect();
  const project = (await client.query<{ id: string }>("SELECT id FROM projects WHERE slug = $1", [BENCH_MAIN_PROJECT])).rows[0];
  if (!project) throw new Error(`project ${BENCH_MAIN_PROJECT} not found: load the data with bench:data first`);
  const withActivities = (await client.query<{ t: string | null }>("SELECT to_regclass('activities')::text AS t")).rows[0]?.t != null;
  const year = new Date().getFullYear() - 1;
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const statement = { name: "annual_report_ceiling", text: annualSql(withActivities), values: [project.id, period.from, period.to] };

  const before = loadavg().map((x) => round(x, 2));
  const app = await startServer("app", { DATABASE_URL: opts.databaseUrl, NODE_ENV: "production" });
  try {
    const { cookie } = await signIn(app.url, BENCH_MANAGER, BENCH_PASSWORD);
    const viaApp = async () => {
      const t0 = performance.now();
      const res = await fetch(`${app.url}/api/projects/${project.id}/reports/annual?from=${period.from}&to=${period.to}`, { headers: { cookie } });
      const body = (await res.json()) as {
        summary: { uniqueParticipants: number; enrolments: number; exited: number };
        tables: { id: string; rows: { values: number[] }[] }[];
      };
      if (res.status !== 200) throw new Error(`annual report answered ${res.status}: ${JSON.stringify(body)}`);
      // The total row of the activity table: persons per category, in the order of DURING.
      const total = body.tables.find((t) => t.id === "results_during")?.rows.at(-1)?.values ?? [];
      const during = Object.fromEntries(DURING.map((c, i) => [c, total[i] ?? 0]));
      return { ms: performance.now() - t0, summary: { ...body.summary, during } };
    };
    const viaSql = async () => {
      const t0 = performance.now();
      const { rows } = await client.query<{ report: string }>(statement);
      const r = JSON.parse(rows[0]?.report ?? "{}") as { persons: number; enrolments: number; exits: { n: number }[]; during?: { code: string; n: number }[] };
      const during = Object.fromEntries(DURING.map((c) => [c, (r.during ?? []).filter((x) => x.code === c).reduce((a, x) => a + x.n, 0)]));
      return {
        ms: performance.now() - t0,
        summary: { uniqueParticipants: r.persons, enrolments: r.enrolments, exited: r.exits.reduce((a, x) => a + x.n, 0), during },
      };
    };
    // One of each to warm up, and to check that both count the same people and, with activities, the same results during the programme.
    const [a, s] = [await viaApp(), await viaSql()];
    const key = (x: { uniqueParticipants: number; enrolments: number; exited: number }) => `${x.uniqueParticipants}/${x.enrolments}/${x.exited}`;
    if (key(a.summary) !== key(s.summary))
      throw new Error(`annual report and SQL disagree on participants/enrolments/exits: ${key(a.summary)} vs ${key(s.summary)}`);
    const activities = (x: { during: Record<string, number> }) => DURING.map((c) => x.during[c]).join("/");
    if (withActivities && activities(a.summary) !== activities(s.summary))
      throw new Error(
        `annual report and SQL disagree on results during the programme (${DURING.join("/")}): ${activities(a.summary)} vs ${activities(s.summary)}`,
      );
    const appMs: number[] = [];
    const sqlMs: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      appMs.push(round((await viaApp()).ms));
      sqlMs.push(round((await viaSql()).ms));
      log(`annual report run ${i + 1}/${opts.runs}: app ${appMs.at(-1)} ms, SQL ${sqlMs.at(-1)} ms`);
    }
    const appMedian = median(appMs);
    const sqlMedian = median(sqlMs);
    return {
      project: BENCH_MAIN_PROJECT,
      period,
      participants: a.summary.uniqueParticipants,
      runsPerSide: opts.runs,
      app: { msPerRun: appMs, medianMs: appMedian },
      sql: { msPerRun: sqlMs, medianMs: sqlMedian },
      ratio: round(appMedian / sqlMedian, 2),
      withActivities,
      ...(withActivities && { during: a.summary.during }),
      loadAverage: { before, after: loadavg().map((x) => round(x, 2)) },
    };
  } finally {
    await app.stop();
    await client.end();
  }
}
