import { sql } from "kysely";
import type { ImportCounts } from "../../../schemas/imports.ts";
import type { ServiceContext } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { getFollowUpSettings } from "../activities/followups.ts";
import { todayInSweden } from "../participants/dates.ts";
import { swedishSortKey } from "../participants/identity.ts";
import type { RefKind } from "./load.ts";
import type { ActivityRecord } from "./records.ts";
import type { ImportPlan } from "./validate.ts";

/** Rows per statement: each batch travels as one JSON parameter, not as thousands of bind values. */
const BATCH = 5000;

/**
 * Insert many rows in few statements: the rows go as one JSON document that the database
 * spreads into the table's columns (json_populate_recordset, PostgreSQL 9.3+), which is several
 * times faster than a VALUES list with a parameter per cell, on PGlite and PostgreSQL alike.
 * Columns left out get their defaults.
 */
async function bulkInsert(db: Db, table: string, rows: Record<string, unknown>[]) {
  const first = rows[0];
  if (!first) return;
  const cols = Object.keys(first);
  const list = sql.join(cols.map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += BATCH) {
    const json = JSON.stringify(rows.slice(i, i + BATCH));
    await sql`INSERT INTO ${sql.table(table)} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${sql.table(table)}, ${json}::json)`.execute(db);
  }
}

const incomeRows = (enrolmentId: string, phase: "entry" | "exit", xs: { code: string; share: number }[]) =>
  xs.map((i) => ({ enrolment_id: enrolmentId, phase, income_code: i.code, share: i.share }));

/** The activity's details of the kind its type has, with the names the format carries. */
function detailsOf(category: string | null, r: ActivityRecord, topUpPercent: number): Record<string, unknown> {
  const extra = { ...(r.employer && { employerName: r.employer }), ...(r.provider && { provider: r.provider }) };
  if (category === "praktik")
    return {
      kind: "internship",
      workplace: r.employer,
      supervisorName: null,
      purpose: null,
      activitySupportDecision: null,
      ...(r.provider && { provider: r.provider }),
    };
  if (category === "anstallning")
    return {
      kind: "employment",
      form: r.employmentForm ?? "other",
      employer: "external",
      monthlyWageCost: null,
      monthlyStateSubsidy: null,
      topUpPercent,
      ...extra,
    };
  if (category === "studier") return { kind: "studies", level: null, supportedEducation: false, ...extra, provider: r.provider };
  return { kind: "none", ...extra };
}

function statusOf(start: string, end: string | null, today: string) {
  if (end && end < today) return "ended" as const;
  if (start > today) return "planned" as const;
  return "ongoing" as const;
}

/**
 * Write a validated plan in one transaction with bulk inserts, the spreadsheet's ids kept for
 * the next import, one audit entry for the import and one per person it touched.
 */
export async function writePlan(db: Db, ctx: ServiceContext, plan: ImportPlan, files: unknown, counts: ImportCounts): Promise<string> {
  const batchId = crypto.randomUUID();
  const today = todayInSweden();
  const actorId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const actorLabel = ctx.actor.kind === "user" ? ctx.actor.email : ctx.actor.label;
  const p = plan.projectId;
  const now = new Date().toISOString();
  // An employment gets the project's share for the municipality's top-up, as one added by hand.
  const { topUpPercent } = await getFollowUpSettings(db, p);
  await db.transaction().execute(async (tx) => {
    await bulkInsert(tx, "import_batches", [{ id: batchId, project_id: p, actor_id: actorId, actor_label: actorLabel, files, counts }]);
    await bulkInsert(
      tx,
      "intakes",
      plan.newIntakes.map((i) => ({ id: i.id, project_id: p, name: i.name, start_date: i.startDate })),
    );
    await bulkInsert(
      tx,
      "persons",
      plan.newPersons.map(({ id, fields: f }) => ({
        id,
        organisation_id: plan.organisationId,
        first_name: f.firstName,
        last_name: f.lastName,
        sort_name: swedishSortKey(f.lastName, f.firstName),
        gender: f.gender,
        birth_date: f.birthDate,
        personnummer: f.personnummer,
      })),
    );
    await bulkInsert(
      tx,
      "referrals",
      plan.newEnrolments
        .filter((e) => e.referralId && e.r.referralDate && e.r.referringParty)
        .map((e) => ({
          id: e.referralId,
          project_id: p,
          person_id: e.personId,
          referred_on: e.r.referralDate,
          referring_party_code: e.r.referringParty,
          decision: "accepted",
          decided_on: e.r.startDate,
        })),
    );
    await bulkInsert(
      tx,
      "enrolments",
      plan.newEnrolments.map(({ id, personId, intakeId, coachId, referralId, plannedEnd, r }) => {
        const derived = r.incomesEntry.reduce<{ code: string; share: number } | undefined>((best, i) => (!best || i.share > best.share ? i : best), undefined);
        return {
          id,
          project_id: p,
          person_id: personId,
          intake_id: intakeId,
          referral_id: referralId,
          coach_id: coachId,
          start_date: r.startDate,
          planned_months: r.plannedMonths,
          planned_end_date: plannedEnd,
          referring_party_code: r.referringParty,
          education_level_code: r.educationLevel,
          education_completed: r.educationCompleted,
          has_had_employment: r.hadEmployment,
          has_had_internship: r.hadInternship,
          main_income_code: r.mainIncome,
          main_income_overridden: Boolean(derived && r.mainIncome && r.mainIncome !== derived.code),
          exit_date: r.endDate,
          exit_status_code: r.exitStatus,
          exit_final: r.exitFinal,
          not_counted: !r.counted,
          not_counted_reason: r.notCountedReason,
        };
      }),
    );
    await bulkInsert(
      tx,
      "enrolment_incomes",
      plan.newEnrolments.flatMap((e) => [...incomeRows(e.id, "entry", e.r.incomesEntry), ...incomeRows(e.id, "exit", e.r.incomesExit)]),
    );
    await bulkInsert(
      tx,
      "activities",
      plan.newActivities.map(({ id, enrolmentId, category, r }) => ({
        id,
        enrolment_id: enrolmentId,
        type_code: r.type,
        start_date: r.startDate,
        end_date: r.endDate,
        extent_unit: r.extentPercent == null ? null : "percent",
        extent_value: r.extentPercent,
        status: statusOf(r.startDate, r.endDate, today),
        notes: r.note,
        details: detailsOf(category, r, topUpPercent),
      })),
    );
    await bulkInsert(
      tx,
      "extensions",
      plan.newExtensions.map(({ id, enrolmentId, previousEnd, r }) => ({
        id,
        enrolment_id: enrolmentId,
        decided_on: r.decidedDate,
        previous_planned_end: previousEnd,
        new_planned_end: r.newEndDate,
        reason_code: r.reason,
      })),
    );
    for (const m of plan.movedEnds)
      await tx
        .updateTable("enrolments")
        .set((eb) => ({ planned_end_date: m.plannedEnd, version: eb("version", "+", 1), updated_at: new Date() }))
        .where("id", "=", m.enrolmentId)
        .execute();
    const refs: { kind: RefKind; ref: string; record_id: string }[] = [
      ...plan.personRefs.map((x) => ({ kind: "person" as const, ref: x.ref, record_id: x.personId })),
      ...plan.newEnrolments.map((e) => ({ kind: "enrolment" as const, ref: e.r.enrolmentRef, record_id: e.id })),
      ...plan.newActivities.map((a) => ({ kind: "activity" as const, ref: a.r.activityRef, record_id: a.id })),
      ...plan.newExtensions.map((x) => ({ kind: "extension" as const, ref: x.r.extensionRef, record_id: x.id })),
    ];
    await bulkInsert(
      tx,
      "import_refs",
      refs.map((r) => ({ project_id: p, ...r, batch_id: batchId })),
    );
    // Each person's own trail shows the import; the details hold ids and counts, never names.
    const perPerson = new Map<string, { enrolments: number; created: boolean }>();
    const created = new Set(plan.newPersons.map((x) => x.id));
    for (const e of plan.newEnrolments) {
      const c = perPerson.get(e.personId) ?? { enrolments: 0, created: created.has(e.personId) };
      c.enrolments++;
      perPerson.set(e.personId, c);
    }
    const entry = (action: string, subjectType: string, subjectId: string, details: unknown) => ({
      at: now,
      actor_id: actorId,
      actor_label: actorLabel,
      action,
      subject_type: subjectType,
      subject_id: subjectId,
      project_id: p,
      client_address: ctx.clientAddress ?? null,
      outcome: "ok",
      details,
    });
    await bulkInsert(tx, "audit_log", [
      entry("import.apply", "import_batch", batchId, { files, counts }),
      ...[...perPerson].map(([personId, c]) => entry("person.import", "person", personId, { batchId, enrolments: c.enrolments, personCreated: c.created })),
    ]);
  });
  return batchId;
}

/** Audit entries for many persons at once (an export), in the same bulk form. */
export async function auditPersons(db: Db, ctx: ServiceContext, projectId: string, action: string, personIds: string[], details: unknown) {
  const now = new Date().toISOString();
  await bulkInsert(
    db,
    "audit_log",
    personIds.map((id) => ({
      at: now,
      actor_id: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      actor_label: ctx.actor.kind === "user" ? ctx.actor.email : ctx.actor.label,
      action,
      subject_type: "person",
      subject_id: id,
      project_id: projectId,
      client_address: ctx.clientAddress ?? null,
      outcome: "ok",
      details,
    })),
  );
}
