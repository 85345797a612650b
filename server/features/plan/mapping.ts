import {
  MAPPING_SECTIONS,
  type Mapping,
  type MappingSections,
  type MappingSensitive,
  type MappingVersionMeta,
  type SaveMappingInput,
  SaveMappingInput as SaveSchema,
  type SensitiveSections,
} from "../../../schemas/mapping.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { conflict, notFound } from "../../errors.ts";
import type { Ctx } from "../participants/persons.ts";
import "./tables.ts";

export interface EnrolmentRef {
  id: string;
  project_id: string;
  person_id: string;
}

async function versionRows(db: Db, enrolmentId: string) {
  return db
    .selectFrom("mapping_versions as m")
    .leftJoin("users as u", "u.id", "m.created_by")
    .select(["m.number", "m.created_at", "u.name as created_by_name"])
    .where("m.enrolment_id", "=", enrolmentId)
    .orderBy("m.number", "desc")
    .execute();
}

/** The highest saved version number of the enrolment's mapping; 0 when none is saved. */
export async function currentMappingNumber(db: Db, enrolmentId: string): Promise<number> {
  const row = await db
    .selectFrom("mapping_versions")
    .select((eb) => eb.fn.max("number").as("n"))
    .where("enrolment_id", "=", enrolmentId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function findVersion(db: Db, enrolmentId: string, number: number) {
  return db
    .selectFrom("mapping_versions as m")
    .leftJoin("users as u", "u.id", "m.created_by")
    .selectAll("m")
    .select("u.name as created_by_name")
    .where("m.enrolment_id", "=", enrolmentId)
    .where("m.number", "=", number)
    .executeTakeFirst();
}

const emptySections = (): MappingSections => Object.fromEntries(MAPPING_SECTIONS.map((k) => [k, null])) as MappingSections;

function presentSections(stored: Record<string, string | null>): MappingSections {
  const out = emptySections();
  for (const k of MAPPING_SECTIONS) out[k] = stored[k] ?? null;
  return out;
}

/**
 * The mapping as it reads without the sensitive sections: version `number`, or the current one.
 * 404 when that version does not exist.
 */
export async function getMapping(db: Db, enrolmentId: string, opts: { number?: number; canSeeSensitive: boolean }): Promise<Mapping> {
  const versions = await versionRows(db, enrolmentId);
  const current = versions[0]?.number ?? 0;
  const metas: MappingVersionMeta[] = versions.map((v) => ({
    number: v.number,
    createdAt: new Date(v.created_at).toISOString(),
    createdByName: v.created_by_name,
  }));
  const wanted = opts.number ?? current;
  if (wanted === 0) {
    return {
      enrolmentId,
      number: 0,
      version: 0,
      sections: emptySections(),
      trades: [],
      createdAt: null,
      createdByName: null,
      versions: metas,
      canSeeSensitive: opts.canSeeSensitive,
    };
  }
  const row = await findVersion(db, enrolmentId, wanted);
  if (!row) throw notFound(`Version ${wanted} av kartläggningen`);
  return {
    enrolmentId,
    number: row.number,
    version: current,
    sections: presentSections(row.sections),
    trades: row.trades,
    createdAt: new Date(row.created_at).toISOString(),
    createdByName: row.created_by_name,
    versions: metas,
    canSeeSensitive: opts.canSeeSensitive,
  };
}

const emptySensitive = (): SensitiveSections => ({ health: null, violence: { answer: null, note: null, askedOn: null } });

/** Health and violence of version `number` (or the current one). Only for callers that checked `person.sensitive`. */
export async function getSensitive(db: Db, enrolmentId: string, number?: number): Promise<MappingSensitive> {
  const wanted = number ?? (await currentMappingNumber(db, enrolmentId));
  if (wanted === 0) return { enrolmentId, number: 0, sensitive: emptySensitive() };
  const row = await findVersion(db, enrolmentId, wanted);
  if (!row) throw notFound(`Version ${wanted} av kartläggningen`);
  return {
    enrolmentId,
    number: row.number,
    sensitive: { health: row.health, violence: { answer: row.violence_answer, note: row.violence_note, askedOn: row.violence_asked_on } },
  };
}

/**
 * Save the mapping as a new version based on `version`. Sensitive sections left out are carried
 * over from the version before, so a user without the permission cannot erase them by saving.
 * The audit entry names the sections that changed, never their text: the log is read by
 * administrators who may not read the person's record.
 */
export async function saveMapping(db: Db, ctx: Ctx, e: EnrolmentRef, raw: SaveMappingInput): Promise<number> {
  const input = SaveSchema.parse(raw);
  const current = await currentMappingNumber(db, e.id);
  const stale = async () => conflict(await getMapping(db, e.id, { canSeeSensitive: false }));
  if (input.version !== current) throw await stale();
  const before = current > 0 ? await findVersion(db, e.id, current) : undefined;
  const sensitive: SensitiveSections = input.sensitive ?? {
    health: before?.health ?? null,
    violence: { answer: before?.violence_answer ?? null, note: before?.violence_note ?? null, askedOn: before?.violence_asked_on ?? null },
  };
  const number = current + 1;
  try {
    await db
      .insertInto("mapping_versions")
      .values({
        enrolment_id: e.id,
        number,
        sections: JSON.stringify(input.sections),
        trades: input.trades,
        health: sensitive.health,
        violence_answer: sensitive.violence.answer,
        violence_note: sensitive.violence.note,
        violence_asked_on: sensitive.violence.askedOn,
        created_by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      })
      .execute();
  } catch (err) {
    // Two saves based on the same version: the unique number lets only the first one in.
    if (/unique|duplicate/i.test(String((err as Error).message))) throw await stale();
    throw err;
  }
  const previous = before ? presentSections(before.sections) : emptySections();
  const changed: string[] = MAPPING_SECTIONS.filter((k) => previous[k] !== input.sections[k]);
  if (JSON.stringify(before?.trades ?? []) !== JSON.stringify(input.trades)) changed.push("trades");
  if ((before?.health ?? null) !== sensitive.health) changed.push("health");
  if (
    (before?.violence_answer ?? null) !== sensitive.violence.answer ||
    (before?.violence_note ?? null) !== sensitive.violence.note ||
    (before?.violence_asked_on ?? null) !== sensitive.violence.askedOn
  )
    changed.push("violence");
  await writeAudit(db, ctx, {
    action: "mapping.save",
    subjectType: "person",
    subjectId: e.person_id,
    projectId: e.project_id,
    details: { enrolmentId: e.id, version: number, changedSections: changed, sensitiveEdited: input.sensitive !== undefined },
  });
  return number;
}
