/** Calendar-date arithmetic on 'YYYY-MM-DD' strings, free of time zones. */

// One formatter for the process: building one per call showed up as a tenth of the server's
// CPU time under load. Swedish formatting of a date is already YYYY-MM-DD.
const swedishDate = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" });

// Today's date is asked for several times per request; it is formatted at most once a second.
let known = { second: Number.NaN, date: "" };

export function todayInSweden(now?: Date): string {
  if (now) return swedishDate.format(now);
  const second = Math.floor(Date.now() / 1000);
  if (second !== known.second) known = { second, date: swedishDate.format(new Date(second * 1000)) };
  return known.date;
}

const toUtc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(d: string, n: number): string {
  return fromUtc(toUtc(d) + n * 86_400_000);
}

/** Days from a to b, counting both ends (a = b is one day). */
export function daysInclusive(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000) + 1;
}

/**
 * The last day of a period of `months` months that starts on `start`: 2025-01-15 + 6 months
 * ends 2025-07-14. A start on the 31st in a shorter month ends on that month's last day − 1.
 */
export function plannedEnd(start: string, months: number): string {
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7)) - 1 + months;
  const day = Number(start.slice(8, 10));
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const sameDay = Date.UTC(y, m, Math.min(day, lastDay));
  return fromUtc(sameDay - 86_400_000);
}

export function ageOn(birthDate: string, on: string): number {
  let age = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (on.slice(5) < birthDate.slice(5)) age--;
  return age;
}

/** Days in the programme from start to `until`, both included, minus paused days inside it. */
export function daysInProgramme(start: string, until: string, pauses: { fromDate: string; toDate: string }[]): number {
  if (until < start) return 0;
  let days = daysInclusive(start, until);
  for (const p of pauses) {
    const from = p.fromDate > start ? p.fromDate : start;
    const to = p.toDate < until ? p.toDate : until;
    if (to >= from) days -= daysInclusive(from, to);
  }
  return Math.max(0, days);
}
