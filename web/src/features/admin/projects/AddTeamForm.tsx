import { Button, Group, NativeSelect, Stack, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateTeamInput } from "../../../../../schemas/admin.ts";
import { Id } from "../../../../../schemas/common.ts";
import type { Project } from "../../../../../schemas/projects.ts";
import { ErrorAlert, SuccessAlert } from "../../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../../components/forms.ts";
import { sortByName } from "../../../format.ts";
import { createTeam } from "./queries.ts";

export function AddTeamForm({ projects }: { projects: Project[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [projectId, setProjectId] = useState("");
  const [name, setName] = useState("");
  const [added, setAdded] = useState<{ team: string; project: string } | null>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const mutation = useMutation({
    mutationFn: ({ projectId, input }: { projectId: string; input: CreateTeamInput }) => createTeam(projectId, input),
    onMutate: () => setAdded(null),
    onSuccess: async (team) => {
      setAdded({ team: team.name, project: projects.find((p) => p.id === team.projectId)?.name ?? "" });
      setName("");
      await queryClient.invalidateQueries({ queryKey: ["admin", "projects"] });
      await queryClient.invalidateQueries({ queryKey: ["projects"] });
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const found: FieldErrors = {};
    if (!Id.safeParse(projectId).success) found.projectId = t("adminProjects.chooseProjectError");
    const parsed = CreateTeamInput.safeParse({ name });
    if (!parsed.success) Object.assign(found, zodFieldErrors(parsed.error));
    setClientErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;
    mutation.mutate({ projectId, input: parsed.data });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        {added && <SuccessAlert>{t("adminProjects.teamAdded", added)}</SuccessAlert>}
        <ErrorAlert error={mutation.error} />
        <NativeSelect
          label={t("adminProjects.project")}
          required
          value={projectId}
          onChange={(e) => setProjectId(e.currentTarget.value)}
          error={errors.projectId}
        >
          <option value="">{t("adminProjects.chooseProject")}</option>
          {sortByName(projects, (p) => p.name).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </NativeSelect>
        <TextInput label={t("adminProjects.teamName")} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
        <Group>
          <Button type="submit" variant="default" loading={mutation.isPending}>
            {t("adminProjects.addTeam")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
