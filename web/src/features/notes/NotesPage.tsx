import "../../i18n/meetings.ts";
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateNoteInput, type Note, UpdateNoteInput } from "../../../../schemas/notes.ts";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { RouteErrorContent } from "../../components/ErrorPages.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { formatDateTime } from "../../format.ts";
import { useSaveForm } from "../meetings/useSaveForm.ts";
import { ParticipantSubpage } from "../participants/participant/ParticipantSubpage.tsx";
import { noteActions, notesQuery } from "./queries.ts";

const refreshKeys = (enrolmentId: string) => [["notes", enrolmentId], ["participants"]];

/** /deltagare/$enrolmentId/anteckningar: the journal. Drafts are private; signed notes never change, they are corrected. */
export function NotesPage() {
  const { enrolmentId } = useParams({ from: "/app/deltagare/$enrolmentId/anteckningar" });
  const { t } = useTranslation();
  const notes = useQuery(notesQuery(enrolmentId));
  const [message, setMessage] = useState("");

  return (
    <ParticipantSubpage enrolmentId={enrolmentId} title={t("notes.title")}>
      <Stack gap="lg">
        <Panel title={t("notes.write")}>
          <NoteForm
            formLabel={t("notes.write")}
            label={t("notes.body")}
            hint={t("notes.bodyHint")}
            submitLabel={t("notes.saveDraft")}
            send={(body) => noteActions.write(enrolmentId, { body })}
            enrolmentId={enrolmentId}
            onSaved={() => setMessage(t("notes.draftSaved"))}
            clearAfterSave
          />
        </Panel>
        {message && <SuccessAlert>{message}</SuccessAlert>}
        <Panel title={t("notes.listTitle")}>
          {notes.isPending ? (
            <Loading />
          ) : notes.isError ? (
            <RouteErrorContent error={notes.error} />
          ) : notes.data.notes.length === 0 ? (
            <Text>{t("notes.none")}</Text>
          ) : (
            <Stack gap="md" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {notes.data.notes.map((n) => (
                <li key={n.id}>
                  <NoteCard note={n} all={notes.data.notes} enrolmentId={enrolmentId} onMessage={setMessage} />
                </li>
              ))}
            </Stack>
          )}
        </Panel>
      </Stack>
    </ParticipantSubpage>
  );
}

function NoteForm({
  formLabel,
  label,
  hint,
  submitLabel,
  send,
  enrolmentId,
  onSaved,
  initial = "",
  clearAfterSave = false,
}: {
  formLabel: string;
  label: string;
  hint?: string;
  submitLabel: string;
  send: (body: string) => Promise<Note>;
  enrolmentId: string;
  onSaved: () => void;
  initial?: string;
  clearAfterSave?: boolean;
}) {
  const [body, setBody] = useState(initial);
  const form = useSaveForm(
    CreateNoteInput,
    (input) => send(input.body),
    refreshKeys(enrolmentId),
    () => {
      if (clearAfterSave) setBody("");
      onSaved();
    },
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit({ body });
  }
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={formLabel}>
      <Stack gap="sm">
        <ErrorAlert error={form.conflict ? null : form.mutation.error} />
        {form.conflict && <ErrorAlert error={form.conflict} />}
        <Textarea
          label={label}
          description={hint}
          required
          autosize
          minRows={4}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={form.errors.body}
        />
        <Group>
          <Button type="submit" loading={form.mutation.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NoteCard({ note, all, enrolmentId, onMessage }: { note: Note; all: Note[]; enrolmentId: string; onMessage: (m: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"view" | "edit" | "correct">("view");
  const refresh = () => Promise.all(refreshKeys(enrolmentId).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  const sign = useMutation({
    mutationFn: () => noteActions.sign(note.id, { version: note.version }),
    onSuccess: async () => {
      await refresh();
      onMessage(t("notes.signed_ok"));
    },
  });
  const remove = useMutation({
    mutationFn: () => noteActions.remove(note.id),
    onSuccess: async () => {
      await refresh();
      onMessage(t("notes.deleted"));
    },
  });
  const edit = useSaveForm(
    UpdateNoteInput,
    (input) => noteActions.edit(note.id, input),
    refreshKeys(enrolmentId),
    () => {
      setMode("view");
      onMessage(t("notes.draftSaved"));
    },
  );
  const [draft, setDraft] = useState(note.body);
  const original = note.correctsId ? all.find((n) => n.id === note.correctsId) : undefined;
  const corrections = note.correctedBy.map((id) => all.find((n) => n.id === id)).filter((n): n is Note => Boolean(n));
  const date = formatDateTime(note.signedAt ?? note.createdAt);
  const headingId = `note-${note.id}-title`;

  return (
    <Paper component="article" id={`note-${note.id}`} withBorder p="md" aria-labelledby={headingId} bg={note.status === "draft" ? "gray.0" : undefined}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5" id={headingId}>
            {t(note.correctsId ? "notes.correctionHeading" : "notes.heading", { date })}
          </Title>
          <Group gap="xs">
            <Badge color={note.status === "draft" ? "gray" : "green"} variant="outline" tt="none" className="status-badge">
              {t(note.status === "draft" ? "notes.draft" : "notes.signed")}
            </Badge>
            {corrections.length > 0 && (
              <Badge color="orange" variant="outline" tt="none" className="status-badge">
                {t("notes.corrected")}
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {note.signedAt
            ? t("notes.signedBy", { name: note.authorName, date: formatDateTime(note.signedAt) })
            : t("notes.writtenBy", { name: note.authorName, date: formatDateTime(note.createdAt) })}
        </Text>
        {original && (
          <Text size="sm">
            {t("notes.corrects")}{" "}
            <Anchor href={`#note-${original.id}`} underline="always">
              {t("notes.correctsLink", { date: formatDateTime(original.signedAt) })}
            </Anchor>
          </Text>
        )}
        {mode === "edit" ? (
          <form
            ref={edit.formRef}
            noValidate
            aria-label={t("notes.edit")}
            onSubmit={(e) => {
              e.preventDefault();
              edit.submit({ version: note.version, body: draft });
            }}
          >
            <Stack gap="sm">
              <ErrorAlert error={edit.mutation.error} />
              <Textarea
                label={t("notes.body")}
                required
                autosize
                minRows={4}
                value={draft}
                onChange={(e) => setDraft(e.currentTarget.value)}
                error={edit.errors.body}
              />
              <Group>
                <Button type="submit" loading={edit.mutation.isPending}>
                  {t("notes.editSubmit")}
                </Button>
                <Button variant="subtle" onClick={() => setMode("view")}>
                  {t("common.cancel")}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Text style={{ whiteSpace: "pre-wrap" }}>{note.body}</Text>
        )}
        {corrections.length > 0 && (
          <Text size="sm" fw={600}>
            {t("notes.correctedBy")}{" "}
            {corrections.map((c, i) => (
              <span key={c.id}>
                {i > 0 && ", "}
                <Anchor href={`#note-${c.id}`} underline="always" inherit>
                  {t("notes.correctionLink", { date: formatDateTime(c.signedAt) })}
                </Anchor>
              </span>
            ))}
            .
          </Text>
        )}
        <ErrorAlert error={sign.error ?? remove.error} />
        {note.status === "draft" && note.mine && mode === "view" && (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setMode("edit")}>
              {t("notes.edit")}
            </Button>
            <Button
              size="xs"
              onClick={() => {
                if (window.confirm(t("notes.signConfirm"))) sign.mutate();
              }}
              loading={sign.isPending}
            >
              {t("notes.sign")}
            </Button>
            <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
              {t("notes.delete")}
            </Button>
          </Group>
        )}
        {note.status === "signed" && mode === "view" && (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setMode("correct")}>
              {t("notes.correct")}
            </Button>
          </Group>
        )}
        {mode === "correct" && (
          <div className="inline-form">
            <NoteForm
              formLabel={t("notes.correct")}
              label={t("notes.correctionBody")}
              hint={t("notes.correctionHint")}
              submitLabel={t("notes.correctionSubmit")}
              send={(body) => noteActions.correct(note.id, { body })}
              enrolmentId={enrolmentId}
              onSaved={() => {
                setMode("view");
                onMessage(t("notes.correctionSaved"));
              }}
            />
            <Button variant="subtle" mt="xs" onClick={() => setMode("view")}>
              {t("common.cancel")}
            </Button>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
