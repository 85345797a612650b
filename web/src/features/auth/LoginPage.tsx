import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { LoginInput } from "../../../../schemas/auth.ts";
import { isApiError } from "../../api.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { PlainLayout } from "../../components/PlainLayout.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { safeRedirect } from "./redirect.ts";
import { login, meQueryKey } from "./session.ts";

const route = getRouteApi("/logga-in");

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t("login.title"));
  const search = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [needsCode, setNeedsCode] = useState(false);
  // True while the last answer was the server asking for the code: a prompt, not an error.
  const [prompted, setPrompted] = useState(false);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const mutation = useMutation({
    mutationFn: login,
    onSuccess: async (me) => {
      queryClient.setQueryData(meQueryKey, me);
      await navigate({ href: safeRedirect(search.redirect) ?? "/", replace: true });
    },
    onError: (error) => {
      if (isApiError(error, "totp_required") && !needsCode) {
        setNeedsCode(true);
        setPrompted(true);
      }
    },
  });

  useEffect(() => {
    if (needsCode) codeRef.current?.focus();
  }, [needsCode]);

  const shownError = prompted ? null : mutation.error;
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    setPrompted(false);
    const parsed = LoginInput.safeParse({ email, password, code: needsCode ? code : undefined });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  return (
    <PlainLayout>
      <Stack gap="lg">
        <Title order={1}>{t("login.title")}</Title>
        <ErrorAlert error={shownError} />
        {prompted && (
          <Alert color="stegvis" variant="light" role="status">
            {t("login.codeNeeded")}
          </Alert>
        )}
        <form ref={formRef} onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label={t("login.email")}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
            />
            <PasswordInput
              label={t("login.password")}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
            />
            {needsCode && (
              <TextInput
                ref={codeRef}
                label={t("login.code")}
                description={t("login.codeHelp")}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                value={code}
                onChange={(e) => setCode(e.currentTarget.value.replace(/\s/g, ""))}
                error={errors.code}
              />
            )}
            <Button type="submit" loading={mutation.isPending}>
              {t("login.submit")}
            </Button>
          </Stack>
        </form>
        <Text size="sm" c="dimmed">
          {t("login.forgotPassword")}
        </Text>
      </Stack>
    </PlainLayout>
  );
}
