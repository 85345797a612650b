import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CalendarWeek, CreatedFeed } from "../../../schemas/meetings.ts";
import type { Enrolment } from "../../../schemas/participants.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, aUser, signIn } from "../../test/factories.ts";
import { anEnrolment, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";
import { fromStockholm } from "../meetings/time.ts";
import { addDays } from "../participants/dates.ts";
import { FEED_TITLE } from "./service.ts";
import { initialsOf } from "./sources.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let e: Enrolment;
let person: { first_name: string; last_name: string };
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  e = await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-60), person: { firstName: "Ylva", lastName: "Östberg" } });
  person = await t.db.selectFrom("persons").select(["first_name", "last_name"]).where("id", "=", e.personId).executeTakeFirstOrThrow();
  const book = (date: string, time: string, extra: Record<string, unknown> = {}) =>
    cast.as.coach.post(`/api/enrolments/${e.id}/meetings`, { date, time, form: "video", note: "Hemlig anteckning", agreedTasks: "Söka jobb", ...extra });
  expectStatus(await book(daysFromToday(1), "09:00"), 201);
  expectStatus(await book(daysFromToday(2), "14:30", { staffIds: [cast.users.coach.id, cast.users.manager.id] }), 201);
  expectStatus(await book(daysFromToday(-3), "10:00", { attendance: "cancelled" }), 201);
});
afterAll(async () => {
  await t?.close();
});

const week = async (as = cast.as.coach, from = daysFromToday(-7), to = daysFromToday(7)): Promise<CalendarWeek> =>
  expectStatus(await as.get(`/api/calendar?from=${from}&to=${to}`), 200);

describe("GET /api/calendar", () => {
  it("lists the user's own meetings in the range with Swedish times and the participant's name", async () => {
    const w = await week();
    expect(w.events.map((ev) => `${ev.date} ${ev.time}`)).toEqual([`${daysFromToday(-3)} 10:00`, `${daysFromToday(1)} 09:00`, `${daysFromToday(2)} 14:30`]);
    expect(w.events[0]).toMatchObject({ kind: "meeting", attendance: "cancelled", endTime: "11:00", participant: { enrolmentId: e.id, name: "Ylva Östberg" } });
    expect(w.events[1]?.startsAt).toBe(fromStockholm(daysFromToday(1), "09:00")?.toISOString());
    expect(JSON.stringify(w)).not.toContain("Hemlig anteckning");
    // The manager takes part in one of them only.
    expect((await week(cast.as.manager)).events).toHaveLength(1);
    // Outside the range nothing.
    expect((await week(cast.as.coach, daysFromToday(10), daysFromToday(16))).events).toEqual([]);
  });

  it("logs the persons shown as read", async () => {
    const before = (await auditOf(t.db, "person.read", e.personId)).length;
    await week();
    const after = await auditOf(t.db, "person.read", e.personId);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)?.details).toMatchObject({ section: "calendar" });
  });

  it("does not name the participant to a staff member who can no longer read them", async () => {
    // A coach who was on the meeting and then left the project keeps the time, not the name.
    const leaver = await aUser(t.db, {
      projects: [
        { projectId: cast.project.id, role: "coach" },
        { projectId: cast.other.id, role: "coach" },
      ],
    });
    const m = expectStatus(
      await cast.as.coach.post(`/api/enrolments/${e.id}/meetings`, { date: daysFromToday(3), time: "08:00", form: "phone", staffIds: [leaver.id] }),
      201,
    );
    await t.db.deleteFrom("project_memberships").where("user_id", "=", leaver.id).where("project_id", "=", cast.project.id).execute();
    const again = await signIn(t.app, leaver.email);
    const w = await week(again);
    expect(w.events.map((ev) => ev.id)).toEqual([m.id]);
    expect(w.events[0]?.participant).toBeNull();
    expect(JSON.stringify(w)).not.toContain(person.last_name);
  });

  it("is for staff only, and checks the range", async () => {
    for (const who of ["statistician", "participant", "admin"] as const)
      expectStatus(await cast.as[who].get(`/api/calendar?from=${daysFromToday(0)}&to=${daysFromToday(6)}`), 403);
    expect((await t.app.inject({ method: "GET", url: `/api/calendar?from=${daysFromToday(0)}&to=${daysFromToday(6)}` })).statusCode).toBe(401);
    const backwards = expectStatus(await cast.as.coach.get(`/api/calendar?from=${daysFromToday(6)}&to=${daysFromToday(0)}`), 400);
    expect(backwards.error.fields.to).toMatch(/före startdatum/);
    expectStatus(await cast.as.coach.get(`/api/calendar?from=${daysFromToday(0)}&to=${addDays(daysFromToday(0), 90)}`), 400);
    expectStatus(await cast.as.coach.get("/api/calendar?from=igår&to=idag"), 400);
  });
});

describe("the secret calendar feed", () => {
  const fetchFeed = (path: string) => t.app.inject({ method: "GET", url: path });

  it("is created once, works with its token alone and carries no personal data by default", async () => {
    expect(expectStatus(await cast.as.coach.get("/api/calendar/feed"), 200)).toEqual({ active: false, createdAt: null, titleDetail: null });
    const feed: CreatedFeed = expectStatus(await cast.as.coach.post("/api/calendar/feed", {}), 201);
    expect(feed).toMatchObject({ active: true, titleDetail: "none" });
    expect(feed.path).toMatch(/^\/api\/ics\/[A-Za-z0-9_-]{40,}\.ics$/);
    // Only a hash is stored.
    const token = feed.path.slice("/api/ics/".length, -".ics".length);
    const stored = await t.db.selectFrom("calendar_feeds").select("token_hash").where("user_id", "=", cast.users.coach.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    // The status never shows the address again.
    expect(JSON.stringify(expectStatus(await cast.as.coach.get("/api/calendar/feed"), 200))).not.toContain(token);

    const res = await fetchFeed(feed.path);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/calendar/);
    const body = res.body;
    expect(body).toMatch(/^BEGIN:VCALENDAR/);
    expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(body).toContain(`SUMMARY:${FEED_TITLE}`);
    expect(body).toContain("STATUS:CANCELLED");
    const start = fromStockholm(daysFromToday(1), "09:00") as Date;
    expect(body).toContain(`DTSTART:${start.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`);
    for (const secret of [
      person.first_name,
      person.last_name,
      initialsOf(person.first_name, person.last_name),
      "Hemlig",
      "Söka jobb",
      "video",
      "DESCRIPTION",
      "LOCATION",
      "ATTENDEE",
      "ORGANIZER",
    ])
      expect(body, secret).not.toContain(secret);
    const [entry] = await auditOf(t.db, "calendar.feed.read", cast.users.coach.id);
    expect(entry?.details).toMatchObject({ events: 3, titleDetail: "none" });
    expect(await auditOf(t.db, "calendar.feed.create", cast.users.coach.id)).toHaveLength(1);
  });

  it("shows the initials, and only them, when the owner chooses so; re-creating stops the old address", async () => {
    const first: CreatedFeed = expectStatus(await cast.as.manager.post("/api/calendar/feed", { titleDetail: "none" }), 201);
    const second: CreatedFeed = expectStatus(await cast.as.manager.post("/api/calendar/feed", { titleDetail: "initials" }), 201);
    expect((await fetchFeed(first.path)).statusCode).toBe(404);
    const body = (await fetchFeed(second.path)).body;
    expect(body).toContain(`SUMMARY:${FEED_TITLE} Y. Ö.`);
    expect(body).not.toContain("Ylva");
    expect(body).not.toContain("Östberg");
  });

  it("stops working when revoked (404) and refuses made-up tokens", async () => {
    const feed: CreatedFeed = expectStatus(await cast.as.coachWithoutSensitive.post("/api/calendar/feed", {}), 201);
    expect((await fetchFeed(feed.path)).statusCode).toBe(200);
    expect((await cast.as.coachWithoutSensitive.delete("/api/calendar/feed")).statusCode).toBe(204);
    expect((await fetchFeed(feed.path)).statusCode).toBe(404);
    expectStatus(await cast.as.coachWithoutSensitive.delete("/api/calendar/feed"), 404);
    expect(await auditOf(t.db, "calendar.feed.revoke", cast.users.coachWithoutSensitive.id)).toHaveLength(1);
    expect((await fetchFeed(`/api/ics/${"A".repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await fetchFeed("/api/ics/short")).statusCode).toBe(400);
  });

  it("stops for a deactivated user, and leaves out projects the owner has left", async () => {
    const u = await aUser(t.db, { projects: [{ projectId: cast.project.id, role: "coach" }] });
    const as = await signIn(t.app, u.email);
    expectStatus(await cast.as.coach.post(`/api/enrolments/${e.id}/meetings`, { date: daysFromToday(1), time: "15:00", form: "phone", staffIds: [u.id] }), 201);
    const feed: CreatedFeed = expectStatus(await as.post("/api/calendar/feed", { titleDetail: "initials" }), 201);
    expect((await fetchFeed(feed.path)).body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    await t.db.deleteFrom("project_memberships").where("user_id", "=", u.id).execute();
    const body = (await fetchFeed(feed.path)).body;
    expect(body).not.toContain("BEGIN:VEVENT");
    expect(body).toMatch(/^BEGIN:VCALENDAR/);
    await t.db.updateTable("users").set({ active: false }).where("id", "=", u.id).execute();
    expect((await fetchFeed(feed.path)).statusCode).toBe(404);
  });

  it("cannot be managed without a session, nor by users without a staff role", async () => {
    for (const [method, url] of [
      ["GET", "/api/calendar/feed"],
      ["POST", "/api/calendar/feed"],
      ["DELETE", "/api/calendar/feed"],
    ] as const) {
      expect((await t.app.inject({ method, url, ...(method === "POST" && { payload: {} }) })).statusCode).toBe(401);
      for (const who of ["statistician", "participant", "admin"] as const) {
        const res = await cast.as[who].request({ method, url, ...(method === "POST" && { payload: {} }) });
        expect(res.statusCode, `${who} ${method} ${url}`).toBe(403);
      }
    }
    expect(
      await t.db.selectFrom("calendar_feeds").select("user_id").where("user_id", "in", [cast.users.statistician.id, cast.users.admin.id]).execute(),
    ).toEqual([]);
  });
});

describe("group sessions in the calendar", () => {
  it("shows the sessions a user leads, by the group's name and without persons; cancelled ones and other leaders' are left out", async () => {
    const group = expectStatus(
      await cast.as.coach.post(`/api/projects/${cast.project.id}/groups`, {
        name: "Vägen framåt",
        leaderIds: [cast.users.coach.id],
        pattern: { startDate: daysFromToday(1), weeks: 1, weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: "13:00", durationMinutes: 90 },
      }),
      201,
    );
    const [first, second] = group.sessionList as { id: string; version: number }[];
    expectStatus(await cast.as.coach.patch(`/api/group-sessions/${second?.id}`, { version: second?.version, cancelled: true }), 200);
    const sessions = (await week(cast.as.coach, daysFromToday(0), daysFromToday(3))).events.filter((ev) => ev.kind === "group_session");
    expect(sessions.map((s) => s.date)).toEqual([daysFromToday(1), daysFromToday(3)]);
    expect(sessions[0]).toMatchObject({ id: first?.id, title: "Vägen framåt", time: "13:00", endTime: "14:30", participant: null, projectId: cast.project.id });
    const managers = (await week(cast.as.manager, daysFromToday(0), daysFromToday(3))).events.filter((ev) => ev.kind === "group_session");
    expect(managers).toEqual([]);
  });
});
