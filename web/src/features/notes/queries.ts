import { queryOptions } from "@tanstack/react-query";
import { type CreateNoteInput, Note, NoteList, type SignNoteInput, type UpdateNoteInput } from "../../../../schemas/notes.ts";
import { apiGet, apiSend, apiSendNoContent, seg } from "../../api.ts";

export const notesQuery = (enrolmentId: string) =>
  queryOptions({
    queryKey: ["notes", enrolmentId],
    queryFn: () => apiGet(`/enrolments/${seg(enrolmentId)}/notes`, NoteList),
  });

export const noteActions = {
  write: (enrolmentId: string, input: CreateNoteInput) => apiSend("POST", `/enrolments/${seg(enrolmentId)}/notes`, input, Note),
  edit: (id: string, input: UpdateNoteInput) => apiSend("PATCH", `/notes/${seg(id)}`, input, Note),
  sign: (id: string, input: SignNoteInput) => apiSend("POST", `/notes/${seg(id)}/sign`, input, Note),
  correct: (id: string, input: CreateNoteInput) => apiSend("POST", `/notes/${seg(id)}/corrections`, input, Note),
  remove: (id: string) => apiSendNoContent("DELETE", `/notes/${seg(id)}`),
};
