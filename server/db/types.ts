import type { ColumnType, Generated } from "kysely";

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

export interface Database {
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
