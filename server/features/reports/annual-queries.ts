import { type RawBuilder, sql } from "kysely";
import type { Db } from "../../db/client.ts";

export interface Scope {
  projectId: string;
  from: string;
  to: string;
  intakeId?: string;
  teamId?: string;
}

/**
 * The enrolments a report counts: active at any time in the period (start ≤ period end and no
 * exit or exit ≥ period start), in the project, narrowed by intake and team, and not marked
 * "not counted in statistics". `first` is each person's first such enrolment (background tables),
 * `latest` their latest (outcome tables).
 */
function withScope(s: Scope): RawBuilder<unknown> {
  return sql`
    WITH e AS (
      SELECT en.*, p.gender
      FROM enrolments en JOIN persons p ON p.id = en.person_id
      WHERE en.project_id = ${s.projectId}
        AND en.start_date <= ${s.to}::date
        AND (en.exit_date IS NULL OR en.exit_date >= ${s.from}::date)
        AND NOT en.not_counted
        ${s.intakeId ? sql`AND en.intake_id = ${s.intakeId}` : sql``}
        ${s.teamId ? sql`AND en.team_id = ${s.teamId}` : sql``}
    ),
    first AS (SELECT DISTINCT ON (person_id) * FROM e ORDER BY person_id, start_date, id),
    latest AS (SELECT DISTINCT ON (person_id) * FROM e ORDER BY person_id, start_date DESC, id DESC)`;
}

const rows = async <T>(db: Db, q: RawBuilder<T>) => (await q.execute(db)).rows;

export interface AnnualCounts {
  byIntake: { gender: string; intake_id: string | null; n: number }[];
  education: { gender: string; code: string | null; completed: boolean | null; n: number }[];
  work: { gender: string; employment: number; internship: number; neither: number }[];
  income: { gender: string; code: string | null; n: number }[];
  party: { gender: string; code: string | null; n: number }[];
  /** Persons per activity category with at least one started activity of it overlapping the period. */
  during: { gender: string; code: string; n: number }[];
  /** Persons whose latest enrolment in the period ended with a final exit inside the period. */
  exits: { gender: string; code: string; n: number }[];
  /** What the exit table leaves out: latest enrolment ends with a temporary exit in the period; an exit followed by a new enrolment. */
  exclusions: { temporary: number; followed: number };
  /** Days in the programme of each person with a final exit in the period. */
  days: number[];
  extensions: { byReason: { code: string; n: number }[]; persons: number };
  totals: { persons: number; enrolments: number };
  byGender: { gender: string; n: number }[];
  /** Enrolments in the period marked "not counted in statistics", per reason. */
  notCounted: { reason: string; n: number }[];
}

const list = (select: RawBuilder<unknown>) => sql`(SELECT coalesce(json_agg(t), '[]'::json) FROM (${select}) t)`;

/**
 * Every count of the annual report in one statement: the scope is computed once (materialised),
 * and each table's counts are aggregated from it into one JSON object.
 *
 * - Background tables (education, work, income, referring party) count each person's first
 *   enrolment in the period; outcome tables (exits) their latest.
 * - Results during the programme: a person with two internships counts once; planned activities
 *   have not happened yet and do not count.
 * - Time in the programme: the sum of the person's counted enrolments in the project up to the
 *   exit (a re-enrolment after the period does not change a past report), start to exit with both
 *   days included, minus paused days.
 */
export async function annualCounts(db: Db, s: Scope): Promise<AnnualCounts> {
  const inPeriod = sql`BETWEEN ${s.from}::date AND ${s.to}::date`;
  const [row] = await rows(
    db,
    sql<{ counts: AnnualCounts }>`
    WITH scoped AS MATERIALIZED (
      SELECT en.id, en.person_id, en.project_id, en.intake_id, en.start_date, en.exit_date, en.exit_final, en.exit_status_code,
        en.education_level_code, en.education_completed, en.has_had_employment, en.has_had_internship, en.main_income_code,
        en.referring_party_code, en.not_counted, en.not_counted_reason, p.gender
      FROM enrolments en JOIN persons p ON p.id = en.person_id
      WHERE en.project_id = ${s.projectId}
        AND en.start_date <= ${s.to}::date
        AND (en.exit_date IS NULL OR en.exit_date >= ${s.from}::date)
        ${s.intakeId ? sql`AND en.intake_id = ${s.intakeId}` : sql``}
        ${s.teamId ? sql`AND en.team_id = ${s.teamId}` : sql``}
    ),
    e AS MATERIALIZED (SELECT * FROM scoped WHERE NOT not_counted),
    first AS MATERIALIZED (SELECT DISTINCT ON (person_id) * FROM e ORDER BY person_id, start_date, id),
    latest AS MATERIALIZED (SELECT DISTINCT ON (person_id) * FROM e ORDER BY person_id, start_date DESC, id DESC),
    exited AS (SELECT person_id FROM latest WHERE exit_final AND exit_date ${inPeriod}),
    spans AS (
      SELECT en.person_id,
        (en.exit_date - en.start_date + 1)
        - COALESCE((SELECT sum(GREATEST(0, LEAST(pa.to_date, en.exit_date) - GREATEST(pa.from_date, en.start_date) + 1))
                    FROM pauses pa WHERE pa.enrolment_id = en.id), 0) AS days
      FROM enrolments en JOIN exited x ON x.person_id = en.person_id
      WHERE en.project_id = ${s.projectId} AND NOT en.not_counted AND en.exit_date IS NOT NULL AND en.start_date <= ${s.to}::date
    )
    SELECT json_build_object(
      'byIntake', ${list(sql`SELECT gender, intake_id, count(*)::int AS n FROM e GROUP BY gender, intake_id`)},
      'education', ${list(sql`SELECT gender, education_level_code AS code, education_completed AS completed, count(*)::int AS n
        FROM first GROUP BY gender, education_level_code, education_completed`)},
      'work', ${list(sql`SELECT gender,
          (count(*) FILTER (WHERE has_had_employment))::int AS employment,
          (count(*) FILTER (WHERE has_had_internship))::int AS internship,
          (count(*) FILTER (WHERE NOT has_had_employment AND NOT has_had_internship))::int AS neither
        FROM first GROUP BY gender`)},
      'income', ${list(sql`SELECT gender, main_income_code AS code, count(*)::int AS n FROM first GROUP BY gender, main_income_code`)},
      'party', ${list(sql`SELECT gender, referring_party_code AS code, count(*)::int AS n FROM first GROUP BY gender, referring_party_code`)},
      'during', ${list(sql`SELECT e.gender, c.national_category AS code, count(DISTINCT e.person_id)::int AS n
        FROM e
        JOIN activities a ON a.enrolment_id = e.id
        JOIN codes c ON c.project_id = e.project_id AND c.list = 'activity_type' AND c.code = a.type_code
        WHERE a.status <> 'planned'
          AND a.start_date <= ${s.to}::date AND (a.end_date IS NULL OR a.end_date >= ${s.from}::date)
          AND c.national_category IN ('anstallning', 'praktik', 'studier', 'friskvard')
        GROUP BY e.gender, c.national_category`)},
      'exits', ${list(sql`SELECT gender, exit_status_code AS code, count(*)::int AS n FROM latest
        WHERE exit_final AND exit_date ${inPeriod} GROUP BY gender, exit_status_code`)},
      'exclusions', json_build_object(
        'temporary', (SELECT count(*)::int FROM latest WHERE exit_final = false AND exit_date ${inPeriod}),
        'followed', (SELECT count(DISTINCT e.person_id)::int FROM e JOIN latest l ON l.person_id = e.person_id
          WHERE e.id <> l.id AND e.exit_date ${inPeriod})),
      'days', (SELECT coalesce(json_agg(d.days), '[]'::json) FROM (SELECT sum(days)::int AS days FROM spans GROUP BY person_id) d),
      'extensions', json_build_object(
        'byReason', ${list(sql`SELECT x.reason_code AS code, count(*)::int AS n FROM extensions x JOIN e ON e.id = x.enrolment_id GROUP BY x.reason_code`)},
        'persons', (SELECT count(DISTINCT e.person_id)::int FROM extensions x JOIN e ON e.id = x.enrolment_id)),
      'totals', json_build_object('persons', (SELECT count(*)::int FROM first), 'enrolments', (SELECT count(*)::int FROM e)),
      'byGender', ${list(sql`SELECT gender, count(*)::int AS n FROM first GROUP BY gender`)},
      'notCounted', ${list(sql`SELECT COALESCE(not_counted_reason, '') AS reason, count(*)::int AS n FROM scoped
        WHERE not_counted GROUP BY not_counted_reason ORDER BY n DESC, reason`)}
    ) AS counts`,
  );
  if (!row) throw new Error("the annual counts returned no row");
  return typeof row.counts === "string" ? (JSON.parse(row.counts) as AnnualCounts) : row.counts;
}

export async function countTotals(db: Db, s: Scope) {
  const [r] = await rows(
    db,
    sql<{ persons: number; enrolments: number }>`${withScope(s)}
    SELECT (SELECT count(*) FROM first)::int AS persons, (SELECT count(*) FROM e)::int AS enrolments`,
  );
  return r ?? { persons: 0, enrolments: 0 };
}
