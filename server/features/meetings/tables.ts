import type { ColumnType, Generated } from "kysely";

// The tables of migration 0007 (meetings, journal notes, calendar feeds). They join the shared
// `Database` interface by declaration merging, so this feature's table types live beside its code.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface MeetingsTable {
  id: Generated<string>;
  enrolment_id: string;
  starts_at: Timestamp;
  duration_minutes: number;
  form: "on_site" | "video" | "phone" | "home_visit" | "workplace";
  attendance: "attended" | "cancelled" | "no_show" | null;
  agreed_tasks: string | null;
  note: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingStaffTable {
  meeting_id: string;
  user_id: string;
}

export interface JournalNotesTable {
  id: Generated<string>;
  enrolment_id: string;
  author_id: string;
  body: string;
  status: Generated<"draft" | "signed">;
  signed_at: TimestampNullable;
  corrects_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CalendarFeedsTable {
  user_id: string;
  token_hash: string;
  title_detail: Generated<"none" | "initials">;
  created_at: Timestamp;
}

declare module "../../db/types.ts" {
  interface Database {
    meetings: MeetingsTable;
    meeting_staff: MeetingStaffTable;
    journal_notes: JournalNotesTable;
    calendar_feeds: CalendarFeedsTable;
  }
}
