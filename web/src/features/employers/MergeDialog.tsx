import { Button, Group, Modal, NativeSelect, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { EmployerDetail, MergeEmployersInput } from "../../../../schemas/employers.ts";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { employerApi, employerListQuery, employerQuery, refreshEmployers } from "./queries.ts";

/**
 * Managers merge a duplicate into this employer. The duplicate's version is read just before the
 * merge, so a change made to it meanwhile is caught by the server (409).
 */
export function MergeDialog({ projectId, employer }: { projectId: string; employer: EmployerDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [duplicateId, setDuplicateId] = useState("");
  const candidates = useQuery({ ...employerListQuery(projectId, {}), enabled: opened });
  const mutation = useMutation({
    mutationFn: async (id: string) => {
      const duplicate = await queryClient.fetchQuery(employerQuery(projectId, id));
      const input: MergeEmployersInput = { version: employer.version, duplicateId: id, duplicateVersion: duplicate.version };
      return employerApi.merge(projectId, employer.id, input);
    },
    onSuccess: async () => {
      setDuplicateId("");
      await refreshEmployers(queryClient, projectId);
    },
  });
  const others = (candidates.data?.employers ?? []).filter((e) => e.id !== employer.id);
  return (
    <>
      <Button variant="default" size="xs" onClick={() => setOpened(true)}>
        {t("merge.open")}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t("merge.title")} size="lg" closeButtonProps={{ "aria-label": t("merge.close") }}>
        <Stack gap="sm">
          <Text>{t("merge.intro", { name: employer.name })}</Text>
          {mutation.isSuccess && <SuccessAlert>{t("merge.done", mutation.data.moved)}</SuccessAlert>}
          <ErrorAlert error={mutation.error ?? candidates.error} />
          {candidates.isSuccess && others.length === 0 ? (
            <Text>{t("merge.noCandidates")}</Text>
          ) : (
            <NativeSelect
              label={t("merge.duplicate")}
              value={duplicateId}
              onChange={(e) => setDuplicateId(e.currentTarget.value)}
              data={[
                { value: "", label: t("common.choose") },
                ...others.map((e) => ({ value: e.id, label: e.organisationNumber ? `${e.name} (${e.organisationNumber})` : e.name })),
              ]}
            />
          )}
          <Group>
            <Button color="red" disabled={!duplicateId} loading={mutation.isPending} onClick={() => mutation.mutate(duplicateId)}>
              {t("merge.confirm")}
            </Button>
            <Button variant="default" onClick={() => setOpened(false)}>
              {t("common.cancel")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
