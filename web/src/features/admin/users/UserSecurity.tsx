import { Button, Group, PasswordInput, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ResetPasswordInput, type UserDetail } from "../../../../../schemas/admin.ts";
import { ErrorAlert, SuccessAlert } from "../../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../../components/forms.ts";
import { resetUserTotp, setUserPassword } from "./queries.ts";

/**
 * An administrator sets a new password, e.g. when a user has forgotten theirs. Autocomplete is
 * off so the browser does not offer to save it as the administrator's own password.
 */
export function SetPasswordForm({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const mutation = useMutation({
    mutationFn: (input: ResetPasswordInput) => setUserPassword(userId, input),
    onSuccess: () => setPassword(""),
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = ResetPasswordInput.safeParse({ password });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md" maw={520}>
        {mutation.isSuccess && <SuccessAlert>{t("users.passwordSet")}</SuccessAlert>}
        <ErrorAlert error={mutation.error} />
        <PasswordInput
          label={t("users.newPassword")}
          description={t("users.initialPasswordHelp")}
          required
          autoComplete="off"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
        />
        <Group>
          <Button type="submit" variant="default" loading={mutation.isPending}>
            {t("users.setPasswordSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Turn off a user's two-factor sign-in, e.g. after a lost phone; they set it up again themselves. */
export function TwoFactorReset({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const mutation = useMutation({
    mutationFn: () => resetUserTotp(user.id),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: ["admin", "users"] });
    },
  });

  return (
    <Stack gap="md" maw={520}>
      {mutation.isSuccess && <SuccessAlert>{t("users.totpResetDone")}</SuccessAlert>}
      <ErrorAlert error={mutation.error} />
      <Text>{user.totpEnabled ? t("users.totpIsOn") : t("users.totpIsOff")}</Text>
      {user.totpEnabled &&
        (confirming ? (
          <Stack gap="sm">
            <Text fw={600}>{t("users.totpResetConfirm", { name: user.name })}</Text>
            <Group>
              <Button color="red" loading={mutation.isPending} onClick={() => mutation.mutate()}>
                {t("users.totpResetYes")}
              </Button>
              <Button variant="default" onClick={() => setConfirming(false)}>
                {t("common.cancel")}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Group>
            <Button variant="default" onClick={() => setConfirming(true)}>
              {t("users.totpReset")}
            </Button>
          </Group>
        ))}
    </Stack>
  );
}
