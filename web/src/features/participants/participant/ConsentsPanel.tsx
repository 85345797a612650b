import { Button, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Consent, ConsentInput, type ParticipantPage, WithdrawConsentInput } from "../../../../../schemas/participants.ts";
import { SuccessAlert } from "../../../components/ErrorAlert.tsx";
import { Panel } from "../../../components/Panel.tsx";
import { TableScroll } from "../../../components/TableScroll.tsx";
import { formatDate, todayIso } from "../../../format.ts";
import { ConsentFields, type ConsentRow, newConsentRow } from "../enrolment/ConsentRows.tsx";
import { enrolmentChanges } from "../queries.ts";
import { EnrolmentChangeError, FormToggle, useChangeForm } from "./changeForm.tsx";

/** Consents per receiving party and purpose. A withdrawal takes effect at once and shows here. */
export function ConsentsPanel({ page }: { page: ParticipantPage }) {
  const { t } = useTranslation();
  const [withdrawn, setWithdrawn] = useState("");
  const consents = page.enrolment.consents;
  const caption = t("consents.caption", { count: consents.length });
  return (
    <Panel title={t("consents.title")}>
      <Stack gap="md">
        {withdrawn && <SuccessAlert>{withdrawn}</SuccessAlert>}
        {consents.length === 0 ? (
          <Text>{t("consents.none")}</Text>
        ) : (
          <TableScroll minWidth={760} label={caption}>
            <Table verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("consents.purpose")}</Table.Th>
                  <Table.Th scope="col">{t("consents.receivingParty")}</Table.Th>
                  <Table.Th scope="col">{t("consents.givenOn")}</Table.Th>
                  <Table.Th scope="col">{t("consents.state")}</Table.Th>
                  <Table.Th scope="col">{t("common.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {consents.map((c) => (
                  <ConsentRowView key={c.id} page={page} consent={c} onWithdrawn={setWithdrawn} />
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        <FormToggle label={t("consents.addOne")}>{(close) => <AddConsentForm page={page} onSaved={() => close(t("consents.added"))} />}</FormToggle>
      </Stack>
    </Panel>
  );
}

function ConsentRowView({ page, consent: c, onWithdrawn }: { page: ParticipantPage; consent: Consent; onWithdrawn: (message: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(todayIso());
  const purpose = t(`consents.purposes.${c.purpose}`);
  const form = useChangeForm(
    page,
    WithdrawConsentInput,
    (input) => enrolmentChanges.withdrawConsent(c.id, input),
    () => {
      setOpen(false);
      onWithdrawn(t("consents.withdrawnNow", { purpose, party: c.receivingParty }));
    },
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit({ version: c.version, withdrawnOn: date });
  }

  return (
    <Table.Tr>
      <Table.Td>{purpose}</Table.Td>
      <Table.Td>{c.receivingParty}</Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(c.givenOn)}</Table.Td>
      <Table.Td>
        <Text span size="sm" fw={600} c={c.active ? "green.8" : "red.8"}>
          {c.active ? t("consents.active") : t("consents.withdrawnOn", { date: formatDate(c.withdrawnOn) })}
        </Text>
      </Table.Td>
      <Table.Td>
        {c.active &&
          (open ? (
            <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("consents.withdrawLabel", { purpose, party: c.receivingParty })}>
              <Stack gap="xs">
                <EnrolmentChangeError page={page} form={form} />
                <TextInput
                  label={t("consents.withdrawDate")}
                  type="date"
                  size="xs"
                  max={todayIso()}
                  value={date}
                  onChange={(e) => setDate(e.currentTarget.value)}
                  error={form.errors.withdrawnOn}
                />
                <Group gap="xs">
                  <Button type="submit" size="compact-sm" color="red" loading={form.mutation.isPending} disabled={form.conflict !== null}>
                    {t("consents.confirmWithdraw")}
                  </Button>
                  <Button size="compact-sm" variant="subtle" onClick={() => setOpen(false)}>
                    {t("common.cancel")}
                  </Button>
                </Group>
              </Stack>
            </form>
          ) : (
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => setOpen(true)}
              aria-label={t("consents.withdrawLabel", { purpose, party: c.receivingParty })}
            >
              {t("consents.withdraw")}
            </Button>
          ))}
      </Table.Td>
    </Table.Tr>
  );
}

function AddConsentForm({ page, onSaved }: { page: ParticipantPage; onSaved: () => void }) {
  const { t } = useTranslation();
  const [row, setRow] = useState<ConsentRow>(newConsentRow());
  const form = useChangeForm(page, ConsentInput, (input) => enrolmentChanges.addConsent(page.enrolment.id, input), onSaved);

  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit(row);
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("consents.addOne")}>
      <Stack gap="sm">
        <EnrolmentChangeError page={page} form={form} />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <ConsentFields row={row} onChange={setRow} errors={form.errors} path="" />
        </Group>
        <Group>
          <Button type="submit" loading={form.mutation.isPending}>
            {t("consents.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
