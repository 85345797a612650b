import { Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Enrolment, ExtendInput, type ParticipantPage, PauseInput, UpdateExtensionInput, UpdatePauseInput } from "../../../../../schemas/participants.ts";
import { Panel } from "../../../components/Panel.tsx";
import { TableScroll } from "../../../components/TableScroll.tsx";
import { formatDate, todayIso } from "../../../format.ts";
import type { ProjectCodes } from "../../codes/queries.ts";
import { enrolmentChanges } from "../queries.ts";
import { EnrolmentChangeError, FormToggle, useChangeForm } from "./changeForm.tsx";
import { RemoveForm, RowActions, RowEditRegion, useRowEdit } from "./RowEdit.tsx";

type Extension = Enrolment["extensions"][number];
type Pause = Enrolment["pauses"][number];

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
  const edit = useRowEdit();
  const chosen = rows.find((x) => x.id === edit.open?.id);
  const nameOf = (x: Extension) => t("extensions.rowName", { date: formatDate(x.newPlannedEnd) });
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
                  <Table.Th scope="col">{t("common.actions")}</Table.Th>
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
                    <Table.Td>
                      <RowActions id={x.id} name={nameOf(x)} edit={edit} disabled={edit.open !== null} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        <RowEditRegion edit={edit}>
          {chosen && edit.open?.mode === "edit" && (
            <ExtendForm page={page} codes={codes} extension={chosen} onSaved={() => edit.close(t("extensions.corrected"))} onCancel={() => edit.close()} />
          )}
          {chosen && edit.open?.mode === "remove" && (
            <RemoveForm
              page={page}
              title={t("corrections.removeLabel", { name: nameOf(chosen) })}
              question={t("extensions.removeQuestion", { date: formatDate(chosen.newPlannedEnd), previous: formatDate(chosen.previousPlannedEnd) })}
              confirm={t("extensions.removeConfirm")}
              send={(input) => enrolmentChanges.removeExtension(chosen.id, input)}
              onSaved={() => edit.close(t("extensions.removed"))}
              onCancel={() => edit.close()}
            />
          )}
        </RowEditRegion>
        {!page.enrolment.exit && (
          <FormToggle label={t("extensions.add")}>
            {(close) => <ExtendForm page={page} codes={codes} onSaved={() => close(t("extensions.saved"))} />}
          </FormToggle>
        )}
      </Stack>
    </Panel>
  );
}

/** A new extension, or the correction of one already recorded. */
function ExtendForm({
  page,
  codes,
  extension,
  onSaved,
  onCancel,
}: {
  page: ParticipantPage;
  codes: ProjectCodes;
  extension?: Extension;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const initial = (x?: Extension) =>
    x
      ? { decidedOn: x.decidedOn, newPlannedEnd: x.newPlannedEnd, reason: x.reason, note: x.note ?? "" }
      : { decidedOn: todayIso(), newPlannedEnd: threeMonthsAfter(page.enrolment.plannedEndDate), reason: "", note: "" };
  const [values, setValues] = useState(initial(extension));
  const set = (key: keyof typeof values, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const create = useChangeForm(page, ExtendInput, (input) => enrolmentChanges.extend(page.enrolment.id, input), onSaved);
  const correct = useChangeForm(page, UpdateExtensionInput, (input) => enrolmentChanges.updateExtension(extension?.id ?? "", input), onSaved);
  const form = extension ? correct : create;
  const label = extension ? t("corrections.editLabel", { name: t("extensions.rowName", { date: formatDate(extension.newPlannedEnd) }) }) : t("extensions.add");

  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit({ version: page.enrolment.version, ...values });
  }

  // After a conflict the fields start again from the extension as it is now.
  async function reload() {
    const fresh = await form.reload();
    const now = fresh.enrolment.extensions.find((x) => x.id === extension?.id);
    if (now) setValues(initial(now));
    else onCancel?.();
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="sm">
        <EnrolmentChangeError page={page} form={form} onReload={extension ? () => void reload() : undefined} />
        <Text size="sm">
          {extension
            ? t("extensions.correcting", { date: formatDate(extension.previousPlannedEnd) })
            : t("extensions.current", { date: formatDate(page.enrolment.plannedEndDate) })}
        </Text>
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
            {extension ? t("corrections.save") : t("extensions.submit")}
          </Button>
          {onCancel && (
            <Button variant="subtle" onClick={onCancel}>
              {t("common.cancel")}
            </Button>
          )}
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
  const edit = useRowEdit();
  const chosen = rows.find((p) => p.id === edit.open?.id);
  const nameOf = (p: Pause) => t("pauses.rowName", { from: formatDate(p.fromDate), to: formatDate(p.toDate) });
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
                  <Table.Th scope="col">{t("common.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{formatDate(p.fromDate)}</Table.Td>
                    <Table.Td>{formatDate(p.toDate)}</Table.Td>
                    <Table.Td>{p.reason}</Table.Td>
                    <Table.Td>
                      <RowActions id={p.id} name={nameOf(p)} edit={edit} disabled={edit.open !== null} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        <RowEditRegion edit={edit}>
          {chosen && edit.open?.mode === "edit" && (
            <PauseForm page={page} pause={chosen} onSaved={() => edit.close(t("pauses.corrected"))} onCancel={() => edit.close()} />
          )}
          {chosen && edit.open?.mode === "remove" && (
            <RemoveForm
              page={page}
              title={t("corrections.removeLabel", { name: nameOf(chosen) })}
              question={t("pauses.removeQuestion", { from: formatDate(chosen.fromDate), to: formatDate(chosen.toDate) })}
              confirm={t("pauses.removeConfirm")}
              send={(input) => enrolmentChanges.removePause(chosen.id, input)}
              onSaved={() => edit.close(t("pauses.removed"))}
              onCancel={() => edit.close()}
            />
          )}
        </RowEditRegion>
        {!page.enrolment.exit && (
          <FormToggle label={t("pauses.add")}>{(close) => <PauseForm page={page} onSaved={() => close(t("pauses.saved"))} />}</FormToggle>
        )}
      </Stack>
    </Panel>
  );
}

/** A new pause, or the correction of one already recorded. */
function PauseForm({ page, pause, onSaved, onCancel }: { page: ParticipantPage; pause?: Pause; onSaved: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const initial = (p?: Pause) => (p ? { fromDate: p.fromDate, toDate: p.toDate, reason: p.reason } : { fromDate: todayIso(), toDate: "", reason: "" });
  const [values, setValues] = useState(initial(pause));
  const set = (key: keyof typeof values, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const create = useChangeForm(page, PauseInput, (input) => enrolmentChanges.pause(page.enrolment.id, input), onSaved);
  const correct = useChangeForm(page, UpdatePauseInput, (input) => enrolmentChanges.updatePause(pause?.id ?? "", input), onSaved);
  const form = pause ? correct : create;
  const label = pause
    ? t("corrections.editLabel", { name: t("pauses.rowName", { from: formatDate(pause.fromDate), to: formatDate(pause.toDate) }) })
    : t("pauses.add");

  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit({ version: page.enrolment.version, ...values });
  }

  // After a conflict the fields start again from the pause as it is now.
  async function reload() {
    const fresh = await form.reload();
    const now = fresh.enrolment.pauses.find((p) => p.id === pause?.id);
    if (now) setValues(initial(now));
    else onCancel?.();
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="sm">
        <EnrolmentChangeError page={page} form={form} onReload={pause ? () => void reload() : undefined} />
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
            {pause ? t("corrections.save") : t("pauses.submit")}
          </Button>
          {onCancel && (
            <Button variant="subtle" onClick={onCancel}>
              {t("common.cancel")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
