import { Button, Checkbox, Group, PasswordInput, Stack, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateUserInput } from "../../../../../schemas/admin.ts";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../../components/forms.ts";
import { AnchorLink } from "../../../components/links.tsx";
import { usePageTitle } from "../../../components/usePageTitle.ts";
import { createUser, userQuery } from "./queries.ts";

export function NewUserPage() {
  const { t } = useTranslation();
  usePageTitle(t("users.newTitle"));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [isAdmin, setIsAdmin] = useState(false);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const mutation = useMutation({
    mutationFn: createUser,
    onSuccess: async (user) => {
      queryClient.setQueryData(userQuery(user.id).queryKey, user);
      await queryClient.invalidateQueries({ queryKey: ["admin", "users", "list"] });
      await navigate({ to: "/admin/anvandare/$userId", params: { userId: user.id } });
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = CreateUserInput.safeParse({ name, email, password, isAdmin });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  return (
    <Stack gap="lg" maw={560}>
      <AnchorLink to="/admin/anvandare">{t("users.backToList")}</AnchorLink>
      <Title order={1}>{t("users.newTitle")}</Title>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert error={mutation.error} />
          <TextInput label={t("common.name")} required autoComplete="off" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
          <TextInput
            label={t("common.email")}
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <PasswordInput
            label={t("users.initialPassword")}
            description={t("users.initialPasswordHelp")}
            required
            autoComplete="off"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
          <Checkbox
            label={t("users.isAdminLabel")}
            description={t("users.isAdminHelp")}
            checked={isAdmin}
            onChange={(e) => setIsAdmin(e.currentTarget.checked)}
            error={errors.isAdmin}
          />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t("users.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
