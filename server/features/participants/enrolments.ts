import type { Transaction } from "kysely";
import {
  type ConsentInput,
  ConsentInput as ConsentSchema,
  type CreateEnrolmentInput,
  CreateEnrolmentInput as CreateSchema,
  type Enrolment,
  type ExitInput,
  ExitInput as ExitSchema,
  type ExtendInput,
  ExtendInput as ExtendSchema,
  type IncomeSource,
  type PauseInput,
  PauseInput as PauseSchema,
  type UpdateEnrolmentInput,
  UpdateEnrolmentInput as UpdateSchema,
  type WithdrawConsentInput,
  WithdrawConsentInput as WithdrawSchema,
} from "../../../schemas/participants.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import type { Database } from "../../db/types.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import { resolveCode } from "../codes/service.ts";
import { addDays, daysInclusive, plannedEnd, todayInSweden } from "./dates.ts";
import { loadEnrolment } from "./enrolment-view.ts";
import type { Ctx } from "./persons.ts";

export const bad = (field: string, message: string) => new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { [field]: message } });

/** The largest share wins; on a tie the source listed first. */
export function mainIncomeOf(incomes: IncomeSource[]): string | null {
  let best: IncomeSource | undefined;
  for (const i of incomes) if (!best || i.share > best.share) best = i;
  return best?.code ?? null;
}

export async function resolveIncomes(db: Db, projectId: string, incomes: IncomeSource[], field: string): Promise<IncomeSource[]> {
  const out: IncomeSource[] = [];
  for (const [n, i] of incomes.entries()) out.push({ code: await resolveCode(db, projectId, "income_type", i.code, `${field}.${n}.code`), share: i.share });
  return out;
}

/** No two enrolments of one person in one project may overlap in time. */
export async function assertNoOverlap(db: Db, projectId: string, personId: string, start: string, end: string | null, exceptId?: string) {
  let q = db
    .selectFrom("enrolments")
    .select(["id", "start_date", "exit_date"])
    .where("project_id", "=", projectId)
    .where("person_id", "=", personId)
    .where((eb) => eb.or([eb("exit_date", "is", null), eb("exit_date", ">=", start)]));
  if (end) q = q.where("start_date", "<=", end);
  if (exceptId) q = q.where("id", "<>", exceptId);
  const clash = await q.executeTakeFirst();
  if (clash) {
    throw new AppError(
      "conflict",
      `Personen är redan inskriven i projektet från ${clash.start_date}${clash.exit_date ? ` till ${clash.exit_date}` : " och är inte utskriven"}. Avsluta den inskrivningen först.`,
      {
        current: { enrolmentId: clash.id },
      },
    );
  }
}

async function assertCoach(db: Db, projectId: string, coachId: string | null | undefined) {
  if (!coachId) return;
  const m = await db.selectFrom("project_memberships").select("role").where("project_id", "=", projectId).where("user_id", "=", coachId).executeTakeFirst();
  if (!m || (m.role !== "coach" && m.role !== "manager")) throw bad("coachId", "Välj en coach eller projektledare i projektet.");
}

async function assertInProject(db: Db, table: "intakes" | "teams", projectId: string, id: string | null | undefined, field: string, message: string) {
  if (!id) return;
  const row = await db.selectFrom(table).select("id").where("id", "=", id).where("project_id", "=", projectId).executeTakeFirst();
  if (!row) throw bad(field, message);
}

const sameParty = (a: string, b: string) => a.localeCompare(b, "sv", { sensitivity: "base" }) === 0;

/**
 * One standing consent per purpose and receiving party: a second would make it unclear which
 * one a withdrawal ends. The receiving party is compared without regard to case.
 */
async function assertNoStandingConsent(db: Db, enrolmentId: string, consent: { purpose: string; receivingParty: string }) {
  const today = todayInSweden();
  const standing = await db
    .selectFrom("consents")
    .select(["purpose", "receiving_party"])
    .where("enrolment_id", "=", enrolmentId)
    .where("purpose", "=", consent.purpose as ConsentInput["purpose"])
    .where((eb) => eb.or([eb("withdrawn_on", "is", null), eb("withdrawn_on", ">", today)]))
    .execute();
  const twin = standing.find((s) => sameParty(s.receiving_party, consent.receivingParty));
  if (twin)
    throw new AppError(
      "conflict",
      `Det finns redan ett gällande samtycke för samma ändamål till ${twin.receiving_party}. Återkalla det först om ett nytt samtycke ska ersätta det.`,
      { fields: { receivingParty: "Samma ändamål och mottagare har redan ett gällande samtycke." } },
    );
}

/** The consents given at enrolment name each purpose and receiving party once. */
function assertDistinctConsents(consents: { purpose: string; receivingParty: string }[]) {
  for (const [n, c] of consents.entries()) {
    if (consents.slice(0, n).some((o) => o.purpose === c.purpose && sameParty(o.receivingParty, c.receivingParty)))
      throw bad(`consents.${n}.receivingParty`, "Samma ändamål och mottagare finns redan i listan.");
  }
}

async function insertConsents(db: Db, enrolmentId: string, consents: ReturnType<typeof ConsentSchema.parse>[]) {
  if (!consents.length) return;
  await db
    .insertInto("consents")
    .values(consents.map((c) => ({ enrolment_id: enrolmentId, purpose: c.purpose, receiving_party: c.receivingParty, given_on: c.givenOn, note: c.note })))
    .execute();
}

export async function createEnrolment(db: Db, ctx: Ctx, projectId: string, raw: CreateEnrolmentInput): Promise<Enrolment> {
  const input = CreateSchema.parse(raw);
  const project = await db.selectFrom("projects").select(["planned_months"]).where("id", "=", projectId).executeTakeFirst();
  if (!project) throw notFound("Projektet");
  const person = await db.selectFrom("persons").select("id").where("id", "=", input.personId).executeTakeFirst();
  if (!person) throw bad("personId", "Personen finns inte.");

  let party = input.referringParty;
  if (input.referralId) {
    const r = await db
      .selectFrom("referrals")
      .select(["project_id", "person_id", "decision", "referring_party_code"])
      .where("id", "=", input.referralId)
      .executeTakeFirst();
    if (!r || r.project_id !== projectId || r.person_id !== input.personId)
      throw bad("referralId", "Aktualiseringen hör inte till den här personen i projektet.");
    if (r.decision !== "accepted") throw bad("referralId", "Aktualiseringen är inte beviljad. Fatta beslut om den först.");
    const used = await db.selectFrom("enrolments").select("id").where("referral_id", "=", input.referralId).executeTakeFirst();
    if (used) throw new AppError("conflict", "Personen är redan inskriven från den här aktualiseringen.", { current: { enrolmentId: used.id } });
    party ??= r.referring_party_code;
  } else {
    const known = await db.selectFrom("enrolments").select("id").where("project_id", "=", projectId).where("person_id", "=", input.personId).executeTakeFirst();
    if (!known) throw bad("referralId", "En ny deltagare skrivs in från en beviljad aktualisering.");
    if (!party) throw bad("referringParty", "Välj initierande part.");
  }
  const plannedMonths = input.plannedMonths ?? project.planned_months;
  if (!plannedMonths) throw bad("plannedMonths", "Ange planerad tid i månader.");
  party = await resolveCode(db, projectId, "referring_party", party, "referringParty", { allowRetired: Boolean(input.referralId) });
  const b = input.background;
  const education = b.educationLevel ? await resolveCode(db, projectId, "education_level", b.educationLevel, "background.educationLevel") : null;
  const incomes = await resolveIncomes(db, projectId, b.incomes, "background.incomes");
  const derivedMain = mainIncomeOf(incomes);
  const main = b.mainIncome ? await resolveCode(db, projectId, "income_type", b.mainIncome, "background.mainIncome") : derivedMain;
  if (main && incomes.length && !incomes.some((i) => i.code === main))
    throw bad("background.mainIncome", "Huvudsaklig inkomst ska vara en av de angivna inkomstkällorna.");
  await assertCoach(db, projectId, input.coachId);
  await assertInProject(db, "intakes", projectId, input.intakeId, "intakeId", "Välj ett intag i projektet.");
  await assertInProject(db, "teams", projectId, input.teamId, "teamId", "Välj ett team i projektet.");
  const consents = input.consents.map((c) => ConsentSchema.parse(c));
  assertDistinctConsents(consents);

  const id = await db.transaction().execute(async (tx) => {
    // Lock the person so two simultaneous enrolments cannot both pass the overlap check.
    await tx.selectFrom("persons").select("id").where("id", "=", input.personId).forUpdate().execute();
    await assertNoOverlap(tx, projectId, input.personId, input.startDate, null);
    const row = await tx
      .insertInto("enrolments")
      .values({
        project_id: projectId,
        person_id: input.personId,
        intake_id: input.intakeId,
        referral_id: input.referralId,
        team_id: input.teamId,
        coach_id: input.coachId,
        start_date: input.startDate,
        planned_months: plannedMonths,
        planned_end_date: plannedEnd(input.startDate, plannedMonths),
        referring_party_code: party,
        education_level_code: education,
        education_completed: b.educationCompleted,
        has_had_employment: b.hasHadEmployment,
        has_had_internship: b.hasHadInternship,
        main_income_code: main,
        main_income_overridden: Boolean(b.mainIncome && b.mainIncome !== derivedMain && main !== derivedMain),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (incomes.length)
      await tx
        .insertInto("enrolment_incomes")
        .values(incomes.map((i) => ({ enrolment_id: row.id, phase: "entry" as const, income_code: i.code, share: i.share })))
        .execute();
    await insertConsents(tx, row.id, consents);
    return row.id;
  });
  const after = await loadEnrolment(db, id);
  await writeAudit(db, ctx, { action: "enrolment.create", subjectType: "person", subjectId: input.personId, projectId, details: { enrolmentId: id, after } });
  return after;
}

/** Run a versioned change: bump the version or answer 409 with the record as it is now. */
export async function versioned(tx: Transaction<Database>, id: string, version: number, current: Enrolment, set: Partial<Record<string, unknown>> = {}) {
  const res = await tx
    .updateTable("enrolments")
    .set((eb) => ({ ...set, version: eb("version", "+", 1), updated_at: new Date() }))
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(current);
}

export async function audited(db: Db, ctx: Ctx, action: string, before: Enrolment, extra: Record<string, unknown> = {}) {
  const after = await loadEnrolment(db, before.id);
  await writeAudit(db, ctx, {
    action,
    subjectType: "person",
    subjectId: before.personId,
    projectId: before.projectId,
    details: { enrolmentId: before.id, ...extra, before, after },
  });
  return after;
}

export async function updateEnrolment(db: Db, ctx: Ctx, id: string, raw: UpdateEnrolmentInput): Promise<Enrolment> {
  const input = UpdateSchema.parse(raw);
  const before = await loadEnrolment(db, id);
  const p = before.projectId;
  await assertCoach(db, p, input.coachId);
  await assertInProject(db, "intakes", p, input.intakeId, "intakeId", "Välj ett intag i projektet.");
  await assertInProject(db, "teams", p, input.teamId, "teamId", "Välj ett team i projektet.");
  const set: Record<string, unknown> = {};
  if (input.coachId !== undefined) set.coach_id = input.coachId;
  if (input.intakeId !== undefined) set.intake_id = input.intakeId;
  if (input.teamId !== undefined) set.team_id = input.teamId;
  if (input.referringParty !== undefined)
    set.referring_party_code = input.referringParty ? await resolveCode(db, p, "referring_party", input.referringParty, "referringParty") : null;
  const start = input.startDate ?? before.startDate;
  if (input.startDate !== undefined || input.plannedMonths !== undefined) {
    if (before.exit && start > before.exit.exitDate) throw bad("startDate", "Startdatum kan inte vara efter avslutsdatum.");
    // Pauses stay inside the enrolment.
    const early = before.pauses.find((pa) => pa.fromDate < start);
    if (early) throw bad("startDate", `Ett uppehåll börjar ${early.fromDate}, före det nya startdatumet. Rätta eller ta bort uppehållet först.`);
    const months = input.plannedMonths ?? before.plannedMonths;
    set.start_date = start;
    set.planned_months = months;
    // Extensions move the end; a new start or plan keeps them by adding the extended days.
    const extendedDays = daysInclusive(plannedEnd(before.startDate, before.plannedMonths), before.plannedEndDate) - 1;
    set.planned_end_date = addDays(plannedEnd(start, months), extendedDays);
  }
  if (input.notCounted !== undefined) {
    if (input.notCounted && !input.notCountedReason) throw bad("notCountedReason", "Ange varför inskrivningen inte ska räknas i statistiken.");
    set.not_counted = input.notCounted;
    set.not_counted_reason = input.notCounted ? input.notCountedReason : null;
  }
  const b = input.background;
  let incomes: IncomeSource[] | undefined;
  if (b) {
    if (b.educationLevel !== undefined)
      set.education_level_code = b.educationLevel ? await resolveCode(db, p, "education_level", b.educationLevel, "background.educationLevel") : null;
    if (b.educationCompleted !== undefined) set.education_completed = b.educationCompleted;
    if (b.hasHadEmployment !== undefined) set.has_had_employment = b.hasHadEmployment;
    if (b.hasHadInternship !== undefined) set.has_had_internship = b.hasHadInternship;
    if (b.incomes !== undefined || b.mainIncome !== undefined) {
      incomes = b.incomes !== undefined ? await resolveIncomes(db, p, b.incomes, "background.incomes") : before.background.incomes;
      const derived = mainIncomeOf(incomes);
      const chosen = b.mainIncome ? await resolveCode(db, p, "income_type", b.mainIncome, "background.mainIncome") : derived;
      if (chosen && incomes.length && !incomes.some((i) => i.code === chosen))
        throw bad("background.mainIncome", "Huvudsaklig inkomst ska vara en av de angivna inkomstkällorna.");
      set.main_income_code = chosen;
      set.main_income_overridden = chosen !== derived;
    }
  }
  await db.transaction().execute(async (tx) => {
    if (input.startDate !== undefined) await assertNoOverlap(tx, p, before.personId, start, before.exit?.exitDate ?? null, id);
    await versioned(tx, id, input.version, before, set);
    if (incomes) {
      await tx.deleteFrom("enrolment_incomes").where("enrolment_id", "=", id).where("phase", "=", "entry").execute();
      if (incomes.length)
        await tx
          .insertInto("enrolment_incomes")
          .values(incomes.map((i) => ({ enrolment_id: id, phase: "entry" as const, income_code: i.code, share: i.share })))
          .execute();
    }
  });
  return audited(db, ctx, "enrolment.update", before);
}

export async function extendEnrolment(db: Db, ctx: Ctx, id: string, raw: ExtendInput): Promise<Enrolment> {
  const input = ExtendSchema.parse(raw);
  const before = await loadEnrolment(db, id);
  if (before.exit) throw new AppError("conflict", "Inskrivningen är avslutad och kan inte förlängas.", { current: before });
  if (input.newPlannedEnd <= before.plannedEndDate) throw bad("newPlannedEnd", `Nytt planerat slut måste vara efter nuvarande (${before.plannedEndDate}).`);
  if (input.decidedOn < before.startDate) throw bad("decidedOn", "Beslutet kan inte vara före inskrivningens start.");
  const reason = await resolveCode(db, before.projectId, "extension_reason", input.reason, "reason");
  await db.transaction().execute(async (tx) => {
    await versioned(tx, id, input.version, before, { planned_end_date: input.newPlannedEnd });
    await tx
      .insertInto("extensions")
      .values({
        enrolment_id: id,
        decided_on: input.decidedOn,
        previous_planned_end: before.plannedEndDate,
        new_planned_end: input.newPlannedEnd,
        reason_code: reason,
        note: input.note,
      })
      .execute();
  });
  return audited(db, ctx, "enrolment.extend", before);
}

export async function pauseEnrolment(db: Db, ctx: Ctx, id: string, raw: PauseInput): Promise<Enrolment> {
  const input = PauseSchema.parse(raw);
  const before = await loadEnrolment(db, id);
  if (input.fromDate < before.startDate) throw bad("fromDate", "Uppehållet kan inte börja före inskrivningens start.");
  if (before.exit && input.toDate > before.exit.exitDate) throw bad("toDate", "Uppehållet kan inte sluta efter avslutsdatum.");
  const clash = before.pauses.find((p) => p.fromDate <= input.toDate && p.toDate >= input.fromDate);
  if (clash) throw bad("fromDate", `Uppehållet överlappar ett annat uppehåll (${clash.fromDate}–${clash.toDate}).`);
  await db.transaction().execute(async (tx) => {
    await versioned(tx, id, input.version, before);
    await tx.insertInto("pauses").values({ enrolment_id: id, from_date: input.fromDate, to_date: input.toDate, reason: input.reason }).execute();
  });
  return audited(db, ctx, "enrolment.pause", before);
}

export async function exitEnrolment(db: Db, ctx: Ctx, id: string, raw: ExitInput): Promise<Enrolment> {
  const input = ExitSchema.parse(raw);
  const before = await loadEnrolment(db, id);
  if (before.exit) throw new AppError("conflict", "Inskrivningen är redan avslutad.", { current: before });
  if (input.exitDate < before.startDate) throw bad("exitDate", `Avslutsdatum kan inte vara före startdatum (${before.startDate}).`);
  const lastPause = before.pauses.at(-1);
  if (lastPause && input.exitDate < lastPause.fromDate) throw bad("exitDate", "Avslutsdatum kan inte vara före ett registrerat uppehåll.");
  const status = await resolveCode(db, before.projectId, "exit_status", input.exitStatus, "exitStatus");
  const incomes = await resolveIncomes(db, before.projectId, input.incomes, "incomes");
  await db.transaction().execute(async (tx) => {
    await versioned(tx, id, input.version, before, {
      exit_date: input.exitDate,
      exit_status_code: status,
      exit_final: input.final,
      next_instance: input.nextInstance,
      ...(input.notCounted !== undefined && { not_counted: input.notCounted, not_counted_reason: input.notCounted ? input.notCountedReason : null }),
    });
    await tx
      .insertInto("enrolment_incomes")
      .values(incomes.map((i) => ({ enrolment_id: id, phase: "exit" as const, income_code: i.code, share: i.share })))
      .execute();
  });
  return audited(db, ctx, "enrolment.exit", before);
}

export async function addConsent(db: Db, ctx: Ctx, enrolmentId: string, raw: ConsentInput): Promise<Enrolment> {
  const input = ConsentSchema.parse(raw);
  const before = await loadEnrolment(db, enrolmentId);
  await db.transaction().execute(async (tx) => {
    // Lock the enrolment so two simultaneous consents cannot both pass the check.
    await tx.selectFrom("enrolments").select("id").where("id", "=", enrolmentId).forUpdate().execute();
    await assertNoStandingConsent(tx, enrolmentId, input);
    await insertConsents(tx, enrolmentId, [input]);
  });
  return audited(db, ctx, "consent.give", before, { purpose: input.purpose, receivingParty: input.receivingParty });
}

export async function withdrawConsent(db: Db, ctx: Ctx, consentId: string, raw: WithdrawConsentInput): Promise<Enrolment> {
  const input = WithdrawSchema.parse(raw);
  const c = await db.selectFrom("consents").selectAll().where("id", "=", consentId).executeTakeFirst();
  if (!c) throw notFound("Samtycket");
  const before = await loadEnrolment(db, c.enrolment_id);
  if (c.withdrawn_on) throw new AppError("conflict", "Samtycket är redan återkallat.", { current: before });
  if (input.withdrawnOn < c.given_on) throw bad("withdrawnOn", "Återkallelsen kan inte vara före datumet då samtycket gavs.");
  // A withdrawal takes effect at once; a date ahead would keep the consent standing until then.
  if (input.withdrawnOn > todayInSweden()) throw bad("withdrawnOn", "Återkallelsen kan inte ha ett datum i framtiden. Ange dagens datum eller ett tidigare.");
  const res = await db
    .updateTable("consents")
    .set((eb) => ({ withdrawn_on: input.withdrawnOn, version: eb("version", "+", 1) }))
    .where("id", "=", consentId)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  return audited(db, ctx, "consent.withdraw", before, { consentId, purpose: c.purpose, receivingParty: c.receiving_party });
}
