import "../../i18n/employers.ts";
import { Button, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Employer, EmployerDetail, UpdateEmployerInput } from "../../../../schemas/employers.ts";
import { ConflictAlert, changedFields, conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { AnchorLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { ProjectSubpage } from "../participants/ProjectSubpage.tsx";
import { useProjectAccess } from "../projects/access.ts";
import { ContactLogPanel } from "./ContactLogPanel.tsx";
import { ContactsPanel } from "./ContactsPanel.tsx";
import { EmployerForm } from "./EmployerForm.tsx";
import { EmployerStatusBadge } from "./EmployerStatusBadge.tsx";
import { MergeDialog } from "./MergeDialog.tsx";
import { PlacementsPanel } from "./PlacementsPanel.tsx";
import { employerApi, employerQuery, refreshEmployers } from "./queries.ts";
import { WorkplacesPanel } from "./WorkplacesPanel.tsx";

const route = getRouteApi("/app/projekt/$projectId/arbetsgivare/$employerId");

export function EmployerPage() {
  const { t } = useTranslation();
  const { projectId, employerId } = route.useParams();
  const access = useProjectAccess(projectId);
  const employer = useQuery({ ...employerQuery(projectId, employerId), enabled: access.persons });

  if (!access.persons) {
    return (
      <ProjectSubpage projectId={projectId} title={t("employers.title")}>
        <Text>{t("employers.noAccess")}</Text>
      </ProjectSubpage>
    );
  }
  if (employer.isPending) return <Loading />;
  if (employer.isError) {
    return (
      <ProjectSubpage projectId={projectId} title={t("employers.title")}>
        <ErrorAlert error={employer.error} />
      </ProjectSubpage>
    );
  }
  const e = employer.data;
  return (
    <ProjectSubpage
      projectId={projectId}
      title={e.name}
      intro={
        <Group gap="sm">
          <AnchorLink to="/projekt/$projectId/arbetsgivare" params={{ projectId }}>
            {t("employers.backToList")}
          </AnchorLink>
          <EmployerStatusBadge status={e.status} />
          {access.manage && <MergeDialog projectId={projectId} employer={e} />}
        </Group>
      }
    >
      <DetailsPanel projectId={projectId} employer={e} />
      <WorkplacesPanel projectId={projectId} employer={e} />
      <ContactsPanel projectId={projectId} employer={e} />
      <ContactLogPanel projectId={projectId} employer={e} />
      <PlacementsPanel employer={e} />
    </ProjectSubpage>
  );
}

function DetailsPanel({ projectId, employer }: { projectId: string; employer: EmployerDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [base, setBase] = useState<Employer>(employer);
  const mutation = useMutation({
    mutationFn: (input: UpdateEmployerInput) => employerApi.update(projectId, employer.id, input),
    onSuccess: async () => {
      setEditing(false);
      await refreshEmployers(queryClient, projectId);
    },
  });
  const stale = conflictOf(mutation.error);
  const fields = [
    { label: t("employers.name"), value: (x: Employer) => x.name },
    { label: t("employers.organisationNumber"), value: (x: Employer) => x.organisationNumber ?? "" },
    { label: t("employers.sector"), value: (x: Employer) => t(`employers.sectors.${x.sector}`) },
    { label: t("employers.trades"), value: (x: Employer) => x.trades.join(", ") },
    { label: t("employers.status"), value: (x: Employer) => t(`employers.statuses.${x.status}`) },
    { label: t("employers.notes"), value: (x: Employer) => x.notes ?? "" },
  ];
  return (
    <Panel title={t("employers.details")}>
      {mutation.isSuccess && !editing && <SuccessAlert>{t("employers.saved")}</SuccessAlert>}
      {editing ? (
        <Stack gap="sm">
          {stale && (
            <ConflictAlert
              message={stale.message}
              changes={changedFields(base, stale.current as Employer, fields)}
              onReload={async () => {
                mutation.reset();
                setEditing(false);
                await refreshEmployers(queryClient, projectId);
              }}
            />
          )}
          <EmployerForm
            initial={base}
            submitLabel={t("common.save")}
            pending={mutation.isPending}
            error={stale ? null : mutation.error}
            onSubmit={(v) =>
              mutation.mutate({
                version: base.version,
                name: v.name,
                organisationNumber: v.organisationNumber,
                sector: v.sector as Employer["sector"],
                trades: v.trades,
                notes: v.notes,
                status: v.status as Employer["status"],
              })
            }
            onCancel={() => {
              mutation.reset();
              setEditing(false);
            }}
          />
        </Stack>
      ) : (
        <Stack gap="sm">
          <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="xs" m={0}>
            {fields.map((f) => (
              <div key={f.label}>
                <Text component="dt" size="sm" c="dimmed">
                  {f.label}
                </Text>
                <Text component="dd" m={0}>
                  {f.value(employer) || t("employers.noValue")}
                </Text>
              </div>
            ))}
          </SimpleGrid>
          <Group>
            <Button
              variant="default"
              onClick={() => {
                setBase(employer);
                mutation.reset();
                setEditing(true);
              }}
            >
              {t("employers.edit")}
            </Button>
          </Group>
        </Stack>
      )}
      {!editing && <ErrorAlert error={mutation.isError && !stale ? mutation.error : null} />}
    </Panel>
  );
}
