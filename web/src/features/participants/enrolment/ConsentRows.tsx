import { Button, Group, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ConsentPurpose } from "../../../../../schemas/participants.ts";
import type { FieldErrors } from "../../../components/forms.ts";
import { todayIso } from "../../../format.ts";

export interface ConsentRow {
  purpose: string;
  receivingParty: string;
  givenOn: string;
}

export const newConsentRow = (): ConsentRow => ({ purpose: "", receivingParty: "", givenOn: todayIso() });

/** One consent per receiving party and purpose, with the date it was given. */
export function ConsentRows({
  rows,
  onChange,
  errors,
  path,
}: {
  rows: ConsentRow[];
  onChange: (rows: ConsentRow[]) => void;
  errors: FieldErrors;
  path: string;
}) {
  const { t } = useTranslation();
  const setRow = (index: number, row: ConsentRow) => onChange(rows.map((r, i) => (i === index ? row : r)));
  return (
    <Stack gap="sm">
      {rows.length === 0 && <Text size="sm">{t("consents.noneYet")}</Text>}
      {rows.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own; the index is their identity here.
        <Group key={index} align="flex-start" gap="sm" wrap="wrap">
          <ConsentFields row={row} onChange={(r) => setRow(index, r)} errors={errors} path={`${path}.${index}`} n={index + 1} />
          <Button variant="subtle" color="red" mt={26} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            {t("consents.remove", { n: index + 1 })}
          </Button>
        </Group>
      ))}
      <Group>
        <Button variant="default" size="sm" onClick={() => onChange([...rows, newConsentRow()])}>
          {t("consents.add")}
        </Button>
      </Group>
    </Stack>
  );
}

/** The three fields of one consent; `n` numbers the labels when there are several rows. */
export function ConsentFields({
  row,
  onChange,
  errors,
  path,
  n,
}: {
  row: ConsentRow;
  onChange: (row: ConsentRow) => void;
  errors: FieldErrors;
  path: string;
  n?: number;
}) {
  const { t } = useTranslation();
  const suffix = n ? ` ${n}` : "";
  const err = (key: string) => errors[path ? `${path}.${key}` : key];
  return (
    <>
      <NativeSelect
        label={`${t("consents.purpose")}${suffix}`}
        value={row.purpose}
        onChange={(e) => onChange({ ...row, purpose: e.currentTarget.value })}
        error={err("purpose")}
        w={260}
      >
        <option value="">{t("common.choose")}</option>
        {ConsentPurpose.options.map((p) => (
          <option key={p} value={p}>
            {t(`consents.purposes.${p}`)}
          </option>
        ))}
      </NativeSelect>
      <TextInput
        label={`${t("consents.receivingParty")}${suffix}`}
        value={row.receivingParty}
        onChange={(e) => onChange({ ...row, receivingParty: e.currentTarget.value })}
        error={err("receivingParty")}
        w={260}
      />
      <TextInput
        label={`${t("consents.givenOn")}${suffix}`}
        type="date"
        value={row.givenOn}
        onChange={(e) => onChange({ ...row, givenOn: e.currentTarget.value })}
        error={err("givenOn")}
        w={170}
      />
    </>
  );
}
