import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Enrolment } from "../../../schemas/participants.ts";
import type { Instrument, Questionnaire } from "../../../schemas/ratings.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let people: Enrolment[];

const scale = {
  code: "stamning",
  nameSv: "Stämningsskala",
  nameEn: "Mood scale",
  items: [
    { key: "today", sv: "I dag", en: "Today" },
    { key: "week", sv: "Veckan", en: "The week" },
  ],
  itemMin: 0,
  itemMax: 10,
  decimals: 1,
  alertRule: "total_below",
  alertValue: 8,
  reliableChange: 3,
  administered: "per_meeting",
  licensed: false,
};

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  people = [];
  for (let i = 0; i < 3; i++) people.push(await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-40) }));
});
afterAll(async () => {
  await t?.close();
});

describe("administering the rating scales", () => {
  it("adds a scale with item names, which staff then use; its items stay once scores exist", async () => {
    const created: Instrument = expectStatus(await cast.as.admin.post("/api/admin/rating-instruments", scale), 201);
    expect(created).toMatchObject({ code: "stamning", totalMin: 0, totalMax: 20, version: 1, scores: 0 });
    expect(expectStatus(await cast.as.admin.post("/api/admin/rating-instruments", scale), 400).error.fields).toHaveProperty(["code"]);
    const listed = expectStatus(await cast.as.coach.get(`/api/projects/${cast.project.id}/rating-instruments`), 200);
    expect(listed.instruments.map((i: Instrument) => i.code)).toEqual(["gsrs", "ors", "srs", "stamning"]);

    // Before any score the items may change.
    const renamed: Instrument = expectStatus(
      await cast.as.admin.patch(`/api/admin/rating-instruments/${created.id}`, {
        version: 1,
        items: [...scale.items, { key: "month", sv: "Månaden", en: "The month" }],
      }),
      200,
    );
    expect(renamed).toMatchObject({ version: 2, totalMax: 30 });
    const score = expectStatus(
      await cast.as.coach.post(`/api/enrolments/${people[0]?.id}/rating-scores`, {
        instrument: "stamning",
        ratedOn: daysFromToday(-1),
        items: { today: 2, week: 2, month: 2.5 },
      }),
      201,
    );
    expect(score).toMatchObject({ total: 6.5, alert: true });

    const url = `/api/admin/rating-instruments/${created.id}`;
    const dropped = expectStatus(await cast.as.admin.patch(url, { version: 2, items: scale.items }), 400);
    expect(dropped.error.fields.items).toContain("1 skattningar");
    expect(expectStatus(await cast.as.admin.patch(url, { version: 2, itemMax: 5 }), 400).error.fields).toHaveProperty(["itemMin"]);
    // Names, limits and rules may still change; a stale version is a conflict with the current scale.
    const named = expectStatus(
      await cast.as.admin.patch(url, { version: 2, nameEn: "Mood", alertValue: 6, items: renamed.items.map((i) => ({ ...i, en: i.en.toUpperCase() })) }),
      200,
    );
    expect(named).toMatchObject({ version: 3, nameEn: "Mood", alertValue: 6, scores: 1 });
    expect(named.items.map((i: { en: string }) => i.en)).toEqual(["TODAY", "THE WEEK", "THE MONTH"]);
    expect(expectStatus(await cast.as.admin.patch(url, { version: 2, nameEn: "Stale" }), 409).error.current).toMatchObject({ version: 3, nameEn: "Mood" });

    const audit = await auditOf(t.db, "rating_instrument.update", created.id);
    const versionOf = (d: unknown, side: "before" | "after") => (d as Record<typeof side, { version: number }>)[side].version;
    expect(audit.map((a) => [versionOf(a.details, "before"), versionOf(a.details, "after")])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(await auditOf(t.db, "rating_instrument.create", created.id)).toHaveLength(1);
  });
});

describe("sending a questionnaire to a group", () => {
  it("sends it to the group's participants of the day, and names the group on the round", async () => {
    const pattern = { startDate: daysFromToday(-10), weeks: 2, weekdays: [2], startTime: "13:00", durationMinutes: 60 };
    const g = expectStatus(
      await cast.as.coach.post(`/api/projects/${cast.project.id}/groups`, { name: "Grupp Syd", leaderIds: [cast.users.coach.id], pattern }),
      201,
    );
    const [a, b, c] = people as [Enrolment, Enrolment, Enrolment];
    expectStatus(await cast.as.coach.post(`/api/groups/${g.id}/members`, { enrolmentId: a.id, fromDate: daysFromToday(-20) }), 201);
    // b has left the group, c joins only next week.
    const left = expectStatus(await cast.as.coach.post(`/api/groups/${g.id}/members`, { enrolmentId: b.id, fromDate: daysFromToday(-20) }), 201);
    expectStatus(await cast.as.coach.patch(`/api/group-members/${left.id}`, { version: left.version, toDate: daysFromToday(-2) }), 200);
    expectStatus(await cast.as.coach.post(`/api/groups/${g.id}/members`, { enrolmentId: c.id, fromDate: daysFromToday(7) }), 201);
    const q: Questionnaire = expectStatus(
      await cast.as.manager.post(`/api/projects/${cast.project.id}/questionnaires`, {
        title: "Gruppenkät",
        questions: [{ key: "ok", kind: "yes_no", text: "Trivs du?" }],
      }),
      201,
    );
    const sent: Questionnaire = expectStatus(
      await cast.as.manager.post(`/api/questionnaires/${q.id}/rounds`, { title: "Grupp Syd i dag", sentOn: daysFromToday(0), groupId: g.id }),
      201,
    );
    expect(sent.rounds).toEqual([expect.objectContaining({ title: "Grupp Syd i dag", groupName: "Grupp Syd", recipients: 1 })]);
    const recipients = await t.db
      .selectFrom("questionnaire_recipients")
      .select("enrolment_id")
      .where("round_id", "=", sent.rounds[0]?.id as string)
      .execute();
    expect(recipients).toEqual([{ enrolment_id: a.id }]);

    // Chosen persons and a group together give each person once.
    const both: Questionnaire = expectStatus(
      await cast.as.manager.post(`/api/questionnaires/${q.id}/rounds`, { title: "Båda", sentOn: daysFromToday(0), groupId: g.id, enrolmentIds: [a.id, c.id] }),
      201,
    );
    expect(both.rounds.find((r) => r.title === "Båda")?.recipients).toBe(2);

    const foreign = expectStatus(
      await cast.as.otherCoach.post(`/api/projects/${cast.other.id}/groups`, { name: "Annan", leaderIds: [cast.users.otherCoach.id] }),
      201,
    );
    const refused = await cast.as.manager.post(`/api/questionnaires/${q.id}/rounds`, { title: "Fel", sentOn: daysFromToday(0), groupId: foreign.id });
    expect(expectStatus(refused, 400).error.fields).toEqual({ groupId: "Gruppen finns inte i projektet." });
    const empty = await cast.as.manager.post(`/api/questionnaires/${q.id}/rounds`, { title: "Tom", sentOn: daysFromToday(0) });
    expect(expectStatus(empty, 400).error.fields).toHaveProperty(["enrolmentIds"]);
  });
});

describe("correcting a questionnaire and a self-evaluation day", () => {
  it("changes a questionnaire until answered, then keeps every question key; a stale version is a conflict", async () => {
    const questions = [
      { key: "ok", kind: "yes_no", text: "Trivs du?" },
      { key: "more", kind: "text", text: "Vad vill du ha mer av?" },
    ];
    const q: Questionnaire = expectStatus(await cast.as.manager.post(`/api/projects/${cast.project.id}/questionnaires`, { title: "Enkät", questions }), 201);
    const url = `/api/questionnaires/${q.id}`;
    const v2: Questionnaire = expectStatus(await cast.as.manager.patch(url, { version: 1, title: "Enkät i maj", questions: [questions[0]] }), 200);
    expect(v2).toMatchObject({ version: 2, title: "Enkät i maj", questions: [questions[0]] });
    expect(expectStatus(await cast.as.manager.patch(url, { version: 1, title: "Gammal", questions }), 409).error.current).toMatchObject({ version: 2 });

    const sent = expectStatus(
      await cast.as.manager.post(`/api/questionnaires/${q.id}/rounds`, { title: "Maj", sentOn: daysFromToday(0), enrolmentIds: [people[0]?.id] }),
      201,
    );
    expectStatus(
      await cast.as.coach.post(`/api/enrolments/${people[0]?.id}/questionnaires/${sent.rounds[0].id}/response`, {
        answeredOn: daysFromToday(0),
        answers: { ok: true },
      }),
      201,
    );
    const dropped = expectStatus(await cast.as.manager.patch(url, { version: 2, title: "Ny", questions: [questions[1]] }), 400);
    expect(dropped.error.fields.questions).toContain("Trivs du?");
    const kind = expectStatus(await cast.as.manager.patch(url, { version: 2, title: "Ny", questions: [{ ...questions[0], kind: "text" }] }), 400);
    expect(kind.error.fields.questions).toContain("frågetypen");
    // New wording and an added question are fine.
    const v3: Questionnaire = expectStatus(
      await cast.as.manager.patch(url, { version: 2, title: "Enkät i maj", questions: [{ ...questions[0], text: "Trivs du i gruppen?" }, questions[1]] }),
      200,
    );
    expect(v3.questions.map((x) => x.text)).toEqual(["Trivs du i gruppen?", "Vad vill du ha mer av?"]);
    expect((await auditOf(t.db, "questionnaire.update", q.id)).length).toBe(2);
  });

  it("corrects a self-evaluation day with its version", async () => {
    const day = expectStatus(
      await cast.as.manager.post(`/api/projects/${cast.project.id}/self-evaluations`, { title: "Vårdagen", heldOn: daysFromToday(-3) }),
      201,
    );
    expect(day.version).toBe(1);
    const url = `/api/self-evaluations/${day.id}`;
    const fixed = expectStatus(
      await cast.as.manager.patch(url, {
        version: 1,
        title: "Vårens självvärdering",
        heldOn: daysFromToday(-2),
        periodFrom: daysFromToday(-90),
        periodTo: daysFromToday(-3),
      }),
      200,
    );
    expect(fixed).toMatchObject({ version: 2, title: "Vårens självvärdering", heldOn: daysFromToday(-2), periodTo: daysFromToday(-3) });
    expect(expectStatus(await cast.as.manager.patch(url, { version: 1, title: "Gammal", heldOn: daysFromToday(-2) }), 409).error.current).toMatchObject({
      version: 2,
      title: "Vårens självvärdering",
    });
    const backwards = await cast.as.manager.patch(url, {
      version: 2,
      title: "Bakvänd",
      heldOn: daysFromToday(-2),
      periodFrom: daysFromToday(-1),
      periodTo: daysFromToday(-9),
    });
    expect(expectStatus(backwards, 400).error.fields).toHaveProperty(["periodTo"]);
    expect(await auditOf(t.db, "self_evaluation.update", day.id)).toHaveLength(1);
  });
});
