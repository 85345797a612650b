import { Button, Group as Row, SimpleGrid, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Group, UpdateGroupInput } from "../../../../schemas/groups.ts";
import { ConflictAlert, changedFields, conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { Loading } from "../../components/Loading.tsx";
import { ButtonLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { DetailsFields, type DetailsValues } from "./DetailsFields.tsx";
import { GroupFrame } from "./GroupFrame.tsx";
import { MembersPanel } from "./MembersPanel.tsx";
import { groupQuery, groupsQuery, updateGroup } from "./queries.ts";
import { SessionsPanel } from "./SessionsPanel.tsx";

const route = getRouteApi("/app/projekt/$projectId/grupper/$groupId");

export function GroupPage() {
  const { t } = useTranslation();
  const { projectId, groupId } = route.useParams();
  const group = useQuery(groupQuery(groupId));
  if (group.isPending) return <Loading />;
  if (group.isError)
    return (
      <GroupFrame projectId={projectId} title={t("groups.title")}>
        <ErrorAlert error={group.error} />
      </GroupFrame>
    );
  const g = group.data;
  return (
    <GroupFrame projectId={projectId} group={g} title={g.name}>
      <Row>
        <ButtonLink variant="default" to="/projekt/$projectId/grupper/$groupId/statistik" params={{ projectId, groupId }}>
          {t("groups.statistics.link")}
        </ButtonLink>
      </Row>
      <DetailsPanel group={g} />
      <SessionsPanel group={g} />
      <MembersPanel group={g} />
    </GroupFrame>
  );
}

const valuesOf = (g: Group): DetailsValues => ({
  name: g.name,
  intakeId: g.intakeId ?? "",
  leaderIds: g.leaders.map((l) => l.id),
  themePlan: g.themePlan ?? "",
  mode: g.mode,
  location: g.location ?? "",
  status: g.status,
});

function DetailsPanel({ group }: { group: Group }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const items: [string, string][] = [
    [t("groups.fields.intake"), group.intakeName ?? "–"],
    [t("groups.fields.leaders"), group.leaders.map((l) => l.name).join(", ")],
    [t("groups.fields.mode"), t(`groups.modes.${group.mode}`)],
    [t("groups.fields.location"), group.location ?? "–"],
    [t("groups.fields.status"), t(`groups.statuses.${group.status}`)],
    [t("groups.period"), group.firstSession ? `${group.firstSession} – ${group.lastSession}` : "–"],
  ];
  return (
    <Panel title={t("groups.detailsTitle")}>
      {editing ? (
        <EditDetails group={group} onDone={() => setEditing(false)} />
      ) : (
        <Stack gap="sm">
          <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="sm" m={0}>
            {items.map(([k, v]) => (
              <div key={k}>
                <Text component="dt" size="sm" c="dimmed">
                  {k}
                </Text>
                <Text component="dd" m={0}>
                  {v}
                </Text>
              </div>
            ))}
          </SimpleGrid>
          <div>
            <Text size="sm" c="dimmed">
              {t("groups.fields.themePlan")}
            </Text>
            <Text style={{ whiteSpace: "pre-wrap" }}>{group.themePlan ?? "–"}</Text>
          </div>
          <Row>
            <Button variant="default" onClick={() => setEditing(true)}>
              {t("groups.edit")}
            </Button>
          </Row>
        </Stack>
      )}
    </Panel>
  );
}

function EditDetails({ group, onDone }: { group: Group; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(group);
  const [values, setValues] = useState(valuesOf(group));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useMutation({
    mutationFn: (input: UpdateGroupInput) => updateGroup(group.id, input),
    onSuccess: async (g) => {
      queryClient.setQueryData(groupQuery(group.id).queryKey, g);
      await queryClient.invalidateQueries({ queryKey: groupsQuery(g.projectId).queryKey });
      onDone();
    },
  });
  const errors = mergeFieldErrors(clientErrors, save.error);
  useFocusFirstError(formRef, errors, attempt);
  const stale = conflictOf(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = UpdateGroupInput.safeParse({ version: base.version, ...values, intakeId: values.intakeId || null });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    save.mutate(parsed.data);
  }

  function reload() {
    const current = stale?.current as Group;
    setBase(current);
    setValues(valuesOf(current));
    save.reset();
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        {stale ? (
          <ConflictAlert
            message={stale.message}
            changes={changedFields(base, stale.current as Group, [
              { label: t("groups.fields.name"), value: (g) => g.name },
              { label: t("groups.fields.status"), value: (g) => t(`groups.statuses.${g.status}`) },
              { label: t("groups.fields.location"), value: (g) => g.location ?? "" },
              { label: t("groups.fields.leaders"), value: (g) => g.leaders.map((l) => l.name).join(", ") },
              { label: t("groups.fields.themePlan"), value: (g) => g.themePlan ?? "" },
            ])}
            onReload={reload}
          />
        ) : (
          <ErrorAlert error={save.error} />
        )}
        <DetailsFields projectId={group.projectId} values={values} onChange={setValues} errors={errors} />
        <Row>
          <Button type="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
        </Row>
      </Stack>
    </form>
  );
}
