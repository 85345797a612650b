import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../test/app.ts";
import type { DbHandle } from "./client.ts";
import { msUntilQuietHour, scheduleEmbeddedMaintenance, vacuumAndAnalyse } from "./maintenance.ts";

describe("the quiet hour", () => {
  it("is the next 03:00 in Sweden, in winter and in summer time", () => {
    // 2026-01-15 01:30 UTC is 02:30 in Sweden (UTC+1): half an hour to go.
    expect(msUntilQuietHour(new Date("2026-01-15T01:30:00Z"))).toBe(30 * 60 * 1000);
    // 2026-07-15 00:30 UTC is 02:30 in Sweden (UTC+2).
    expect(msUntilQuietHour(new Date("2026-07-15T00:30:00Z"))).toBe(30 * 60 * 1000);
    // Just after 03:00 the next one is a day away, less the time already past.
    expect(msUntilQuietHour(new Date("2026-01-15T02:00:01.250Z"))).toBe(24 * 3600 * 1000 - 1250);
  });
});

describe("maintenance of the embedded database", () => {
  let db: { handle: DbHandle; drop: () => Promise<void> };
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  const vacuumed = async () =>
    (
      await sql<{ last_vacuum: Date | null; last_analyze: Date | null }>`
        SELECT last_vacuum, last_analyze FROM pg_stat_user_tables WHERE relname = 'persons'`.execute(db.handle.db)
    ).rows[0];

  it("vacuums and analyses the tables, which the statistics views then show", async () => {
    const before = await vacuumed();
    await vacuumAndAnalyse(db.handle);
    const after = await vacuumed();
    expect(after?.last_vacuum).toBeInstanceOf(Date);
    expect(after?.last_analyze).toBeInstanceOf(Date);
    expect(after?.last_vacuum).not.toEqual(before?.last_vacuum);
  });

  it("is scheduled only for the embedded database", () => {
    const stop = scheduleEmbeddedMaintenance({ ...db.handle, kind: "pglite" }, () => {});
    expect(stop).toBeTypeOf("function");
    stop?.();
    expect(scheduleEmbeddedMaintenance({ ...db.handle, kind: "postgres" }, () => {})).toBeNull();
  });
});
