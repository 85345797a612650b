import "../../i18n/exitFollowUp.ts";
import { Alert, Button, Group, List, Modal, NativeSelect, Radio, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateFollowUpInput, FollowUp } from "../../../../schemas/reports.ts";
import { conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { formatDate, todayIso } from "../../format.ts";
import { type ProjectCodes, useProjectCodes } from "../codes/queries.ts";
import { recordFollowUp, refreshFollowUps } from "./exitFollowUps.ts";

/** The follow-up point a dialog records, with what the person recording it needs to see. */
export interface FollowUpTarget {
  projectId: string;
  enrolmentId: string;
  name: string;
  exitDate: string;
  months: number;
  dueDate: string;
}

/** A recorded result in words: "Nådd 2026-11-20: Studier" or "Kunde inte nås (2026-11-20)". */
export function followUpResult(t: TFunction, codes: ProjectCodes, r: { doneOn: string | null; reached: boolean | null; statusCode: string | null }): string {
  if (!r.doneOn) return "";
  const date = formatDate(r.doneOn);
  return r.reached ? t("exitFollowUp.reachedResult", { date, status: codes.label("exit_status", r.statusCode) }) : t("exitFollowUp.unreachedResult", { date });
}

/**
 * What a page needs to record follow-ups: `record(target)` opens the dialog; `message` is the
 * confirmation after a save, which takes focus because the row's button is gone by then; `dialog`
 * is the dialog itself, to be placed once on the page.
 */
export function useFollowUpRecording(): { record: (target: FollowUpTarget) => void; message: ReactNode; dialog: ReactNode } {
  const { t } = useTranslation();
  const [target, setTarget] = useState<FollowUpTarget | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);
  return {
    record: (x) => {
      setSaved(null);
      setTarget(x);
    },
    message: saved && (
      <div ref={savedRef} tabIndex={-1}>
        <SuccessAlert>{saved}</SuccessAlert>
      </div>
    ),
    dialog: (
      <RecordFollowUpDialog
        target={target}
        returnFocus={saved === null}
        onClose={() => setTarget(null)}
        onSaved={(x) => {
          setSaved(t("exitFollowUp.saved", { name: x.name, months: x.months }));
          setTarget(null);
        }}
      />
    ),
  };
}

/**
 * Record the follow-up of one point in a dialog. The dialog keeps focus while open; on cancel,
 * focus goes back to the button that opened it, and after a save the page moves it to its own
 * message (the button is gone by then), so `returnFocus` is the page's to decide.
 */
export function RecordFollowUpDialog({
  target,
  returnFocus,
  onClose,
  onSaved,
}: {
  target: FollowUpTarget | null;
  returnFocus: boolean;
  onClose: () => void;
  onSaved: (target: FollowUpTarget) => void;
}) {
  const { t } = useTranslation();
  // Keep the last target while the dialog fades out, so its content does not vanish first.
  const last = useRef(target);
  if (target) last.current = target;
  const shown = target ?? last.current;
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={t("exitFollowUp.dialog.title")}
      size="lg"
      returnFocus={returnFocus}
      closeButtonProps={{ "aria-label": t("exitFollowUp.dialog.close") }}
    >
      {shown && <RecordFollowUpForm key={`${shown.enrolmentId}:${shown.months}`} target={shown} onCancel={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

const FIELDS = ["doneOn", "reached", "statusCode", "note"];

function RecordFollowUpForm({ target, onCancel, onSaved }: { target: FollowUpTarget; onCancel: () => void; onSaved: (target: FollowUpTarget) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const codes = useProjectCodes(target.projectId);
  const [doneOn, setDoneOn] = useState(todayIso());
  const [reached, setReached] = useState<"" | "yes" | "no">("");
  const [statusCode, setStatusCode] = useState("");
  const [note, setNote] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: (input: CreateFollowUpInput) => recordFollowUp(target.enrolmentId, input),
    onSuccess: async () => {
      // The list shows the row as followed up before the dialog closes.
      await refreshFollowUps(client, target.projectId);
      onSaved(target);
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);
  const conflict = conflictOf(mutation.error);
  const current = conflict ? FollowUp.safeParse(conflict.current) : null;
  // Messages the form has no field for (e.g. "the enrolment has no final exit").
  const otherMessages = Object.entries(errors)
    .filter(([key]) => !FIELDS.includes(key))
    .map(([, message]) => message);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const raw = {
      months: target.months,
      doneOn,
      reached: reached === "" ? undefined : reached === "yes",
      statusCode: reached === "yes" && statusCode ? statusCode : null,
      note: note.trim() === "" ? null : note,
    };
    const parsed = CreateFollowUpInput.safeParse(raw);
    const extra: FieldErrors = reached === "" ? { reached: t("exitFollowUp.dialog.chooseReached") } : {};
    if (!parsed.success || Object.keys(extra).length > 0) {
      setClientErrors({ ...(parsed.success ? {} : zodFieldErrors(parsed.error)), ...extra });
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  async function reload() {
    await refreshFollowUps(client, target.projectId);
    onCancel();
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t("exitFollowUp.dialog.title")}>
      <Stack gap="md">
        <Text>
          {t("exitFollowUp.dialog.about", {
            name: target.name,
            exitDate: formatDate(target.exitDate),
            months: target.months,
            dueDate: formatDate(target.dueDate),
          })}
        </Text>
        {conflict ? (
          <Alert color="orange" variant="light" role="alert" title={conflict.message}>
            <Stack gap="sm">
              {current?.success && <Text size="sm">{t("exitFollowUp.dialog.conflict", { result: followUpResult(t, codes, current.data) })}</Text>}
              <Group>
                <Button variant="default" onClick={() => void reload()}>
                  {t("exitFollowUp.dialog.reload")}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          mutation.isError &&
          (otherMessages.length > 0 || Object.keys(errors).length === 0) && (
            <Stack gap={4}>
              <ErrorAlert error={mutation.error} />
              {otherMessages.length > 0 && (
                <List size="sm">
                  {otherMessages.map((m) => (
                    <List.Item key={m}>{m}</List.Item>
                  ))}
                </List>
              )}
            </Stack>
          )
        )}
        <TextInput
          data-autofocus
          label={t("exitFollowUp.dialog.doneOn")}
          type="date"
          required
          value={doneOn}
          max={todayIso()}
          onChange={(e) => setDoneOn(e.currentTarget.value)}
          error={errors.doneOn}
          maw={280}
        />
        <Radio.Group label={t("exitFollowUp.dialog.reached")} required value={reached} onChange={(v) => setReached(v as "yes" | "no")} error={errors.reached}>
          <Group gap="lg" mt={4}>
            <Radio value="yes" label={t("exitFollowUp.dialog.yes")} />
            <Radio value="no" label={t("exitFollowUp.dialog.no")} />
          </Group>
        </Radio.Group>
        {reached === "yes" && (
          <NativeSelect
            label={t("exitFollowUp.dialog.status")}
            description={t("exitFollowUp.dialog.statusHelp")}
            required
            value={statusCode}
            onChange={(e) => setStatusCode(e.currentTarget.value)}
            error={errors.statusCode}
          >
            <option value="">{t("common.choose")}</option>
            {codes.options("exit_status").map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </NativeSelect>
        )}
        <Textarea
          label={t("exitFollowUp.dialog.note")}
          description={t("exitFollowUp.dialog.noteHelp")}
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
        />
        <Group>
          <Button type="submit" loading={mutation.isPending} disabled={conflict !== null}>
            {t("exitFollowUp.dialog.save")}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t("exitFollowUp.dialog.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
