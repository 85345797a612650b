import type { ColumnType, Generated } from "kysely";

// The employer network's tables, added to the Kysely database type by declaration merging so the
// feature keeps its table types beside its SQL (migration 0004_employers.sql).

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string, string>;
type DateColNullable = ColumnType<string | null, string | null | undefined, string | null>;

export interface EmployersTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  organisation_number: string | null;
  sector: "municipal" | "region" | "state" | "private" | "non_profit";
  trades: ColumnType<string[], string[] | undefined, string[]>;
  notes: string | null;
  status: Generated<"active" | "resting">;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface EmployerWorkplacesTable {
  id: Generated<string>;
  employer_id: string;
  name: string;
  street: string | null;
  postal_code: string | null;
  postal_town: string | null;
  district: string | null;
  notes: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface EmployerContactsTable {
  id: Generated<string>;
  employer_id: string;
  workplace_id: string | null;
  name: string;
  role: string | null;
  phone: string | null;
  email: string | null;
  is_supervisor: Generated<boolean>;
  supervisor_trained_on: DateColNullable;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface EmployerContactLogTable {
  id: Generated<string>;
  employer_id: string;
  project_id: string;
  kind: "call" | "visit" | "email" | "event";
  occurred_on: DateCol;
  coach_id: string;
  contact_id: string | null;
  outcome: string | null;
  created_by: string | null;
  created_at: Timestamp;
  version: Generated<number>;
  updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
}

declare module "../../db/types.ts" {
  interface Database {
    employers: EmployersTable;
    employer_workplaces: EmployerWorkplacesTable;
    employer_contacts: EmployerContactsTable;
    employer_contact_log: EmployerContactLogTable;
  }
  interface ActivitiesTable {
    employer_id: ColumnType<string | null, string | null | undefined, string | null>;
    workplace_id: ColumnType<string | null, string | null | undefined, string | null>;
    supervisor_id: ColumnType<string | null, string | null | undefined, string | null>;
    trade: ColumnType<string | null, string | null | undefined, string | null>;
  }
}
