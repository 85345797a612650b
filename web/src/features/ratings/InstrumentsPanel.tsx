import "../../i18n/ratings.ts";
import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { type Instrument, InstrumentInput, InstrumentUpdate } from "../../../../schemas/ratings.ts";
import { conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { createInstrument, formatNumber, licencesQuery, updateInstrument } from "./queries.ts";
import { parseNumber, useSchemaForm } from "./useSchemaForm.ts";

/** For administrators: the rating scales as data — names, item names (never the item wording), limits and rules. */
export function InstrumentsPanel() {
  const { t, i18n } = useTranslation();
  const data = useQuery(licencesQuery);
  const [editing, setEditing] = useState<Instrument | null>(null);
  const [notice, setNotice] = useState("");
  const caption = t("ratings.instruments.caption");
  return (
    <Panel title={t("ratings.instruments.title")}>
      <Stack gap="md">
        <Text size="sm">{t("ratings.instruments.help")}</Text>
        {data.isPending ? (
          <Loading />
        ) : data.isError ? (
          <ErrorAlert error={data.error} />
        ) : (
          <>
            <TableScroll minWidth={720} label={caption}>
              <Table verticalSpacing="xs">
                <Table.Caption>{caption}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("ratings.instruments.name")}</Table.Th>
                    <Table.Th scope="col">{t("ratings.instruments.items")}</Table.Th>
                    <Table.Th scope="col">{t("ratings.instruments.alert")}</Table.Th>
                    <Table.Th scope="col">{t("ratings.instruments.scores")}</Table.Th>
                    <Table.Th scope="col">{t("ratings.instruments.actions")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.data.instruments.map((i) => {
                    const name = i18n.language === "en" ? i.nameEn : i.nameSv;
                    return (
                      <Table.Tr key={i.id}>
                        <Table.Th scope="row" fw={400}>
                          {name}
                        </Table.Th>
                        <Table.Td>{i.items.map((x) => (i18n.language === "en" ? x.en : x.sv)).join(", ")}</Table.Td>
                        <Table.Td>
                          {t(i.alertRule === "total_at_most" ? "ratings.chart.limitAtMost" : "ratings.chart.limitBelow", {
                            value: formatNumber(i.alertValue, 1, i18n.language),
                          })}
                        </Table.Td>
                        <Table.Td>{i.scores}</Table.Td>
                        <Table.Td>
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            onClick={() => {
                              setNotice("");
                              setEditing(i);
                              requestAnimationFrame(() =>
                                document.getElementById("instrument-form")?.querySelector<HTMLElement>("input:not([disabled])")?.focus(),
                              );
                            }}
                          >
                            {t("ratings.instruments.edit", { name })}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </TableScroll>
            <div id="instrument-form">
              {notice && <SuccessAlert>{notice}</SuccessAlert>}
              <InstrumentForm
                key={editing ? `${editing.id}:${editing.version}` : "new"}
                editing={editing}
                onDone={(message) => {
                  setNotice(message ?? "");
                  setEditing(null);
                }}
              />
            </div>
          </>
        )}
      </Stack>
    </Panel>
  );
}

type Values = {
  code: string;
  nameSv: string;
  nameEn: string;
  items: string;
  itemMin: string;
  itemMax: string;
  decimals: string;
  alertRule: "total_at_most" | "total_below";
  alertValue: string;
  reliableChange: string;
  administered: "per_session" | "per_meeting" | "start_end";
  licensed: boolean;
};

const num = (v: number | null) => (v === null ? "" : String(v).replace(".", ","));

/** Item names are written one a line as key; Swedish name; English name. */
const itemsText = (items: Instrument["items"]) => items.map((i) => `${i.key}; ${i.sv}; ${i.en}`).join("\n");
function parseItems(text: string) {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [key = "", sv = "", en = ""] = line.split(";").map((p) => p.trim());
      return { key, sv, en };
    });
}

function InstrumentForm({ editing, onDone }: { editing: Instrument | null; onDone: (message?: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const empty: Values = {
    code: "",
    nameSv: "",
    nameEn: "",
    items: "",
    itemMin: "0",
    itemMax: "10",
    decimals: "1",
    alertRule: "total_at_most",
    alertValue: "",
    reliableChange: "",
    administered: "per_meeting",
    licensed: false,
  };
  const [values, setValues] = useState<Values>(() =>
    editing
      ? {
          code: editing.code,
          nameSv: editing.nameSv,
          nameEn: editing.nameEn,
          items: itemsText(editing.items),
          itemMin: num(editing.itemMin),
          itemMax: num(editing.itemMax),
          decimals: String(editing.decimals),
          alertRule: editing.alertRule,
          alertValue: num(editing.alertValue),
          reliableChange: num(editing.reliableChange),
          administered: editing.administered,
          licensed: editing.licensed,
        }
      : empty,
  );
  const [saved, setSaved] = useState("");
  const form = useSchemaForm(
    (editing ? InstrumentUpdate : InstrumentInput) as z.ZodType<InstrumentInput | InstrumentUpdate>,
    (input) => (editing && "version" in input ? updateInstrument(editing.id, input) : createInstrument(input as InstrumentInput)),
    async (i) => {
      await queryClient.invalidateQueries({ queryKey: licencesQuery.queryKey });
      if (editing) return onDone(t("ratings.instruments.saved", { name: i.nameSv }));
      setSaved(t("ratings.instruments.saved", { name: i.nameSv }));
      setValues(empty);
    },
  );
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved("");
    const reliable = parseNumber(values.reliableChange);
    form.submit({
      ...(editing ? { version: editing.version } : { code: values.code }),
      nameSv: values.nameSv,
      nameEn: values.nameEn,
      items: parseItems(values.items),
      itemMin: parseNumber(values.itemMin),
      itemMax: parseNumber(values.itemMax),
      decimals: parseNumber(values.decimals),
      alertRule: values.alertRule,
      alertValue: parseNumber(values.alertValue),
      reliableChange: reliable === undefined ? null : reliable,
      administered: values.administered,
      licensed: values.licensed,
    });
  }
  const itemsError = Object.entries(form.errors).find(([k]) => k === "items" || k.startsWith("items."))?.[1];
  const locked = Boolean(editing && editing.scores > 0);
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={editing ? t("ratings.instruments.editTitle") : t("ratings.instruments.newTitle")}>
      <Stack gap="sm">
        <Text fw={700}>{editing ? t("ratings.instruments.editTitle") : t("ratings.instruments.newTitle")}</Text>
        {saved && <SuccessAlert>{saved}</SuccessAlert>}
        {conflictOf(form.mutation.error) ? <ErrorAlert error={new Error(t("ratings.instruments.conflict"))} /> : <ErrorAlert error={form.mutation.error} />}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t("ratings.instruments.code")}
            description={t("ratings.instruments.codeHelp")}
            required
            disabled={Boolean(editing)}
            value={values.code}
            onChange={(e) => set("code", e.currentTarget.value)}
            error={form.errors.code}
          />
          <TextInput
            label={t("ratings.instruments.nameSv")}
            required
            value={values.nameSv}
            onChange={(e) => set("nameSv", e.currentTarget.value)}
            error={form.errors.nameSv}
          />
          <TextInput
            label={t("ratings.instruments.nameEn")}
            required
            value={values.nameEn}
            onChange={(e) => set("nameEn", e.currentTarget.value)}
            error={form.errors.nameEn}
          />
        </SimpleGrid>
        <Textarea
          label={t("ratings.instruments.itemsLabel")}
          description={locked ? t("ratings.instruments.itemsLocked") : t("ratings.instruments.itemsHelp")}
          required
          autosize
          minRows={4}
          value={values.items}
          onChange={(e) => set("items", e.currentTarget.value)}
          error={itemsError}
        />
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <TextInput
            label={t("ratings.instruments.itemMin")}
            inputMode="decimal"
            required
            disabled={locked}
            value={values.itemMin}
            onChange={(e) => set("itemMin", e.currentTarget.value)}
            error={form.errors.itemMin}
          />
          <TextInput
            label={t("ratings.instruments.itemMax")}
            inputMode="decimal"
            required
            disabled={locked}
            value={values.itemMax}
            onChange={(e) => set("itemMax", e.currentTarget.value)}
            error={form.errors.itemMax}
          />
          <TextInput
            label={t("ratings.instruments.decimals")}
            inputMode="numeric"
            required
            disabled={locked}
            value={values.decimals}
            onChange={(e) => set("decimals", e.currentTarget.value)}
            error={form.errors.decimals}
          />
          <TextInput
            label={t("ratings.instruments.reliableChange")}
            description={t("common.optional")}
            inputMode="decimal"
            value={values.reliableChange}
            onChange={(e) => set("reliableChange", e.currentTarget.value)}
            error={form.errors.reliableChange}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label={t("ratings.instruments.alertRule")}
            value={values.alertRule}
            onChange={(e) => set("alertRule", e.currentTarget.value as Values["alertRule"])}
          >
            <option value="total_at_most">{t("ratings.instruments.rules.total_at_most")}</option>
            <option value="total_below">{t("ratings.instruments.rules.total_below")}</option>
          </NativeSelect>
          <TextInput
            label={t("ratings.instruments.alertValue")}
            inputMode="decimal"
            required
            value={values.alertValue}
            onChange={(e) => set("alertValue", e.currentTarget.value)}
            error={form.errors.alertValue}
          />
          <NativeSelect
            label={t("ratings.instruments.administered")}
            value={values.administered}
            onChange={(e) => set("administered", e.currentTarget.value as Values["administered"])}
          >
            {(["per_session", "per_meeting", "start_end"] as const).map((a) => (
              <option key={a} value={a}>
                {t(`ratings.instruments.when.${a}`)}
              </option>
            ))}
          </NativeSelect>
        </SimpleGrid>
        <Checkbox label={t("ratings.instruments.licensed")} checked={values.licensed} onChange={(e) => set("licensed", e.currentTarget.checked)} />
        <Group>
          <Button type="submit" loading={form.mutation.isPending}>
            {editing ? t("ratings.instruments.saveEdit") : t("ratings.instruments.create")}
          </Button>
          {editing && (
            <Button variant="default" onClick={() => onDone()}>
              {t("ratings.instruments.cancelEdit")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
