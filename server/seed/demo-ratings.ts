import type { Faker } from "@faker-js/faker";
import type { SystemActor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { swedishLocal } from "../features/groups/pattern.ts";
import { addDays, todayInSweden } from "../features/participants/dates.ts";
import { answerOnBehalf, createQuestionnaire, createRound } from "../features/ratings/questionnaires.ts";
import { createScore, saveLicence } from "../features/ratings/scores.ts";
import { addSelfEvaluationAnswer, createSelfEvaluation } from "../features/ratings/self-evaluation.ts";

const clamp = (v: number) => Math.max(0, Math.min(10, Math.round(v * 10) / 10));

/**
 * Ratings for the demo: the organisation's licence, GSRS after every held group session from those
 * who were there (one participant's ratings fall under the limit), ORS at meetings for two active
 * participants, one follow-up questionnaire sent and mostly answered, and two self-evaluation days
 * to compare.
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
  // GSRS after every held group session, from each participant who was there: the leaders
  // enter them from the paper forms. One participant's ratings fall under the limit.
  const attended = await db
    .selectFrom("group_attendance as a")
    .innerJoin("group_sessions as s", "s.id", "a.session_id")
    .innerJoin("groups as g", "g.id", "s.group_id")
    .select(["a.enrolment_id", "s.id as session_id", "s.starts_at"])
    .where("g.project_id", "=", projectId)
    .where("a.status", "=", "present")
    .where("s.cancelled", "=", false)
    .where("s.starts_at", "<", new Date())
    .orderBy("s.starts_at")
    .orderBy("a.enrolment_id")
    .execute();
  const enrolmentsRated = [...new Set(attended.map((a) => a.enrolment_id))];
  const falling = enrolmentsRated[0];
  const levels = new Map(enrolmentsRated.map((id) => [id, id === falling ? 9.4 : faker.number.float({ min: 8.6, max: 9.6 })]));
  const seen = new Map<string, number>();
  for (const a of attended) {
    const n = (seen.get(a.enrolment_id) ?? 0) + 1;
    seen.set(a.enrolment_id, n);
    let level = levels.get(a.enrolment_id) as number;
    if (a.enrolment_id === falling && n > 3 && level > 8.2) level -= 0.5;
    levels.set(a.enrolment_id, level);
    await createScore(db, ctx, a.enrolment_id, {
      instrument: "gsrs",
      ratedOn: swedishLocal(new Date(a.starts_at)).date,
      context: { kind: "group_session", id: a.session_id, label: null },
      items: {
        relationship: clamp(level + faker.number.float({ min: -0.3, max: 0.4 })),
        goals_topics: clamp(level + faker.number.float({ min: -0.5, max: 0.3 })),
        approach: clamp(level + faker.number.float({ min: -0.4, max: 0.3 })),
        overall: clamp(level + faker.number.float({ min: -0.3, max: 0.3 })),
      },
    });
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
