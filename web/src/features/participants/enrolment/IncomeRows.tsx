import { Button, Group, NativeSelect, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type IncomeSource, Share } from "../../../../../schemas/participants.ts";
import type { FieldErrors } from "../../../components/forms.ts";

export interface IncomeRow {
  code: string;
  share: string;
}

const SHARES = Share.options.map((o) => o.value).sort((a, b) => b - a);

/** Rows as the API takes them; the shared schema reports a bad share or a missing code. */
export function incomesOf(rows: IncomeRow[]): IncomeSource[] {
  return rows.map((r) => ({ code: r.code, share: Number(r.share) as IncomeSource["share"] }));
}

/** The largest share wins; on a tie the source listed first (as the server derives it). */
export function derivedMainIncome(rows: IncomeRow[]): string | null {
  let best: IncomeRow | undefined;
  for (const r of rows) if (r.code && (!best || Number(r.share) > Number(best.share))) best = r;
  return best?.code ?? null;
}

/**
 * Income sources, each with its share of full time (DIS: 100/75/50/25 %). A fieldset per list,
 * each select named with its row number so a screen reader can tell the rows apart.
 */
export function IncomeRows({
  legend,
  rows,
  onChange,
  errors,
  path,
  options,
}: {
  legend: string;
  rows: IncomeRow[];
  onChange: (rows: IncomeRow[]) => void;
  errors: FieldErrors;
  /** The error path of the list, e.g. "background.incomes". */
  path: string;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const setRow = (index: number, row: IncomeRow) => onChange(rows.map((r, i) => (i === index ? row : r)));
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <Stack gap="xs">
        {rows.length === 0 && <Text size="sm">{t("enrolment.noIncomes")}</Text>}
        {rows.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own; the index is their identity here.
          <Group key={index} align="flex-start" gap="sm" wrap="wrap">
            <NativeSelect
              label={t("enrolment.incomeSource", { n: index + 1 })}
              value={row.code}
              onChange={(e) => setRow(index, { ...row, code: e.currentTarget.value })}
              error={errors[`${path}.${index}.code`]}
              w={320}
            >
              <option value="">{t("common.choose")}</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t("enrolment.share", { n: index + 1 })}
              value={row.share}
              onChange={(e) => setRow(index, { ...row, share: e.currentTarget.value })}
              error={errors[`${path}.${index}.share`]}
              w={140}
              data={SHARES.map((s) => ({ value: String(s), label: `${s} %` }))}
            />
            <Button variant="subtle" color="red" mt={26} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              {t("enrolment.removeIncome", { n: index + 1 })}
            </Button>
          </Group>
        ))}
        {errors[path] && (
          <Text c="red.7" size="sm" role="alert">
            {errors[path]}
          </Text>
        )}
        <Group>
          <Button variant="default" size="sm" onClick={() => onChange([...rows, { code: "", share: "100" }])} disabled={rows.length >= 10}>
            {t("enrolment.addIncome")}
          </Button>
        </Group>
      </Stack>
    </fieldset>
  );
}
