import type { DbHandle } from "./client.ts";

/**
 * PGlite has neither autovacuum nor automatic ANALYZE: left alone, an embedded installation keeps
 * the planner statistics its migrations left and never gets a visibility map, so its index-only
 * scans read the tables too. Once a night, at a quiet hour in Sweden, the embedded database is
 * vacuumed and analysed. PostgreSQL does this itself, so nothing is scheduled there (null).
 * Returns a function that stops the schedule.
 */
export function scheduleEmbeddedMaintenance(handle: DbHandle, log: (message: string, error?: unknown) => void): (() => void) | null {
  if (handle.kind !== "pglite") return null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const next = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        const ms = await vacuumAndAnalyse(handle);
        log(`database vacuumed and analysed in ${ms} ms`);
      } catch (error) {
        log("database maintenance failed", error);
      }
      next();
    }, msUntilQuietHour(new Date()));
    // Waiting for the night must not keep a stopping process alive.
    timer.unref();
  };
  next();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/** VACUUM (ANALYZE) of the whole database; returns how long it took. */
export async function vacuumAndAnalyse(handle: DbHandle): Promise<number> {
  const started = Date.now();
  await handle.exec("VACUUM (ANALYZE)");
  return Date.now() - started;
}

/** The quiet hour: 03:00 in Sweden, when no programme works. */
const QUIET_HOUR = 3;

/** Milliseconds from `now` until the next 03:00 in Sweden (summer or winter time). */
export function msUntilQuietHour(now: Date): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Stockholm",
    hourCycle: "h23",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const secondsIntoDay = part("hour") * 3600 + part("minute") * 60 + part("second");
  let wait = QUIET_HOUR * 3600 - secondsIntoDay;
  if (wait <= 0) wait += 24 * 3600;
  return wait * 1000 - now.getMilliseconds();
}
