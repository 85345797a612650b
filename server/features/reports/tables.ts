import type { ColumnType, Generated } from "kysely";

/** The report tables of migration 0011, added to the shared Database type. */
export interface ReportSettingsTable {
  project_id: string;
  suppression_threshold: Generated<number>;
  follow_up_months: Generated<number[]>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}
export interface ReportTextsTable {
  project_id: string;
  year: number;
  section: string;
  body: Generated<string>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}
export interface ProjectGoalsTable {
  id: Generated<string>;
  project_id: string;
  year: number;
  measure: string;
  /** numeric, parsed to a number by the driver */
  target: number;
  manual_actual: number | null;
  version: Generated<number>;
  updated_at: Generated<Date>;
}
export interface EconomyLinesTable {
  project_id: string;
  year: number;
  cost_type: string;
  budget: Generated<number>;
  outcome: Generated<number>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}
export interface FollowUpsTable {
  id: Generated<string>;
  enrolment_id: string;
  months: number;
  done_on: ColumnType<string, string, string>;
  reached: boolean;
  status_code: string | null;
  note: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
}

declare module "../../db/types.ts" {
  interface Database {
    report_settings: ReportSettingsTable;
    report_texts: ReportTextsTable;
    project_goals: ProjectGoalsTable;
    economy_lines: EconomyLinesTable;
    follow_ups: FollowUpsTable;
  }
}
