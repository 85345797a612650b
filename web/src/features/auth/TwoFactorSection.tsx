import { Button, Code, Group, List, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { TotpDisableInput, TotpEnableInput } from "../../../../schemas/auth.ts";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { AnchorLink } from "../../components/links.tsx";
import { disableTotp, enableTotp, meQueryKey, startTotpSetup, useMe } from "./session.ts";

/** Two-factor sign-in with an authenticator app: set up, turn on with a code, turn off with the password. */
export function TwoFactorSection() {
  const { t } = useTranslation();
  const me = useMe();
  const [done, setDone] = useState<"enabled" | "disabled" | null>(null);

  return (
    <Stack gap="md">
      {done === "enabled" && (
        <SuccessAlert>
          {t("account.twoFactor.enabled")} <AnchorLink to="/">{t("account.toStart")}</AnchorLink>
        </SuccessAlert>
      )}
      {done === "disabled" && <SuccessAlert>{t("account.twoFactor.disabled")}</SuccessAlert>}
      <Text>{me.totpEnabled ? t("account.twoFactor.isOn") : t("account.twoFactor.isOff")}</Text>
      {me.totpEnabled ? <DisableForm onDone={() => setDone("disabled")} /> : <SetupFlow onStart={() => setDone(null)} onDone={() => setDone("enabled")} />}
    </Stack>
  );
}

function SetupFlow({ onStart, onDone }: { onStart: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const setup = useMutation({ mutationFn: startTotpSetup, onMutate: onStart });
  const enable = useMutation({
    mutationFn: enableTotp,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      onDone();
    },
  });
  const errors = mergeFieldErrors(clientErrors, enable.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = TotpEnableInput.safeParse({ code });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    enable.mutate(parsed.data);
  }

  if (!setup.data) {
    return (
      <Stack gap="sm" align="flex-start">
        <ErrorAlert error={setup.error} />
        <Button onClick={() => setup.mutate()} loading={setup.isPending}>
          {t("account.twoFactor.start")}
        </Button>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <List type="ordered" spacing="xs">
        <List.Item>{t("account.twoFactor.step1")}</List.Item>
        <List.Item>
          <Text span>{t("account.twoFactor.step2")}</Text>
          <Stack gap={4} mt={4}>
            <Text size="sm" fw={600}>
              {t("account.twoFactor.secret")}
            </Text>
            <Code block fz="md" style={{ letterSpacing: "0.08em" }}>
              {setup.data.secret}
            </Code>
            <Text size="sm" fw={600}>
              {t("account.twoFactor.otpauthUrl")}
            </Text>
            <Code block style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }}>
              {setup.data.otpauthUrl}
            </Code>
          </Stack>
        </List.Item>
        <List.Item>{t("account.twoFactor.step3")}</List.Item>
      </List>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert error={enable.error} />
          <TextInput
            label={t("account.twoFactor.code")}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            maw={200}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.replace(/\s/g, ""))}
            error={errors.code}
          />
          <Group>
            <Button type="submit" loading={enable.isPending}>
              {t("account.twoFactor.enable")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function DisableForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const disable = useMutation({
    mutationFn: disableTotp,
    onSuccess: async () => {
      setPassword("");
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      onDone();
    },
  });
  const errors = mergeFieldErrors(clientErrors, disable.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = TotpDisableInput.safeParse({ password });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    disable.mutate(parsed.data);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={disable.error} />
        <PasswordInput
          label={t("account.twoFactor.password")}
          description={t("account.twoFactor.passwordHelp")}
          autoComplete="current-password"
          required
          maw={360}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
        />
        <Group>
          <Button type="submit" color="red" loading={disable.isPending}>
            {t("account.twoFactor.disable")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
