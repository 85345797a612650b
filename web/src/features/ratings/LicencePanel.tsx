import "../../i18n/ratings.ts";
import { Badge, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Licence, LicenceInput } from "../../../../schemas/ratings.ts";
import { conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDate } from "../../format.ts";
import { licencesQuery, saveLicence } from "./queries.ts";
import { useSchemaForm } from "./useSchemaForm.ts";

/** For administrators: each organisation's licence for digital use of GSRS, ORS and SRS. */
export function LicencePanel() {
  const { t } = useTranslation();
  const licences = useQuery(licencesQuery);
  const caption = t("ratings.licence.caption");
  return (
    <Panel title={t("ratings.licence.title")}>
      <Stack gap="md">
        <Text size="sm">{t("ratings.licence.help")}</Text>
        {licences.isPending ? (
          <Loading />
        ) : licences.isError ? (
          <ErrorAlert error={licences.error} />
        ) : (
          <>
            <TableScroll minWidth={560} label={caption}>
              <Table verticalSpacing="xs">
                <Table.Caption>{caption}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("ratings.licence.organisation")}</Table.Th>
                    <Table.Th scope="col">{t("ratings.licence.holder")}</Table.Th>
                    <Table.Th scope="col">{t("ratings.licence.validUntil")}</Table.Th>
                    <Table.Th scope="col">{t("ratings.licence.status")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {licences.data.licences.map((l) => (
                    <Table.Tr key={l.organisationId}>
                      <Table.Th scope="row" fw={400}>
                        {l.organisationName}
                      </Table.Th>
                      <Table.Td>{l.holder ?? "–"}</Table.Td>
                      <Table.Td>{formatDate(l.validUntil)}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={l.valid ? "green" : "gray"}>
                          {l.valid ? t("ratings.licence.isValid") : t("ratings.licence.notValid")}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
            {licences.data.licences.length > 0 && <LicenceForm licences={licences.data.licences} />}
          </>
        )}
      </Stack>
    </Panel>
  );
}

function LicenceForm({ licences }: { licences: Licence[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [organisationId, setOrganisationId] = useState(licences[0]?.organisationId ?? "");
  const current = licences.find((l) => l.organisationId === organisationId);
  const [values, setValues] = useState({ holder: current?.holder ?? "", validUntil: current?.validUntil ?? "", note: current?.note ?? "" });
  const [saved, setSaved] = useState("");
  const form = useSchemaForm(
    LicenceInput,
    (input) => saveLicence(organisationId, input),
    async () => {
      await queryClient.invalidateQueries({ queryKey: ["admin", "rating-licences"] });
      await queryClient.invalidateQueries({ queryKey: ["projects"] });
      setSaved(t("ratings.licence.saved"));
    },
  );
  function choose(id: string) {
    const l = licences.find((x) => x.organisationId === id);
    setOrganisationId(id);
    setValues({ holder: l?.holder ?? "", validUntil: l?.validUntil ?? "", note: l?.note ?? "" });
    form.mutation.reset();
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved("");
    form.submit({ version: current?.version ?? null, ...values });
  }
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("ratings.licence.formLabel")}>
      <Stack gap="sm">
        {saved && <SuccessAlert>{saved}</SuccessAlert>}
        {conflictOf(form.mutation.error) ? <ErrorAlert error={new Error(t("ratings.licence.conflict"))} /> : <ErrorAlert error={form.mutation.error} />}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect label={t("ratings.licence.organisation")} value={organisationId} onChange={(e) => choose(e.currentTarget.value)}>
            {licences.map((l) => (
              <option key={l.organisationId} value={l.organisationId}>
                {l.organisationName}
              </option>
            ))}
          </NativeSelect>
          <TextInput
            label={t("ratings.licence.holder")}
            required
            value={values.holder}
            onChange={(e) => setValues({ ...values, holder: e.currentTarget.value })}
            error={form.errors.holder}
          />
          <TextInput
            label={t("ratings.licence.validUntil")}
            type="date"
            required
            value={values.validUntil}
            onChange={(e) => setValues({ ...values, validUntil: e.currentTarget.value })}
            error={form.errors.validUntil}
          />
        </SimpleGrid>
        <Textarea
          label={t("ratings.licence.note")}
          description={t("common.optional")}
          autosize
          minRows={2}
          value={values.note}
          onChange={(e) => setValues({ ...values, note: e.currentTarget.value })}
        />
        <Group>
          <Button type="submit" loading={form.mutation.isPending}>
            {t("ratings.licence.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
