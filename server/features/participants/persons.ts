import type { DuplicateCheckInput, Person, PersonInput, UpdatePersonInput } from "../../../schemas/participants.ts";
import { type ServiceContext, writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import { ageOn, todayInSweden } from "./dates.ts";
import { maskPersonnummer, normalisePersonnummer, swedishSortKey } from "./identity.ts";

export type Ctx = ServiceContext;

const personColumns = [
  "id",
  "organisation_id",
  "first_name",
  "last_name",
  "gender",
  "birth_date",
  "personnummer",
  "protected_identity",
  "phone",
  "email",
  "address",
  "postal_code",
  "city",
  "language",
  "interpreter_needed",
  "version",
] as const;

export type PersonRow = Awaited<ReturnType<typeof findPerson>> & {};

export function findPerson(db: Db, id: string) {
  return db.selectFrom("persons").select(personColumns).where("id", "=", id).executeTakeFirst();
}

export function presentPerson(p: PersonRow): Person {
  return {
    id: p.id,
    firstName: p.first_name,
    lastName: p.last_name,
    gender: p.gender,
    birthDate: p.birth_date,
    age: ageOn(p.birth_date, todayInSweden()),
    personnummerMasked: maskPersonnummer(p.personnummer),
    protectedIdentity: p.protected_identity,
    phone: p.phone,
    email: p.email,
    address: p.address,
    postalCode: p.postal_code,
    city: p.city,
    language: p.language,
    interpreterNeeded: p.interpreter_needed,
    version: p.version,
  };
}

export async function organisationOfProject(db: Db, projectId: string): Promise<string> {
  const row = await db
    .selectFrom("projects as p")
    .innerJoin("units as u", "u.id", "p.unit_id")
    .select("u.organisation_id")
    .where("p.id", "=", projectId)
    .executeTakeFirst();
  if (!row) throw notFound("Projektet");
  return row.organisation_id;
}

/** Birth date and normalised personnummer from the input; the personnummer wins when both are given. */
function identityOf(input: { personnummer?: string | null; birthDate?: string; protectedIdentity?: boolean }) {
  if (input.personnummer && !input.protectedIdentity) {
    const { personnummer, birthDate } = normalisePersonnummer(input.personnummer);
    if (input.birthDate && input.birthDate !== birthDate) {
      throw new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { birthDate: "Födelsedatumet stämmer inte med personnumret." } });
    }
    return { personnummer, birthDate };
  }
  if (!input.birthDate)
    throw new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { birthDate: "Ange födelsedatum eller personnummer" } });
  return { personnummer: null, birthDate: input.birthDate };
}

export async function createPerson(db: Db, ctx: Ctx, organisationId: string, input: PersonInput, projectId: string): Promise<string> {
  const { personnummer, birthDate } = identityOf(input);
  if (birthDate > todayInSweden())
    throw new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { birthDate: "Födelsedatumet ligger i framtiden." } });
  if (personnummer) {
    const existing = await db
      .selectFrom("persons")
      .select("id")
      .where("organisation_id", "=", organisationId)
      .where("personnummer", "=", personnummer)
      .executeTakeFirst();
    if (existing) {
      throw new AppError("conflict", "Det finns redan en person med det personnumret. Välj den befintliga personen i stället.", {
        fields: { personnummer: "Personnumret finns redan registrerat." },
        current: { personId: existing.id },
      });
    }
  }
  const row = await db
    .insertInto("persons")
    .values({
      organisation_id: organisationId,
      first_name: input.firstName,
      last_name: input.lastName,
      sort_name: swedishSortKey(input.lastName, input.firstName),
      gender: input.gender,
      birth_date: birthDate,
      personnummer: input.protectedIdentity ? null : personnummer,
      protected_identity: input.protectedIdentity ?? false,
      phone: input.phone ?? null,
      email: input.email ?? null,
      address: input.protectedIdentity ? null : (input.address ?? null),
      postal_code: input.protectedIdentity ? null : (input.postalCode ?? null),
      city: input.city ?? null,
      language: input.language ?? null,
      interpreter_needed: input.interpreterNeeded ?? false,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeAudit(db, ctx, { action: "person.create", subjectType: "person", subjectId: row.id, projectId, details: { fields: Object.keys(input) } });
  return row.id;
}

export async function updatePerson(db: Db, ctx: Ctx, id: string, projectId: string, input: UpdatePersonInput): Promise<Person> {
  const before = await findPerson(db, id);
  if (!before) throw notFound("Personen");
  const protectedIdentity = input.protectedIdentity ?? before.protected_identity;
  const changes: Record<string, unknown> = {};
  if (input.personnummer !== undefined || input.birthDate !== undefined || input.protectedIdentity !== undefined) {
    const pnr = input.personnummer !== undefined ? input.personnummer : before.personnummer;
    // Without a number to take it from, the birth date stays as it was (also when protected identity drops the number).
    const { personnummer, birthDate } = identityOf({
      personnummer: protectedIdentity ? null : pnr,
      birthDate: input.birthDate ?? (pnr && !protectedIdentity ? undefined : before.birth_date),
      protectedIdentity,
    });
    if (personnummer && personnummer !== before.personnummer) {
      const taken = await db
        .selectFrom("persons")
        .select("id")
        .where("organisation_id", "=", before.organisation_id)
        .where("personnummer", "=", personnummer)
        .where("id", "<>", id)
        .executeTakeFirst();
      if (taken)
        throw new AppError("conflict", "En annan person har redan det personnumret.", { fields: { personnummer: "Personnumret finns redan registrerat." } });
    }
    Object.assign(changes, { personnummer: protectedIdentity ? null : personnummer, birth_date: birthDate, protected_identity: protectedIdentity });
  }
  if (protectedIdentity) Object.assign(changes, { address: null, postal_code: null, personnummer: null });
  const first = input.firstName ?? before.first_name;
  const last = input.lastName ?? before.last_name;
  const row = await db
    .updateTable("persons")
    .set((eb) => ({
      ...changes,
      first_name: first,
      last_name: last,
      sort_name: swedishSortKey(last, first),
      ...(input.gender !== undefined && { gender: input.gender }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.email !== undefined && { email: input.email || null }),
      ...(input.address !== undefined && !protectedIdentity && { address: input.address }),
      ...(input.postalCode !== undefined && !protectedIdentity && { postal_code: input.postalCode }),
      ...(input.city !== undefined && { city: input.city }),
      ...(input.language !== undefined && { language: input.language }),
      ...(input.interpreterNeeded !== undefined && { interpreter_needed: input.interpreterNeeded }),
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .returning(personColumns)
    .executeTakeFirst();
  if (!row)
    throw conflict(
      presentPerson(before),
      "Någon annan har ändrat personuppgifterna sedan du öppnade dem. Se de aktuella uppgifterna och gör din ändring igen.",
    );
  const b = presentPerson(before);
  const a = presentPerson(row);
  const changed = (Object.keys(a) as (keyof Person)[]).filter((k) => k !== "version" && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  await writeAudit(db, ctx, {
    action: "person.update",
    subjectType: "person",
    subjectId: id,
    projectId,
    details: {
      changed,
      before: Object.fromEntries(changed.map((k) => [k, b[k]])),
      after: Object.fromEntries(changed.map((k) => [k, a[k]])),
      personnummerChanged: before.personnummer !== row.personnummer,
    },
  });
  return a;
}

/** Persons in the organisation that may be the one being registered: same personnummer, or same name and birth date. */
export async function findDuplicates(db: Db, organisationId: string, projectId: string, input: DuplicateCheckInput) {
  const matches: { personId: string; name: string; birthDate: string; matchedOn: "personnummer" | "name_and_birth_date" }[] = [];
  // Without a typed birth date, the one the personnummer holds is used for the name match, so a
  // person registered earlier without a number (or with another one) is still found.
  let birthDate = input.birthDate;
  if (input.personnummer) {
    const { personnummer, birthDate: fromNumber } = normalisePersonnummer(input.personnummer);
    birthDate ??= fromNumber;
    const hit = await db
      .selectFrom("persons")
      .select(["id", "first_name", "last_name", "birth_date"])
      .where("organisation_id", "=", organisationId)
      .where("personnummer", "=", personnummer)
      .executeTakeFirst();
    if (hit) matches.push({ personId: hit.id, name: `${hit.first_name} ${hit.last_name}`, birthDate: hit.birth_date, matchedOn: "personnummer" });
  }
  if (input.firstName && input.lastName && birthDate) {
    const hits = await db
      .selectFrom("persons")
      .select(["id", "first_name", "last_name", "birth_date"])
      .where("organisation_id", "=", organisationId)
      // The folded sort key compares names the same way on every database locale (Å = å).
      .where("sort_name", "=", swedishSortKey(input.lastName, input.firstName))
      .where("birth_date", "=", birthDate)
      .execute();
    for (const h of hits) {
      if (!matches.some((m) => m.personId === h.id))
        matches.push({ personId: h.id, name: `${h.first_name} ${h.last_name}`, birthDate: h.birth_date, matchedOn: "name_and_birth_date" });
    }
  }
  const known = new Set(
    matches.length
      ? (
          await db
            .selectFrom("enrolments")
            .select("person_id")
            .where("project_id", "=", projectId)
            .where(
              "person_id",
              "in",
              matches.map((m) => m.personId),
            )
            .union(
              db
                .selectFrom("referrals")
                .select("person_id")
                .where("project_id", "=", projectId)
                .where(
                  "person_id",
                  "in",
                  matches.map((m) => m.personId),
                ),
            )
            .execute()
        ).map((r) => r.person_id)
      : [],
  );
  return matches.map((m) => ({ ...m, knownInProject: known.has(m.personId) }));
}
