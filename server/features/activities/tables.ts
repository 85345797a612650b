import type { ColumnType, Generated, Kysely } from "kysely";
import type { Database } from "../../db/types.ts";

// The tables of checklists and placement follow-ups (migration 0005), typed for Kysely here so
// the feature keeps its own table types beside its code.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateColNullable = ColumnType<string | null, string | null | undefined, string | null>;

/** The workplace follow-up a checklist step stands for (migration 0017). */
export type StepKey = "follow_up_early" | "follow_up_month" | "follow_up_end";

export type PlacementTables = {
  checklist_templates: {
    id: Generated<string>;
    project_id: string;
    type_code: string;
    version: Generated<number>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  checklist_template_items: {
    id: Generated<string>;
    template_id: string;
    label: string;
    position: number;
    retired: Generated<boolean>;
    step_key: ColumnType<StepKey | null, StepKey | null | undefined, StepKey | null>;
    created_at: Timestamp;
  };
  checklist_items: {
    id: Generated<string>;
    activity_id: string;
    template_item_id: string | null;
    label: string;
    position: number;
    done_on: DateColNullable;
    done_by: string | null;
    done_at: TimestampNullable;
    not_applicable: Generated<boolean>;
    step_key: ColumnType<StepKey | null, StepKey | null | undefined, StepKey | null>;
    version: Generated<number>;
  };
  follow_up_settings: {
    project_id: string;
    /** Written as a JSON string, read as the parsed array. */
    rules: ColumnType<unknown, string, string>;
    support_max_months: Generated<number>;
    /** numeric: read as a string. */
    top_up_percent: ColumnType<string | number, number | undefined, number>;
    version: Generated<number>;
    updated_at: Timestamp;
  };
  placement_follow_ups: {
    id: Generated<string>;
    activity_id: string;
    anchor: "start" | "end";
    offset_unit: "days" | "months";
    offset_amount: number;
    due_date: DateColNullable;
    done_on: DateColNullable;
    how: "visit" | "phone" | null;
    notes: string | null;
    done_by: string | null;
    version: Generated<number>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
};

export type PlacementDb = Kysely<Database & PlacementTables>;

/** The database with this feature's tables known to the query builder. */
export function withPlacements(db: Kysely<Database>): PlacementDb {
  return db.withTables<PlacementTables>();
}
