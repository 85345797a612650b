import type { Faker } from "@faker-js/faker";
import type { SystemActor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { addDays, todayInSweden } from "../features/participants/dates.ts";
import { answerOnBehalf, createQuestionnaire, createRound } from "../features/ratings/questionnaires.ts";
import { createScore, saveLicence } from "../features/ratings/scores.ts";
import { addSelfEvaluationAnswer, createSelfEvaluation } from "../features/ratings/self-evaluation.ts";

const clamp = (v: number) => Math.max(0, Math.min(10, Math.round(v * 10) / 10));

/**
 * Ratings for the demo: the organisation's licence, weekly GSRS after group sessions and ORS at
 * meetings for a few active participants (one whose group ratings fall under the limit), one
 * follow-up questionnaire sent and mostly answered, and two self-evaluation days to compare.
 */
export async function seedDemoRatings(db: Db, faker: Faker, actor: SystemActor, projectId: string, organisationId: string) {
  const ctx = { actor };
  const today = todayInSweden();
  await saveLicence(db, ctx, organisationId, {
    version: null,
    holder: "Arbetsmarknadsenheten",
    validUntil: addDays(today, 300),
    note: "Licens för digital användning, förnyas årsvis.",
  });

  const active = await db
    .selectFrom("enrolments")
    .select(["id", "start_date"])
    .where("project_id", "=", projectId)
    .where("exit_date", "is", null)
    .where("start_date", "<=", addDays(today, -50))
    .orderBy("start_date", "desc")
    .limit(10)
    .execute();
  const themes = [
    "Egenmakt",
    "Rättigheter och skyldigheter i arbetslivet",
    "Vardagsekonomi",
    "Gästföreläsning: att söka jobb",
    "Hälsa och sömn",
    "Studiebesök",
  ];
  for (const [n, e] of active.slice(0, 4).entries()) {
    const falling = n === 0;
    let level = falling ? 9.4 : faker.number.float({ min: 8.6, max: 9.6 });
    for (let week = 6; week >= 1; week--) {
      const ratedOn = addDays(today, -7 * week - n);
      if (ratedOn < e.start_date) continue;
      if (falling && week <= 3) level -= 0.6;
      const items = {
        relationship: clamp(level + faker.number.float({ min: -0.3, max: 0.4 })),
        goals_topics: clamp(level + faker.number.float({ min: -0.5, max: 0.3 })),
        approach: clamp(level + faker.number.float({ min: -0.4, max: 0.3 })),
        overall: clamp(level + faker.number.float({ min: -0.3, max: 0.3 })),
      };
      await createScore(db, ctx, e.id, {
        instrument: "gsrs",
        ratedOn,
        context: { kind: "group_session", id: null, label: themes[6 - week] ?? null },
        items,
      });
    }
  }
  for (const [n, e] of active.slice(1, 3).entries()) {
    let level = n === 0 ? 4.8 : 6.2;
    for (const weeksAgo of [7, 4, 1]) {
      const ratedOn = addDays(today, -7 * weeksAgo);
      if (ratedOn < e.start_date) continue;
      await createScore(db, ctx, e.id, {
        instrument: "ors",
        ratedOn,
        context: { kind: "meeting", id: null, label: "Enskilt samtal" },
        items: {
          individually: clamp(level + faker.number.float({ min: -0.5, max: 0.5 })),
          interpersonally: clamp(level + faker.number.float({ min: -0.5, max: 0.5 })),
          socially: clamp(level + faker.number.float({ min: -0.5, max: 0.5 })),
          overall: clamp(level),
        },
      });
      level += n === 0 ? 1.2 : 0.4;
    }
  }

  const q = await createQuestionnaire(db, ctx, projectId, {
    title: "Uppföljning efter gruppen",
    intro: "Några frågor om tiden i gruppen och hur det går nu.",
    questions: [
      { key: "useful", kind: "scale", text: "Hur mycket hade du nytta av gruppträffarna?" },
      { key: "supported", kind: "yes_no", text: "Fick du det stöd du behövde?" },
      { key: "interview", kind: "yes_no", text: "Har du varit på en anställningsintervju sedan gruppen slutade?" },
      { key: "contact", kind: "choice", text: "Hur vill du helst hålla kontakten med oss?", options: ["Telefon", "E-post", "Besök"] },
      { key: "applications", kind: "number", text: "Hur många jobb har du sökt den senaste månaden?", min: 0, max: 200 },
      { key: "more", kind: "text", text: "Vad skulle du vilja ha mer av?" },
    ],
  });
  const recipients = active.slice(0, 9);
  if (recipients.length > 0) {
    const sent = await createRound(db, ctx, q.id, { title: "Vårens grupp", sentOn: addDays(today, -14), enrolmentIds: recipients.map((r) => r.id) });
    const roundId = sent.rounds[0]?.id as string;
    const wishes = [
      "Fler studiebesök hos arbetsgivare",
      "Mer träning inför intervjuer",
      "Hjälp med CV och personligt brev",
      "",
      "Träffa de andra i gruppen igen",
    ];
    for (const [i, r] of recipients.slice(0, 7).entries()) {
      await answerOnBehalf(db, ctx, roundId, r.id, {
        answeredOn: addDays(today, -10 + i),
        answers: {
          useful: faker.number.int({ min: 5, max: 10 }),
          supported: i !== 3,
          interview: i % 3 === 0,
          contact: faker.helpers.arrayElement(["Telefon", "Telefon", "E-post", "Besök"]),
          applications: faker.number.int({ min: 0, max: 15 }),
          more: wishes[i % wishes.length] ?? "",
        },
      });
    }
  }

  const days = [
    { title: "Självvärdering hösten", heldOn: addDays(today, -190), base: { development: 7, collaboration: 5, methods: 7, conditions: 6, confidence: 6 } },
    { title: "Självvärdering våren", heldOn: addDays(today, -10), base: { development: 8, collaboration: 6, methods: 8, conditions: 6, confidence: 7 } },
  ];
  const comments = {
    development: ["Deltagarna tar egna initiativ tidigare än förut.", "Fler går vidare till praktik inom tre månader."],
    collaboration: ["Kortare väg till handläggarna hos samverkansparterna behövs.", "Bra dialog i referensgruppen."],
    methods: ["Gruppträffarna med egenmakt som tema fungerar väl.", "Vi behöver en gemensam rutin för avslutssamtal."],
  };
  for (const [d, day] of days.entries()) {
    const created = await createSelfEvaluation(db, ctx, projectId, {
      title: day.title,
      heldOn: day.heldOn,
      periodFrom: addDays(day.heldOn, -180),
      periodTo: day.heldOn,
    });
    const respondents = [
      ...Array.from({ length: 5 }, () => ({ respondentKind: "staff" as const, partnerOrganisation: null })),
      { respondentKind: "partner" as const, partnerOrganisation: "Försäkringskassan" },
      { respondentKind: "partner" as const, partnerOrganisation: "Regionens vuxenpsykiatri" },
    ];
    for (const [i, r] of respondents.entries()) {
      const scores = Object.fromEntries(Object.entries(day.base).map(([k, v]) => [k, Math.max(0, Math.min(10, v + faker.number.int({ min: -1, max: 2 })))]));
      const said = Object.fromEntries(Object.entries(comments).flatMap(([k, list]) => (i < list.length && (i + d) % 2 === 0 ? [[k, list[i] as string]] : [])));
      await addSelfEvaluationAnswer(db, created.id, { ...r, scores, comments: said });
    }
  }
}
