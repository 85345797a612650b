import {
  SELF_EVALUATION_QUESTIONS,
  type SelfEvaluationAnswerInput,
  type SelfEvaluationInput,
  type SelfEvaluationQuestion,
  type SelfEvaluationResult,
  type SelfEvaluationSummary,
  type SelfEvaluationUpdate,
} from "../../../schemas/ratings.ts";
import { type ServiceContext, writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import { stats } from "./rules.ts";
import "./tables.ts";

const bad = (fields: Record<string, string>) => new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields });

/** Swedish names of the scale questions, for messages. */
const questionNames: Record<SelfEvaluationQuestion, string> = {
  development: "Deltagarnas utveckling",
  collaboration: "Samarbete och samverkan",
  methods: "Arbetssätt och metoder",
  conditions: "Förutsättningar",
  confidence: "Tilltro till att nå målen",
};

function daysOf(db: Db, projectId: string) {
  return db
    .selectFrom("self_evaluations as s")
    .select((eb) => [
      "s.id",
      "s.project_id",
      "s.title",
      "s.held_on",
      "s.period_from",
      "s.period_to",
      "s.question_keys",
      "s.version",
      eb.selectFrom("self_evaluation_answers as a").whereRef("a.self_evaluation_id", "=", "s.id").select(eb.fn.countAll<number>().as("n")).as("answers"),
    ])
    .where("s.project_id", "=", projectId)
    .orderBy("s.held_on", "desc")
    .orderBy("s.created_at", "desc")
    .execute();
}

type DayRow = Awaited<ReturnType<typeof daysOf>>[number];

const summary = (d: DayRow): SelfEvaluationSummary => ({
  id: d.id,
  title: d.title,
  heldOn: d.held_on,
  periodFrom: d.period_from,
  periodTo: d.period_to,
  answers: Number(d.answers),
  version: d.version,
});

export async function listSelfEvaluations(db: Db, projectId: string): Promise<SelfEvaluationSummary[]> {
  return (await daysOf(db, projectId)).map(summary);
}

/** Correct a day's title, date or period (with version); the questions asked stay as they were. */
export async function updateSelfEvaluation(db: Db, ctx: ServiceContext, id: string, input: SelfEvaluationUpdate): Promise<SelfEvaluationSummary> {
  const found = await findSelfEvaluation(db, id);
  if (!found) throw notFound("Självvärderingen");
  const current = async () => (await listSelfEvaluations(db, found.project_id)).find((d) => d.id === id) as SelfEvaluationSummary;
  const before = await current();
  const res = await db
    .updateTable("self_evaluations")
    .set((eb) => ({
      title: input.title,
      held_on: input.heldOn,
      period_from: input.periodFrom ?? null,
      period_to: input.periodTo ?? null,
      version: eb("version", "+", 1),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  const after = await current();
  await writeAudit(db, ctx, {
    action: "self_evaluation.update",
    subjectType: "self_evaluation",
    subjectId: id,
    projectId: found.project_id,
    details: { before, after },
  });
  return after;
}

export async function findSelfEvaluation(db: Db, id: string) {
  return db.selectFrom("self_evaluations").select(["id", "project_id", "question_keys"]).where("id", "=", id).executeTakeFirst();
}

export async function createSelfEvaluation(db: Db, ctx: ServiceContext, projectId: string, input: SelfEvaluationInput): Promise<SelfEvaluationSummary> {
  const row = await db
    .insertInto("self_evaluations")
    .values({
      project_id: projectId,
      title: input.title,
      held_on: input.heldOn,
      period_from: input.periodFrom ?? null,
      period_to: input.periodTo ?? null,
      question_keys: JSON.stringify(input.questions ?? SELF_EVALUATION_QUESTIONS),
      created_by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeAudit(db, ctx, {
    action: "self_evaluation.create",
    subjectType: "self_evaluation",
    subjectId: row.id,
    projectId,
    details: { title: input.title, heldOn: input.heldOn },
  });
  return (await listSelfEvaluations(db, projectId)).find((d) => d.id === row.id) as SelfEvaluationSummary;
}

/**
 * One anonymous answer: who typed it is not stored, not even in the audit log, so the team can
 * answer freely. Every question of the day needs a whole number 0–10.
 */
export async function addSelfEvaluationAnswer(db: Db, id: string, input: SelfEvaluationAnswerInput): Promise<SelfEvaluationSummary> {
  const day = await findSelfEvaluation(db, id);
  if (!day) throw notFound("Självvärderingen");
  const keys = day.question_keys as SelfEvaluationQuestion[];
  const errors: Record<string, string> = {};
  for (const k of keys) {
    const v = input.scores[k];
    if (v === undefined) errors[`scores.${k}`] = `Ange ett värde 0–10 för ”${questionNames[k]}”.`;
    else if (!Number.isInteger(v) || v < 0 || v > 10) errors[`scores.${k}`] = `”${questionNames[k]}” ska vara ett heltal 0–10.`;
  }
  for (const k of [...Object.keys(input.scores), ...Object.keys(input.comments ?? {})])
    if (!keys.includes(k as SelfEvaluationQuestion)) errors[`scores.${k}`] = "Dagen har ingen sådan skalfråga.";
  if (Object.keys(errors).length > 0) throw bad(errors);
  const comments = Object.fromEntries(Object.entries(input.comments ?? {}).filter(([, v]) => v.trim() !== ""));
  await db
    .insertInto("self_evaluation_answers")
    .values({
      self_evaluation_id: id,
      respondent_kind: input.respondentKind,
      partner_organisation: input.respondentKind === "partner" ? input.partnerOrganisation : null,
      scores: JSON.stringify(input.scores),
      comments: JSON.stringify(comments),
    })
    .execute();
  return (await listSelfEvaluations(db, day.project_id)).find((d) => d.id === id) as SelfEvaluationSummary;
}

async function answersOf(db: Db, id: string) {
  return db
    .selectFrom("self_evaluation_answers")
    .select(["respondent_kind", "partner_organisation", "scores", "comments"])
    .where("self_evaluation_id", "=", id)
    .orderBy("id")
    .execute();
}

/** Highest, mean and lowest per question with the comments, beside the project's previous day. */
export async function selfEvaluationResult(db: Db, id: string): Promise<SelfEvaluationResult> {
  const day = await findSelfEvaluation(db, id);
  if (!day) throw notFound("Självvärderingen");
  const days = await daysOf(db, day.project_id);
  const index = days.findIndex((d) => d.id === id);
  const current = days[index] as DayRow;
  const previous = days[index + 1] ?? null;
  const answers = await answersOf(db, id);
  const before = previous ? await answersOf(db, previous.id) : [];
  const partners = new Map<string, number>();
  for (const a of answers)
    if (a.respondent_kind === "partner" && a.partner_organisation) partners.set(a.partner_organisation, (partners.get(a.partner_organisation) ?? 0) + 1);
  return {
    day: summary(current),
    previous: previous ? summary(previous) : null,
    respondents: {
      staff: answers.filter((a) => a.respondent_kind === "staff").length,
      partners: [...partners].map(([organisation, count]) => ({ organisation, count })).sort((a, b) => a.organisation.localeCompare(b.organisation, "sv")),
    },
    questions: (current.question_keys as SelfEvaluationQuestion[]).map((key) => {
      const now = stats(answers.flatMap((a) => (a.scores[key] === undefined ? [] : [Number(a.scores[key])])));
      const askedBefore = previous && (previous.question_keys as string[]).includes(key);
      const then = askedBefore ? stats(before.flatMap((a) => (a.scores[key] === undefined ? [] : [Number(a.scores[key])]))) : null;
      return {
        key,
        current: now,
        previous: then,
        change: now.mean !== null && then?.mean != null ? Math.round((now.mean - then.mean) * 100) / 100 : null,
        comments: answers.flatMap((a) => (a.comments[key] ? [a.comments[key]] : [])),
      };
    }),
  };
}
