import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../seed/demo.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { signIn } from "../../test/factories.ts";
import { addDays, todayInSweden } from "../participants/dates.ts";
import "./tables.ts";

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  await seedDemo(t.db, { production: false });
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe("demo meetings and notes", () => {
  it("give the demo coach past meetings with attendance, upcoming ones in the calendar, signed notes and one correction", async () => {
    const coach = await signIn(t.app, "coach@stegvis.demo", DEMO_PASSWORD);
    const today = todayInSweden();
    const week = (await coach.get(`/api/calendar?from=${today}&to=${addDays(today, 13)}`)).json();
    // Meetings name their participant for the coach; group sessions (also in the calendar) name none.
    const meetings = week.events.filter((e: { kind: string }) => e.kind === "meeting");
    expect(meetings.length).toBeGreaterThanOrEqual(5);
    expect(meetings.every((e: { participant: unknown }) => e.participant !== null)).toBe(true);
    const attendance = await t.db.selectFrom("meetings").select("attendance").where("attendance", "is not", null).execute();
    expect(new Set(attendance.map((a) => a.attendance))).toEqual(new Set(["attended", "cancelled", "no_show"]));
    const notes = await t.db.selectFrom("journal_notes").select(["status", "corrects_id"]).execute();
    expect(notes.filter((n) => n.status === "signed").length).toBeGreaterThan(5);
    expect(notes.filter((n) => n.corrects_id !== null)).toHaveLength(1);
    expect(notes.filter((n) => n.status === "draft")).toHaveLength(1);
  });
});
