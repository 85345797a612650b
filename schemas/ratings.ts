import { z } from "zod";
import { Id, Version } from "./common.ts";
import { IsoDate, OptText, Text } from "./fields.ts";
import { AttendanceStatus, GroupSession, SessionTheme } from "./groups.ts";

/** Rating scales, questionnaires and self-evaluation days. */

export const InstrumentCode = z.string({ error: "Välj en skattningsskala" }).regex(/^[a-z0-9_]{2,20}$/, { error: "Välj en skattningsskala" });
export type InstrumentCode = z.infer<typeof InstrumentCode>;

export const InstrumentItem = z.object({ key: z.string(), sv: z.string(), en: z.string() });
export type InstrumentItem = z.infer<typeof InstrumentItem>;

export const Instrument = z.object({
  id: Id,
  code: z.string(),
  nameSv: z.string(),
  nameEn: z.string(),
  items: z.array(InstrumentItem),
  itemMin: z.number(),
  itemMax: z.number(),
  decimals: z.number().int(),
  totalMin: z.number(),
  totalMax: z.number(),
  alertRule: z.enum(["total_at_most", "total_below"]),
  alertValue: z.number(),
  reliableChange: z.number().nullable(),
  administered: z.enum(["per_session", "per_meeting", "start_end"]),
  licensed: z.boolean(),
  version: z.number().int(),
  /** Scores entered with this scale; once there are any, its items cannot change. */
  scores: z.number().int(),
});
export type Instrument = z.infer<typeof Instrument>;

const ItemKey = z.string().regex(/^[a-z0-9_]{1,40}$/, { error: "Nyckeln får bara ha små bokstäver a–z, siffror och _" });
/** An item's name only — never the licensed wording of the item. */
export const InstrumentItemInput = z.object({
  key: ItemKey,
  sv: Text(60).min(1, { error: "Ange namnet på svenska" }),
  en: Text(60).min(1, { error: "Ange namnet på engelska" }),
});

const instrumentFields = {
  nameSv: Text(200).min(1, { error: "Ange namnet på svenska" }),
  nameEn: Text(200).min(1, { error: "Ange namnet på engelska" }),
  items: z
    .array(InstrumentItemInput)
    .min(1, { error: "Ange minst en fråga" })
    .max(20, { error: "Högst 20 frågor" })
    .refine((items) => new Set(items.map((i) => i.key)).size === items.length, { error: "Två frågor har samma nyckel" }),
  itemMin: z.number({ error: "Ange ett tal" }),
  itemMax: z.number({ error: "Ange ett tal" }),
  decimals: z.number({ error: "Ange 0, 1 eller 2" }).int().min(0).max(2),
  alertRule: z.enum(["total_at_most", "total_below"], { error: "Välj regel för varning" }),
  alertValue: z.number({ error: "Ange ett tal" }),
  reliableChange: z.number({ error: "Ange ett tal" }).positive({ error: "Ange ett tal över 0" }).nullable(),
  administered: z.enum(["per_session", "per_meeting", "start_end"], { error: "Välj när skalan används" }),
  licensed: z.boolean(),
};
const itemRange = (i: { itemMin?: number; itemMax?: number }) => i.itemMin === undefined || i.itemMax === undefined || i.itemMin < i.itemMax;

export const InstrumentInput = z
  .object({ code: z.string().regex(/^[a-z0-9_]{2,20}$/, { error: "Koden får ha 2–20 tecken: a–z, siffror och _" }), ...instrumentFields })
  .refine(itemRange, { error: "Lägsta värdet måste vara mindre än högsta", path: ["itemMax"] });
export type InstrumentInput = z.infer<typeof InstrumentInput>;

export const InstrumentUpdate = z
  .object({ version: Version, ...instrumentFields })
  .partial()
  .required({ version: true })
  .refine(itemRange, { error: "Lägsta värdet måste vara mindre än högsta", path: ["itemMax"] });
export type InstrumentUpdate = z.infer<typeof InstrumentUpdate>;

export const Licence = z.object({
  organisationId: Id,
  organisationName: z.string(),
  holder: z.string().nullable(),
  validUntil: z.string().nullable(),
  note: z.string().nullable(),
  /** True when a licence is recorded and today is on or before its last day. */
  valid: z.boolean(),
  version: z.number().int().nullable(),
});
export type Licence = z.infer<typeof Licence>;
export const LicenceList = z.object({ licences: z.array(Licence), instruments: z.array(Instrument) });
export type LicenceList = z.infer<typeof LicenceList>;

export const LicenceInput = z.object({
  /** The current version, or null when the organisation has no licence recorded yet. */
  version: Version.nullable(),
  holder: Text(200).min(1, { error: "Ange vem som har licensen" }),
  validUntil: IsoDate,
  note: OptText(1000),
});
export type LicenceInput = z.infer<typeof LicenceInput>;

export const InstrumentList = z.object({
  instruments: z.array(Instrument),
  /** The project's organisation's licence: without a valid one, scores are entered from the paper form. */
  licence: Licence,
});
export type InstrumentList = z.infer<typeof InstrumentList>;

export const ContextKind = z.enum(["group_session", "meeting", "other"], { error: "Välj gruppträff, samtal eller annat" });

export const ScoreContext = z.object({
  kind: ContextKind,
  id: Id.nullable().optional(),
  label: OptText(200),
});

export const ScoreInput = z.object({
  instrument: InstrumentCode,
  ratedOn: IsoDate,
  context: ScoreContext.nullable().optional(),
  /** Item key → value; every item of the instrument, on its scale. */
  items: z.record(z.string(), z.number({ error: "Ange ett tal" })),
});
export type ScoreInput = z.infer<typeof ScoreInput>;

export const ScoreUpdate = ScoreInput.omit({ instrument: true }).extend({ version: Version });
export type ScoreUpdate = z.infer<typeof ScoreUpdate>;

export const Score = z.object({
  id: Id,
  enrolmentId: Id,
  instrument: z.string(),
  ratedOn: z.string(),
  context: z.object({ kind: ContextKind, id: z.string().nullable(), label: z.string().nullable() }).nullable(),
  items: z.record(z.string(), z.number()),
  total: z.number(),
  alert: z.boolean(),
  /** Change in total since the instrument's first score of the enrolment, and whether it is reliable; null for the first. */
  changeFromFirst: z.number().nullable(),
  changeFromPrevious: z.number().nullable(),
  reliableChange: z.enum(["improved", "worsened", "none"]).nullable(),
  enteredBy: z.string().nullable(),
  version: z.number().int(),
});
export type Score = z.infer<typeof Score>;
export const ScoreList = z.object({ scores: z.array(Score) });
export type ScoreList = z.infer<typeof ScoreList>;

// Questionnaires ---------------------------------------------------------------------------

export const QuestionKind = z.enum(["scale", "yes_no", "choice", "number", "text"], { error: "Välj frågetyp" });
export type QuestionKind = z.infer<typeof QuestionKind>;

export const Question = z
  .object({
    key: z.string().regex(/^[a-z0-9_]{1,40}$/, { error: "Nyckeln får bara ha små bokstäver a–z, siffror och _" }),
    kind: QuestionKind,
    text: Text(500).min(1, { error: "Skriv frågan" }),
    options: z.array(Text(200).min(1, { error: "Tomt svarsalternativ" })).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((q) => q.kind !== "choice" || (q.options?.length ?? 0) >= 2, { error: "Ange minst två svarsalternativ", path: ["options"] })
  .refine((q) => q.min === undefined || q.max === undefined || q.min < q.max, { error: "Lägsta värdet måste vara mindre än högsta", path: ["max"] });
export type Question = z.infer<typeof Question>;

export const QuestionnaireInput = z
  .object({
    title: Text(200).min(1, { error: "Ange en rubrik" }),
    intro: OptText(2000),
    questions: z.array(Question).min(1, { error: "Lägg till minst en fråga" }).max(60, { error: "Högst 60 frågor" }),
  })
  .refine((q) => new Set(q.questions.map((x) => x.key)).size === q.questions.length, { error: "Två frågor har samma nyckel", path: ["questions"] });
export type QuestionnaireInput = z.infer<typeof QuestionnaireInput>;

/** A correction of a questionnaire; once it has answers, every question key must stay. */
export const QuestionnaireUpdate = z
  .object({
    version: Version,
    title: Text(200).min(1, { error: "Ange en rubrik" }),
    intro: OptText(2000),
    questions: z.array(Question).min(1, { error: "Lägg till minst en fråga" }).max(60, { error: "Högst 60 frågor" }),
  })
  .refine((q) => new Set(q.questions.map((x) => x.key)).size === q.questions.length, { error: "Två frågor har samma nyckel", path: ["questions"] });
export type QuestionnaireUpdate = z.infer<typeof QuestionnaireUpdate>;

export const Questionnaire = z.object({
  id: Id,
  projectId: Id,
  title: z.string(),
  intro: z.string().nullable(),
  questions: z.array(
    z.object({
      key: z.string(),
      kind: QuestionKind,
      text: z.string(),
      options: z.array(z.string()).optional(),
      min: z.number().optional(),
      max: z.number().optional(),
    }),
  ),
  rounds: z.array(
    z.object({ id: Id, title: z.string(), sentOn: z.string(), groupName: z.string().nullable(), recipients: z.number().int(), responses: z.number().int() }),
  ),
  version: z.number().int(),
});
export type Questionnaire = z.infer<typeof Questionnaire>;
export const QuestionnaireList = z.object({ questionnaires: z.array(Questionnaire) });
export type QuestionnaireList = z.infer<typeof QuestionnaireList>;

export const RoundInput = z
  .object({
    title: Text(200).min(1, { error: "Ange en rubrik för utskicket" }),
    sentOn: IsoDate,
    enrolmentIds: z.array(Id).max(500, { error: "Högst 500 mottagare" }).default([]),
    /** A group of the project: its participants on the day of sending are added to the recipients. */
    groupId: Id.nullable().optional(),
  })
  .refine((r) => r.enrolmentIds.length > 0 || Boolean(r.groupId), { error: "Välj minst en deltagare eller en grupp", path: ["enrolmentIds"] });
export type RoundInput = z.infer<typeof RoundInput>;

export const Answer = z.union([z.number(), z.boolean(), z.string().max(4000, { error: "Högst 4000 tecken" })]);
export type Answer = z.infer<typeof Answer>;

export const ResponseInput = z.object({
  answeredOn: IsoDate,
  /** Question key → answer; questions left out were not answered. */
  answers: z.record(z.string(), Answer.nullable()),
});
export type ResponseInput = z.infer<typeof ResponseInput>;

export const ResponseUpdate = ResponseInput.extend({ version: Version });
export type ResponseUpdate = z.infer<typeof ResponseUpdate>;

export const QuestionnaireResponse = z.object({
  id: Id,
  roundId: Id,
  roundTitle: z.string(),
  questionnaireId: Id,
  questionnaireTitle: z.string(),
  enrolmentId: Id,
  respondentKind: z.enum(["staff_on_behalf", "participant"]),
  answeredOn: z.string(),
  answers: z.record(z.string(), Answer),
  version: z.number().int(),
});
export type QuestionnaireResponse = z.infer<typeof QuestionnaireResponse>;

/** The rounds an enrolment was sent, each with its questionnaire and the answers so far. */
export const EnrolmentQuestionnaires = z.object({
  rounds: z.array(
    z.object({
      roundId: Id,
      roundTitle: z.string(),
      sentOn: z.string(),
      questionnaire: Questionnaire.omit({ rounds: true }),
      response: QuestionnaireResponse.nullable(),
    }),
  ),
});
export type EnrolmentQuestionnaires = z.infer<typeof EnrolmentQuestionnaires>;

/** "<5" where a small number is hidden from a reader without access to the persons. */
const Count = z.union([z.number(), z.literal("<5")]);

export const QuestionResult = z.object({
  key: z.string(),
  kind: QuestionKind,
  text: z.string(),
  n: Count,
  /** Scale and number questions; null when nobody answered or the group is too small to show. */
  min: z.number().nullable(),
  mean: z.number().nullable(),
  max: z.number().nullable(),
  /** Yes/no: rows kvinna, man, annat, Totalt; columns Ja, Nej, Totalt. */
  byGender: z.array(z.object({ gender: z.string(), yes: Count, no: Count, total: Count })).nullable(),
  /** Single choice: answers per option. */
  options: z.array(z.object({ option: z.string(), count: Count })).nullable(),
  /** Free text: the answers themselves, only to staff with access to the persons. */
  texts: z.array(z.string()).nullable(),
});
export type QuestionResult = z.infer<typeof QuestionResult>;

export const RoundResults = z.object({
  roundId: Id,
  title: z.string(),
  questionnaireTitle: z.string(),
  sentOn: z.string(),
  recipients: Count,
  responses: Count,
  /** True when small numbers are hidden and free text left out (aggregate-only readers). */
  suppressed: z.boolean(),
  questions: z.array(QuestionResult),
});
export type RoundResults = z.infer<typeof RoundResults>;

// Self-evaluation days ---------------------------------------------------------------------

export const SelfEvaluationQuestion = z.enum(["development", "collaboration", "methods", "conditions", "confidence"], {
  error: "Okänd skalfråga",
});
export type SelfEvaluationQuestion = z.infer<typeof SelfEvaluationQuestion>;
export const SELF_EVALUATION_QUESTIONS = SelfEvaluationQuestion.options;

export const SelfEvaluationInput = z
  .object({
    title: Text(200).min(1, { error: "Ange en rubrik" }),
    heldOn: IsoDate,
    periodFrom: IsoDate.nullable().optional(),
    periodTo: IsoDate.nullable().optional(),
    questions: z.array(SelfEvaluationQuestion).min(1, { error: "Välj minst en skalfråga" }).optional(),
  })
  .refine((s) => !s.periodFrom || !s.periodTo || s.periodFrom <= s.periodTo, { error: "Periodens slut kan inte vara före dess början", path: ["periodTo"] });
export type SelfEvaluationInput = z.infer<typeof SelfEvaluationInput>;

/** A correction of a self-evaluation day's title, date or period (with version). */
export const SelfEvaluationUpdate = z
  .object({
    version: Version,
    title: Text(200).min(1, { error: "Ange en rubrik" }),
    heldOn: IsoDate,
    periodFrom: IsoDate.nullable().optional(),
    periodTo: IsoDate.nullable().optional(),
  })
  .refine((s) => !s.periodFrom || !s.periodTo || s.periodFrom <= s.periodTo, { error: "Periodens slut kan inte vara före dess början", path: ["periodTo"] });
export type SelfEvaluationUpdate = z.infer<typeof SelfEvaluationUpdate>;

export const SelfEvaluationAnswerInput = z
  .object({
    respondentKind: z.enum(["staff", "partner"], { error: "Välj personal eller samverkanspart" }),
    partnerOrganisation: OptText(200),
    scores: z.record(z.string(), z.number({ error: "Ange ett tal 0–10" })),
    comments: z.record(z.string(), Text(4000)).optional(),
  })
  .refine((a) => a.respondentKind !== "partner" || Boolean(a.partnerOrganisation), {
    error: "Ange samverkanspartens organisation",
    path: ["partnerOrganisation"],
  });
export type SelfEvaluationAnswerInput = z.infer<typeof SelfEvaluationAnswerInput>;

export const SelfEvaluationSummary = z.object({
  id: Id,
  title: z.string(),
  heldOn: z.string(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  answers: z.number().int(),
  version: z.number().int(),
});
export type SelfEvaluationSummary = z.infer<typeof SelfEvaluationSummary>;
export const SelfEvaluationList = z.object({ days: z.array(SelfEvaluationSummary) });
export type SelfEvaluationList = z.infer<typeof SelfEvaluationList>;

export const SelfEvaluationStats = z.object({ n: z.number().int(), min: z.number().nullable(), mean: z.number().nullable(), max: z.number().nullable() });

export const SelfEvaluationResult = z.object({
  day: SelfEvaluationSummary,
  previous: SelfEvaluationSummary.nullable(),
  respondents: z.object({ staff: z.number().int(), partners: z.array(z.object({ organisation: z.string(), count: z.number().int() })) }),
  questions: z.array(
    z.object({
      key: SelfEvaluationQuestion,
      current: SelfEvaluationStats,
      /** The same question on the previous day, or null when there was none or it was not asked. */
      previous: SelfEvaluationStats.nullable(),
      /** Mean now minus mean then. */
      change: z.number().nullable(),
      comments: z.array(z.string()),
    }),
  ),
});
export type SelfEvaluationResult = z.infer<typeof SelfEvaluationResult>;

export const ProjectIdParams = z.object({ projectId: Id });
export const RoundIdParams = z.object({ roundId: Id });
export const EnrolmentRoundParams = z.object({ id: Id, roundId: Id });
export { Id };

// Project summary of scores ---------------------------------------------------------------

export const RatingSummaryQuery = z.object({
  instrument: InstrumentCode,
  by: z.enum(["month", "session"], { error: "Välj per månad eller per gruppträff" }).default("month"),
  /** Only this group's sessions (with by=session), oldest first. */
  groupId: Id.optional(),
});
export type RatingSummaryQuery = z.input<typeof RatingSummaryQuery>;

export const RatingSummary = z.object({
  instrument: z.string(),
  by: z.enum(["month", "session"]),
  /** True when groups of fewer than 5 scores are hidden (aggregate-only readers). */
  suppressed: z.boolean(),
  rows: z.array(
    z.object({
      key: z.string(),
      /** Month, or the session's date and theme; the free-text occasion only for readers with access to the persons. */
      label: z.string(),
      /** The session's date and theme when the score names a session that exists. */
      date: z.string().nullable(),
      theme: SessionTheme.nullable(),
      n: Count,
      min: z.number().nullable(),
      mean: z.number().nullable(),
      max: z.number().nullable(),
      /** Scores that met the alert rule, and their share of n in percent. */
      alerts: z.number().int().nullable(),
      alertPercent: z.number().nullable(),
    }),
  ),
});
export type RatingSummary = z.infer<typeof RatingSummary>;

// GSRS of one group session ---------------------------------------------------------------

/** The session's participants (as on the attendance register) with the scale's score each gave. */
export const SessionScores = z.object({
  session: GroupSession,
  groupName: z.string(),
  projectId: Id,
  instrument: Instrument,
  rows: z.array(
    z.object({
      enrolmentId: Id,
      personId: Id,
      name: z.string(),
      attendance: AttendanceStatus.nullable(),
      score: Score.nullable(),
    }),
  ),
});
export type SessionScores = z.infer<typeof SessionScores>;
export const SessionScoresQuery = z.object({ instrument: InstrumentCode.default("gsrs") });
