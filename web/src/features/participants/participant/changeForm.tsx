import { Button, Stack } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { Enrolment, type ParticipantPage } from "../../../../../schemas/participants.ts";
import type { ApiError } from "../../../api.ts";
import { ConflictAlert, changedFields, conflictOf } from "../../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../../components/forms.ts";
import { formatDate } from "../../../format.ts";
import { participantQuery, refreshParticipant } from "../queries.ts";

/**
 * One form on the participant page: check with the shared schema, send, show the server's
 * field messages at their fields, and on a stale version (409) show what changed.
 */
export function useChangeForm<S extends z.ZodType>(page: ParticipantPage, schema: S, send: (input: z.output<S>) => Promise<unknown>, onSaved: () => void) {
  const queryClient = useQueryClient();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await refreshParticipant(queryClient, page.enrolment.projectId, page.enrolment.id);
      onSaved();
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  /** Validate `raw` (plus any messages of the form's own) and send it. */
  function submit(raw: unknown, extra: FieldErrors = {}) {
    setAttempt((n) => n + 1);
    const parsed = schema.safeParse(raw);
    if (!parsed.success || Object.keys(extra).length > 0) {
      setClientErrors({ ...(parsed.success ? {} : zodFieldErrors(parsed.error)), ...extra });
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  /** Load the page as it is now and clear the conflict; the fresh page is returned for forms to adopt. */
  async function reload(): Promise<ParticipantPage> {
    const fresh = await queryClient.fetchQuery({ ...participantQuery(page.enrolment.id), staleTime: 0 });
    mutation.reset();
    return fresh;
  }

  return { formRef, errors, mutation, submit, reload, conflict: conflictOf(mutation.error) };
}

/** The error or the 409 of an enrolment change, with what someone else changed meanwhile. */
export function EnrolmentChangeError({
  page,
  form,
  onReload,
}: {
  page: ParticipantPage;
  form: { conflict: ApiError | null; mutation: { error: unknown }; reload: () => Promise<unknown> };
  /** A form whose fields start from the record takes the fresh values here. */
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  if (!form.conflict) return <ErrorAlert error={form.mutation.error} />;
  const current = Enrolment.safeParse(form.conflict.current);
  const changes = current.success
    ? changedFields(page.enrolment, current.data, [
        { label: t("participant.status"), value: (e) => t(`status.${e.status}`) },
        { label: t("enrolment.coach"), value: (e) => e.coachName ?? "" },
        { label: t("enrolment.intake"), value: (e) => e.intakeName ?? "" },
        { label: t("enrolment.startDate"), value: (e) => formatDate(e.startDate) },
        { label: t("enrolment.plannedMonths"), value: (e) => String(e.plannedMonths) },
        { label: t("participant.plannedEnd"), value: (e) => formatDate(e.plannedEndDate) },
        { label: t("referrals.referringParty"), value: (e) => e.referringParty ?? "" },
        { label: t("exit.notCounted"), value: (e) => (e.notCounted ? (e.notCountedReason ?? t("common.yes")) : "") },
        { label: t("exit.exitDate"), value: (e) => formatDate(e.exit?.exitDate) },
        { label: t("exit.exitStatus"), value: (e) => e.exit?.exitStatusLabel ?? "" },
        { label: t("exit.nextInstance"), value: (e) => e.exit?.nextInstance ?? "" },
        {
          label: t("extensions.title"),
          value: (e) => e.extensions.map((x) => `${formatDate(x.decidedOn)}: ${formatDate(x.newPlannedEnd)} (${x.reasonLabel})`).join("; "),
        },
        { label: t("pauses.title"), value: (e) => e.pauses.map((p) => `${formatDate(p.fromDate)}–${formatDate(p.toDate)} (${p.reason})`).join("; ") },
        { label: t("background.title"), value: (e) => JSON.stringify(e.background) },
        { label: t("consents.title"), value: (e) => e.consents.map((c) => `${c.purpose}:${c.active}`).join(",") },
      ])
    : [];
  return (
    <ConflictAlert
      message={form.conflict.message}
      changes={changes.map((c) =>
        c.label === t("consents.title")
          ? { ...c, before: "", now: t("conflict.consentsChanged") }
          : c.label === t("background.title")
            ? { ...c, before: "", now: t("conflict.backgroundChanged") }
            : c,
      )}
      onReload={() => (onReload ? onReload() : void form.reload())}
    />
  );
}

/**
 * A button that opens a form in place. After a save the form closes, focus goes back to the
 * button, and a polite message says what was saved.
 */
export function FormToggle({ label, children, disabled }: { label: string; disabled?: boolean; children: (close: (saved?: string) => void) => ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState("");
  const buttonRef = useRef<HTMLButtonElement>(null);
  const regionRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (open) regionRef.current?.querySelector<HTMLElement>("input, select, textarea")?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      buttonRef.current?.focus();
    }
  }, [open]);

  function close(message?: string) {
    returnFocus.current = true;
    setSaved(message ?? "");
    setOpen(false);
  }

  return (
    <Stack gap="sm">
      {saved && <SuccessAlert>{saved}</SuccessAlert>}
      {!open && (
        <div>
          <Button
            ref={buttonRef}
            variant="default"
            onClick={() => {
              setSaved("");
              setOpen(true);
            }}
            disabled={disabled}
          >
            {label}
          </Button>
        </div>
      )}
      {open && (
        <div ref={regionRef} className="inline-form">
          {children(close)}
          <Button variant="subtle" mt="xs" onClick={() => close()}>
            {t("common.cancel")}
          </Button>
        </div>
      )}
    </Stack>
  );
}
