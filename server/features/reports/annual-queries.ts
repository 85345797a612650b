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
function withScope(s: Scope, counted = true): RawBuilder<unknown> {
  return sql`
    WITH e AS (
      SELECT en.*, p.gender
      FROM enrolments en JOIN persons p ON p.id = en.person_id
      WHERE en.project_id = ${s.projectId}
        AND en.start_date <= ${s.to}::date
        AND (en.exit_date IS NULL OR en.exit_date >= ${s.from}::date)
        AND ${counted ? sql`NOT en.not_counted` : sql`en.not_counted`}
        ${s.intakeId ? sql`AND en.intake_id = ${s.intakeId}` : sql``}
        ${s.teamId ? sql`AND en.team_id = ${s.teamId}` : sql``}
    ),
    first AS (SELECT DISTINCT ON (person_id) * FROM e ORDER BY person_id, start_date, id),
    latest AS (SELECT DISTINCT ON (person_id) * FROM e ORDER BY person_id, start_date DESC, id DESC)`;
}

const rows = async <T>(db: Db, q: RawBuilder<T>) => (await q.execute(db)).rows;

export function countEnrolmentsByGenderAndIntake(db: Db, s: Scope) {
  return rows(
    db,
    sql<{ gender: string; intake_id: string | null; n: number }>`${withScope(s)}
    SELECT gender, intake_id, count(*)::int AS n FROM e GROUP BY gender, intake_id`,
  );
}

export function countPersonsByEducation(db: Db, s: Scope) {
  return rows(
    db,
    sql<{ gender: string; code: string | null; completed: boolean | null; n: number }>`${withScope(s)}
    SELECT gender, education_level_code AS code, education_completed AS completed, count(*)::int AS n
    FROM first GROUP BY gender, education_level_code, education_completed`,
  );
}

export function countPersonsByWorkExperience(db: Db, s: Scope) {
  return rows(
    db,
    sql<{ gender: string; employment: number; internship: number; neither: number }>`${withScope(s)}
    SELECT gender,
      (count(*) FILTER (WHERE has_had_employment))::int AS employment,
      (count(*) FILTER (WHERE has_had_internship))::int AS internship,
      (count(*) FILTER (WHERE NOT has_had_employment AND NOT has_had_internship))::int AS neither
    FROM first GROUP BY gender`,
  );
}

export function countPersonsByMainIncome(db: Db, s: Scope) {
  return rows(
    db,
    sql<{ gender: string; code: string | null; n: number }>`${withScope(s)}
    SELECT gender, main_income_code AS code, count(*)::int AS n FROM first GROUP BY gender, main_income_code`,
  );
}

export function countPersonsByReferringParty(db: Db, s: Scope) {
  return rows(
    db,
    sql<{ gender: string; code: string | null; n: number }>`${withScope(s)}
    SELECT gender, referring_party_code AS code, count(*)::int AS n FROM first GROUP BY gender, referring_party_code`,
  );
}

/** Persons whose latest enrolment in the period ended with a final exit inside the period. */
export function countPersonsByExitStatus(db: Db, s: Scope) {
  return rows(
    db,
    sql<{ gender: string; code: string; n: number }>`${withScope(s)}
    SELECT gender, exit_status_code AS code, count(*)::int AS n FROM latest
    WHERE exit_final AND exit_date BETWEEN ${s.from}::date AND ${s.to}::date
    GROUP BY gender, exit_status_code`,
  );
}

/**
 * What the exit table leaves out, for the notes: persons whose latest enrolment ends with a
 * temporary exit in the period, and persons with an exit in the period (final or temporary)
 * followed by a new enrolment in it.
 */
export async function countExitExclusions(db: Db, s: Scope) {
  const [r] = await rows(
    db,
    sql<{ temporary: number; followed: number }>`${withScope(s)}
    SELECT
      (SELECT count(*) FROM latest WHERE exit_final = false AND exit_date BETWEEN ${s.from}::date AND ${s.to}::date)::int AS temporary,
      (SELECT count(DISTINCT e.person_id) FROM e JOIN latest l ON l.person_id = e.person_id
        WHERE e.id <> l.id AND e.exit_date BETWEEN ${s.from}::date AND ${s.to}::date)::int AS followed`,
  );
  return r ?? { temporary: 0, followed: 0 };
}

/**
 * Time in the programme of each person with a final exit in the period: the sum of the
 * person's counted enrolments in the project up to that exit (a re-enrolment after the period
 * does not change a past report), from start to exit with both days included, minus paused days.
 */
export function timeInProgrammeDays(db: Db, s: Scope) {
  return rows(
    db,
    sql<{ person_id: string; days: number }>`${withScope(s)},
    exited AS (SELECT person_id FROM latest WHERE exit_final AND exit_date BETWEEN ${s.from}::date AND ${s.to}::date),
    spans AS (
      SELECT en.id, en.person_id, en.start_date, en.exit_date,
        (en.exit_date - en.start_date + 1)
        - COALESCE((SELECT sum(GREATEST(0, LEAST(pa.to_date, en.exit_date) - GREATEST(pa.from_date, en.start_date) + 1))
                    FROM pauses pa WHERE pa.enrolment_id = en.id), 0) AS days
      FROM enrolments en JOIN exited x ON x.person_id = en.person_id
      WHERE en.project_id = ${s.projectId} AND NOT en.not_counted AND en.exit_date IS NOT NULL AND en.start_date <= ${s.to}::date
    )
    SELECT person_id, sum(days)::int AS days FROM spans GROUP BY person_id`,
  );
}

/** Extensions of the period's counted enrolments: persons with at least one, and the number per reason. */
export async function countExtensions(db: Db, s: Scope) {
  const byReason = await rows(
    db,
    sql<{ code: string; n: number }>`${withScope(s)}
    SELECT x.reason_code AS code, count(*)::int AS n FROM extensions x JOIN e ON e.id = x.enrolment_id GROUP BY x.reason_code`,
  );
  const [persons] = await rows(
    db,
    sql<{ n: number }>`${withScope(s)}
    SELECT count(DISTINCT e.person_id)::int AS n FROM extensions x JOIN e ON e.id = x.enrolment_id`,
  );
  return { byReason, persons: persons?.n ?? 0 };
}

/**
 * Persons per activity category (anstallning, praktik, studier, friskvard) who had at least one
 * activity of it overlapping the period, on the enrolments the report counts. A person with two
 * internships counts once; planned activities have not happened yet and do not count.
 */
export function countPersonsByActivityCategory(db: Db, s: Scope) {
  return rows(
    db,
    sql<{ gender: string; code: string; n: number }>`${withScope(s)}
    SELECT e.gender, c.national_category AS code, count(DISTINCT e.person_id)::int AS n
    FROM e
    JOIN activities a ON a.enrolment_id = e.id
    JOIN codes c ON c.project_id = e.project_id AND c.list = 'activity_type' AND c.code = a.type_code
    WHERE a.status <> 'planned'
      AND a.start_date <= ${s.to}::date AND (a.end_date IS NULL OR a.end_date >= ${s.from}::date)
      AND c.national_category IN ('anstallning', 'praktik', 'studier', 'friskvard')
    GROUP BY e.gender, c.national_category`,
  );
}

export async function countTotals(db: Db, s: Scope) {
  const [r] = await rows(
    db,
    sql<{ persons: number; enrolments: number }>`${withScope(s)}
    SELECT (SELECT count(*) FROM first)::int AS persons, (SELECT count(*) FROM e)::int AS enrolments`,
  );
  return r ?? { persons: 0, enrolments: 0 };
}

export function countPersonsByGender(db: Db, s: Scope) {
  return rows(db, sql<{ gender: string; n: number }>`${withScope(s)} SELECT gender, count(*)::int AS n FROM first GROUP BY gender`);
}

/** Enrolments in the period marked "not counted in statistics", per reason, for the notes. */
export function countNotCounted(db: Db, s: Scope) {
  return rows(
    db,
    sql<{ reason: string; n: number }>`${withScope(s, false)}
    SELECT COALESCE(not_counted_reason, '') AS reason, count(*)::int AS n FROM e GROUP BY not_counted_reason ORDER BY n DESC, reason`,
  );
}
