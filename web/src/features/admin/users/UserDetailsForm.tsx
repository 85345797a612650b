import { Alert, Button, Checkbox, Group, List, Stack, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { UpdateUserInput, UserDetail } from "../../../../../schemas/admin.ts";
import { isApiError } from "../../../api.ts";
import { ErrorAlert, SuccessAlert } from "../../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../../components/forms.ts";
import { refreshMeIfSelf, updateUser, userQuery } from "./queries.ts";

/**
 * Name, administrator and active. The save carries the version the edits started from, so a
 * change someone else made in between is not overwritten without the admin seeing it.
 */
export function UserDetailsForm({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user.name);
  const [isAdmin, setIsAdmin] = useState(user.isAdmin);
  const [active, setActive] = useState(user.active);
  const [baseVersion, setBaseVersion] = useState(user.version);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  function adopt(next: UserDetail) {
    setName(next.name);
    setIsAdmin(next.isAdmin);
    setActive(next.active);
    setBaseVersion(next.version);
    queryClient.setQueryData(userQuery(next.id).queryKey, next);
  }

  const mutation = useMutation({
    mutationFn: (input: UpdateUserInput) => updateUser(user.id, input),
    onSuccess: async (saved) => {
      adopt(saved);
      await queryClient.invalidateQueries({ queryKey: ["admin", "users", "list"] });
      await refreshMeIfSelf(queryClient, saved.id);
    },
  });

  // A stale version comes back as a conflict with the record as it is now.
  const conflict = isApiError(mutation.error, "conflict") && mutation.error.current !== undefined ? mutation.error : null;
  const current = conflict ? UserDetail.safeParse(conflict.current) : null;
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = UpdateUserInput.safeParse({ version: baseVersion, name, isAdmin, active });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  async function reload() {
    if (current?.success) {
      adopt(current.data);
    } else {
      adopt(await queryClient.fetchQuery({ ...userQuery(user.id), staleTime: 0 }));
    }
    mutation.reset();
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md" maw={520}>
        {mutation.isSuccess && <SuccessAlert>{t("users.saved")}</SuccessAlert>}
        {conflict ? (
          <Alert color="orange" variant="light" role="alert" title={t("users.conflictTitle")}>
            <Stack gap="sm">
              <div>{t("users.conflictText")}</div>
              {current?.success && (
                <List size="sm">
                  <List.Item>
                    {t("common.name")}: {current.data.name}
                  </List.Item>
                  <List.Item>
                    {t("users.admin")}: {current.data.isAdmin ? t("common.yes") : t("common.no")}
                  </List.Item>
                  <List.Item>
                    {t("users.active")}: {current.data.active ? t("common.yes") : t("common.no")}
                  </List.Item>
                </List>
              )}
              <Group>
                <Button variant="default" onClick={() => void reload()}>
                  {t("users.reload")}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <ErrorAlert error={mutation.error} />
        )}
        <TextInput label={t("common.name")} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
        <Checkbox
          label={t("users.isAdminLabel")}
          description={t("users.isAdminHelp")}
          checked={isAdmin}
          onChange={(e) => setIsAdmin(e.currentTarget.checked)}
        />
        <Checkbox
          label={t("users.isActiveLabel")}
          description={t("users.isActiveHelp")}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <Group>
          <Button type="submit" loading={mutation.isPending} disabled={conflict !== null}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
