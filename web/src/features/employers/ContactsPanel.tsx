import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Contact, CreateContactInput, type EmployerDetail, UpdateContactInput } from "../../../../schemas/employers.ts";
import { ConflictAlert, changedFields } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { useVersionedEdit } from "../../components/useVersionedEdit.ts";
import { formatDate, todayIso } from "../../format.ts";
import { employerApi, refreshEmployers } from "./queries.ts";

const empty = { name: "", role: "", phone: "", email: "", workplaceId: "", isSupervisor: false, supervisorTrainedOn: "" };

/** Contact people and supervisors. Personal data: the server logs that they were shown. */
export function ContactsPanel({ projectId, employer }: { projectId: string; employer: EmployerDetail }) {
  const { t } = useTranslation();
  const caption = t("contacts.caption", { count: employer.contacts.length });
  const [training, setTraining] = useState<Contact | null>(null);
  const [editing, setEditing] = useState<Contact | null>(null);
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
                  <Table.Th scope="col">{t("common.actions")}</Table.Th>
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
                    <Table.Td>
                      {!c.isSupervisor ? (
                        "–"
                      ) : c.supervisorTrainedOn ? (
                        formatDate(c.supervisorTrainedOn)
                      ) : (
                        <Group gap={4} wrap="nowrap">
                          <Text span size="sm">
                            {t("contacts.notTrained")}
                          </Text>
                          <Button variant="subtle" size="compact-sm" onClick={() => setTraining(c)} aria-label={`${t("contacts.markTrained")}: ${c.name}`}>
                            {t("contacts.markTrained")}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => setEditing(c)} aria-label={`${t("contacts.edit")}: ${c.name}`}>
                        {t("contacts.edit")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {training && <TrainingForm key={training.id} projectId={projectId} employerId={employer.id} contact={training} onDone={() => setTraining(null)} />}
        {editing && <EditContactForm key={editing.id} projectId={projectId} employer={employer} contact={editing} onDone={() => setEditing(null)} />}
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

/** Records that the team gave a supervisor the supervisor training (with the contact's version). */
function TrainingForm({ projectId, employerId, contact, onDone }: { projectId: string; employerId: string; contact: Contact; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(todayIso());
  const mutation = useMutation({
    mutationFn: () => employerApi.updateContact(projectId, employerId, contact.id, { version: contact.version, supervisorTrainedOn: date }),
    onSuccess: async () => {
      await refreshEmployers(queryClient, projectId);
      onDone();
    },
  });
  const errors = mergeFieldErrors({}, mutation.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate();
      }}
      noValidate
      aria-label={`${t("contacts.markTrained")}: ${contact.name}`}
    >
      <Stack gap="sm" maw={420}>
        <Title order={3} size="h5">
          {`${t("contacts.markTrained")}: ${contact.name}`}
        </Title>
        <ErrorAlert error={mutation.error} />
        <TextInput
          label={t("contacts.trainedOn")}
          type="date"
          required
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          error={errors.supervisorTrainedOn}
        />
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

const valuesOf = (c: Contact) => ({
  name: c.name,
  role: c.role ?? "",
  phone: c.phone ?? "",
  email: c.email ?? "",
  workplaceId: c.workplaceId ?? "",
  isSupervisor: c.isSupervisor,
  supervisorTrainedOn: c.supervisorTrainedOn ?? "",
});

/** Changes a contact person with the version they were shown at; an empty field clears it. */
function EditContactForm({ projectId, employer, contact, onDone }: { projectId: string; employer: EmployerDetail; contact: Contact; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { base, setValues, values, errors, conflict, mutation, formRef, submit, reload } = useVersionedEdit({
    record: contact,
    valuesOf,
    toInput: (v, version): UpdateContactInput => ({
      version,
      ...v,
      workplaceId: v.workplaceId || null,
      supervisorTrainedOn: v.isSupervisor && v.supervisorTrainedOn ? v.supervisorTrainedOn : null,
    }),
    schema: UpdateContactInput,
    save: (input: UpdateContactInput) => employerApi.updateContact(projectId, employer.id, contact.id, input),
    onSaved: async () => {
      await refreshEmployers(queryClient, projectId);
      onDone();
    },
  });
  const set = (key: keyof typeof empty, value: string | boolean) => setValues((v) => ({ ...v, [key]: value }));
  const title = `${t("contacts.edit")}: ${contact.name}`;

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={title}>
      <Stack gap="sm" maw={760}>
        <Title order={3} size="h5">
          {title}
        </Title>
        {conflict ? (
          <ConflictAlert
            message={conflict.message}
            changes={changedFields(base, conflict.current as Contact, [
              { label: t("contacts.name"), value: (c) => c.name },
              { label: t("contacts.role"), value: (c) => c.role ?? "" },
              { label: t("contacts.phone"), value: (c) => c.phone ?? "" },
              { label: t("contacts.email"), value: (c) => c.email ?? "" },
              { label: t("contacts.supervisor"), value: (c) => (c.isSupervisor ? t("contacts.yes") : t("contacts.no")) },
              { label: t("contacts.trainedOn"), value: (c) => formatDate(c.supervisorTrainedOn) },
            ])}
            onReload={reload}
          />
        ) : (
          <ErrorAlert error={mutation.error} />
        )}
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
