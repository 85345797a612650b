import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Enrolment } from "../../../schemas/participants.ts";
import type { Questionnaire, RoundResults } from "../../../schemas/ratings.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let people: Enrolment[];
let questionnaire: Questionnaire;
let roundId: string;

const questions = [
  { key: "support", kind: "scale", text: "Hur väl fick du det stöd du behövde?" },
  { key: "interview", kind: "yes_no", text: "Har du varit på en anställningsintervju sedan gruppen slutade?" },
  { key: "contact", kind: "choice", text: "Hur vill du helst hålla kontakten?", options: ["Telefon", "E-post", "Besök"] },
  { key: "applications", kind: "number", text: "Hur många jobb har du sökt den senaste månaden?", min: 0, max: 200 },
  { key: "wish", kind: "text", text: "Vad vill du ha mer av?" },
  { key: "confidence", kind: "scale", text: "Hur säker känner du dig på att nå ditt mål?" },
];

/** Five answers, computed by hand: support 8, 6, 10, 3, 7 → n 5, lowest 3, mean 6.8, highest 10. */
const answers = [
  { support: 8, interview: true, contact: "Telefon", applications: 3, wish: "Fler studiebesök", confidence: 9 },
  { support: 6, interview: false, contact: "Besök", applications: 0, wish: "", confidence: 4 },
  { support: 10, interview: true, contact: "Telefon", applications: 12 },
  { support: 3, interview: false, contact: "Telefon", applications: 5, wish: "Mer intervjuträning" },
  { support: 7, interview: false, applications: 2 },
];

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  const genders = ["kvinna", "kvinna", "kvinna", "man", "man", "annat"] as const;
  people = [];
  for (const gender of genders) people.push(await anEnrolment(cast.as.coach, cast.project.id, { person: { gender } }));
  questionnaire = expectStatus(
    await cast.as.manager.post(`/api/projects/${cast.project.id}/questionnaires`, {
      title: "Uppföljning efter gruppen",
      intro: "Tre månader efter sista träffen.",
      questions,
    }),
    201,
  );
  const sent: Questionnaire = expectStatus(
    await cast.as.manager.post(`/api/questionnaires/${questionnaire.id}/rounds`, {
      title: "Vårens grupp",
      sentOn: daysFromToday(-7),
      enrolmentIds: people.map((p) => p.id),
    }),
    201,
  );
  roundId = sent.rounds[0]?.id as string;
  for (const [i, a] of answers.entries()) {
    expectStatus(
      await cast.as.coach.post(`/api/enrolments/${people[i]?.id}/questionnaires/${roundId}/response`, { answeredOn: daysFromToday(-3), answers: a }),
      201,
    );
  }
});
afterAll(async () => {
  await t?.close();
});

describe("questionnaires and rounds", () => {
  it("refuses a choice question without options and two questions with the same key", async () => {
    const res = await cast.as.manager.post(`/api/projects/${cast.project.id}/questionnaires`, {
      title: "Trasig",
      questions: [
        { key: "a", kind: "choice", text: "Välj", options: ["Bara en"] },
        { key: "a", kind: "text", text: "Fritext" },
      ],
    });
    expect(expectStatus(res, 400).error.fields).toMatchObject({
      "questions.0.options": "Ange minst två svarsalternativ",
      questions: "Två frågor har samma nyckel",
    });
  });

  it("refuses recipients from another project", async () => {
    const stranger = await anEnrolment(cast.as.otherCoach, cast.other.id);
    const res = await cast.as.manager.post(`/api/questionnaires/${questionnaire.id}/rounds`, {
      title: "Fel",
      sentOn: daysFromToday(0),
      enrolmentIds: [stranger.id],
    });
    expect(expectStatus(res, 400).error.fields.enrolmentIds).toBe("Någon av de valda deltagarna finns inte i projektet.");
  });

  it("lists the round with its recipients and responses, and logs the sending per person", async () => {
    const list = expectStatus(await cast.as.manager.get(`/api/projects/${cast.project.id}/questionnaires`), 200);
    expect(list.questionnaires[0].rounds).toEqual([
      { id: roundId, title: "Vårens grupp", sentOn: daysFromToday(-7), groupName: null, recipients: 6, responses: 5 },
    ]);
    expect(await auditOf(t.db, "questionnaire_round.send", people[0]?.personId)).toHaveLength(1);
  });

  it("checks answers against their questions, naming the question", async () => {
    const res = await cast.as.coach.put(`/api/enrolments/${people[0]?.id}/questionnaires/${roundId}/response`, {
      version: 1,
      answeredOn: daysFromToday(-1),
      answers: { support: 11, interview: "kanske", contact: "Brev", applications: 2.5, nope: 1 },
    });
    expect(expectStatus(res, 400).error.fields).toEqual({
      "answers.support": "Svaret på ”Hur väl fick du det stöd du behövde?” ska vara mellan 0 och 10.",
      "answers.interview": "Svara ja eller nej på ”Har du varit på en anställningsintervju sedan gruppen slutade?”.",
      "answers.contact": "Välj ett av svarsalternativen för ”Hur vill du helst hålla kontakten?”.",
      "answers.nope": "Enkäten har ingen sådan fråga.",
    });
  });

  it("corrects answers with version; a stale version or a second first answer gets 409", async () => {
    const url = `/api/enrolments/${people[5]?.id}/questionnaires/${roundId}/response`;
    const first = expectStatus(await cast.as.coach.post(url, { answeredOn: daysFromToday(-2), answers: { wish: "Hjälp med CV" } }), 201);
    expect(first).toMatchObject({ respondentKind: "staff_on_behalf", version: 1, answers: { wish: "Hjälp med CV" } });
    expect(expectStatus(await cast.as.coach.post(url, { answeredOn: daysFromToday(-2), answers: {} }), 409).error.current).toMatchObject({ version: 1 });
    const fixed = expectStatus(await cast.as.coach.put(url, { version: 1, answeredOn: daysFromToday(-2), answers: { wish: "Hjälp med CV och brev" } }), 200);
    expect(fixed.version).toBe(2);
    expect(expectStatus(await cast.as.manager.put(url, { version: 1, answeredOn: daysFromToday(-2), answers: {} }), 409).error.current).toMatchObject({
      version: 2,
      answers: { wish: "Hjälp med CV och brev" },
    });
    const [entry] = await auditOf(t.db, "questionnaire_response.update", people[5]?.personId);
    expect(entry?.details).toMatchObject({ before: { answers: { wish: "Hjälp med CV" } }, after: { answers: { wish: "Hjälp med CV och brev" } } });
    // Take the sixth answer away again so the fixture below stays at five.
    await t.db
      .deleteFrom("questionnaire_responses")
      .where("enrolment_id", "=", people[5]?.id as string)
      .execute();
  });

  it("shows the participant's rounds and answers on their page, and logs the read", async () => {
    const body = expectStatus(await cast.as.coach.get(`/api/enrolments/${people[1]?.id}/questionnaires`), 200);
    expect(body.rounds).toHaveLength(1);
    expect(body.rounds[0].response).toMatchObject({
      answers: { support: 6, interview: false, contact: "Besök", applications: 0 },
      respondentKind: "staff_on_behalf",
    });
    expect(body.rounds[0].response.answers.wish).toBeUndefined();
    const reads = await auditOf(t.db, "person.read", people[1]?.personId);
    expect(reads.at(-1)?.details).toMatchObject({ section: "questionnaires" });
  });
});

describe("results", () => {
  const q = (r: RoundResults, key: string) => r.questions.find((x) => x.key === key);

  it("gives staff n, lowest, mean, highest, yes/no by gender, options and free text", async () => {
    const r: RoundResults = expectStatus(await cast.as.manager.get(`/api/questionnaire-rounds/${roundId}/results`), 200);
    expect(r).toMatchObject({ recipients: 6, responses: 5, suppressed: false, questionnaireTitle: "Uppföljning efter gruppen" });
    expect(q(r, "support")).toMatchObject({ n: 5, min: 3, mean: 6.8, max: 10 });
    expect(q(r, "applications")).toMatchObject({ n: 5, min: 0, mean: 4.4, max: 12 });
    expect(q(r, "confidence")).toMatchObject({ n: 2, min: 4, mean: 6.5, max: 9 });
    expect(q(r, "interview")?.byGender).toEqual([
      { gender: "kvinna", yes: 2, no: 1, total: 3 },
      { gender: "man", yes: 0, no: 2, total: 2 },
      { gender: "annat", yes: 0, no: 0, total: 0 },
      { gender: "Totalt", yes: 2, no: 3, total: 5 },
    ]);
    expect(q(r, "contact")).toMatchObject({
      n: 4,
      options: [
        { option: "Telefon", count: 3 },
        { option: "E-post", count: 0 },
        { option: "Besök", count: 1 },
      ],
    });
    expect(q(r, "wish")).toMatchObject({ n: 2, texts: ["Fler studiebesök", "Mer intervjuträning"] });
    const [entry] = await auditOf(t.db, "questionnaire_results.read", roundId);
    expect(entry?.actor_id).toBe(cast.users.manager.id);
  });

  it("hides small numbers and free text from the statistician", async () => {
    const r: RoundResults = expectStatus(await cast.as.statistician.get(`/api/questionnaire-rounds/${roundId}/results`), 200);
    expect(r).toMatchObject({ recipients: 6, responses: 5, suppressed: true });
    expect(q(r, "support")).toMatchObject({ n: 5, min: 3, mean: 6.8, max: 10 });
    expect(q(r, "confidence")).toMatchObject({ n: "<5", min: null, mean: null, max: null });
    expect(q(r, "interview")).toMatchObject({
      n: 5,
      byGender: [
        { gender: "kvinna", yes: "<5", no: "<5", total: "<5" },
        { gender: "man", yes: 0, no: "<5", total: "<5" },
        { gender: "annat", yes: 0, no: 0, total: 0 },
        { gender: "Totalt", yes: "<5", no: "<5", total: 5 },
      ],
    });
    expect(q(r, "contact")).toMatchObject({
      n: "<5",
      options: [
        { option: "Telefon", count: "<5" },
        { option: "E-post", count: 0 },
        { option: "Besök", count: "<5" },
      ],
    });
    expect(q(r, "wish")).toMatchObject({ n: "<5", texts: null });
    expect(JSON.stringify(r)).not.toContain("intervjuträning");
    expect(await auditOf(t.db, "questionnaire_results.read", roundId)).toHaveLength(1);
  });
});
