import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateContactInput, type EmployerDetail } from "../../../../schemas/employers.ts";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDate } from "../../format.ts";
import { employerApi, refreshEmployers } from "./queries.ts";

const empty = { name: "", role: "", phone: "", email: "", workplaceId: "", isSupervisor: false, supervisorTrainedOn: "" };

/** Contact people and supervisors. Personal data: the server logs that they were shown. */
export function ContactsPanel({ projectId, employer }: { projectId: string; employer: EmployerDetail }) {
  const { t } = useTranslation();
  const caption = t("contacts.caption", { count: employer.contacts.length });
  const workplaceName = (id: string | null) => employer.workplaces.find((w) => w.id === id)?.name ?? "–";
  return (
    <Panel title={t("contacts.title")}>
      <Stack gap="md">
        {employer.contacts.length === 0 ? (
          <Text>{t("contacts.none")}</Text>
        ) : (
          <TableScroll minWidth={820} label={caption}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("contacts.name")}</Table.Th>
                  <Table.Th scope="col">{t("contacts.role")}</Table.Th>
                  <Table.Th scope="col">{t("contacts.phone")}</Table.Th>
                  <Table.Th scope="col">{t("contacts.email")}</Table.Th>
                  <Table.Th scope="col">{t("contacts.workplace")}</Table.Th>
                  <Table.Th scope="col">{t("contacts.supervisor")}</Table.Th>
                  <Table.Th scope="col">{t("contacts.trainedOn")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {employer.contacts.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Th scope="row" fw={500}>
                      {c.name}
                    </Table.Th>
                    <Table.Td>{c.role ?? "–"}</Table.Td>
                    <Table.Td>{c.phone ?? "–"}</Table.Td>
                    <Table.Td>{c.email ?? "–"}</Table.Td>
                    <Table.Td>{workplaceName(c.workplaceId)}</Table.Td>
                    <Table.Td>{c.isSupervisor ? t("contacts.yes") : t("contacts.no")}</Table.Td>
                    <Table.Td>{c.isSupervisor ? formatDate(c.supervisorTrainedOn) || t("contacts.notTrained") : "–"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        <AddContactForm projectId={projectId} employer={employer} />
      </Stack>
    </Panel>
  );
}

function AddContactForm({ projectId, employer }: { projectId: string; employer: EmployerDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(empty);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: (input: CreateContactInput) => employerApi.addContact(projectId, employer.id, input),
    onSuccess: async () => {
      setValues(empty);
      await refreshEmployers(queryClient, projectId);
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);
  const set = (key: keyof typeof empty, value: string | boolean) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const input = {
      ...values,
      workplaceId: values.workplaceId || null,
      supervisorTrainedOn: values.isSupervisor && values.supervisorTrainedOn ? values.supervisorTrainedOn : null,
    };
    const parsed = CreateContactInput.safeParse(input);
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(input);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t("contacts.add")}>
      <Stack gap="sm" maw={760}>
        <Title order={3} size="h5">
          {t("contacts.add")}
        </Title>
        {mutation.isSuccess && <SuccessAlert>{t("contacts.added")}</SuccessAlert>}
        <ErrorAlert error={mutation.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t("contacts.name")} required value={values.name} onChange={(e) => set("name", e.currentTarget.value)} error={errors.name} />
          <TextInput label={t("contacts.role")} value={values.role} onChange={(e) => set("role", e.currentTarget.value)} error={errors.role} />
          <TextInput label={t("contacts.phone")} type="tel" value={values.phone} onChange={(e) => set("phone", e.currentTarget.value)} error={errors.phone} />
          <TextInput label={t("contacts.email")} type="email" value={values.email} onChange={(e) => set("email", e.currentTarget.value)} error={errors.email} />
          <NativeSelect
            label={t("contacts.workplace")}
            value={values.workplaceId}
            onChange={(e) => set("workplaceId", e.currentTarget.value)}
            error={errors.workplaceId}
            data={[{ value: "", label: t("contacts.noWorkplace") }, ...employer.workplaces.map((w) => ({ value: w.id, label: w.name }))]}
          />
        </SimpleGrid>
        <Checkbox label={t("contacts.isSupervisor")} checked={values.isSupervisor} onChange={(e) => set("isSupervisor", e.currentTarget.checked)} />
        {values.isSupervisor && (
          <TextInput
            label={t("contacts.trainedOn")}
            description={t("common.optional")}
            type="date"
            value={values.supervisorTrainedOn}
            onChange={(e) => set("supervisorTrainedOn", e.currentTarget.value)}
            error={errors.supervisorTrainedOn}
            maw={260}
          />
        )}
        <Group>
          <Button type="submit" variant="default" loading={mutation.isPending}>
            {t("contacts.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
