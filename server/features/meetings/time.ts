/** Swedish wall-clock time (Europe/Stockholm) ↔ instants, without depending on the server's own time zone. */

const parts = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Stockholm",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The Swedish date 'YYYY-MM-DD' and time 'HH:MM' of an instant. */
export function toStockholm(instant: Date): { date: string; time: string } {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Minutes Stockholm is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutes(ms: number): number {
  const { date, time } = toStockholm(new Date(ms));
  const asUtc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  return Math.round((asUtc - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of a Swedish date and clock time, or null for a time that does not exist (the
 * hour skipped when summer time starts). In the repeated autumn hour the earlier one is meant.
 */
export function fromStockholm(date: string, time: string): Date | null {
  const wall = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  for (const guess of [120, 60]) {
    const ms = wall - guess * 60_000;
    if (offsetMinutes(ms) === guess) {
      const back = toStockholm(new Date(ms));
      if (back.date === date && back.time === time) return new Date(ms);
    }
  }
  return null;
}
