import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { EmploymentForm } from "../../../schemas/activities.ts";
import type { Db } from "../../db/client.ts";
import type { Database } from "../../db/types.ts";
import type { ActivityRecord, EnrolmentRecord, ExtensionRecord, Income } from "./records.ts";

/** The tables of this feature, next to the shared ones. */
export interface ImportTables {
  import_batches: {
    id: string;
    project_id: string;
    actor_id: string | null;
    actor_label: string;
    files: string;
    counts: string;
    created_at?: Date;
  };
  import_refs: {
    project_id: string;
    kind: RefKind;
    ref: string;
    record_id: string;
    batch_id: string;
  };
}
export type RefKind = "person" | "enrolment" | "activity" | "extension";
export type ImportDb = Kysely<Database & ImportTables>;
export const importDb = (db: Db) => db as unknown as ImportDb;

/**
 * All rows of a query as one JSON value: the embedded database hands over one large row far
 * faster than ten thousand small ones. The rows keep the query's order (json_agg over an
 * ordered subquery) and its column names.
 */
// biome-ignore lint/suspicious/noExplicitAny: any query's tables
export async function allRows<O>(db: Db, q: SelectQueryBuilder<any, any, O>): Promise<O[]> {
  const { rows } = await sql<{ rows: O[] | string }>`SELECT coalesce(json_agg(t), '[]'::json) AS rows FROM (${q}) t`.execute(db);
  const v = rows[0]?.rows ?? [];
  return typeof v === "string" ? JSON.parse(v) : v;
}

export interface ProjectRecords {
  enrolments: (EnrolmentRecord & { id: string; personId: string; plannedEndDate: string })[];
  activities: (ActivityRecord & { id: string })[];
  extensions: (ExtensionRecord & { id: string })[];
  /** Spreadsheet id → record id, per kind. */
  refs: Record<RefKind, Map<string, string>>;
}

/** Everything of a project in the form of the import format: what an export writes and a new import is matched against. */
export async function loadProjectRecords(db: Db, projectId: string): Promise<ProjectRecords> {
  const idb = importDb(db);
  const refRows = await allRows(db, idb.selectFrom("import_refs").select(["kind", "ref", "record_id"]).where("project_id", "=", projectId).orderBy("ref"));
  const refs: ProjectRecords["refs"] = { person: new Map(), enrolment: new Map(), activity: new Map(), extension: new Map() };
  const refOf = new Map<string, string>();
  for (const r of refRows) {
    refs[r.kind].set(r.ref, r.record_id);
    if (!refOf.has(r.record_id)) refOf.set(r.record_id, r.ref);
  }
  const rows = await allRows(
    db,
    db
      .selectFrom("enrolments as e")
      .innerJoin("persons as p", "p.id", "e.person_id")
      .leftJoin("intakes as i", "i.id", "e.intake_id")
      .leftJoin("referrals as r", "r.id", "e.referral_id")
      .leftJoin("users as u", "u.id", "e.coach_id")
      .select([
        "e.id",
        "e.person_id",
        "p.personnummer",
        "p.first_name",
        "p.last_name",
        "p.gender",
        "p.birth_date",
        "i.name as intake",
        "r.referred_on",
        "e.referring_party_code",
        "e.start_date",
        "e.planned_months",
        "e.planned_end_date",
        "e.education_level_code",
        "e.education_completed",
        "e.has_had_employment",
        "e.has_had_internship",
        "e.main_income_code",
        "e.exit_date",
        "e.exit_status_code",
        "e.exit_final",
        "e.not_counted",
        "e.not_counted_reason",
        "u.email as coach",
      ])
      .where("e.project_id", "=", projectId)
      .orderBy("e.start_date")
      .orderBy("e.created_at"),
  );
  const incomeRows = await allRows(
    db,
    db
      .selectFrom("enrolment_incomes as ei")
      .innerJoin("enrolments as e", "e.id", "ei.enrolment_id")
      .select(["ei.enrolment_id", "ei.phase", "ei.income_code", "ei.share"])
      .where("e.project_id", "=", projectId)
      .orderBy("ei.share", "desc")
      .orderBy("ei.income_code"),
  );
  const incomes = new Map<string, { entry: Income[]; exit: Income[] }>();
  for (const i of incomeRows) {
    const m = incomes.get(i.enrolment_id) ?? { entry: [], exit: [] };
    m[i.phase].push({ code: i.income_code, share: i.share });
    incomes.set(i.enrolment_id, m);
  }
  const enrolmentRef = new Map<string, string>();
  const enrolments: ProjectRecords["enrolments"] = rows.map((r) => {
    const ref = refOf.get(r.id) ?? r.id;
    enrolmentRef.set(r.id, ref);
    return {
      id: r.id,
      personId: r.person_id,
      plannedEndDate: r.planned_end_date,
      enrolmentRef: ref,
      personRef: refOf.get(r.person_id) ?? r.person_id,
      person: { personnummer: r.personnummer, firstName: r.first_name, lastName: r.last_name, gender: r.gender, birthDate: r.birth_date },
      intake: r.intake,
      referralDate: r.referred_on,
      referringParty: r.referring_party_code,
      startDate: r.start_date,
      plannedMonths: r.planned_months,
      educationLevel: r.education_level_code,
      educationCompleted: r.education_completed,
      hadEmployment: r.has_had_employment,
      hadInternship: r.has_had_internship,
      mainIncome: r.main_income_code,
      incomesEntry: incomes.get(r.id)?.entry ?? [],
      endDate: r.exit_date,
      exitStatus: r.exit_status_code,
      exitFinal: r.exit_final,
      incomesExit: incomes.get(r.id)?.exit ?? [],
      counted: !r.not_counted,
      notCountedReason: r.not_counted_reason,
      coach: r.coach,
    };
  });
  const activityRows = await allRows(
    db,
    db
      .selectFrom("activities as a")
      .innerJoin("enrolments as e", "e.id", "a.enrolment_id")
      .select(["a.id", "a.enrolment_id", "a.type_code", "a.start_date", "a.end_date", "a.extent_unit", "a.extent_value", "a.notes", "a.details"])
      .where("e.project_id", "=", projectId)
      .orderBy("a.start_date")
      .orderBy("a.created_at"),
  );
  const activities = activityRows.map((a): ProjectRecords["activities"][number] => {
    // Names without a field of their own in the details (the employer of an employment, the
    // provider of a health activity) are kept in the details under employerName / provider.
    const d = (typeof a.details === "string" ? JSON.parse(a.details) : a.details) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === "string" && v ? v : null);
    return {
      id: a.id,
      activityRef: refOf.get(a.id) ?? a.id,
      enrolmentRef: enrolmentRef.get(a.enrolment_id) ?? a.enrolment_id,
      type: a.type_code,
      startDate: a.start_date,
      endDate: a.end_date,
      extentPercent: a.extent_unit === "percent" && a.extent_value != null ? Number(a.extent_value) : null,
      employer: d.kind === "internship" ? text(d.workplace) : text(d.employerName),
      employmentForm: d.kind === "employment" ? (d.form as EmploymentForm) : null,
      provider: text(d.provider),
      note: a.notes,
    };
  });
  const extensionRows = await allRows(
    db,
    db
      .selectFrom("extensions as x")
      .innerJoin("enrolments as e", "e.id", "x.enrolment_id")
      .select(["x.id", "x.enrolment_id", "x.decided_on", "x.new_planned_end", "x.reason_code"])
      .where("e.project_id", "=", projectId)
      .orderBy("x.decided_on")
      .orderBy("x.created_at"),
  );
  const extensions = extensionRows.map((x) => ({
    id: x.id,
    extensionRef: refOf.get(x.id) ?? x.id,
    enrolmentRef: enrolmentRef.get(x.enrolment_id) ?? x.enrolment_id,
    decidedDate: x.decided_on,
    newEndDate: x.new_planned_end,
    reason: x.reason_code,
  }));
  return { enrolments, activities, extensions, refs };
}
