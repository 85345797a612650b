import { Button, Group, Stack, Text } from "@mantine/core";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ParticipantPage, RemoveInput } from "../../../../../schemas/participants.ts";
import { SuccessAlert } from "../../../components/ErrorAlert.tsx";
import { EnrolmentChangeError, useChangeForm } from "./changeForm.tsx";

export type RowMode = "edit" | "remove";

/**
 * Which row of a table is being changed or removed. The form opens below the table with focus
 * in it; when it closes, focus goes back to the button that opened it and a polite message says
 * what was saved.
 */
export function useRowEdit() {
  const [open, setOpen] = useState<{ id: string; mode: RowMode } | null>(null);
  const [saved, setSaved] = useState("");
  const regionRef = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (open) regionRef.current?.querySelector<HTMLElement>("input, select, textarea, button[type=submit]")?.focus();
  }, [open]);

  function start(id: string, mode: RowMode, button: HTMLElement) {
    opener.current = button;
    setSaved("");
    setOpen({ id, mode });
  }

  function close(message?: string) {
    setSaved(message ?? "");
    setOpen(null);
    // The row may be gone after a removal; then focus stays where the browser puts it.
    const button = opener.current;
    requestAnimationFrame(() => {
      if (button?.isConnected) button.focus();
    });
  }

  return { open, saved, regionRef, start, close };
}

/** "Change" and "Remove" for one row, each naming the row for screen readers. */
export function RowActions({
  id,
  name,
  edit,
  disabled,
}: {
  id: string;
  /** The row in words, e.g. "pause 1–10 March". */
  name: string;
  edit: ReturnType<typeof useRowEdit>;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="compact-sm"
        variant="default"
        disabled={disabled}
        aria-label={t("corrections.editLabel", { name })}
        onClick={(e) => edit.start(id, "edit", e.currentTarget)}
      >
        {t("corrections.edit")}
      </Button>
      <Button
        size="compact-sm"
        variant="default"
        disabled={disabled}
        aria-label={t("corrections.removeLabel", { name })}
        onClick={(e) => edit.start(id, "remove", e.currentTarget)}
      >
        {t("corrections.remove")}
      </Button>
    </Group>
  );
}

/** The region below a table where a row's form opens, and the message after a save. */
export function RowEditRegion({ edit, children }: { edit: ReturnType<typeof useRowEdit>; children: ReactNode }) {
  return (
    <>
      {edit.saved && <SuccessAlert>{edit.saved}</SuccessAlert>}
      {edit.open && (
        <div ref={edit.regionRef} className="inline-form">
          {children}
        </div>
      )}
    </>
  );
}

/**
 * Ask before removing something recorded on the enrolment. The removal carries the enrolment's
 * version, so someone else's change in the meantime shows as a conflict with what changed.
 */
export function RemoveForm({
  page,
  title,
  question,
  confirm,
  send,
  onSaved,
  onCancel,
}: {
  page: ParticipantPage;
  title: string;
  question: string;
  confirm: string;
  send: (input: RemoveInput) => Promise<unknown>;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useChangeForm(page, RemoveInput, send, onSaved);

  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit({ version: page.enrolment.version });
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={title}>
      <Stack gap="sm">
        <EnrolmentChangeError page={page} form={form} />
        <Text size="sm">{question}</Text>
        <Group gap="sm">
          <Button type="submit" color="red" loading={form.mutation.isPending} disabled={form.conflict !== null}>
            {confirm}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
