import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Meeting } from "../../../schemas/meetings.ts";
import type { Enrolment } from "../../../schemas/participants.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";
import { fromStockholm, toStockholm } from "./time.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let e: Enrolment;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  e = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-60) });
});
afterAll(async () => {
  await t?.close();
});

const book = (body: Record<string, unknown>) => cast.as.coach.post(`/api/enrolments/${e.id}/meetings`, body);

describe("Swedish time", () => {
  it("turns Swedish wall-clock time into the right instant in winter and summer", () => {
    expect(fromStockholm("2026-01-15", "09:30")?.toISOString()).toBe("2026-01-15T08:30:00.000Z");
    expect(fromStockholm("2026-07-01", "09:30")?.toISOString()).toBe("2026-07-01T07:30:00.000Z");
    // The skipped hour when summer time starts does not exist; the repeated autumn hour means the first.
    expect(fromStockholm("2026-03-29", "02:30")).toBeNull();
    expect(fromStockholm("2026-10-25", "02:30")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(toStockholm(new Date("2026-10-25T01:30:00Z"))).toEqual({ date: "2026-10-25", time: "02:30" });
  });
});

describe("individual meetings", () => {
  it("books a meeting in Swedish time with the booker as staff, and audits it", async () => {
    const m: Meeting = expectStatus(
      await book({ date: daysFromToday(3), time: "10:15", durationMinutes: 45, form: "video", agreedTasks: "Uppdatera CV", note: "Länk skickas" }),
      201,
    );
    expect(m).toMatchObject({
      enrolmentId: e.id,
      date: daysFromToday(3),
      time: "10:15",
      durationMinutes: 45,
      form: "video",
      attendance: null,
      started: false,
      agreedTasks: "Uppdatera CV",
      staff: [{ id: cast.users.coach.id, name: cast.users.coach.name }],
      version: 1,
    });
    expect(m.startsAt).toBe(fromStockholm(daysFromToday(3), "10:15")?.toISOString());
    expect(Date.parse(m.endsAt) - Date.parse(m.startsAt)).toBe(45 * 60_000);
    const [entry] = await auditOf(t.db, "meeting.create", e.personId);
    expect(entry).toMatchObject({ actor_id: cast.users.coach.id, project_id: cast.project.id });
  });

  it("takes several staff, but only coaches and managers of the project", async () => {
    const m: Meeting = expectStatus(
      await book({ date: daysFromToday(4), time: "13:00", form: "on_site", staffIds: [cast.users.coach.id, cast.users.manager.id] }),
      201,
    );
    expect(m.staff.map((s) => s.id).sort()).toEqual([cast.users.coach.id, cast.users.manager.id].sort());
    for (const who of [cast.users.statistician.id, cast.users.otherCoach.id]) {
      const res = expectStatus(await book({ date: daysFromToday(4), time: "13:00", form: "on_site", staffIds: [who] }), 400);
      expect(res.error.fields.staffIds).toMatch(/coach eller projektledare/);
    }
  });

  it("records attended or no-show only once the meeting has started; cancelled also in advance", async () => {
    const future: Meeting = expectStatus(await book({ date: daysFromToday(2), time: "09:00", form: "phone" }), 201);
    const early = expectStatus(await cast.as.coach.patch(`/api/meetings/${future.id}`, { version: 1, attendance: "attended" }), 400);
    expect(early.error.fields.attendance).toMatch(/först när mötet har börjat/);
    expectStatus(await cast.as.coach.patch(`/api/meetings/${future.id}`, { version: 1, attendance: "no_show" }), 400);
    expectStatus(await book({ date: daysFromToday(2), time: "09:00", form: "phone", attendance: "attended" }), 400);
    const cancelled: Meeting = expectStatus(await cast.as.coach.patch(`/api/meetings/${future.id}`, { version: 1, attendance: "cancelled" }), 200);
    expect(cancelled).toMatchObject({ attendance: "cancelled", version: 2 });

    const past: Meeting = expectStatus(await book({ date: daysFromToday(-7), time: "09:00", form: "on_site" }), 201);
    expect(past.started).toBe(true);
    const attended: Meeting = expectStatus(
      await cast.as.coach.patch(`/api/meetings/${past.id}`, { version: 1, attendance: "attended", agreedTasks: "Söka två jobb" }),
      200,
    );
    expect(attended).toMatchObject({ attendance: "attended", agreedTasks: "Söka två jobb" });
    // Moving an attended meeting into the future would make its attendance a prophecy.
    const moved = expectStatus(await cast.as.coach.patch(`/api/meetings/${past.id}`, { version: 2, date: daysFromToday(5) }), 400);
    expect(moved.error.fields.attendance).toBeDefined();
    const [entry] = await auditOf(t.db, "meeting.update", e.personId);
    expect(entry?.details).toHaveProperty("before");
  });

  it("answers 409 with the current meeting on a stale version", async () => {
    const m: Meeting = expectStatus(await book({ date: daysFromToday(6), time: "11:00", form: "on_site" }), 201);
    expectStatus(await cast.as.manager.patch(`/api/meetings/${m.id}`, { version: 1, time: "12:00" }), 200);
    const stale = expectStatus(await cast.as.coach.patch(`/api/meetings/${m.id}`, { version: 1, form: "video" }), 409);
    expect(stale.error.current).toMatchObject({ id: m.id, time: "12:00", version: 2, form: "on_site" });
  });

  it("keeps meetings inside the enrolment and names the wrong field", async () => {
    const before = expectStatus(await book({ date: daysFromToday(-90), time: "10:00", form: "on_site" }), 400);
    expect(before.error.fields.date).toMatch(/inskrivningens start/);
    const badTime = expectStatus(await book({ date: daysFromToday(1), time: "25:00", form: "on_site" }), 400);
    expect(Object.keys(badTime.error.fields)).toContain("time");
    const badForm = expectStatus(await book({ date: daysFromToday(1), time: "10:00", form: "cafe" }), 400);
    expect(badForm.error.fields.form).toMatch(/video/);
    const longMeeting = expectStatus(await book({ date: daysFromToday(1), time: "10:00", form: "video", durationMinutes: 600 }), 400);
    expect(longMeeting.error.fields.durationMinutes).toMatch(/480/);
  });

  it("lists past and upcoming meetings with the staff to choose from, and logs the read", async () => {
    const list = expectStatus(await cast.as.coach.get(`/api/enrolments/${e.id}/meetings`), 200);
    expect(list.meetings.length).toBeGreaterThanOrEqual(4);
    const starts = list.meetings.map((m: Meeting) => m.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(list.staffOptions.map((s: { id: string }) => s.id).sort()).toEqual(
      [cast.users.coach.id, cast.users.manager.id, cast.users.coachWithoutSensitive.id].sort(),
    );
    const reads = await auditOf(t.db, "person.read", e.personId);
    expect(reads.at(-1)?.details).toMatchObject({ section: "meetings" });
  });

  it("shows meetings on the participant timeline", async () => {
    const timeline = expectStatus(await cast.as.coach.get(`/api/enrolments/${e.id}/timeline`), 200).events;
    const meetings = timeline.filter((ev: { kind: string }) => ev.kind === "meeting");
    expect(meetings.length).toBeGreaterThanOrEqual(4);
    expect(meetings.some((ev: { detail: string }) => ev.detail.includes("genomförd"))).toBe(true);
    expect(JSON.stringify(timeline)).not.toContain("Länk skickas");
  });
});

describe("GET /api/meetings/:id/ics", () => {
  it("gives a valid calendar file with the start in UTC for Swedish time, and logs the download", async () => {
    const winter = "2026-12-01";
    // Book directly in the database so that the date is fixed, whatever today is.
    const [m] = (await t.db
      .insertInto("meetings")
      .values({ enrolment_id: e.id, starts_at: fromStockholm(winter, "09:30") as Date, duration_minutes: 60, form: "on_site", created_by: cast.users.coach.id })
      .returning("id")
      .execute()) as { id: string }[];
    if (!m) throw new Error("no meeting");
    await t.db.insertInto("meeting_staff").values({ meeting_id: m.id, user_id: cast.users.coach.id }).execute();
    const res = await cast.as.coach.get(`/api/meetings/${m.id}/ics`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/calendar/);
    const body = res.body;
    expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(body).toContain("BEGIN:VEVENT");
    expect(body).toContain("DTSTART:20261201T083000Z");
    expect(body).toContain("DTEND:20261201T093000Z");
    expect(body).toContain(`UID:${m.id}@stegvis`);
    expect(body.trimEnd()).toMatch(/END:VCALENDAR$/);
    const person = await t.db.selectFrom("persons").select(["first_name", "last_name"]).where("id", "=", e.personId).executeTakeFirstOrThrow();
    expect(body).not.toContain(person.last_name);
    const [entry] = await auditOf(t.db, "meeting.ics", e.personId);
    expect(entry).toMatchObject({ actor_id: cast.users.coach.id, project_id: cast.project.id });
  });
});
