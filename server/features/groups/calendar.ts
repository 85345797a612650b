import type { ParticipantGroups, SessionTheme } from "../../../schemas/groups.ts";
import type { TimelineEvent } from "../../../schemas/participants.ts";
import type { Db } from "../../db/client.ts";
import { addDays } from "../participants/dates.ts";
import "./tables.ts";
import { swedishInstant, swedishLocal } from "./pattern.ts";

export const themeLabel: Record<SessionTheme, string> = {
  empowerment: "Egenmakt",
  working_life: "Arbetslivets rättigheter och skyldigheter",
  everyday_life: "Vardagsliv",
  guest_lecturer: "Gästföreläsare",
  other: "Annat",
};

export interface LeaderSession {
  id: string;
  groupId: string;
  groupName: string;
  projectId: string;
  start: string;
  end: string;
  theme: SessionTheme | null;
}

/**
 * The sessions `userId` leads that begin on the Swedish dates `from` … `to` (both included),
 * cancelled ones left out; for the calendar and its ICS feed.
 */
export async function groupSessionsForUser(db: Db, userId: string, from: string, to: string): Promise<LeaderSession[]> {
  const rows = await db
    .selectFrom("group_sessions as s")
    .innerJoin("groups as g", "g.id", "s.group_id")
    .innerJoin("group_leaders as l", "l.group_id", "g.id")
    .select(["s.id", "s.group_id", "g.name", "g.project_id", "s.starts_at", "s.ends_at", "s.theme"])
    .where("l.user_id", "=", userId)
    .where("s.cancelled", "=", false)
    .where("s.starts_at", ">=", swedishInstant(from, "00:00"))
    .where("s.starts_at", "<", swedishInstant(addDays(to, 1), "00:00"))
    .orderBy("s.starts_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    groupName: r.name,
    projectId: r.project_id,
    start: new Date(r.starts_at).toISOString(),
    end: new Date(r.ends_at).toISOString(),
    theme: r.theme,
  }));
}

/** The group sessions a person attended in a project, as events on their timeline. */
export async function groupSessionEvents(db: Db, personId: string, projectId: string): Promise<TimelineEvent[]> {
  const rows = await db
    .selectFrom("group_attendance as a")
    .innerJoin("enrolments as e", "e.id", "a.enrolment_id")
    .innerJoin("group_sessions as s", "s.id", "a.session_id")
    .innerJoin("groups as g", "g.id", "s.group_id")
    .select(["a.enrolment_id", "s.starts_at", "s.theme", "s.theme_note", "g.name"])
    .where("e.person_id", "=", personId)
    .where("e.project_id", "=", projectId)
    .where("a.status", "=", "present")
    .where("s.cancelled", "=", false)
    .orderBy("s.starts_at")
    .execute();
  return rows.map((r) => ({
    date: swedishLocal(new Date(r.starts_at)).date,
    kind: "group_session" as TimelineEvent["kind"],
    title: `Gruppträff: ${r.name}`,
    detail: r.theme ? [themeLabel[r.theme], r.theme_note].filter(Boolean).join(" – ") : r.theme_note,
    enrolmentId: r.enrolment_id,
  }));
}

/** One enrolment's groups with its attendance at each held session. */
export async function groupsOfEnrolment(db: Db, enrolmentId: string): Promise<ParticipantGroups["groups"]> {
  const memberships = await db
    .selectFrom("group_members as m")
    .innerJoin("groups as g", "g.id", "m.group_id")
    .select(["g.id", "g.name", "m.from_date", "m.to_date"])
    .where("m.enrolment_id", "=", enrolmentId)
    .orderBy("m.from_date", "desc")
    .execute();
  if (memberships.length === 0) return [];
  const sessions = await db
    .selectFrom("group_sessions as s")
    .leftJoin("group_attendance as a", (j) => j.onRef("a.session_id", "=", "s.id").on("a.enrolment_id", "=", enrolmentId))
    .select(["s.id", "s.group_id", "s.starts_at", "s.theme", "a.status"])
    .where(
      "s.group_id",
      "in",
      memberships.map((m) => m.id),
    )
    .where("s.cancelled", "=", false)
    .orderBy("s.starts_at")
    .execute();
  return memberships.map((m) => {
    const mine = sessions
      .map((s) => ({ ...s, local: swedishLocal(new Date(s.starts_at)) }))
      .filter((s) => s.group_id === m.id && (s.status !== null || (s.local.date >= m.from_date && (!m.to_date || s.local.date <= m.to_date))));
    const registered = mine.filter((s) => s.status !== null);
    const count = (st: string) => registered.filter((s) => s.status === st).length;
    return {
      groupId: m.id,
      groupName: m.name,
      fromDate: m.from_date,
      toDate: m.to_date,
      cell: {
        registered: registered.length,
        present: count("present"),
        absentNotified: count("absent_notified"),
        absentUnnotified: count("absent_unnotified"),
        rate: registered.length ? count("present") / registered.length : null,
        suppressed: false,
      },
      sessions: mine.map((s) => ({ sessionId: s.id, date: s.local.date, startTime: s.local.time, theme: s.theme, status: s.status ?? null })),
    };
  });
}
