import type { PlannedSession, SessionPattern } from "../../../schemas/groups.ts";
import { addDays } from "../participants/dates.ts";

/** Sessions are planned in Swedish local time; summer time must not move 09:00 to 08:00. */
export const ZONE = "Europe/Stockholm";

const parts = new Intl.DateTimeFormat("en-US", {
  timeZone: ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function wallClock(ms: number) {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute), s: Number(p.second) };
}

/** How far Swedish local time is ahead of UTC at the instant `ms`, in ms (1 h in winter, 2 h in summer). */
function offsetAt(ms: number): number {
  const w = wallClock(ms);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

/** The instant at which the clocks in Sweden show `date` `time` (HH:MM). */
export function swedishInstant(date: string, time: string): Date {
  const asUtc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  const first = asUtc - offsetAt(asUtc);
  // The offset may differ on the two sides of a clock change; the second guess is right.
  return new Date(asUtc - offsetAt(first));
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The Swedish local date and time (HH:MM) of an instant. */
export function swedishLocal(at: Date): { date: string; time: string } {
  const w = wallClock(at.getTime());
  return { date: `${w.y}-${pad(w.m)}-${pad(w.d)}`, time: `${pad(w.h)}:${pad(w.mi)}` };
}

export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
export const timeOf = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** ISO weekday, 1 = Monday … 7 = Sunday, of a calendar date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * Every session the pattern gives: the chosen weekdays in the `weeks` weeks that begin on the
 * start date (start date + 7 × weeks − 1 is the last possible day), minus the skipped dates,
 * each at the same local start time whatever the season.
 */
export function sessionsOfPattern(p: SessionPattern): PlannedSession[] {
  const skip = new Set(p.skipDates);
  const days = new Set(p.weekdays);
  const out: PlannedSession[] = [];
  const endTime = timeOf(minutesOf(p.startTime) + p.durationMinutes);
  for (let i = 0; i < p.weeks * 7; i++) {
    const date = addDays(p.startDate, i);
    if (!days.has(isoWeekday(date)) || skip.has(date)) continue;
    out.push({
      date,
      startTime: p.startTime,
      endTime,
      start: swedishInstant(date, p.startTime).toISOString(),
      end: swedishInstant(date, endTime).toISOString(),
    });
  }
  return out;
}
