import {
  type Contact,
  type ContactLogEntry,
  type CreateContactInput,
  type CreateContactLogInput,
  CreateContactLogInput as CreateContactLogSchema,
  CreateContactInput as CreateContactSchema,
  type CreateEmployerInput,
  CreateEmployerInput as CreateEmployerSchema,
  type CreateWorkplaceInput,
  CreateWorkplaceInput as CreateWorkplaceSchema,
  type Employer,
  type MergeEmployersInput,
  type MergeResult,
  MergeEmployersInput as MergeSchema,
  normaliseTrades,
  type UpdateContactInput,
  type UpdateContactLogInput,
  UpdateContactLogInput as UpdateContactLogSchema,
  UpdateContactInput as UpdateContactSchema,
  type UpdateEmployerInput,
  UpdateEmployerInput as UpdateEmployerSchema,
  type UpdateWorkplaceInput,
  UpdateWorkplaceInput as UpdateWorkplaceSchema,
  type Workplace,
} from "../../../schemas/employers.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, invalidInput, notFound } from "../../errors.ts";
import type { Ctx } from "../participants/persons.ts";
import type { EmployerContactsTable, EmployersTable, EmployerWorkplacesTable } from "./tables.ts";
import "./tables.ts";

type Row<T> = { [K in keyof T]: T[K] extends import("kysely").ColumnType<infer S, unknown, unknown> ? S : T[K] };

export function presentEmployer(r: Row<EmployersTable>): Employer {
  return {
    id: r.id,
    name: r.name,
    organisationNumber: r.organisation_number,
    sector: r.sector,
    trades: r.trades,
    notes: r.notes,
    status: r.status,
    version: r.version,
  };
}

export function presentWorkplace(r: Row<EmployerWorkplacesTable>): Workplace {
  return {
    id: r.id,
    employerId: r.employer_id,
    name: r.name,
    street: r.street,
    postalCode: r.postal_code,
    postalTown: r.postal_town,
    district: r.district,
    notes: r.notes,
    version: r.version,
  };
}

export function presentContact(r: Row<EmployerContactsTable>): Contact {
  return {
    id: r.id,
    employerId: r.employer_id,
    workplaceId: r.workplace_id,
    name: r.name,
    role: r.role,
    phone: r.phone,
    email: r.email,
    isSupervisor: r.is_supervisor,
    supervisorTrainedOn: r.supervisor_trained_on,
    version: r.version,
  };
}

// ---------- employers ----------

async function getEmployer(db: Db, organisationId: string, id: string): Promise<Employer> {
  const r = await db.selectFrom("employers").selectAll().where("id", "=", id).where("organisation_id", "=", organisationId).executeTakeFirst();
  if (!r) throw notFound("Arbetsgivaren");
  return presentEmployer(r);
}

/** The organisation number is unique within the organisation: say which employer already has it. */
async function assertNumberFree(db: Db, organisationId: string, number: string | null, exceptId?: string) {
  if (!number) return;
  let q = db.selectFrom("employers").select(["id", "name"]).where("organisation_id", "=", organisationId).where("organisation_number", "=", number);
  if (exceptId) q = q.where("id", "<>", exceptId);
  const other = await q.executeTakeFirst();
  if (other) {
    throw new AppError(
      "conflict",
      `Organisationsnumret ${number} finns redan, hos ${other.name}. Öppna den arbetsgivaren i stället, eller slå ihop dubbletterna.`,
      {
        fields: { organisationNumber: `Finns redan hos ${other.name}` },
      },
    );
  }
}

export async function createEmployer(db: Db, ctx: Ctx, organisationId: string, projectId: string, raw: CreateEmployerInput): Promise<Employer> {
  const input = CreateEmployerSchema.parse(raw);
  await assertNumberFree(db, organisationId, input.organisationNumber);
  const row = await db
    .insertInto("employers")
    .values({
      organisation_id: organisationId,
      name: input.name,
      organisation_number: input.organisationNumber,
      sector: input.sector,
      trades: input.trades,
      notes: input.notes,
      status: input.status,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = presentEmployer(row);
  await writeAudit(db, ctx, { action: "employer.create", subjectType: "employer", subjectId: after.id, projectId, details: { after } });
  return after;
}

export async function updateEmployer(db: Db, ctx: Ctx, organisationId: string, projectId: string, id: string, raw: UpdateEmployerInput): Promise<Employer> {
  const input = UpdateEmployerSchema.parse(raw);
  const before = await getEmployer(db, organisationId, id);
  if (input.organisationNumber !== undefined) await assertNumberFree(db, organisationId, input.organisationNumber, id);
  const res = await db
    .updateTable("employers")
    .set((eb) => ({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.organisationNumber !== undefined && { organisation_number: input.organisationNumber }),
      ...(input.sector !== undefined && { sector: input.sector }),
      ...(input.trades !== undefined && { trades: input.trades }),
      ...(input.notes !== undefined && { notes: input.notes }),
      ...(input.status !== undefined && { status: input.status }),
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  const after = await getEmployer(db, organisationId, id);
  await writeAudit(db, ctx, { action: "employer.update", subjectType: "employer", subjectId: id, projectId, details: { before, after } });
  return after;
}

// ---------- workplaces ----------

async function getWorkplace(db: Db, employerId: string, id: string): Promise<Workplace> {
  const r = await db.selectFrom("employer_workplaces").selectAll().where("id", "=", id).where("employer_id", "=", employerId).executeTakeFirst();
  if (!r) throw notFound("Arbetsplatsen");
  return presentWorkplace(r);
}

export async function listWorkplaces(db: Db, employerId: string): Promise<Workplace[]> {
  const rows = await db.selectFrom("employer_workplaces").selectAll().where("employer_id", "=", employerId).orderBy("name").orderBy("id").execute();
  return rows.map(presentWorkplace);
}

export async function createWorkplace(db: Db, ctx: Ctx, projectId: string, employerId: string, raw: CreateWorkplaceInput): Promise<Workplace> {
  const input = CreateWorkplaceSchema.parse(raw);
  const row = await db
    .insertInto("employer_workplaces")
    .values({
      employer_id: employerId,
      name: input.name,
      street: input.street,
      postal_code: input.postalCode,
      postal_town: input.postalTown,
      district: input.district,
      notes: input.notes,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = presentWorkplace(row);
  await writeAudit(db, ctx, { action: "employer.workplace.create", subjectType: "employer", subjectId: employerId, projectId, details: { after } });
  return after;
}

/** Changes the fields given; those left out stay as they are. */
export async function updateWorkplace(db: Db, ctx: Ctx, projectId: string, employerId: string, id: string, raw: UpdateWorkplaceInput): Promise<Workplace> {
  const input = UpdateWorkplaceSchema.parse(raw);
  const before = await getWorkplace(db, employerId, id);
  const res = await db
    .updateTable("employer_workplaces")
    .set((eb) => ({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.street !== undefined && { street: input.street }),
      ...(input.postalCode !== undefined && { postal_code: input.postalCode }),
      ...(input.postalTown !== undefined && { postal_town: input.postalTown }),
      ...(input.district !== undefined && { district: input.district }),
      ...(input.notes !== undefined && { notes: input.notes }),
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  const after = await getWorkplace(db, employerId, id);
  await writeAudit(db, ctx, { action: "employer.workplace.update", subjectType: "employer", subjectId: employerId, projectId, details: { before, after } });
  return after;
}

// ---------- contact people ----------

async function getContact(db: Db, employerId: string, id: string): Promise<Contact> {
  const r = await db.selectFrom("employer_contacts").selectAll().where("id", "=", id).where("employer_id", "=", employerId).executeTakeFirst();
  if (!r) throw notFound("Kontaktpersonen");
  return presentContact(r);
}

export async function listContacts(db: Db, employerId: string): Promise<Contact[]> {
  const rows = await db.selectFrom("employer_contacts").selectAll().where("employer_id", "=", employerId).orderBy("name").orderBy("id").execute();
  return rows.map(presentContact);
}

async function assertWorkplaceOf(db: Db, employerId: string, workplaceId: string | null | undefined, field = "workplaceId") {
  if (!workplaceId) return;
  const w = await db.selectFrom("employer_workplaces").select("employer_id").where("id", "=", workplaceId).executeTakeFirst();
  if (!w || w.employer_id !== employerId)
    throw invalidInput({ [field]: "Arbetsplatsen hör inte till den här arbetsgivaren. Välj en av arbetsgivarens arbetsplatser." });
}

export async function createContact(db: Db, ctx: Ctx, projectId: string, employerId: string, raw: CreateContactInput): Promise<Contact> {
  const input = CreateContactSchema.parse(raw);
  await assertWorkplaceOf(db, employerId, input.workplaceId);
  if (input.supervisorTrainedOn && !input.isSupervisor) throw invalidInput({ supervisorTrainedOn: "Handledarutbildning anges bara för en handledare." });
  const row = await db
    .insertInto("employer_contacts")
    .values({
      employer_id: employerId,
      workplace_id: input.workplaceId,
      name: input.name,
      role: input.role,
      phone: input.phone,
      email: input.email,
      is_supervisor: input.isSupervisor,
      supervisor_trained_on: input.supervisorTrainedOn,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = presentContact(row);
  await writeAudit(db, ctx, {
    action: "employer.contact.create",
    subjectType: "employer_contact",
    subjectId: after.id,
    projectId,
    details: { employerId, after },
  });
  return after;
}

export async function updateContact(db: Db, ctx: Ctx, projectId: string, employerId: string, id: string, raw: UpdateContactInput): Promise<Contact> {
  const input = UpdateContactSchema.parse(raw);
  const before = await getContact(db, employerId, id);
  if (input.workplaceId !== undefined) await assertWorkplaceOf(db, employerId, input.workplaceId);
  const isSupervisor = input.isSupervisor ?? before.isSupervisor;
  const trainedOn = input.supervisorTrainedOn !== undefined ? input.supervisorTrainedOn : before.supervisorTrainedOn;
  if (trainedOn && !isSupervisor) throw invalidInput({ supervisorTrainedOn: "Handledarutbildning anges bara för en handledare." });
  const res = await db
    .updateTable("employer_contacts")
    .set((eb) => ({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.workplaceId !== undefined && { workplace_id: input.workplaceId }),
      is_supervisor: isSupervisor,
      supervisor_trained_on: trainedOn,
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  const after = await getContact(db, employerId, id);
  await writeAudit(db, ctx, {
    action: "employer.contact.update",
    subjectType: "employer_contact",
    subjectId: id,
    projectId,
    details: { employerId, before, after },
  });
  return after;
}

// ---------- contact log ----------

export async function listContactLog(db: Db, employerId: string): Promise<ContactLogEntry[]> {
  const rows = await db
    .selectFrom("employer_contact_log as l")
    .innerJoin("users as u", "u.id", "l.coach_id")
    .leftJoin("employer_contacts as c", "c.id", "l.contact_id")
    .selectAll("l")
    .select(["u.name as coach_name", "c.name as contact_name"])
    .where("l.employer_id", "=", employerId)
    .orderBy("l.occurred_on", "desc")
    .orderBy("l.created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    employerId: r.employer_id,
    projectId: r.project_id,
    kind: r.kind,
    occurredOn: r.occurred_on,
    coachId: r.coach_id,
    coachName: r.coach_name,
    contactId: r.contact_id,
    contactName: r.contact_name,
    outcome: r.outcome,
    version: r.version,
  }));
}

/** The one who had the contact must be a coach or manager of the project. */
async function assertContactCoach(db: Db, projectId: string, coachId: string) {
  const m = await db.selectFrom("project_memberships").select("role").where("project_id", "=", projectId).where("user_id", "=", coachId).executeTakeFirst();
  if (!m || (m.role !== "coach" && m.role !== "manager")) throw invalidInput({ coachId: "Välj en coach eller projektledare i projektet." });
}

async function assertContactOf(db: Db, employerId: string, contactId: string | null | undefined) {
  if (!contactId) return;
  const c = await db.selectFrom("employer_contacts").select("employer_id").where("id", "=", contactId).executeTakeFirst();
  if (!c || c.employer_id !== employerId) throw invalidInput({ contactId: "Kontaktpersonen hör inte till den här arbetsgivaren." });
}

export async function logContact(db: Db, ctx: Ctx, projectId: string, employerId: string, raw: CreateContactLogInput): Promise<ContactLogEntry> {
  const input = CreateContactLogSchema.parse(raw);
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const coachId = input.coachId ?? userId;
  if (!coachId) throw invalidInput({ coachId: "Välj vem som hade kontakten." });
  await assertContactCoach(db, projectId, coachId);
  await assertContactOf(db, employerId, input.contactId);
  const row = await db
    .insertInto("employer_contact_log")
    .values({
      employer_id: employerId,
      project_id: projectId,
      kind: input.kind,
      occurred_on: input.occurredOn,
      coach_id: coachId,
      contact_id: input.contactId,
      outcome: input.outcome,
      created_by: userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const entry = (await listContactLog(db, employerId)).find((e) => e.id === row.id);
  if (!entry) throw notFound("Kontakten");
  await writeAudit(db, ctx, {
    action: "employer.contact_log.create",
    subjectType: "employer",
    subjectId: employerId,
    projectId,
    details: { after: entry },
  });
  return entry;
}

/**
 * Correct a logged contact of the project (with version). An entry logged in another project is
 * that project's to correct, and does not exist here.
 */
export async function updateContactLog(
  db: Db,
  ctx: Ctx,
  projectId: string,
  employerId: string,
  entryId: string,
  raw: UpdateContactLogInput,
): Promise<ContactLogEntry> {
  const input = UpdateContactLogSchema.parse(raw);
  const find = async () => (await listContactLog(db, employerId)).find((e) => e.id === entryId && e.projectId === projectId);
  const before = await find();
  if (!before) throw notFound("Kontakten");
  if (input.coachId !== undefined) await assertContactCoach(db, projectId, input.coachId);
  if (input.contactId !== undefined) await assertContactOf(db, employerId, input.contactId);
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const res = await db
    .updateTable("employer_contact_log")
    .set((eb) => ({
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.occurredOn !== undefined && { occurred_on: input.occurredOn }),
      ...(input.coachId !== undefined && { coach_id: input.coachId }),
      ...(input.contactId !== undefined && { contact_id: input.contactId }),
      ...(input.outcome !== undefined && { outcome: input.outcome }),
      version: eb("version", "+", 1),
      updated_at: new Date(),
      updated_by: userId,
    }))
    .where("id", "=", entryId)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  const after = (await find()) as ContactLogEntry;
  await writeAudit(db, ctx, {
    action: "employer.contact_log.update",
    subjectType: "employer",
    subjectId: employerId,
    projectId,
    details: { entryId, before, after },
  });
  return after;
}

// ---------- merge ----------

/**
 * Moves the duplicate's workplaces, contact people, contact log and placements to the kept
 * employer and removes the duplicate, in one transaction. Both versions are checked, so a merge
 * based on a stale view of either record is refused. The kept employer takes the union of the
 * trades, and the duplicate's organisation number and notes where it has none.
 */
export async function mergeEmployers(
  db: Db,
  ctx: Ctx,
  organisationId: string,
  projectId: string,
  keptId: string,
  raw: MergeEmployersInput,
): Promise<MergeResult> {
  const input = MergeSchema.parse(raw);
  if (input.duplicateId === keptId) throw invalidInput({ duplicateId: "Välj en annan arbetsgivare än den som behålls." });
  const kept = await getEmployer(db, organisationId, keptId);
  let duplicate: Employer;
  try {
    duplicate = await getEmployer(db, organisationId, input.duplicateId);
  } catch {
    throw invalidInput({ duplicateId: "Dubbletten finns inte bland organisationens arbetsgivare." });
  }
  if (kept.version !== input.version) throw conflict(kept);
  if (duplicate.version !== input.duplicateVersion)
    throw conflict(duplicate, "Dubbletten har ändrats sedan du öppnade den. Läs in den igen och försök på nytt.");

  return db.transaction().execute(async (tx) => {
    const dupVersion = await tx
      .updateTable("employers")
      .set({ organisation_number: null })
      .where("id", "=", duplicate.id)
      .where("version", "=", input.duplicateVersion)
      .executeTakeFirst();
    if (Number(dupVersion.numUpdatedRows) === 0) throw conflict(duplicate, "Dubbletten har ändrats sedan du öppnade den. Läs in den igen och försök på nytt.");
    const res = await tx
      .updateTable("employers")
      .set((eb) => ({
        trades: normaliseTrades([...kept.trades, ...duplicate.trades]),
        organisation_number: kept.organisationNumber ?? duplicate.organisationNumber,
        notes: kept.notes ?? duplicate.notes,
        version: eb("version", "+", 1),
        updated_at: new Date(),
      }))
      .where("id", "=", kept.id)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw conflict(kept);
    const moved = async (q: { executeTakeFirst(): Promise<{ numUpdatedRows: bigint }> }) => Number((await q.executeTakeFirst()).numUpdatedRows);
    const workplaces = await moved(tx.updateTable("employer_workplaces").set({ employer_id: kept.id }).where("employer_id", "=", duplicate.id));
    const contacts = await moved(tx.updateTable("employer_contacts").set({ employer_id: kept.id }).where("employer_id", "=", duplicate.id));
    const contactLog = await moved(tx.updateTable("employer_contact_log").set({ employer_id: kept.id }).where("employer_id", "=", duplicate.id));
    const placementIds = (await tx.selectFrom("activities").select("id").where("employer_id", "=", duplicate.id).execute()).map((a) => a.id);
    const placements = await moved(
      tx
        .updateTable("activities")
        .set((eb) => ({ employer_id: kept.id, version: eb("version", "+", 1), updated_at: new Date() }))
        .where("employer_id", "=", duplicate.id),
    );
    await tx.deleteFrom("employers").where("id", "=", duplicate.id).execute();
    const after = await getEmployer(tx, organisationId, kept.id);
    const counts = { workplaces, contacts, contactLog, placements };
    await writeAudit(tx, ctx, {
      action: "employer.merge",
      subjectType: "employer",
      subjectId: kept.id,
      projectId,
      details: { removed: duplicate, before: kept, after, moved: counts, activityIds: placementIds },
    });
    return { employer: after, moved: counts };
  });
}
