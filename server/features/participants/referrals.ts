import type { CreateReferralInput, DecideReferralInput, Referral, ReferralDecision, UpdateReferralInput } from "../../../schemas/participants.ts";
import {
  CreateReferralInput as CreateReferralSchema,
  DecideReferralInput as DecideReferralSchema,
  UpdateReferralInput as UpdateReferralSchema,
} from "../../../schemas/participants.ts";
import { writeAudit } from "../../auth/audit.ts";
import { can } from "../../auth/can.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, forbidden, invalidInput, notFound } from "../../errors.ts";
import { resolveCode } from "../codes/service.ts";
import { ageOn } from "./dates.ts";
import { type Ctx, createPerson, organisationOfProject } from "./persons.ts";

const decisionLabel: Record<ReferralDecision, string> = { pending: "Ej beslutad", accepted: "Beviljad", declined: "Avslagen", waiting_list: "Väntelista" };

export { decisionLabel };

function referralQuery(db: Db) {
  return db
    .selectFrom("referrals as r")
    .innerJoin("persons as p", "p.id", "r.person_id")
    .leftJoin("codes as c", (j) =>
      j.onRef("c.project_id", "=", "r.project_id").on("c.list", "=", "referring_party").onRef("c.code", "=", "r.referring_party_code"),
    )
    .select([
      "r.id",
      "r.project_id",
      "r.person_id",
      "p.first_name",
      "p.last_name",
      "r.referred_on",
      "r.referring_party_code",
      "c.label as party_label",
      "r.contact_person",
      "r.note",
      "r.decision",
      "r.decided_on",
      "r.decline_reason",
      "r.outside_target_group",
      "r.outside_target_reasons",
      "r.override_reason",
      "r.outside_target_note",
      "r.district",
      "r.income_code",
      "r.version",
    ])
    .select((eb) => eb.selectFrom("enrolments as e").select("e.id").whereRef("e.referral_id", "=", "r.id").limit(1).as("enrolment_id"));
}

type ReferralRow = Awaited<ReturnType<ReturnType<typeof referralQuery>["executeTakeFirstOrThrow"]>>;

const present = (r: ReferralRow): Referral => ({
  id: r.id,
  projectId: r.project_id,
  personId: r.person_id,
  personName: `${r.last_name}, ${r.first_name}`,
  referredOn: r.referred_on,
  referringParty: r.referring_party_code,
  referringPartyLabel: r.party_label ?? r.referring_party_code,
  contactPerson: r.contact_person,
  note: r.note,
  decision: r.decision,
  decidedOn: r.decided_on,
  declineReason: r.decline_reason,
  outsideTargetGroup: r.outside_target_group,
  outsideTargetReasons: r.outside_target_reasons,
  outsideTargetGroupNote: r.outside_target_note,
  overrideReason: r.override_reason,
  district: r.district,
  incomeCode: r.income_code,
  enrolmentId: r.enrolment_id,
  version: r.version,
});

export async function getReferral(db: Db, id: string): Promise<Referral> {
  const row = await referralQuery(db).where("r.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Aktualiseringen");
  return present(row);
}

export async function listReferrals(db: Db, projectId: string, decision?: ReferralDecision): Promise<Referral[]> {
  let q = referralQuery(db).where("r.project_id", "=", projectId);
  if (decision) q = q.where("r.decision", "=", decision);
  // The waiting list is served first come, first served.
  return (await q.orderBy("r.referred_on").orderBy("r.created_at").execute()).map(present);
}

const sameDistrict = (a: string, b: string) => a.localeCompare(b, "sv", { sensitivity: "base" }) === 0;

/**
 * Why the person falls outside the project's target group at the referral date, if they do:
 * age, district and main income, each checked only when the project sets it. A district or
 * income the project asks about but the referral leaves out is a reason too, since nobody has
 * checked it.
 */
async function targetGroupReasons(
  db: Db,
  projectId: string,
  personId: string,
  referral: { referredOn: string; district: string | null; incomeCode: string | null },
): Promise<string[]> {
  const project = await db
    .selectFrom("projects")
    .select(["target_min_age", "target_max_age", "target_districts", "target_incomes"])
    .where("id", "=", projectId)
    .executeTakeFirstOrThrow();
  const person = await db.selectFrom("persons").select("birth_date").where("id", "=", personId).executeTakeFirstOrThrow();
  const reasons: string[] = [];
  const age = ageOn(person.birth_date, referral.referredOn);
  const { target_min_age: min, target_max_age: max, target_districts: districts, target_incomes: incomes } = project;
  if ((min != null && age < min) || (max != null && age > max)) {
    reasons.push(`Åldern ${age} år är utanför målgruppen ${min ?? "–"}–${max ?? "–"} år.`);
  }
  if (districts.length > 0) {
    if (!referral.district) reasons.push(`Kommundel är inte angiven; projektet gäller ${districts.join(", ")}.`);
    else if (!districts.some((d) => sameDistrict(d, referral.district as string)))
      reasons.push(`Kommundelen ${referral.district} ingår inte i målgruppen (${districts.join(", ")}).`);
  }
  if (incomes.length > 0) {
    const labels = await db
      .selectFrom("codes")
      .select(["code", "label"])
      .where("project_id", "=", projectId)
      .where("list", "=", "income_type")
      .where("code", "in", [...incomes, referral.incomeCode ?? ""])
      .execute();
    const label = (code: string) => labels.find((l) => l.code === code)?.label ?? code;
    const wanted = incomes.map(label).join(", ");
    if (!referral.incomeCode) reasons.push(`Huvudsaklig inkomst är inte angiven; projektet är för personer med ${wanted}.`);
    else if (!incomes.includes(referral.incomeCode)) reasons.push(`Inkomsten ${label(referral.incomeCode)} ingår inte i målgruppen (${wanted}).`);
  }
  return reasons;
}

export async function createReferral(db: Db, ctx: Ctx, projectId: string, raw: CreateReferralInput): Promise<Referral> {
  const input = CreateReferralSchema.parse(raw);
  const party = await resolveCode(db, projectId, "referring_party", input.referringParty, "referringParty");
  const incomeCode = input.incomeCode ? await resolveCode(db, projectId, "income_type", input.incomeCode, "incomeCode") : null;
  const organisationId = await organisationOfProject(db, projectId);
  return db.transaction().execute(async (tx) => {
    let personId = input.personId;
    if (personId) {
      const p = await tx.selectFrom("persons").select("organisation_id").where("id", "=", personId).executeTakeFirst();
      if (!p || p.organisation_id !== organisationId)
        throw new AppError("invalid_input", "Personen finns inte.", { fields: { personId: "Välj en person som finns." } });
      const open = await tx
        .selectFrom("referrals")
        .select("id")
        .where("project_id", "=", projectId)
        .where("person_id", "=", personId)
        .where("decision", "in", ["pending", "waiting_list"])
        .executeTakeFirst();
      if (open) throw new AppError("conflict", "Personen har redan en aktualisering som väntar på beslut i projektet.", { current: { referralId: open.id } });
    } else if (input.person) {
      personId = await createPerson(tx, ctx, organisationId, input.person, projectId);
    }
    if (!personId)
      throw new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { person: "Välj en befintlig person eller fyll i en ny" } });
    const reasons = await targetGroupReasons(tx, projectId, personId, { referredOn: input.referredOn, district: input.district, incomeCode });
    if (input.outsideTargetGroupNote) reasons.push(input.outsideTargetGroupNote);
    const row = await tx
      .insertInto("referrals")
      .values({
        project_id: projectId,
        person_id: personId,
        referred_on: input.referredOn,
        referring_party_code: party,
        contact_person: input.contactPerson,
        note: input.note,
        district: input.district,
        income_code: incomeCode,
        outside_target_group: reasons.length > 0,
        outside_target_reasons: reasons,
        outside_target_note: input.outsideTargetGroupNote,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, {
      action: "referral.create",
      subjectType: "person",
      subjectId: personId,
      projectId,
      details: { referralId: row.id, referringParty: party, outsideTargetGroup: reasons.length > 0 },
    });
    return getReferral(tx, row.id);
  });
}

export async function decideReferral(db: Db, ctx: Ctx, id: string, raw: DecideReferralInput): Promise<Referral> {
  const input = DecideReferralSchema.parse(raw);
  const before = await getReferral(db, id);
  if (before.enrolmentId)
    throw new AppError("conflict", "Personen är redan inskriven från den här aktualiseringen; beslutet kan inte ändras.", { current: before });
  if (input.decidedOn < before.referredOn) {
    throw new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { decidedOn: "Beslutet kan inte vara före aktualiseringsdatumet." } });
  }
  if (input.decision === "accepted" && before.outsideTargetGroup) {
    // Only a manager may let someone in outside the target group, and only with a written reason.
    if (!can(ctx.actor, "project.manage", { projectId: before.projectId })) {
      throw forbidden("Personen är utanför projektets målgrupp. Bara en projektledare kan bevilja med ett skriftligt skäl.");
    }
    if (!input.overrideReason) {
      throw new AppError("invalid_input", "Några uppgifter behöver rättas.", {
        fields: { overrideReason: "Skriv varför personen beviljas trots att hen är utanför målgruppen." },
      });
    }
  }
  const res = await db
    .updateTable("referrals")
    .set((eb) => ({
      decision: input.decision,
      decided_on: input.decision === "pending" ? null : input.decidedOn,
      decline_reason: input.decision === "declined" ? input.declineReason : null,
      override_reason: input.decision === "accepted" && before.outsideTargetGroup ? input.overrideReason : null,
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  const after = await getReferral(db, id);
  await writeAudit(db, ctx, {
    action: "referral.decide",
    subjectType: "person",
    subjectId: before.personId,
    projectId: before.projectId,
    details: {
      referralId: id,
      before: { decision: before.decision },
      after: { decision: after.decision, declineReason: after.declineReason, overrideReason: after.overrideReason },
    },
  });
  return after;
}

/** While undecided or on the waiting list, everything the target-group check reads may be corrected. */
const OPEN_DECISIONS: ReferralDecision[] = ["pending", "waiting_list"];

/**
 * Correct what a referral says. The target-group check runs again on the new values, so the
 * flag and its reasons follow the edit. Once the referral is accepted or declined only the
 * contact person and the note may change: the decision was made on the rest.
 */
export async function updateReferral(db: Db, ctx: Ctx, id: string, raw: UpdateReferralInput): Promise<Referral> {
  const input = UpdateReferralSchema.parse(raw);
  const before = await getReferral(db, id);
  const checked = (["referredOn", "referringParty", "district", "incomeCode", "outsideTargetGroupNote"] as const).filter((k) => input[k] !== undefined);
  if (checked.length > 0 && !OPEN_DECISIONS.includes(before.decision)) {
    throw new AppError(
      "conflict",
      "Aktualiseringen är redan beslutad. Datum, initierande part, kommundel, inkomst och målgruppsnotering kan bara rättas före beslutet; ändra beslutet till Ej beslutad först om de behöver rättas.",
      { current: before },
    );
  }
  const referredOn = input.referredOn ?? before.referredOn;
  if (before.decidedOn && referredOn > before.decidedOn)
    throw invalidInput({ referredOn: `Aktualiseringen kan inte vara efter beslutet (${before.decidedOn}).` });
  const party =
    input.referringParty !== undefined ? await resolveCode(db, before.projectId, "referring_party", input.referringParty, "referringParty") : undefined;
  const incomeCode =
    input.incomeCode === undefined
      ? before.incomeCode
      : input.incomeCode
        ? await resolveCode(db, before.projectId, "income_type", input.incomeCode, "incomeCode")
        : null;
  const district = input.district === undefined ? before.district : input.district;
  const note = input.outsideTargetGroupNote === undefined ? before.outsideTargetGroupNote : input.outsideTargetGroupNote;
  const reasons = await targetGroupReasons(db, before.projectId, before.personId, { referredOn, district, incomeCode });
  if (note) reasons.push(note);
  const res = await db
    .updateTable("referrals")
    .set((eb) => ({
      referred_on: referredOn,
      ...(party !== undefined && { referring_party_code: party }),
      ...(input.contactPerson !== undefined && { contact_person: input.contactPerson }),
      ...(input.note !== undefined && { note: input.note }),
      district,
      income_code: incomeCode,
      outside_target_note: note,
      outside_target_group: reasons.length > 0,
      outside_target_reasons: reasons,
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  const after = await getReferral(db, id);
  const changed = (Object.keys(after) as (keyof Referral)[]).filter((k) => k !== "version" && JSON.stringify(after[k]) !== JSON.stringify(before[k]));
  await writeAudit(db, ctx, {
    action: "referral.update",
    subjectType: "person",
    subjectId: before.personId,
    projectId: before.projectId,
    details: {
      referralId: id,
      changed,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    },
  });
  return after;
}
