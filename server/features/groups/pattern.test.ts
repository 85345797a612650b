import { describe, expect, it } from "vitest";
import { SessionPattern } from "../../../schemas/groups.ts";
import { isoWeekday, sessionsOfPattern, swedishInstant, swedishLocal } from "./pattern.ts";

const pattern = (p: Partial<SessionPattern> = {}) =>
  SessionPattern.parse({ startDate: "2026-03-02", weeks: 4, weekdays: [1, 3, 5], startTime: "09:00", durationMinutes: 120, ...p });

describe("session pattern", () => {
  it("gives the chosen weekdays of each week, 3 a week for 4 weeks, 2 hours each", () => {
    const s = sessionsOfPattern(pattern());
    expect(s).toHaveLength(12);
    expect(s.map((x) => x.date)).toEqual([
      "2026-03-02",
      "2026-03-04",
      "2026-03-06",
      "2026-03-09",
      "2026-03-11",
      "2026-03-13",
      "2026-03-16",
      "2026-03-18",
      "2026-03-20",
      "2026-03-23",
      "2026-03-25",
      "2026-03-27",
    ]);
    expect(new Set(s.map((x) => isoWeekday(x.date)))).toEqual(new Set([1, 3, 5]));
    expect(s.every((x) => x.startTime === "09:00" && x.endTime === "11:00")).toBe(true);
    expect(s[0]).toMatchObject({ start: "2026-03-02T08:00:00.000Z", end: "2026-03-02T10:00:00.000Z" });
  });

  it("counts weeks from the start date, whatever weekday it is", () => {
    // A Wednesday start: the weeks run Wednesday–Tuesday, so the first Monday is in the first week.
    const s = sessionsOfPattern(pattern({ startDate: "2026-03-04", weeks: 1 }));
    expect(s.map((x) => x.date)).toEqual(["2026-03-04", "2026-03-06", "2026-03-09"]);
  });

  it("leaves out the skipped dates", () => {
    const s = sessionsOfPattern(pattern({ skipDates: ["2026-03-04", "2026-03-20", "2026-05-01"] }));
    expect(s).toHaveLength(10);
    expect(s.map((x) => x.date)).not.toContain("2026-03-04");
    expect(s.map((x) => x.date)).not.toContain("2026-03-20");
  });

  it("keeps the local start time across the change to summer time in late March", () => {
    // Clocks go forward on Sunday 29 March 2026.
    const s = sessionsOfPattern(pattern({ startDate: "2026-03-23", weeks: 2 }));
    const friday = s.find((x) => x.date === "2026-03-27");
    const monday = s.find((x) => x.date === "2026-03-30");
    expect(friday).toMatchObject({ start: "2026-03-27T08:00:00.000Z", end: "2026-03-27T10:00:00.000Z" });
    expect(monday).toMatchObject({ start: "2026-03-30T07:00:00.000Z", end: "2026-03-30T09:00:00.000Z" });
    expect(s.every((x) => swedishLocal(new Date(x.start)).time === "09:00")).toBe(true);
  });

  it("keeps the local start time across the change back to winter time in late October", () => {
    // Clocks go back on Sunday 25 October 2026.
    const s = sessionsOfPattern(pattern({ startDate: "2026-10-19", weeks: 2, startTime: "13:30", durationMinutes: 90 }));
    expect(s.find((x) => x.date === "2026-10-23")).toMatchObject({ start: "2026-10-23T11:30:00.000Z", end: "2026-10-23T13:00:00.000Z" });
    expect(s.find((x) => x.date === "2026-10-26")).toMatchObject({ start: "2026-10-26T12:30:00.000Z", end: "2026-10-26T14:00:00.000Z" });
  });

  it("converts local times both ways, also on the day of the change", () => {
    expect(swedishInstant("2026-03-29", "12:00").toISOString()).toBe("2026-03-29T10:00:00.000Z");
    expect(swedishInstant("2026-10-25", "12:00").toISOString()).toBe("2026-10-25T11:00:00.000Z");
    expect(swedishLocal(new Date("2026-10-25T11:00:00Z"))).toEqual({ date: "2026-10-25", time: "12:00" });
  });

  it("refuses a pattern without weekdays, with a session past midnight, or too many weeks", () => {
    const r = SessionPattern.safeParse({ startDate: "2026-03-02", weeks: 60, weekdays: [], startTime: "23:00", durationMinutes: 120 });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["weeks", "weekdays"]));
    const late = SessionPattern.safeParse({ startDate: "2026-03-02", weeks: 1, weekdays: [1], startTime: "23:00", durationMinutes: 120 });
    expect(late.error?.issues[0]?.path).toEqual(["durationMinutes"]);
  });
});
