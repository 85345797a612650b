import type { CalendarEvent } from "../../../schemas/meetings.ts";
import type { Db } from "../../db/client.ts";
import { groupSessionsForUser } from "../groups/calendar.ts";
import "../meetings/tables.ts";
import { toStockholm } from "../meetings/time.ts";
import { todayInSweden } from "../participants/dates.ts";

/**
 * One calendar entry as a source delivers it. `subject` names the participant, if any; the
 * calendar decides per reader whether the name is shown (only to users who may read the
 * person), and the feed shows at most the initials.
 */
export interface SourceEvent extends Omit<CalendarEvent, "participant" | "date" | "time" | "endTime"> {
  subject: { personId: string; enrolmentId: string; firstName: string; lastName: string; protectedIdentity: boolean } | null;
}

/**
 * Where calendar entries come from. Each source gives the entries of one user between two
 * instants; another feature (e.g. group sessions) adds its own function to `calendarSources`.
 */
export type CalendarSource = (db: Db, userId: string, from: Date, to: Date) => Promise<SourceEvent[]>;

export const meetingTitle = "Enskild träff";

/** Individual meetings the user takes part in. */
export const meetingEvents: CalendarSource = async (db, userId, from, to) => {
  const rows = await db
    .selectFrom("meetings as m")
    .innerJoin("meeting_staff as s", "s.meeting_id", "m.id")
    .innerJoin("enrolments as e", "e.id", "m.enrolment_id")
    .innerJoin("persons as p", "p.id", "e.person_id")
    .select([
      "m.id",
      "m.starts_at",
      "m.duration_minutes",
      "m.form",
      "m.attendance",
      "e.id as enrolment_id",
      "e.project_id",
      "p.id as person_id",
      "p.first_name",
      "p.last_name",
      "p.protected_identity",
    ])
    .where("s.user_id", "=", userId)
    .where("m.starts_at", "<", to)
    // A meeting that started before `from` but is still going on belongs to the range too.
    .where("m.starts_at", ">", new Date(from.getTime() - 8 * 3600_000))
    .orderBy("m.starts_at")
    .execute();
  return rows
    .map((r) => {
      const start = new Date(r.starts_at);
      return {
        id: r.id,
        kind: "meeting" as const,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + r.duration_minutes * 60_000).toISOString(),
        title: meetingTitle,
        form: r.form,
        attendance: r.attendance,
        projectId: r.project_id,
        subject: {
          personId: r.person_id,
          enrolmentId: r.enrolment_id,
          firstName: r.first_name,
          lastName: r.last_name,
          protectedIdentity: r.protected_identity,
        },
      };
    })
    .filter((ev) => Date.parse(ev.endsAt) > from.getTime());
};

/**
 * Group sessions the user leads, cancelled ones left out, from the groups feature's own query
 * (by Swedish date), narrowed to the instants asked for. The title is the group's name.
 */
export const groupSessionEvents: CalendarSource = async (db, userId, from, to) => {
  const sessions = await groupSessionsForUser(db, userId, todayInSweden(from), todayInSweden(to));
  return sessions
    .filter((s) => Date.parse(s.end) > from.getTime() && Date.parse(s.start) < to.getTime())
    .map((s) => ({
      id: s.id,
      kind: "group_session" as const,
      startsAt: s.start,
      endsAt: s.end,
      title: s.groupName,
      form: null,
      attendance: null,
      projectId: s.projectId,
      subject: null,
    }));
};

/** Every source the calendar and the feed ask, in order. */
export const calendarSources: CalendarSource[] = [meetingEvents, groupSessionEvents];

/** All entries of a user from every source, ordered by start. */
export async function eventsOf(db: Db, userId: string, from: Date, to: Date): Promise<SourceEvent[]> {
  const lists = await Promise.all(calendarSources.map((source) => source(db, userId, from, to)));
  return lists.flat().sort((a, b) => (a.startsAt === b.startsAt ? a.id.localeCompare(b.id) : a.startsAt < b.startsAt ? -1 : 1));
}

/** Add the Swedish date and clock times a list shows. */
export function withLocalTimes(e: SourceEvent) {
  const start = toStockholm(new Date(e.startsAt));
  return { date: start.date, time: start.time, endTime: toStockholm(new Date(e.endsAt)).time };
}

/** "A. B." — the most a feed may say about a participant, and only when its owner chose so. */
export function initialsOf(firstName: string, lastName: string): string {
  const first = (s: string) => (s.trim()[0] ?? "").toUpperCase();
  return [first(firstName), first(lastName)]
    .filter(Boolean)
    .map((c) => `${c}.`)
    .join(" ");
}
