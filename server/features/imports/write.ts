import type { ImportCounts } from "../../../schemas/imports.ts";
import type { ServiceContext } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { todayInSweden } from "../participants/dates.ts";
import { swedishSortKey } from "../participants/identity.ts";
import { importDb, type RefKind } from "./load.ts";
import type { ActivityRecord } from "./records.ts";
import type { ImportPlan } from "./validate.ts";

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH = 1000;

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

const incomeRows = (enrolmentId: string, phase: "entry" | "exit", xs: { code: string; share: number }[]) =>
  xs.map((i) => ({ enrolment_id: enrolmentId, phase, income_code: i.code, share: i.share as 25 | 50 | 75 | 100 }));

/** The activity's details of the kind its type has, with the names the format carries. */
function detailsOf(category: string | null, r: ActivityRecord): Record<string, unknown> {
  const extra = { ...(r.employer && { employerName: r.employer }), ...(r.provider && { provider: r.provider }) };
  if (category === "praktik")
    return {
      kind: "internship",
      employerId: null,
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
      topUpPercent: 20,
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
 * Write a validated plan in one transaction with batched inserts, the spreadsheet's ids kept for
 * the next import, one audit entry for the import and one per person it touched.
 */
export async function writePlan(db: Db, ctx: ServiceContext, plan: ImportPlan, files: unknown, counts: ImportCounts): Promise<string> {
  const batchId = crypto.randomUUID();
  const today = todayInSweden();
  const actorId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const actorLabel = ctx.actor.kind === "user" ? ctx.actor.email : ctx.actor.label;
  const p = plan.projectId;
  await db.transaction().execute(async (tx) => {
    const itx = importDb(tx);
    await itx
      .insertInto("import_batches")
      .values({ id: batchId, project_id: p, actor_id: actorId, actor_label: actorLabel, files: JSON.stringify(files), counts: JSON.stringify(counts) })
      .execute();
    await inBatches(plan.newIntakes, (b) =>
      tx
        .insertInto("intakes")
        .values(b.map((i) => ({ id: i.id, project_id: p, name: i.name, start_date: i.startDate })))
        .execute(),
    );
    await inBatches(plan.newPersons, (b) =>
      tx
        .insertInto("persons")
        .values(
          b.map(({ id, fields: f }) => ({
            id,
            organisation_id: plan.organisationId,
            first_name: f.firstName,
            last_name: f.lastName,
            sort_name: swedishSortKey(f.lastName, f.firstName),
            gender: f.gender,
            birth_date: f.birthDate,
            personnummer: f.personnummer,
          })),
        )
        .execute(),
    );
    const withReferral = plan.newEnrolments.filter((e) => e.referralId && e.r.referralDate && e.r.referringParty);
    await inBatches(withReferral, (b) =>
      tx
        .insertInto("referrals")
        .values(
          b.map((e) => ({
            id: e.referralId as string,
            project_id: p,
            person_id: e.personId,
            referred_on: e.r.referralDate as string,
            referring_party_code: e.r.referringParty as string,
            decision: "accepted" as const,
            decided_on: e.r.startDate,
          })),
        )
        .execute(),
    );
    await inBatches(plan.newEnrolments, (b) =>
      tx
        .insertInto("enrolments")
        .values(
          b.map(({ id, personId, intakeId, coachId, referralId, plannedEnd, r }) => {
            const derived = r.incomesEntry.reduce<{ code: string; share: number } | undefined>(
              (best, i) => (!best || i.share > best.share ? i : best),
              undefined,
            );
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
        )
        .execute(),
    );
    const incomes = plan.newEnrolments.flatMap((e) => [...incomeRows(e.id, "entry", e.r.incomesEntry), ...incomeRows(e.id, "exit", e.r.incomesExit)]);
    await inBatches(incomes, (b) => tx.insertInto("enrolment_incomes").values(b).execute());
    await inBatches(plan.newActivities, (b) =>
      tx
        .insertInto("activities")
        .values(
          b.map(({ id, enrolmentId, category, r }) => ({
            id,
            enrolment_id: enrolmentId,
            type_code: r.type,
            start_date: r.startDate,
            end_date: r.endDate,
            extent_unit: r.extentPercent == null ? null : ("percent" as const),
            extent_value: r.extentPercent,
            status: statusOf(r.startDate, r.endDate, today),
            notes: r.note,
            details: JSON.stringify(detailsOf(category, r)),
          })),
        )
        .execute(),
    );
    await inBatches(plan.newExtensions, (b) =>
      tx
        .insertInto("extensions")
        .values(
          b.map(({ id, enrolmentId, previousEnd, r }) => ({
            id,
            enrolment_id: enrolmentId,
            decided_on: r.decidedDate,
            previous_planned_end: previousEnd,
            new_planned_end: r.newEndDate,
            reason_code: r.reason,
          })),
        )
        .execute(),
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
    await inBatches(refs, (b) =>
      itx
        .insertInto("import_refs")
        .values(b.map((r) => ({ ...r, project_id: p, batch_id: batchId })))
        .execute(),
    );
    // Each person's own trail shows the import; the details hold ids and counts, never names.
    const perPerson = new Map<string, { enrolments: number; created: boolean }>();
    const created = new Set(plan.newPersons.map((x) => x.id));
    for (const e of plan.newEnrolments) {
      const c = perPerson.get(e.personId) ?? { enrolments: 0, created: created.has(e.personId) };
      c.enrolments++;
      perPerson.set(e.personId, c);
    }
    const audit = [
      {
        actor_id: actorId,
        actor_label: actorLabel,
        action: "import.apply",
        subject_type: "import_batch",
        subject_id: batchId,
        project_id: p,
        client_address: ctx.clientAddress ?? null,
        outcome: "ok" as const,
        details: JSON.stringify({ files, counts }),
      },
      ...[...perPerson].map(([personId, c]) => ({
        actor_id: actorId,
        actor_label: actorLabel,
        action: "person.import",
        subject_type: "person",
        subject_id: personId,
        project_id: p,
        client_address: ctx.clientAddress ?? null,
        outcome: "ok" as const,
        details: JSON.stringify({ batchId, enrolments: c.enrolments, personCreated: c.created }),
      })),
    ];
    await inBatches(audit, (b) => tx.insertInto("audit_log").values(b).execute());
  });
  return batchId;
}
