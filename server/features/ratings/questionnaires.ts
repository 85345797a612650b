import type {
  Answer,
  EnrolmentQuestionnaires,
  Question,
  Questionnaire,
  QuestionnaireInput,
  QuestionnaireResponse,
  QuestionnaireUpdate,
  QuestionResult,
  ResponseInput,
  ResponseUpdate,
  RoundInput,
  RoundResults,
} from "../../../schemas/ratings.ts";
import { type ServiceContext, writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import { todayInSweden } from "../participants/dates.ts";
import { suppressTable } from "../reports/suppress.ts";

/** Questionnaire results hide counts of 1–4 (the default threshold of reports.md). */
const SMALL = "<5" as const;

import { stats } from "./rules.ts";
import "../groups/tables.ts";
import "./tables.ts";

const bad = (fields: Record<string, string>) => new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields });
const userIdOf = (ctx: ServiceContext) => (ctx.actor.kind === "user" ? ctx.actor.userId : null);

/** Self-ratings are 0–10 unless the question says otherwise. */
const rangeOf = (q: Question): [number, number] => (q.kind === "scale" ? [q.min ?? 0, q.max ?? 10] : [q.min ?? -1e9, q.max ?? 1e9]);

async function roundCounts(db: Db, questionnaireIds: string[]) {
  if (questionnaireIds.length === 0) return [];
  return db
    .selectFrom("questionnaire_rounds as r")
    .leftJoin("groups as g", "g.id", "r.group_id")
    .select((eb) => [
      "g.name as group_name",
      "r.id",
      "r.questionnaire_id",
      "r.title",
      "r.sent_on",
      eb.selectFrom("questionnaire_recipients as x").whereRef("x.round_id", "=", "r.id").select(eb.fn.countAll<number>().as("n")).as("recipients"),
      eb.selectFrom("questionnaire_responses as a").whereRef("a.round_id", "=", "r.id").select(eb.fn.countAll<number>().as("n")).as("responses"),
    ])
    .where("r.questionnaire_id", "in", questionnaireIds)
    .orderBy("r.sent_on", "desc")
    .execute();
}

export async function listQuestionnaires(db: Db, projectId: string): Promise<Questionnaire[]> {
  const rows = await db.selectFrom("questionnaires").selectAll().where("project_id", "=", projectId).orderBy("created_at", "desc").execute();
  const rounds = await roundCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    title: r.title,
    intro: r.intro,
    questions: r.questions,
    rounds: rounds
      .filter((x) => x.questionnaire_id === r.id)
      .map((x) => ({ id: x.id, title: x.title, sentOn: x.sent_on, groupName: x.group_name, recipients: Number(x.recipients), responses: Number(x.responses) })),
    version: r.version,
  }));
}

export async function createQuestionnaire(db: Db, ctx: ServiceContext, projectId: string, input: QuestionnaireInput): Promise<Questionnaire> {
  const row = await db
    .insertInto("questionnaires")
    .values({ project_id: projectId, title: input.title, intro: input.intro, questions: JSON.stringify(input.questions), created_by: userIdOf(ctx) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeAudit(db, ctx, { action: "questionnaire.create", subjectType: "questionnaire", subjectId: row.id, projectId, details: { title: input.title } });
  return (await listQuestionnaires(db, projectId)).find((q) => q.id === row.id) as Questionnaire;
}

/**
 * Correct a questionnaire's title, introduction and questions (with version). Once anyone has
 * answered, every question key must stay, so no answer loses its question; wording, options and
 * new questions may change.
 */
export async function updateQuestionnaire(db: Db, ctx: ServiceContext, id: string, input: QuestionnaireUpdate): Promise<Questionnaire> {
  const q = await findQuestionnaire(db, id);
  if (!q) throw notFound("Enkäten");
  const current = () => listQuestionnaires(db, q.project_id).then((all) => all.find((x) => x.id === id) as Questionnaire);
  if (q.version !== input.version) throw conflict(await current());
  const answered = await db
    .selectFrom("questionnaire_responses as a")
    .innerJoin("questionnaire_rounds as r", "r.id", "a.round_id")
    .select("a.id")
    .where("r.questionnaire_id", "=", id)
    .executeTakeFirst();
  if (answered) {
    const kept = new Set(input.questions.map((x) => x.key));
    const lost = q.questions.filter((x) => !kept.has(x.key));
    if (lost.length) throw bad({ questions: `Enkäten har svar; frågorna ${lost.map((x) => `”${x.text}”`).join(", ")} måste finnas kvar.` });
    const kindChanged = input.questions.find((x) => q.questions.some((old) => old.key === x.key && old.kind !== x.kind));
    if (kindChanged) throw bad({ questions: `Enkäten har svar; frågetypen för ”${kindChanged.text}” kan inte ändras.` });
  }
  const res = await db
    .updateTable("questionnaires")
    .set((eb) => ({
      title: input.title,
      intro: input.intro,
      questions: JSON.stringify(input.questions),
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(await current());
  const after = await current();
  await writeAudit(db, ctx, {
    action: "questionnaire.update",
    subjectType: "questionnaire",
    subjectId: id,
    projectId: q.project_id,
    details: {
      before: { title: q.title, intro: q.intro, questions: q.questions },
      after: { title: after.title, intro: after.intro, questions: after.questions },
    },
  });
  return after;
}

export async function findQuestionnaire(db: Db, id: string) {
  return db.selectFrom("questionnaires").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findRound(db: Db, id: string) {
  return db
    .selectFrom("questionnaire_rounds as r")
    .innerJoin("questionnaires as q", "q.id", "r.questionnaire_id")
    .select(["r.id", "r.project_id", "r.title", "r.sent_on", "r.questionnaire_id", "q.title as questionnaire_title", "q.questions"])
    .where("r.id", "=", id)
    .executeTakeFirst();
}

/** The group's participants on the day: their period has begun and not ended. */
async function currentMembers(db: Db, groupId: string, projectId: string, day: string): Promise<string[]> {
  const g = await db.selectFrom("groups").select("id").where("id", "=", groupId).where("project_id", "=", projectId).executeTakeFirst();
  if (!g) throw bad({ groupId: "Gruppen finns inte i projektet." });
  const rows = await db
    .selectFrom("group_members")
    .select("enrolment_id")
    .where("group_id", "=", groupId)
    .where("from_date", "<=", day)
    .where((eb) => eb.or([eb("to_date", "is", null), eb("to_date", ">=", day)]))
    .execute();
  if (rows.length === 0) throw bad({ groupId: "Gruppen har inga deltagare i dag." });
  return rows.map((r) => r.enrolment_id);
}

/**
 * Send a questionnaire to enrolments of the project: those chosen one by one and, with a group,
 * the group's participants today — looked up here, so the list is the group as it is when sent.
 */
export async function createRound(db: Db, ctx: ServiceContext, questionnaireId: string, input: RoundInput) {
  const q = await findQuestionnaire(db, questionnaireId);
  if (!q) throw notFound("Enkäten");
  const fromGroup = input.groupId ? await currentMembers(db, input.groupId, q.project_id, todayInSweden()) : [];
  const ids = [...new Set([...(input.enrolmentIds ?? []), ...fromGroup])];
  if (ids.length > 500) throw bad({ enrolmentIds: "Högst 500 mottagare." });
  const found = await db.selectFrom("enrolments").select(["id", "person_id"]).where("id", "in", ids).where("project_id", "=", q.project_id).execute();
  if (found.length !== ids.length) throw bad({ enrolmentIds: "Någon av de valda deltagarna finns inte i projektet." });
  const round = await db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto("questionnaire_rounds")
      .values({
        questionnaire_id: q.id,
        project_id: q.project_id,
        title: input.title,
        sent_on: input.sentOn,
        group_id: input.groupId ?? null,
        created_by: userIdOf(ctx),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("questionnaire_recipients")
      .values(ids.map((enrolment_id) => ({ round_id: r.id, enrolment_id })))
      .execute();
    return r;
  });
  for (const e of found)
    await writeAudit(db, ctx, {
      action: "questionnaire_round.send",
      subjectType: "person",
      subjectId: e.person_id,
      projectId: q.project_id,
      details: { enrolmentId: e.id, roundId: round.id, questionnaireId: q.id, groupId: input.groupId ?? null },
    });
  return (await listQuestionnaires(db, q.project_id)).find((x) => x.id === q.id) as Questionnaire;
}

/** Every answer must be of its question's kind; unknown keys and empty answers are refused or dropped. */
function checkAnswers(questions: Question[], answers: Record<string, Answer | null>): Record<string, Answer> {
  const errors: Record<string, string> = {};
  const out: Record<string, Answer> = {};
  for (const [key, value] of Object.entries(answers)) {
    const q = questions.find((x) => x.key === key);
    if (!q) {
      errors[`answers.${key}`] = "Enkäten har ingen sådan fråga.";
      continue;
    }
    if (value === null || value === "") continue;
    const label = `”${q.text}”`;
    if (q.kind === "scale" || q.kind === "number") {
      const [min, max] = rangeOf(q);
      if (typeof value !== "number" || !Number.isFinite(value)) errors[`answers.${key}`] = `Svara på ${label} med ett tal.`;
      else if (value < min || value > max) errors[`answers.${key}`] = `Svaret på ${label} ska vara mellan ${min} och ${max}.`;
      else if (q.kind === "scale" && !Number.isInteger(value)) errors[`answers.${key}`] = `Svaret på ${label} ska vara ett heltal.`;
      else out[key] = value;
    } else if (q.kind === "yes_no") {
      if (typeof value !== "boolean") errors[`answers.${key}`] = `Svara ja eller nej på ${label}.`;
      else out[key] = value;
    } else if (q.kind === "choice") {
      if (typeof value !== "string" || !q.options?.includes(value)) errors[`answers.${key}`] = `Välj ett av svarsalternativen för ${label}.`;
      else out[key] = value;
    } else {
      if (typeof value !== "string") errors[`answers.${key}`] = `Svara på ${label} med text.`;
      else out[key] = value.trim();
    }
  }
  if (Object.keys(errors).length > 0) throw bad(errors);
  return out;
}

function presentResponse(
  r: {
    id: string;
    round_id: string;
    enrolment_id: string;
    respondent_kind: "staff_on_behalf" | "participant";
    answered_on: string;
    answers: Record<string, Answer>;
    version: number;
  },
  round: { title: string; questionnaire_id: string; questionnaire_title: string },
): QuestionnaireResponse {
  return {
    id: r.id,
    roundId: r.round_id,
    roundTitle: round.title,
    questionnaireId: round.questionnaire_id,
    questionnaireTitle: round.questionnaire_title,
    enrolmentId: r.enrolment_id,
    respondentKind: r.respondent_kind,
    answeredOn: r.answered_on,
    answers: r.answers,
    version: r.version,
  };
}

/** The rounds the enrolment was sent, with the questionnaire and any answers. */
export async function enrolmentQuestionnaires(db: Db, enrolmentId: string): Promise<EnrolmentQuestionnaires> {
  const rows = await db
    .selectFrom("questionnaire_recipients as x")
    .innerJoin("questionnaire_rounds as r", "r.id", "x.round_id")
    .innerJoin("questionnaires as q", "q.id", "r.questionnaire_id")
    .leftJoin("questionnaire_responses as a", (j) => j.onRef("a.round_id", "=", "x.round_id").onRef("a.enrolment_id", "=", "x.enrolment_id"))
    .select([
      "r.id as round_id",
      "r.title as round_title",
      "r.sent_on",
      "q.id as q_id",
      "q.project_id",
      "q.title as q_title",
      "q.intro",
      "q.questions",
      "q.version as q_version",
      "a.id as a_id",
      "a.respondent_kind",
      "a.answered_on",
      "a.answers",
      "a.version as a_version",
    ])
    .where("x.enrolment_id", "=", enrolmentId)
    .orderBy("r.sent_on", "desc")
    .execute();
  return {
    rounds: rows.map((r) => ({
      roundId: r.round_id,
      roundTitle: r.round_title,
      sentOn: r.sent_on,
      questionnaire: { id: r.q_id, projectId: r.project_id, title: r.q_title, intro: r.intro, questions: r.questions, version: r.q_version },
      response:
        r.a_id && r.respondent_kind && r.answered_on && r.answers && r.a_version
          ? presentResponse(
              {
                id: r.a_id,
                round_id: r.round_id,
                enrolment_id: enrolmentId,
                respondent_kind: r.respondent_kind,
                answered_on: r.answered_on,
                answers: r.answers,
                version: r.a_version,
              },
              { title: r.round_title, questionnaire_id: r.q_id, questionnaire_title: r.q_title },
            )
          : null,
    })),
  };
}

async function recipientOf(db: Db, roundId: string, enrolmentId: string) {
  const round = await findRound(db, roundId);
  if (!round) throw notFound("Utskicket");
  const e = await db
    .selectFrom("questionnaire_recipients as x")
    .innerJoin("enrolments as e", "e.id", "x.enrolment_id")
    .select(["e.id", "e.person_id", "e.project_id"])
    .where("x.round_id", "=", roundId)
    .where("x.enrolment_id", "=", enrolmentId)
    .executeTakeFirst();
  if (!e) throw notFound("Utskicket till deltagaren");
  return { round, e };
}

/** Staff enter a recipient's answers on their behalf; a second answer is a correction (PUT with version). */
export async function answerOnBehalf(
  db: Db,
  ctx: ServiceContext,
  roundId: string,
  enrolmentId: string,
  input: ResponseInput | ResponseUpdate,
): Promise<QuestionnaireResponse> {
  const { round, e } = await recipientOf(db, roundId, enrolmentId);
  const answers = checkAnswers(round.questions as Question[], input.answers);
  const existing = await db
    .selectFrom("questionnaire_responses")
    .selectAll()
    .where("round_id", "=", roundId)
    .where("enrolment_id", "=", enrolmentId)
    .executeTakeFirst();
  const before = existing ? presentResponse(existing, round) : null;
  if ("version" in input) {
    if (!existing || existing.version !== input.version) throw conflict(before);
    const res = await db
      .updateTable("questionnaire_responses")
      .set((eb) => ({
        answers: JSON.stringify(answers),
        answered_on: input.answeredOn,
        respondent_kind: "staff_on_behalf" as const,
        entered_by: userIdOf(ctx),
        version: eb("version", "+", 1),
        updated_at: new Date(),
      }))
      .where("id", "=", existing.id)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  } else {
    if (existing) throw conflict(before, "Svaren finns redan. Läs in dem och rätta dem i stället.");
    await db
      .insertInto("questionnaire_responses")
      .values({
        round_id: roundId,
        enrolment_id: enrolmentId,
        respondent_kind: "staff_on_behalf",
        entered_by: userIdOf(ctx),
        answered_on: input.answeredOn,
        answers: JSON.stringify(answers),
      })
      .execute();
  }
  const row = await db
    .selectFrom("questionnaire_responses")
    .selectAll()
    .where("round_id", "=", roundId)
    .where("enrolment_id", "=", enrolmentId)
    .executeTakeFirstOrThrow();
  const after = presentResponse(row, round);
  await writeAudit(db, ctx, {
    action: before ? "questionnaire_response.update" : "questionnaire_response.create",
    subjectType: "person",
    subjectId: e.person_id,
    projectId: e.project_id,
    details: { enrolmentId, roundId, before, after },
  });
  return after;
}

const GENDERS = ["kvinna", "man", "annat"] as const;
const hideSmall = (n: number): number | typeof SMALL => (n >= 1 && n <= 4 ? SMALL : n);

/**
 * Per question: n, lowest, mean and highest (scale, number); yes/no split by gender; counts per
 * option; free-text answers. `suppressed` (readers of aggregates only): counts 1–4 hidden (and
 * further cells where a hidden one could be worked out), statistics of fewer than 5 answers not
 * shown, and no free text.
 */
export async function roundResults(db: Db, roundId: string, suppressed: boolean): Promise<RoundResults> {
  const round = await findRound(db, roundId);
  if (!round) throw notFound("Utskicket");
  const rows = await db
    .selectFrom("questionnaire_responses as a")
    .innerJoin("enrolments as e", "e.id", "a.enrolment_id")
    .innerJoin("persons as p", "p.id", "e.person_id")
    .select(["a.answers", "p.gender"])
    .where("a.round_id", "=", roundId)
    .orderBy("a.answered_on")
    .orderBy("a.id")
    .execute();
  const recipients = await db
    .selectFrom("questionnaire_recipients")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("round_id", "=", roundId)
    .executeTakeFirstOrThrow();
  const questions: QuestionResult[] = (round.questions as Question[]).map((q) => {
    const given = rows.filter((r) => r.answers[q.key] !== undefined);
    const n = given.length;
    const base: QuestionResult = { key: q.key, kind: q.kind, text: q.text, n, min: null, mean: null, max: null, byGender: null, options: null, texts: null };
    if (q.kind === "scale" || q.kind === "number") {
      const s = stats(given.map((r) => Number(r.answers[q.key])));
      const hide = suppressed && n < 5;
      return { ...base, n: suppressed ? hideSmall(n) : n, min: hide ? null : s.min, mean: hide ? null : s.mean, max: hide ? null : s.max };
    }
    if (q.kind === "yes_no") {
      const count = (g: string | null, yes: boolean) => given.filter((r) => (g === null || r.gender === g) && r.answers[q.key] === yes).length;
      const table = {
        id: `yes_no_${q.key}`,
        title: q.text,
        columns: ["Ja", "Nej", "Totalt"],
        rows: [...GENDERS, null].map((g) => ({ label: g ?? "Totalt", values: [count(g, true), count(g, false), count(g, true) + count(g, false)] })),
      };
      const shown = suppressed ? suppressTable(table) : table;
      const cell = (v: number | string) => (typeof v === "number" ? v : SMALL);
      return {
        ...base,
        n: cell(shown.rows.at(-1)?.values[2] ?? 0),
        byGender: shown.rows.map((r) => ({ gender: r.label, yes: cell(r.values[0] ?? 0), no: cell(r.values[1] ?? 0), total: cell(r.values[2] ?? 0) })),
      };
    }
    if (q.kind === "choice") {
      const options = q.options ?? [];
      const counts = options.map((option) => given.filter((r) => r.answers[q.key] === option).length);
      const table = { id: `choice_${q.key}`, title: q.text, columns: [...options, "Totalt"], rows: [{ label: "Alla", values: [...counts, n] }] };
      const values = (suppressed ? suppressTable(table) : table).rows[0]?.values ?? [];
      const cell = (v: number | string | undefined) => (typeof v === "number" ? v : SMALL);
      return { ...base, n: cell(values.at(-1)), options: options.map((option, i) => ({ option, count: cell(values[i]) })) };
    }
    return {
      ...base,
      n: suppressed ? hideSmall(n) : n,
      texts: suppressed
        ? null
        : given
            .map((r) => String(r.answers[q.key]))
            .filter((t) => t !== "")
            // In alphabetical order, so the list does not follow the order people answered in.
            .sort((a, b) => a.localeCompare(b, "sv")),
    };
  });
  return {
    roundId: round.id,
    title: round.title,
    questionnaireTitle: round.questionnaire_title,
    sentOn: round.sent_on,
    recipients: suppressed ? hideSmall(Number(recipients.n)) : Number(recipients.n),
    responses: suppressed ? hideSmall(rows.length) : rows.length,
    suppressed,
    questions,
  };
}
