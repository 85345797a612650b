import type { ColumnType, Generated } from "kysely";

// The group tables, added to the database type where the feature lives.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string, string>;
type DateColNullable = ColumnType<string | null, string | null | undefined, string | null>;

export interface GroupsTable {
  id: Generated<string>;
  project_id: string;
  intake_id: string | null;
  name: string;
  theme_plan: string | null;
  mode: Generated<"on_site" | "distance">;
  location: string | null;
  status: Generated<"planned" | "running" | "finished" | "cancelled">;
  /** Written as a JSON string, read as the parsed object. */
  pattern: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface GroupLeadersTable {
  group_id: string;
  user_id: string;
}
export interface GroupSessionsTable {
  id: Generated<string>;
  group_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  theme: "empowerment" | "working_life" | "everyday_life" | "guest_lecturer" | "other" | null;
  theme_note: string | null;
  guest_name: string | null;
  guest_organisation: string | null;
  cancelled: Generated<boolean>;
  cancel_reason: string | null;
  edited: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface GroupMembersTable {
  id: Generated<string>;
  group_id: string;
  enrolment_id: string;
  from_date: DateCol;
  to_date: DateColNullable;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface GroupAttendanceTable {
  session_id: string;
  enrolment_id: string;
  status: "present" | "absent_notified" | "absent_unnotified";
  recorded_by: string | null;
  recorded_at: Timestamp;
}

declare module "../../db/types.ts" {
  interface Database {
    groups: GroupsTable;
    group_leaders: GroupLeadersTable;
    group_sessions: GroupSessionsTable;
    group_members: GroupMembersTable;
    group_attendance: GroupAttendanceTable;
  }
}
