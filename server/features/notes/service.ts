import type { Note } from "../../../schemas/notes.ts";
import {
  type CreateNoteInput,
  CreateNoteInput as CreateSchema,
  type SignNoteInput,
  SignNoteInput as SignSchema,
  type UpdateNoteInput,
  UpdateNoteInput as UpdateSchema,
} from "../../../schemas/notes.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, forbidden, notFound } from "../../errors.ts";
import "../meetings/tables.ts";
import type { Ctx } from "../participants/persons.ts";

const userIdOf = (ctx: Ctx) => (ctx.actor.kind === "user" ? ctx.actor.userId : null);

async function noteRows(db: Db, where: { id?: string; enrolmentId?: string }) {
  let q = db.selectFrom("journal_notes as n").innerJoin("users as u", "u.id", "n.author_id").selectAll("n").select("u.name as author_name");
  if (where.id) q = q.where("n.id", "=", where.id);
  if (where.enrolmentId) q = q.where("n.enrolment_id", "=", where.enrolmentId);
  return q.orderBy("n.created_at", "desc").orderBy("n.id").execute();
}

type Row = Awaited<ReturnType<typeof noteRows>>[number];

async function correctionsOf(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("journal_notes")
    .select(["id", "corrects_id"])
    .where("corrects_id", "in", ids)
    .where("status", "=", "signed")
    .orderBy("signed_at")
    .execute();
}

function present(r: Row, corrections: { id: string; corrects_id: string | null }[], readerId: string | null): Note {
  return {
    id: r.id,
    enrolmentId: r.enrolment_id,
    authorId: r.author_id,
    authorName: r.author_name,
    body: r.body,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    signedAt: r.signed_at ? new Date(r.signed_at).toISOString() : null,
    correctsId: r.corrects_id,
    correctedBy: corrections.filter((c) => c.corrects_id === r.id).map((c) => c.id),
    mine: r.author_id === readerId,
    version: r.version,
  };
}

/** Every signed note and the reader's own drafts, newest first. Others' drafts are unfinished and stay private. */
export async function listNotes(db: Db, ctx: Ctx, enrolmentId: string): Promise<Note[]> {
  const reader = userIdOf(ctx);
  const rows = (await noteRows(db, { enrolmentId })).filter((r) => r.status === "signed" || r.author_id === reader);
  const corrections = await correctionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, corrections, reader));
}

async function loadNote(db: Db, ctx: Ctx, id: string): Promise<Note> {
  const [r] = await noteRows(db, { id });
  if (!r || (r.status === "draft" && r.author_id !== userIdOf(ctx))) throw notFound("Anteckningen");
  return present(r, await correctionsOf(db, [id]), userIdOf(ctx));
}

async function enrolmentOf(db: Db, id: string) {
  const e = await db.selectFrom("enrolments").select(["id", "project_id", "person_id"]).where("id", "=", id).executeTakeFirst();
  if (!e) throw notFound("Inskrivningen");
  return e;
}

const signedMessage = "En signerad anteckning kan inte ändras eller tas bort. Skriv en rättelse i stället.";

/** A draft, changeable only by its author; a signed note answers 409 with the note as it is. */
async function ownDraft(db: Db, ctx: Ctx, id: string): Promise<Note> {
  const note = await loadNote(db, ctx, id);
  if (note.status === "signed") throw conflict(note, signedMessage);
  if (!note.mine) throw forbidden("Bara den som skrev utkastet kan ändra eller signera det.");
  return note;
}

async function insertNote(db: Db, ctx: Ctx, enrolmentId: string, body: string, correctsId: string | null): Promise<Note> {
  const author = userIdOf(ctx);
  if (!author) throw new AppError("forbidden", "Anteckningar skrivs av en inloggad medarbetare.");
  const e = await enrolmentOf(db, enrolmentId);
  const row = await db
    .insertInto("journal_notes")
    .values({ enrolment_id: enrolmentId, author_id: author, body, corrects_id: correctsId })
    .returning("id")
    .executeTakeFirstOrThrow();
  const after = await loadNote(db, ctx, row.id);
  await writeAudit(db, ctx, {
    action: correctsId ? "note.correct" : "note.create",
    subjectType: "person",
    subjectId: e.person_id,
    projectId: e.project_id,
    details: { enrolmentId, noteId: row.id, correctsId, after },
  });
  return after;
}

export async function createNote(db: Db, ctx: Ctx, enrolmentId: string, raw: CreateNoteInput): Promise<Note> {
  return insertNote(db, ctx, enrolmentId, CreateSchema.parse(raw).body, null);
}

/** A correction is a new draft that refers to a signed note; once signed, the original is marked as corrected. */
export async function correctNote(db: Db, ctx: Ctx, id: string, raw: CreateNoteInput): Promise<Note> {
  const input = CreateSchema.parse(raw);
  const original = await loadNote(db, ctx, id);
  if (original.status !== "signed") throw conflict(original, "Bara en signerad anteckning rättas med en ny anteckning. Ett utkast kan du ändra direkt.");
  return insertNote(db, ctx, original.enrolmentId, input.body, id);
}

export async function updateNote(db: Db, ctx: Ctx, id: string, raw: UpdateNoteInput): Promise<Note> {
  const input = UpdateSchema.parse(raw);
  const before = await ownDraft(db, ctx, id);
  const res = await db
    .updateTable("journal_notes")
    .set((eb) => ({ body: input.body, version: eb("version", "+", 1), updated_at: new Date() }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .where("status", "=", "draft")
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(await loadNote(db, ctx, id));
  const after = await loadNote(db, ctx, id);
  const e = await enrolmentOf(db, before.enrolmentId);
  await writeAudit(db, ctx, {
    action: "note.update",
    subjectType: "person",
    subjectId: e.person_id,
    projectId: e.project_id,
    details: { enrolmentId: e.id, noteId: id, before, after },
  });
  return after;
}

export async function signNote(db: Db, ctx: Ctx, id: string, raw: SignNoteInput): Promise<Note> {
  const input = SignSchema.parse(raw);
  const before = await ownDraft(db, ctx, id);
  const res = await db
    .updateTable("journal_notes")
    .set((eb) => ({ status: "signed", signed_at: new Date(), version: eb("version", "+", 1), updated_at: new Date() }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .where("status", "=", "draft")
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(await loadNote(db, ctx, id));
  const after = await loadNote(db, ctx, id);
  const e = await enrolmentOf(db, before.enrolmentId);
  await writeAudit(db, ctx, {
    action: "note.sign",
    subjectType: "person",
    subjectId: e.person_id,
    projectId: e.project_id,
    details: { enrolmentId: e.id, noteId: id, correctsId: after.correctsId, after },
  });
  return after;
}

/** Only a draft may be thrown away, by its author. */
export async function deleteNote(db: Db, ctx: Ctx, id: string): Promise<void> {
  const before = await ownDraft(db, ctx, id);
  const res = await db.deleteFrom("journal_notes").where("id", "=", id).where("status", "=", "draft").executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw conflict(await loadNote(db, ctx, id), signedMessage);
  const e = await enrolmentOf(db, before.enrolmentId);
  await writeAudit(db, ctx, {
    action: "note.delete",
    subjectType: "person",
    subjectId: e.person_id,
    projectId: e.project_id,
    details: { enrolmentId: e.id, noteId: id, before },
  });
}
