import { Button, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateWorkplaceInput, type EmployerDetail, UpdateWorkplaceInput, type Workplace } from "../../../../schemas/employers.ts";
import { ConflictAlert, changedFields } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { useVersionedEdit } from "../../components/useVersionedEdit.ts";
import { employerApi, refreshEmployers } from "./queries.ts";

const empty = { name: "", street: "", postalCode: "", postalTown: "", district: "" };

export function WorkplacesPanel({ projectId, employer }: { projectId: string; employer: EmployerDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Workplace | null>(null);
  const caption = t("workplaces.caption", { count: employer.workplaces.length });
  return (
    <Panel title={t("workplaces.title")}>
      <Stack gap="md">
        {employer.workplaces.length === 0 ? (
          <Text>{t("workplaces.none")}</Text>
        ) : (
          <TableScroll minWidth={640} label={caption}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("workplaces.name")}</Table.Th>
                  <Table.Th scope="col">{t("workplaces.address")}</Table.Th>
                  <Table.Th scope="col">{t("workplaces.district")}</Table.Th>
                  <Table.Th scope="col">{t("common.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {employer.workplaces.map((w) => (
                  <Table.Tr key={w.id}>
                    <Table.Th scope="row" fw={500}>
                      {w.name}
                    </Table.Th>
                    <Table.Td>{[w.street, [w.postalCode, w.postalTown].filter(Boolean).join(" ")].filter(Boolean).join(", ") || "–"}</Table.Td>
                    <Table.Td>{w.district ?? "–"}</Table.Td>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => setEditing(w)} aria-label={`${t("workplaces.edit")}: ${w.name}`}>
                        {t("workplaces.edit")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {editing && <EditWorkplaceForm key={editing.id} projectId={projectId} workplace={editing} onDone={() => setEditing(null)} />}
        <AddWorkplaceForm projectId={projectId} employerId={employer.id} />
      </Stack>
    </Panel>
  );
}

function AddWorkplaceForm({ projectId, employerId }: { projectId: string; employerId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(empty);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: (input: CreateWorkplaceInput) => employerApi.addWorkplace(projectId, employerId, input),
    onSuccess: async () => {
      setValues(empty);
      await refreshEmployers(queryClient, projectId);
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);
  const set = (key: keyof typeof empty, value: string) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = CreateWorkplaceInput.safeParse(values);
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(values);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t("workplaces.add")}>
      <Stack gap="sm" maw={760}>
        <Title order={3} size="h5">
          {t("workplaces.add")}
        </Title>
        {mutation.isSuccess && <SuccessAlert>{t("workplaces.added")}</SuccessAlert>}
        <ErrorAlert error={mutation.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t("workplaces.name")} required value={values.name} onChange={(e) => set("name", e.currentTarget.value)} error={errors.name} />
          <TextInput label={t("workplaces.street")} value={values.street} onChange={(e) => set("street", e.currentTarget.value)} error={errors.street} />
          <TextInput
            label={t("workplaces.postalCode")}
            value={values.postalCode}
            onChange={(e) => set("postalCode", e.currentTarget.value)}
            error={errors.postalCode}
          />
          <TextInput
            label={t("workplaces.postalTown")}
            value={values.postalTown}
            onChange={(e) => set("postalTown", e.currentTarget.value)}
            error={errors.postalTown}
          />
          <TextInput
            label={t("workplaces.district")}
            value={values.district}
            onChange={(e) => set("district", e.currentTarget.value)}
            error={errors.district}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" variant="default" loading={mutation.isPending}>
            {t("workplaces.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const valuesOf = (w: Workplace) => ({
  name: w.name,
  street: w.street ?? "",
  postalCode: w.postalCode ?? "",
  postalTown: w.postalTown ?? "",
  district: w.district ?? "",
});

/** Changes a workplace with the version it was shown at; an empty field clears it. */
function EditWorkplaceForm({ projectId, workplace, onDone }: { projectId: string; workplace: Workplace; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { base, setValues, values, errors, conflict, mutation, formRef, submit, reload } = useVersionedEdit({
    record: workplace,
    valuesOf,
    toInput: (v, version): UpdateWorkplaceInput => ({ version, ...v }),
    schema: UpdateWorkplaceInput,
    save: (input: UpdateWorkplaceInput) => employerApi.updateWorkplace(projectId, workplace.employerId, workplace.id, input),
    onSaved: async () => {
      await refreshEmployers(queryClient, projectId);
      onDone();
    },
  });
  const set = (key: keyof typeof empty, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const title = `${t("workplaces.edit")}: ${workplace.name}`;

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={title}>
      <Stack gap="sm" maw={760}>
        <Title order={3} size="h5">
          {title}
        </Title>
        {conflict ? (
          <ConflictAlert
            message={conflict.message}
            changes={changedFields(base, conflict.current as Workplace, [
              { label: t("workplaces.name"), value: (w) => w.name },
              { label: t("workplaces.street"), value: (w) => w.street ?? "" },
              { label: t("workplaces.postalCode"), value: (w) => w.postalCode ?? "" },
              { label: t("workplaces.postalTown"), value: (w) => w.postalTown ?? "" },
              { label: t("workplaces.district"), value: (w) => w.district ?? "" },
            ])}
            onReload={reload}
          />
        ) : (
          <ErrorAlert error={mutation.error} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t("workplaces.name")} required value={values.name} onChange={(e) => set("name", e.currentTarget.value)} error={errors.name} />
          <TextInput label={t("workplaces.street")} value={values.street} onChange={(e) => set("street", e.currentTarget.value)} error={errors.street} />
          <TextInput
            label={t("workplaces.postalCode")}
            value={values.postalCode}
            onChange={(e) => set("postalCode", e.currentTarget.value)}
            error={errors.postalCode}
          />
          <TextInput
            label={t("workplaces.postalTown")}
            value={values.postalTown}
            onChange={(e) => set("postalTown", e.currentTarget.value)}
            error={errors.postalTown}
          />
          <TextInput
            label={t("workplaces.district")}
            value={values.district}
            onChange={(e) => set("district", e.currentTarget.value)}
            error={errors.district}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t("common.save")}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
