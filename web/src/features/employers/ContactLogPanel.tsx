import { Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ContactKind, type ContactLogEntry, CreateContactLogInput, type EmployerDetail, UpdateContactLogInput } from "../../../../schemas/employers.ts";
import { ConflictAlert, changedFields } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { useVersionedEdit } from "../../components/useVersionedEdit.ts";
import { formatDate, todayIso } from "../../format.ts";
import { employerApi, refreshEmployers } from "./queries.ts";

export function ContactLogPanel({ projectId, employer }: { projectId: string; employer: EmployerDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ContactLogEntry | null>(null);
  const caption = t("contactLog.caption", { count: employer.contactLog.length });
  return (
    <Panel title={t("contactLog.title")}>
      <Stack gap="md">
        {employer.contactLog.length === 0 ? (
          <Text>{t("contactLog.none")}</Text>
        ) : (
          <TableScroll minWidth={760} label={caption}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("contactLog.date")}</Table.Th>
                  <Table.Th scope="col">{t("contactLog.kind")}</Table.Th>
                  <Table.Th scope="col">{t("contactLog.coach")}</Table.Th>
                  <Table.Th scope="col">{t("contactLog.contact")}</Table.Th>
                  <Table.Th scope="col">{t("contactLog.outcome")}</Table.Th>
                  <Table.Th scope="col">{t("common.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {employer.contactLog.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Th scope="row" fw={500}>
                      {formatDate(l.occurredOn)}
                    </Table.Th>
                    <Table.Td>{t(`contactLog.kinds.${l.kind}`)}</Table.Td>
                    <Table.Td>{l.coachName}</Table.Td>
                    <Table.Td>{l.contactName ?? "–"}</Table.Td>
                    <Table.Td>{l.outcome ?? "–"}</Table.Td>
                    <Table.Td>
                      {l.projectId === projectId && (
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          onClick={() => setEditing(l)}
                          aria-label={`${t("contactLog.edit")}: ${formatDate(l.occurredOn)}, ${t(`contactLog.kinds.${l.kind}`)}`}
                        >
                          {t("contactLog.edit")}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {editing && <EditContactLogForm key={editing.id} projectId={projectId} employer={employer} entry={editing} onDone={() => setEditing(null)} />}
        <LogContactForm projectId={projectId} employer={employer} />
      </Stack>
    </Panel>
  );
}

function LogContactForm({ projectId, employer }: { projectId: string; employer: EmployerDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const empty = { kind: "call", occurredOn: todayIso(), contactId: "", outcome: "" };
  const [values, setValues] = useState(empty);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: (input: CreateContactLogInput) => employerApi.logContact(projectId, employer.id, input),
    onSuccess: async () => {
      setValues({ ...empty, occurredOn: todayIso() });
      await refreshEmployers(queryClient, projectId);
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);
  const set = (key: keyof typeof empty, value: string) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const input = { kind: values.kind as ContactKind, occurredOn: values.occurredOn, contactId: values.contactId || null, outcome: values.outcome };
    const parsed = CreateContactLogInput.safeParse(input);
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(input);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t("contactLog.log")}>
      <Stack gap="sm" maw={760}>
        <Title order={3} size="h5">
          {t("contactLog.log")}
        </Title>
        {mutation.isSuccess && <SuccessAlert>{t("contactLog.logged")}</SuccessAlert>}
        <ErrorAlert error={mutation.error} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label={t("contactLog.kind")}
            value={values.kind}
            onChange={(e) => set("kind", e.currentTarget.value)}
            error={errors.kind}
            data={ContactKind.options.map((k) => ({ value: k, label: t(`contactLog.kinds.${k}`) }))}
          />
          <TextInput
            label={t("contactLog.date")}
            type="date"
            required
            value={values.occurredOn}
            onChange={(e) => set("occurredOn", e.currentTarget.value)}
            error={errors.occurredOn}
          />
          <NativeSelect
            label={t("contactLog.contact")}
            value={values.contactId}
            onChange={(e) => set("contactId", e.currentTarget.value)}
            error={errors.contactId}
            data={[{ value: "", label: t("contactLog.noContact") }, ...employer.contacts.map((c) => ({ value: c.id, label: c.name }))]}
          />
        </SimpleGrid>
        <Textarea
          label={t("contactLog.outcome")}
          autosize
          minRows={2}
          value={values.outcome}
          onChange={(e) => set("outcome", e.currentTarget.value)}
          error={errors.outcome}
        />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t("contactLog.log")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const valuesOf = (l: ContactLogEntry) => ({ kind: l.kind as string, occurredOn: l.occurredOn, contactId: l.contactId ?? "", outcome: l.outcome ?? "" });

/** Corrects a logged contact with the version it was shown at. */
function EditContactLogForm({
  projectId,
  employer,
  entry,
  onDone,
}: {
  projectId: string;
  employer: EmployerDetail;
  entry: ContactLogEntry;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { base, setValues, values, errors, conflict, mutation, formRef, submit, reload } = useVersionedEdit({
    record: entry,
    valuesOf,
    toInput: (v, version): UpdateContactLogInput => ({
      version,
      kind: v.kind as ContactKind,
      occurredOn: v.occurredOn,
      contactId: v.contactId || null,
      outcome: v.outcome,
    }),
    schema: UpdateContactLogInput,
    save: (input: UpdateContactLogInput) => employerApi.updateContactLog(projectId, employer.id, entry.id, input),
    onSaved: async () => {
      await refreshEmployers(queryClient, projectId);
      onDone();
    },
  });
  const set = (key: keyof ReturnType<typeof valuesOf>, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const title = `${t("contactLog.edit")}: ${formatDate(entry.occurredOn)}, ${t(`contactLog.kinds.${entry.kind}`)}`;

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={title}>
      <Stack gap="sm" maw={760}>
        <Title order={3} size="h5">
          {title}
        </Title>
        {conflict ? (
          <ConflictAlert
            message={conflict.message}
            changes={changedFields(base, conflict.current as ContactLogEntry, [
              { label: t("contactLog.kind"), value: (l) => t(`contactLog.kinds.${l.kind}`) },
              { label: t("contactLog.date"), value: (l) => formatDate(l.occurredOn) },
              { label: t("contactLog.contact"), value: (l) => l.contactName ?? "" },
              { label: t("contactLog.outcome"), value: (l) => l.outcome ?? "" },
            ])}
            onReload={reload}
          />
        ) : (
          <ErrorAlert error={mutation.error} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label={t("contactLog.kind")}
            value={values.kind}
            onChange={(e) => set("kind", e.currentTarget.value)}
            error={errors.kind}
            data={ContactKind.options.map((k) => ({ value: k, label: t(`contactLog.kinds.${k}`) }))}
          />
          <TextInput
            label={t("contactLog.date")}
            type="date"
            required
            value={values.occurredOn}
            onChange={(e) => set("occurredOn", e.currentTarget.value)}
            error={errors.occurredOn}
          />
          <NativeSelect
            label={t("contactLog.contact")}
            value={values.contactId}
            onChange={(e) => set("contactId", e.currentTarget.value)}
            error={errors.contactId}
            data={[{ value: "", label: t("contactLog.noContact") }, ...employer.contacts.map((c) => ({ value: c.id, label: c.name }))]}
          />
        </SimpleGrid>
        <Textarea
          label={t("contactLog.outcome")}
          autosize
          minRows={2}
          value={values.outcome}
          onChange={(e) => set("outcome", e.currentTarget.value)}
          error={errors.outcome}
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
