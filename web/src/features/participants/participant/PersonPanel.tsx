import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ParticipantPage, Person, UpdatePersonInput } from "../../../../../schemas/participants.ts";
import { ConflictAlert, changedFields } from "../../../components/ConflictAlert.tsx";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { Panel } from "../../../components/Panel.tsx";
import { formatDate } from "../../../format.ts";
import { PersonFields, type PersonValues, personChangesOf, personValuesOf } from "../PersonFields.tsx";
import { revealPersonnummer, updatePerson } from "../queries.ts";
import { FormToggle, useChangeForm } from "./changeForm.tsx";

/** Who the person is and how to reach them. The personnummer is masked until opened (logged). */
export function PersonPanel({ page }: { page: ParticipantPage }) {
  const { t } = useTranslation();
  const p = page.person;
  return (
    <Panel title={t("person.title")}>
      <Stack gap="md">
        {p.protectedIdentity && (
          <Badge color="red" variant="outline" tt="none" className="status-badge">
            {t("person.protectedIdentity")}
          </Badge>
        )}
        <dl className="facts">
          <dt>{t("person.personnummer")}</dt>
          <dd>
            <Personnummer person={p} />
          </dd>
          <dt>{t("person.birthDate")}</dt>
          <dd>{formatDate(p.birthDate)}</dd>
          <dt>{t("person.gender")}</dt>
          <dd>{t(`gender.${p.gender}`)}</dd>
          <dt>{t("person.phone")}</dt>
          <dd>{p.phone || "–"}</dd>
          <dt>{t("person.email")}</dt>
          <dd>{p.email || "–"}</dd>
          {p.protectedIdentity ? (
            <>
              <dt>{t("person.city")}</dt>
              <dd>{p.city || "–"}</dd>
            </>
          ) : (
            <>
              <dt>{t("person.address")}</dt>
              <dd>{[p.address, [p.postalCode, p.city].filter(Boolean).join(" ")].filter(Boolean).join(", ") || "–"}</dd>
            </>
          )}
          <dt>{t("person.language")}</dt>
          <dd>{p.language || "–"}</dd>
          <dt>{t("person.interpreterNeeded")}</dt>
          <dd>{p.interpreterNeeded ? t("common.yes") : t("common.no")}</dd>
        </dl>
        <FormToggle label={t("person.edit")}>{(close) => <EditPersonForm page={page} onSaved={() => close(t("person.saved"))} />}</FormToggle>
      </Stack>
    </Panel>
  );
}

function Personnummer({ person }: { person: Person }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<string | null>(null);
  const reveal = useMutation({ mutationFn: () => revealPersonnummer(person.id), onSuccess: (pnr) => setShown(pnr ?? "") });
  if (person.protectedIdentity) return <Text span>{t("person.notStoredProtected")}</Text>;
  if (!person.personnummerMasked) return <Text span>{t("person.noPersonnummer")}</Text>;
  return (
    <Stack gap={4} align="flex-start">
      <Group gap="sm">
        <Text span ff="monospace" aria-live="polite">
          {shown ?? person.personnummerMasked}
        </Text>
        {shown === null ? (
          <Button size="compact-sm" variant="default" onClick={() => reveal.mutate()} loading={reveal.isPending}>
            {t("person.reveal")}
          </Button>
        ) : (
          <Button size="compact-sm" variant="default" onClick={() => setShown(null)}>
            {t("person.hide")}
          </Button>
        )}
      </Group>
      {shown === null && (
        <Text size="xs" c="dimmed">
          {t("person.revealLogged")}
        </Text>
      )}
      <ErrorAlert error={reveal.error} />
    </Stack>
  );
}

function EditPersonForm({ page, onSaved }: { page: ParticipantPage; onSaved: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<PersonValues>(personValuesOf(page.person));
  const form = useChangeForm(page, UpdatePersonInput, (input) => updatePerson(page.person.id, input), onSaved);
  const current = form.conflict ? Person.safeParse(form.conflict.current) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit(personChangesOf(page.person, values));
  }

  async function reload() {
    setValues(personValuesOf((await form.reload()).person));
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("person.edit")}>
      <Stack gap="md">
        {form.conflict ? (
          <ConflictAlert
            message={form.conflict.message}
            changes={
              current?.success
                ? changedFields(page.person, current.data, [
                    { label: t("person.firstName"), value: (p) => p.firstName },
                    { label: t("person.lastName"), value: (p) => p.lastName },
                    { label: t("person.gender"), value: (p) => t(`gender.${p.gender}`) },
                    { label: t("person.birthDate"), value: (p) => formatDate(p.birthDate) },
                    { label: t("person.personnummer"), value: (p) => p.personnummerMasked ?? "" },
                    { label: t("person.protectedIdentity"), value: (p) => (p.protectedIdentity ? t("common.yes") : t("common.no")) },
                    { label: t("person.phone"), value: (p) => p.phone ?? "" },
                    { label: t("person.email"), value: (p) => p.email ?? "" },
                    { label: t("person.address"), value: (p) => [p.address, p.postalCode, p.city].filter(Boolean).join(" ") },
                    { label: t("person.language"), value: (p) => p.language ?? "" },
                    { label: t("person.interpreterNeeded"), value: (p) => (p.interpreterNeeded ? t("common.yes") : t("common.no")) },
                  ])
                : []
            }
            onReload={() => void reload()}
          />
        ) : (
          <ErrorAlert error={form.mutation.error} />
        )}
        <PersonFields values={values} onChange={setValues} errors={form.errors} maskedPersonnummer={page.person.personnummerMasked} />
        <Group>
          <Button type="submit" loading={form.mutation.isPending} disabled={form.conflict !== null}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
