import type { ColumnType, Generated } from "kysely";

// The tables of the mapping and plan, added to the shared Database type from here so the feature
// stays in its own folder.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;

export interface MappingVersionsTable {
  id: Generated<string>;
  enrolment_id: string;
  number: number;
  sections: Json<Record<string, string | null>>;
  trades: ColumnType<string[], string[] | undefined, string[]>;
  health: string | null;
  violence_answer: "yes" | "no" | "declined" | null;
  violence_note: string | null;
  violence_asked_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface PlanRevisionsTable {
  id: Generated<string>;
  enrolment_id: string;
  number: number;
  goals: Json<unknown[]>;
  reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

declare module "../../db/types.ts" {
  interface Database {
    mapping_versions: MappingVersionsTable;
    plan_revisions: PlanRevisionsTable;
  }
}
