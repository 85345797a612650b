import { Button, Checkbox, Group, NativeSelect, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SetMembershipInput, type UserDetail, type UserMembership } from "../../../../../schemas/admin.ts";
import { Role } from "../../../../../schemas/auth.ts";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../../components/forms.ts";
import { AnchorLink } from "../../../components/links.tsx";
import { TableScroll } from "../../../components/TableScroll.tsx";
import { sortByName } from "../../../format.ts";
import { adminProjectsQuery } from "../projects/queries.ts";
import { refreshMeIfSelf, removeMembership, setMembership, userQuery } from "./queries.ts";

type Change = { kind: "set"; membership: SetMembershipInput } | { kind: "remove"; projectId: string };

/** The projects a user works in, with the role and whether they may see sensitive data. */
export function MembershipsSection({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState("");

  const change = useMutation({
    mutationFn: (c: Change) => (c.kind === "set" ? setMembership(user.id, c.membership) : removeMembership(user.id, c.projectId)),
    onSuccess: (saved, c) => {
      queryClient.setQueryData(userQuery(saved.id).queryKey, saved);
      void refreshMeIfSelf(queryClient, saved.id);
      const projectName = projectNameOf(c.kind === "set" ? c.membership.projectId : c.projectId);
      setStatus(c.kind === "remove" ? t("memberships.removed", { project: projectName }) : t("memberships.saved", { project: projectName }));
    },
    onMutate: () => setStatus(""),
  });
  const projects = useQuery(adminProjectsQuery);

  function projectNameOf(projectId: string): string {
    return user.memberships.find((m) => m.projectId === projectId)?.projectName ?? projects.data?.projects.find((p) => p.id === projectId)?.name ?? "";
  }

  const rows = sortByName(user.memberships, (m) => m.projectName);
  const pendingProject = change.isPending ? (change.variables.kind === "set" ? change.variables.membership.projectId : change.variables.projectId) : null;

  return (
    <Stack gap="lg">
      <ErrorAlert error={change.error} />
      <Text size="sm" role="status" aria-live="polite">
        {status}
      </Text>

      {rows.length === 0 ? (
        <Text>{t("memberships.none")}</Text>
      ) : (
        <TableScroll minWidth={600} label={t("memberships.caption", { name: user.name })}>
          <Table>
            <Table.Caption>{t("memberships.caption", { name: user.name })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("memberships.project")}</Table.Th>
                <Table.Th scope="col">{t("common.role")}</Table.Th>
                <Table.Th scope="col">{t("memberships.sensitive")}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((m) => (
                <MembershipRow
                  key={m.projectId}
                  membership={m}
                  busy={pendingProject === m.projectId}
                  onSet={(membership) => change.mutate({ kind: "set", membership })}
                  onRemove={() => change.mutate({ kind: "remove", projectId: m.projectId })}
                />
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}

      <AddMembershipForm user={user} />
    </Stack>
  );
}

function MembershipRow({
  membership: m,
  busy,
  onSet,
  onRemove,
}: {
  membership: UserMembership;
  busy: boolean;
  onSet: (membership: SetMembershipInput) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        <AnchorLink to="/projekt/$projectId" params={{ projectId: m.projectId }}>
          {m.projectName}
        </AnchorLink>
      </Table.Th>
      <Table.Td>
        <NativeSelect
          aria-label={t("memberships.roleIn", { project: m.projectName })}
          value={m.role}
          disabled={busy}
          onChange={(e) => {
            const role = Role.safeParse(e.currentTarget.value);
            if (role.success) onSet({ projectId: m.projectId, role: role.data, sensitiveAccess: m.sensitiveAccess });
          }}
          data={Role.options.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
      </Table.Td>
      <Table.Td>
        <Checkbox
          aria-label={t("memberships.sensitiveIn", { project: m.projectName })}
          checked={m.sensitiveAccess}
          disabled={busy}
          onChange={(e) => onSet({ projectId: m.projectId, role: m.role, sensitiveAccess: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        <Button variant="subtle" color="red" size="compact-sm" disabled={busy} onClick={onRemove}>
          {t("memberships.remove")}
          <VisuallyHidden> {m.projectName}</VisuallyHidden>
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function AddMembershipForm({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const projects = useQuery(adminProjectsQuery);
  const [projectId, setProjectId] = useState("");
  const [role, setRole] = useState<Role>("coach");
  const [sensitiveAccess, setSensitiveAccess] = useState(false);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [added, setAdded] = useState("");
  const formRef = useRef<HTMLFormElement>(null);

  const mutation = useMutation({
    mutationFn: (input: SetMembershipInput) => setMembership(user.id, input),
    onMutate: () => setAdded(""),
    onSuccess: (saved, input) => {
      queryClient.setQueryData(userQuery(saved.id).queryKey, saved);
      void refreshMeIfSelf(queryClient, saved.id);
      setAdded(saved.memberships.find((m) => m.projectId === input.projectId)?.projectName ?? "");
      setProjectId("");
      setSensitiveAccess(false);
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  const taken = new Set(user.memberships.map((m) => m.projectId));
  const available = sortByName(
    (projects.data?.projects ?? []).filter((p) => !taken.has(p.id)),
    (p) => p.name,
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = SetMembershipInput.safeParse({ projectId, role, sensitiveAccess });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby="lagg-till-projekt">
      <Stack gap="sm">
        <Title order={3} size="h4" id="lagg-till-projekt">
          {t("memberships.addTitle")}
        </Title>
        {added && (
          <Text size="sm" role="status">
            {t("memberships.added", { project: added })}
          </Text>
        )}
        <ErrorAlert error={mutation.error} />
        <ErrorAlert error={projects.error} />
        <Group align="flex-start" gap="md">
          <NativeSelect
            label={t("memberships.project")}
            value={projectId}
            onChange={(e) => setProjectId(e.currentTarget.value)}
            error={errors.projectId}
            w={280}
            disabled={projects.isPending}
          >
            <option value="">{available.length === 0 ? t("memberships.noMoreProjects") : t("memberships.chooseProject")}</option>
            {available.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect
            label={t("common.role")}
            value={role}
            onChange={(e) => {
              const parsed = Role.safeParse(e.currentTarget.value);
              if (parsed.success) setRole(parsed.data);
            }}
            data={Role.options.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            error={errors.role}
            w={200}
          />
        </Group>
        <Checkbox
          label={t("memberships.sensitiveLabel")}
          description={t("memberships.sensitiveHelp")}
          checked={sensitiveAccess}
          onChange={(e) => setSensitiveAccess(e.currentTarget.checked)}
        />
        <Group>
          <Button type="submit" variant="default" loading={mutation.isPending}>
            {t("memberships.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
