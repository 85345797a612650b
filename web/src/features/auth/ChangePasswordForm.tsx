import { Button, PasswordInput, Stack } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ChangePasswordInput } from "../../../../schemas/auth.ts";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { changePassword, useMe } from "./session.ts";

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const me = useMe();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [repeated, setRepeated] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      setCurrentPassword("");
      setNewPassword("");
      setRepeated("");
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = ChangePasswordInput.safeParse({ currentPassword, newPassword });
    const found = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (!found.newPassword && newPassword !== repeated) found.repeated = t("account.password.mismatch");
    setClientErrors(found);
    if (!parsed.success || found.repeated) return;
    mutation.mutate(parsed.data);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      {/* Tells password managers which account the new password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={me.email} readOnly hidden />
      <Stack gap="md">
        {mutation.isSuccess && <SuccessAlert>{t("account.password.changed")}</SuccessAlert>}
        <ErrorAlert error={mutation.error} />
        <PasswordInput
          label={t("account.password.current")}
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.currentTarget.value)}
          error={errors.currentPassword}
        />
        <PasswordInput
          label={t("account.password.new")}
          description={t("account.password.rule")}
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNewPassword(e.currentTarget.value)}
          error={errors.newPassword}
        />
        <PasswordInput
          label={t("account.password.repeat")}
          autoComplete="new-password"
          required
          value={repeated}
          onChange={(e) => setRepeated(e.currentTarget.value)}
          error={errors.repeated}
        />
        <div>
          <Button type="submit" loading={mutation.isPending}>
            {t("account.password.submit")}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
