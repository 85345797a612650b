import { z } from "zod";
import { Version } from "./common.ts";

const Body = z.string({ error: "Skriv anteckningen" }).trim().min(1, { error: "Skriv anteckningen" }).max(20000, { error: "Högst 20 000 tecken" });

export const CreateNoteInput = z.object({ body: Body });
export type CreateNoteInput = z.input<typeof CreateNoteInput>;

export const UpdateNoteInput = z.object({ version: Version, body: Body });
export type UpdateNoteInput = z.input<typeof UpdateNoteInput>;

export const SignNoteInput = z.object({ version: Version });
export type SignNoteInput = z.input<typeof SignNoteInput>;

export const NoteStatus = z.enum(["draft", "signed"]);

export const Note = z.object({
  id: z.uuid(),
  enrolmentId: z.uuid(),
  authorId: z.uuid(),
  authorName: z.string(),
  body: z.string(),
  status: NoteStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  signedAt: z.string().nullable(),
  /** For a correction: the note it corrects. */
  correctsId: z.uuid().nullable(),
  /** Signed corrections of this note, oldest first; non-empty means the note is marked corrected. */
  correctedBy: z.array(z.uuid()),
  /** Only the author may edit, sign or remove a draft. */
  mine: z.boolean(),
  version: z.number().int(),
});
export type Note = z.infer<typeof Note>;

/** Signed notes of everyone and the reader's own drafts, newest first. */
export const NoteList = z.object({ notes: z.array(Note) });
export type NoteList = z.infer<typeof NoteList>;
