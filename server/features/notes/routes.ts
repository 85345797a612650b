import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ErrorBody, IdParams } from "../../../schemas/common.ts";
import { CreateNoteInput, Note, NoteList, SignNoteInput, UpdateNoteInput } from "../../../schemas/notes.ts";
import { typed } from "../../app.ts";
import { serviceContext } from "../../auth/can.ts";
import { notFound } from "../../errors.ts";
import "../meetings/tables.ts";
import { requireEnrolmentAccess, requireSignedIn } from "../participants/access.ts";
import { correctNote, createNote, deleteNote, listNotes, signNote, updateNote } from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["notes"];

export async function noteRoutes(api: FastifyInstance) {
  const r = typed(api);
  const { db } = api.deps.handle;

  async function noteAccess(actor: Parameters<typeof requireSignedIn>[0], id: string, action: "person.read" | "person.write") {
    requireSignedIn(actor);
    const n = await db.selectFrom("journal_notes").select("enrolment_id").where("id", "=", id).executeTakeFirst();
    if (!n) throw notFound("Anteckningen");
    return requireEnrolmentAccess(db, actor, n.enrolment_id, action);
  }

  r.get(
    "/enrolments/:id/notes",
    {
      schema: {
        tags,
        summary: "Journal notes on the enrolment: signed ones and the reader's own drafts (logged)",
        params: IdParams,
        response: { 200: NoteList, ...errors },
      },
    },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const notes = await listNotes(db, serviceContext(req), e.id);
      await req.audit({
        action: "person.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, section: "notes", notes: notes.length },
      });
      return { notes };
    },
  );

  r.post(
    "/enrolments/:id/notes",
    { schema: { tags, summary: "Write a journal note as a draft", params: IdParams, body: CreateNoteInput, response: { 201: Note, ...errors } } },
    async (req, reply) => {
      await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      return reply.code(201).send(await createNote(db, serviceContext(req), req.params.id, req.body));
    },
  );

  r.patch(
    "/notes/:id",
    {
      schema: {
        tags,
        summary: "Change one's own draft (with version); a signed note answers 409",
        params: IdParams,
        body: UpdateNoteInput,
        response: { 200: Note, ...errors },
      },
    },
    async (req) => {
      await noteAccess(req.actor, req.params.id, "person.write");
      return updateNote(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.post(
    "/notes/:id/sign",
    {
      schema: {
        tags,
        summary: "Sign one's own draft; it can never be changed afterwards",
        params: IdParams,
        body: SignNoteInput,
        response: { 200: Note, ...errors },
      },
    },
    async (req) => {
      await noteAccess(req.actor, req.params.id, "person.write");
      return signNote(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.post(
    "/notes/:id/corrections",
    {
      schema: {
        tags,
        summary: "Correct a signed note with a new draft that refers to it; both stay visible",
        params: IdParams,
        body: CreateNoteInput,
        response: { 201: Note, ...errors },
      },
    },
    async (req, reply) => {
      await noteAccess(req.actor, req.params.id, "person.write");
      return reply.code(201).send(await correctNote(db, serviceContext(req), req.params.id, req.body));
    },
  );

  r.delete(
    "/notes/:id",
    { schema: { tags, summary: "Throw away one's own draft; a signed note answers 409", params: IdParams, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await noteAccess(req.actor, req.params.id, "person.write");
      await deleteNote(db, serviceContext(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
