import type { ColumnType, Generated } from "kysely";

/**
 * The tables of migration 0009 (rating scales, questionnaires, self-evaluation days), added to
 * the one `Database` type by declaration merging so the feature keeps its types beside its code.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string, string>;
type DateColNullable = ColumnType<string | null, string | null | undefined, string | null>;
/** numeric is parsed to a number by the client (db/client.ts). */
type Numeric = ColumnType<number, number, number>;
type NumericNullable = ColumnType<number | null, number | null, number | null>;
/** Written as a JSON string, read as the parsed value. */
type Json<T> = ColumnType<T, string, string>;

export interface RatingInstrumentsTable {
  id: Generated<string>;
  code: string;
  name_sv: string;
  name_en: string;
  items: Json<{ key: string; sv: string; en: string }[]>;
  item_min: Numeric;
  item_max: Numeric;
  decimals: Generated<number>;
  total_min: Numeric;
  total_max: Numeric;
  alert_rule: "total_at_most" | "total_below";
  alert_value: Numeric;
  reliable_change: NumericNullable;
  administered: "per_session" | "per_meeting" | "start_end";
  licensed: Generated<boolean>;
  position: Generated<number>;
  version: Generated<number>;
}
export interface RatingLicencesTable {
  organisation_id: string;
  holder: string;
  valid_until: DateCol;
  note: string | null;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}
export interface RatingScoresTable {
  id: Generated<string>;
  enrolment_id: string;
  instrument_id: string;
  rated_on: DateCol;
  context_kind: "group_session" | "meeting" | "other" | null;
  context_id: string | null;
  context_label: string | null;
  item_values: Json<Record<string, number>>;
  total: Numeric;
  alert: boolean;
  entered_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface QuestionnairesTable {
  id: Generated<string>;
  project_id: string;
  title: string;
  intro: string | null;
  questions: Json<{ key: string; kind: "scale" | "yes_no" | "choice" | "number" | "text"; text: string; options?: string[]; min?: number; max?: number }[]>;
  created_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface QuestionnaireRoundsTable {
  id: Generated<string>;
  questionnaire_id: string;
  project_id: string;
  title: string;
  sent_on: DateCol;
  group_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Timestamp;
}
export interface QuestionnaireRecipientsTable {
  round_id: string;
  enrolment_id: string;
}
export interface QuestionnaireResponsesTable {
  id: Generated<string>;
  round_id: string;
  enrolment_id: string;
  respondent_kind: "staff_on_behalf" | "participant";
  entered_by: string | null;
  answered_on: DateCol;
  answers: Json<Record<string, number | boolean | string>>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface SelfEvaluationsTable {
  id: Generated<string>;
  project_id: string;
  held_on: DateCol;
  period_from: DateColNullable;
  period_to: DateColNullable;
  title: string;
  question_keys: Json<string[]>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
}
export interface SelfEvaluationAnswersTable {
  id: Generated<string>;
  self_evaluation_id: string;
  respondent_kind: "staff" | "partner";
  partner_organisation: string | null;
  scores: Json<Record<string, number>>;
  comments: ColumnType<Record<string, string>, string | undefined, string>;
  created_at: ColumnType<string, string | undefined, string>;
}

declare module "../../db/types.ts" {
  interface Database {
    rating_instruments: RatingInstrumentsTable;
    rating_licences: RatingLicencesTable;
    rating_scores: RatingScoresTable;
    questionnaires: QuestionnairesTable;
    questionnaire_rounds: QuestionnaireRoundsTable;
    questionnaire_recipients: QuestionnaireRecipientsTable;
    questionnaire_responses: QuestionnaireResponsesTable;
    self_evaluations: SelfEvaluationsTable;
    self_evaluation_answers: SelfEvaluationAnswersTable;
  }
}
