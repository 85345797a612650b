import "../../i18n/employers.ts";
import { Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { CreateEmployerInput } from "../../../../schemas/employers.ts";
import { Panel } from "../../components/Panel.tsx";
import { ProjectSubpage } from "../participants/ProjectSubpage.tsx";
import { useProjectAccess } from "../projects/access.ts";
import { EmployerForm } from "./EmployerForm.tsx";
import { employerApi, refreshEmployers } from "./queries.ts";

const route = getRouteApi("/app/projekt/$projectId/arbetsgivare/ny");

export function NewEmployerPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const access = useProjectAccess(projectId);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (input: CreateEmployerInput) => employerApi.create(projectId, input),
    onSuccess: async (e) => {
      await refreshEmployers(queryClient, projectId);
      await navigate({ to: "/projekt/$projectId/arbetsgivare/$employerId", params: { projectId, employerId: e.id } });
    },
  });
  return (
    <ProjectSubpage projectId={projectId} title={t("employers.new")}>
      {access.persons ? (
        <Panel title={t("employers.details")}>
          <EmployerForm
            submitLabel={t("employers.create")}
            pending={mutation.isPending}
            error={mutation.error}
            onSubmit={(v) => mutation.mutate(v as CreateEmployerInput)}
          />
        </Panel>
      ) : (
        <Text>{t("employers.noAccess")}</Text>
      )}
    </ProjectSubpage>
  );
}
