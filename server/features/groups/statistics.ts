import { sql } from "kysely";
import type { AttendanceCell, GroupStatistics } from "../../../schemas/groups.ts";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import { swedishLocal } from "./pattern.ts";

/** Below this many persons a figure is hidden from those who may see only aggregates. */
export const MIN_CELL = 5;

type Tally = { registered: number; present: number; absentNotified: number; absentUnnotified: number };
const empty = (): Tally => ({ registered: 0, present: 0, absentNotified: 0, absentUnnotified: 0 });

function cell(t: Tally, persons: number, aggregateOnly: boolean): AttendanceCell {
  if (aggregateOnly && persons > 0 && persons < MIN_CELL)
    return { registered: null, present: null, absentNotified: null, absentUnnotified: null, rate: null, suppressed: true };
  return { ...t, rate: t.registered === 0 ? null : t.present / t.registered, suppressed: false };
}

function add(t: Tally, status: string) {
  t.registered++;
  if (status === "present") t.present++;
  else if (status === "absent_notified") t.absentNotified++;
  else t.absentUnnotified++;
}

/**
 * Attendance rate = present / registered, per person, per session and overall, counted over the
 * sessions that were held (not cancelled). With `aggregateOnly` (the statistician) there are no
 * persons, and a session or total with fewer than five persons behind it is hidden.
 */
export async function groupStatistics(db: Db, groupId: string, aggregateOnly: boolean): Promise<GroupStatistics> {
  const g = await db.selectFrom("groups").select(["id", "name", "project_id"]).where("id", "=", groupId).executeTakeFirst();
  if (!g) throw notFound("Gruppen");
  const [sessions, marks, members] = await Promise.all([
    db
      .selectFrom("group_sessions")
      .select(["id", "starts_at", "theme"])
      .where("group_id", "=", groupId)
      .where("cancelled", "=", false)
      .orderBy("starts_at")
      .execute(),
    db
      .selectFrom("group_attendance as a")
      .innerJoin("group_sessions as s", "s.id", "a.session_id")
      .select(["a.session_id", "a.enrolment_id", "a.status"])
      .where("s.group_id", "=", groupId)
      .where("s.cancelled", "=", false)
      .execute(),
    aggregateOnly
      ? Promise.resolve([])
      : db
          .selectFrom("group_members as m")
          .innerJoin("enrolments as e", "e.id", "m.enrolment_id")
          .innerJoin("persons as p", "p.id", "e.person_id")
          .select(["m.enrolment_id", "e.person_id", sql<string>`p.first_name || ' ' || p.last_name`.as("name")])
          .where("m.group_id", "=", groupId)
          .orderBy(sql`p.sort_name COLLATE "C"`)
          .execute(),
  ]);
  const overall = empty();
  const bySession = new Map(sessions.map((s) => [s.id, empty()]));
  const byPerson = new Map<string, Tally>();
  for (const m of marks) {
    add(overall, m.status);
    const s = bySession.get(m.session_id);
    if (s) add(s, m.status);
    const p = byPerson.get(m.enrolment_id) ?? empty();
    add(p, m.status);
    byPerson.set(m.enrolment_id, p);
  }
  const sessionRows = sessions.map((s) => {
    const t = bySession.get(s.id) ?? empty();
    const local = swedishLocal(new Date(s.starts_at));
    return { sessionId: s.id, date: local.date, startTime: local.time, theme: s.theme, cell: cell(t, t.registered, aggregateOnly) };
  });
  const overallCell = cell(overall, byPerson.size, aggregateOnly);
  // The total is the sum of the sessions: with one session hidden it could be worked out by
  // subtraction, so the next smallest is hidden too.
  if (aggregateOnly && !overallCell.suppressed && sessionRows.filter((s) => s.cell.suppressed).length === 1) {
    const next = sessionRows
      .filter((s) => !s.cell.suppressed && (s.cell.registered ?? 0) > 0)
      .sort((a, b) => (a.cell.registered ?? 0) - (b.cell.registered ?? 0))[0];
    if (next) next.cell = cell(empty(), 1, true);
  }
  return {
    groupId: g.id,
    groupName: g.name,
    projectId: g.project_id,
    perPerson: !aggregateOnly,
    overall: overallCell,
    sessions: sessionRows,
    persons: members.map((m) => ({
      enrolmentId: m.enrolment_id,
      personId: m.person_id,
      name: m.name,
      cell: cell(byPerson.get(m.enrolment_id) ?? empty(), 1, false),
    })),
  };
}
