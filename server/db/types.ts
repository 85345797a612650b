import type { ColumnType, Generated, GeneratedAlways } from "kysely";

/** Timestamps arrive as Date and may be written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  created_at: Timestamp;
}
export interface UnitsTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  created_at: Timestamp;
}
export interface ProjectsTable {
  id: Generated<string>;
  unit_id: string;
  slug: string;
  name: string;
  description: string | null;
  planned_months: number | null;
  target_min_age: number | null;
  target_max_age: number | null;
  target_note: string | null;
  target_districts: Generated<string[]>;
  target_incomes: Generated<string[]>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface TeamsTable {
  id: Generated<string>;
  project_id: string;
  name: string;
  created_at: Timestamp;
}
export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  is_admin: Generated<boolean>;
  active: Generated<boolean>;
  locale: Generated<"sv" | "en">;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  last_login_at: TimestampNullable;
  password_changed_at: Timestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface ProjectMembershipsTable {
  user_id: string;
  project_id: string;
  role: "manager" | "coach" | "statistician" | "participant";
  sensitive_access: Generated<boolean>;
  created_at: Timestamp;
}
export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  client_address: string | null;
}
export interface LoginThrottleTable {
  key: string;
  failures: Generated<number>;
  window_started_at: Timestamp;
  locked_until: TimestampNullable;
}
export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  project_id: string | null;
  client_address: string | null;
  outcome: "ok" | "denied" | "failed";
  details: ColumnType<Record<string, unknown> | null, string | null, never>;
}

type DateCol = ColumnType<string, string, string>;
type DateColNullable = ColumnType<string | null, string | null | undefined, string | null>;

export type CodeListName = "referring_party" | "exit_status" | "income_type" | "education_level" | "activity_type" | "extension_reason" | "step";

export interface CodesTable {
  id: Generated<string>;
  project_id: string;
  list: CodeListName;
  code: string;
  label: string;
  national_category: string | null;
  sort_order: Generated<number>;
  retired_at: TimestampNullable;
  version: Generated<number>;
  created_at: Timestamp;
}
export interface PersonsTable {
  id: Generated<string>;
  organisation_id: string;
  first_name: string;
  last_name: string;
  sort_name: string;
  /** Generated from sort_name for the name search: a space before every word, å ä ö as A B C (migration 0014). */
  name_words: GeneratedAlways<string>;
  gender: "kvinna" | "man" | "annat";
  birth_date: DateCol;
  personnummer: string | null;
  protected_identity: Generated<boolean>;
  phone: string | null;
  email: string | null;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  language: string | null;
  interpreter_needed: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface ReferralsTable {
  id: Generated<string>;
  project_id: string;
  person_id: string;
  referred_on: DateCol;
  referring_party_code: string;
  contact_person: string | null;
  note: string | null;
  decision: Generated<"pending" | "accepted" | "declined" | "waiting_list">;
  decided_on: DateColNullable;
  decline_reason: string | null;
  outside_target_group: Generated<boolean>;
  outside_target_reasons: Generated<string[]>;
  override_reason: string | null;
  outside_target_note: string | null;
  district: string | null;
  income_code: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface IntakesTable {
  id: Generated<string>;
  project_id: string;
  name: string;
  start_date: DateCol;
  group_sessions_per_week: number | null;
  hours_per_session: number | null;
  weeks: number | null;
  individual_meetings_per_week: number | null;
  mode: Generated<"on_site" | "distance" | "mixed">;
  version: Generated<number>;
  created_at: Timestamp;
}
export interface EnrolmentsTable {
  id: Generated<string>;
  project_id: string;
  person_id: string;
  intake_id: string | null;
  referral_id: string | null;
  team_id: string | null;
  coach_id: string | null;
  start_date: DateCol;
  planned_months: number;
  planned_end_date: DateCol;
  referring_party_code: string | null;
  education_level_code: string | null;
  education_completed: boolean | null;
  has_had_employment: Generated<boolean>;
  has_had_internship: Generated<boolean>;
  main_income_code: string | null;
  main_income_overridden: Generated<boolean>;
  exit_date: DateColNullable;
  exit_status_code: string | null;
  exit_final: boolean | null;
  next_instance: string | null;
  not_counted: Generated<boolean>;
  not_counted_reason: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface EnrolmentIncomesTable {
  id: Generated<string>;
  enrolment_id: string;
  phase: "entry" | "exit";
  income_code: string;
  share: 25 | 50 | 75 | 100;
}
export interface ConsentsTable {
  id: Generated<string>;
  enrolment_id: string;
  purpose: "information_exchange" | "sus_registration" | "esf_reporting" | "follow_up_contact" | "share_final_document";
  receiving_party: string;
  given_on: DateCol;
  withdrawn_on: DateColNullable;
  note: string | null;
  version: Generated<number>;
  created_at: Timestamp;
}
export interface ExtensionsTable {
  id: Generated<string>;
  enrolment_id: string;
  decided_on: DateCol;
  previous_planned_end: DateCol;
  new_planned_end: DateCol;
  reason_code: string;
  note: string | null;
  created_at: Timestamp;
}
export interface PausesTable {
  id: Generated<string>;
  enrolment_id: string;
  from_date: DateCol;
  to_date: DateCol;
  reason: string;
  created_at: Timestamp;
}
export interface ActivitiesTable {
  id: Generated<string>;
  enrolment_id: string;
  type_code: string;
  start_date: DateCol;
  end_date: DateColNullable;
  extent_unit: "percent" | "hours_per_week" | null;
  extent_value: number | null;
  purpose: string | null;
  status: Generated<"planned" | "ongoing" | "ended" | "interrupted">;
  interrupted_reason: string | null;
  coach_id: string | null;
  notes: string | null;
  /** Written as a JSON string, read as the parsed object. */
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface TasksTable {
  id: Generated<string>;
  enrolment_id: string;
  kind: "new_planning";
  activity_id: string | null;
  reason: string;
  created_at: Timestamp;
  done_at: TimestampNullable;
  done_by: string | null;
}

export interface Database {
  activities: ActivitiesTable;
  tasks: TasksTable;
  codes: CodesTable;
  persons: PersonsTable;
  referrals: ReferralsTable;
  intakes: IntakesTable;
  enrolments: EnrolmentsTable;
  enrolment_incomes: EnrolmentIncomesTable;
  consents: ConsentsTable;
  extensions: ExtensionsTable;
  pauses: PausesTable;
  organisations: OrganisationsTable;
  units: UnitsTable;
  projects: ProjectsTable;
  teams: TeamsTable;
  users: UsersTable;
  project_memberships: ProjectMembershipsTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
}
