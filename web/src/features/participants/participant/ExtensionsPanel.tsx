import { Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ExtendInput, type ParticipantPage, PauseInput } from "../../../../../schemas/participants.ts";
import { Panel } from "../../../components/Panel.tsx";
import { TableScroll } from "../../../components/TableScroll.tsx";
import { formatDate, todayIso } from "../../../format.ts";
import type { ProjectCodes } from "../../codes/queries.ts";
import { enrolmentChanges } from "../queries.ts";
import { EnrolmentChangeError, FormToggle, useChangeForm } from "./changeForm.tsx";

/** Three months after a date, as a first suggestion for a new planned end. */
function threeMonthsAfter(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 3);
  return d.toISOString().slice(0, 10);
}

/** Extensions of the planned time, each with a reason the steering group sees. */
export function ExtensionsPanel({ page, codes }: { page: ParticipantPage; codes: ProjectCodes }) {
  const { t } = useTranslation();
  const rows = page.enrolment.extensions;
  const caption = t("extensions.caption", { count: rows.length });
  return (
    <Panel title={t("extensions.title")}>
      <Stack gap="md">
        {rows.length === 0 ? (
          <Text>{t("extensions.none")}</Text>
        ) : (
          <TableScroll minWidth={680} label={caption}>
            <Table verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("extensions.decidedOn")}</Table.Th>
                  <Table.Th scope="col">{t("extensions.from")}</Table.Th>
                  <Table.Th scope="col">{t("extensions.newPlannedEnd")}</Table.Th>
                  <Table.Th scope="col">{t("extensions.reason")}</Table.Th>
                  <Table.Th scope="col">{t("extensions.note")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Td>{formatDate(x.decidedOn)}</Table.Td>
                    <Table.Td>{formatDate(x.previousPlannedEnd)}</Table.Td>
                    <Table.Td>{formatDate(x.newPlannedEnd)}</Table.Td>
                    <Table.Td>{x.reasonLabel}</Table.Td>
                    <Table.Td>{x.note ?? "–"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {!page.enrolment.exit && (
          <FormToggle label={t("extensions.add")}>
            {(close) => <ExtendForm page={page} codes={codes} onSaved={() => close(t("extensions.saved"))} />}
          </FormToggle>
        )}
      </Stack>
    </Panel>
  );
}

function ExtendForm({ page, codes, onSaved }: { page: ParticipantPage; codes: ProjectCodes; onSaved: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ decidedOn: todayIso(), newPlannedEnd: threeMonthsAfter(page.enrolment.plannedEndDate), reason: "", note: "" });
  const set = (key: keyof typeof values, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const form = useChangeForm(page, ExtendInput, (input) => enrolmentChanges.extend(page.enrolment.id, input), onSaved);

  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit({ version: page.enrolment.version, ...values });
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("extensions.add")}>
      <Stack gap="sm">
        <EnrolmentChangeError page={page} form={form} />
        <Text size="sm">{t("extensions.current", { date: formatDate(page.enrolment.plannedEndDate) })}</Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t("extensions.decidedOn")}
            type="date"
            required
            value={values.decidedOn}
            onChange={(e) => set("decidedOn", e.currentTarget.value)}
            error={form.errors.decidedOn}
          />
          <TextInput
            label={t("extensions.newPlannedEnd")}
            type="date"
            required
            value={values.newPlannedEnd}
            onChange={(e) => set("newPlannedEnd", e.currentTarget.value)}
            error={form.errors.newPlannedEnd}
          />
          <NativeSelect
            label={t("extensions.reason")}
            required
            value={values.reason}
            onChange={(e) => set("reason", e.currentTarget.value)}
            error={form.errors.reason}
          >
            <option value="">{t("common.choose")}</option>
            {codes.options("extension_reason").map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </NativeSelect>
        </SimpleGrid>
        <Textarea
          label={t("extensions.note")}
          description={t("common.optional")}
          autosize
          minRows={2}
          value={values.note}
          onChange={(e) => set("note", e.currentTarget.value)}
          error={form.errors.note}
        />
        <Group>
          <Button type="submit" loading={form.mutation.isPending} disabled={form.conflict !== null}>
            {t("extensions.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Pauses stop the clock: the days in the programme leave them out. */
export function PausesPanel({ page }: { page: ParticipantPage }) {
  const { t } = useTranslation();
  const rows = page.enrolment.pauses;
  const caption = t("pauses.caption", { count: rows.length });
  return (
    <Panel title={t("pauses.title")}>
      <Stack gap="md">
        {rows.length === 0 ? (
          <Text>{t("pauses.none")}</Text>
        ) : (
          <TableScroll minWidth={520} label={caption}>
            <Table verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("pauses.fromDate")}</Table.Th>
                  <Table.Th scope="col">{t("pauses.toDate")}</Table.Th>
                  <Table.Th scope="col">{t("pauses.reason")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{formatDate(p.fromDate)}</Table.Td>
                    <Table.Td>{formatDate(p.toDate)}</Table.Td>
                    <Table.Td>{p.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {!page.enrolment.exit && (
          <FormToggle label={t("pauses.add")}>{(close) => <PauseForm page={page} onSaved={() => close(t("pauses.saved"))} />}</FormToggle>
        )}
      </Stack>
    </Panel>
  );
}

function PauseForm({ page, onSaved }: { page: ParticipantPage; onSaved: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ fromDate: todayIso(), toDate: "", reason: "" });
  const set = (key: keyof typeof values, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const form = useChangeForm(page, PauseInput, (input) => enrolmentChanges.pause(page.enrolment.id, input), onSaved);

  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit({ version: page.enrolment.version, ...values });
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("pauses.add")}>
      <Stack gap="sm">
        <EnrolmentChangeError page={page} form={form} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t("pauses.fromDate")}
            type="date"
            required
            value={values.fromDate}
            onChange={(e) => set("fromDate", e.currentTarget.value)}
            error={form.errors.fromDate}
          />
          <TextInput
            label={t("pauses.toDate")}
            type="date"
            required
            value={values.toDate}
            onChange={(e) => set("toDate", e.currentTarget.value)}
            error={form.errors.toDate}
          />
        </SimpleGrid>
        <TextInput
          label={t("pauses.reason")}
          required
          value={values.reason}
          onChange={(e) => set("reason", e.currentTarget.value)}
          error={form.errors.reason}
        />
        <Group>
          <Button type="submit" loading={form.mutation.isPending} disabled={form.conflict !== null}>
            {t("pauses.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
