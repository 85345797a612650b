import { Checkbox, Group, NativeSelect, Radio, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Background } from "../../../../../schemas/participants.ts";
import type { FieldErrors } from "../../../components/forms.ts";
import type { ProjectCodes } from "../../codes/queries.ts";
import { derivedMainIncome, type IncomeRow, IncomeRows, incomesOf } from "./IncomeRows.tsx";

export interface BackgroundValues {
  educationLevel: string;
  /** "yes", "no" or "" (not known). */
  educationCompleted: string;
  hasHadEmployment: boolean;
  hasHadInternship: boolean;
  incomes: IncomeRow[];
  /** An override of the derived main income, or "" to derive it. */
  mainIncome: string;
}

export const emptyBackground: BackgroundValues = {
  educationLevel: "",
  educationCompleted: "",
  hasHadEmployment: false,
  hasHadInternship: false,
  incomes: [],
  mainIncome: "",
};

export function backgroundOf(v: BackgroundValues): Background {
  return {
    educationLevel: v.educationLevel || null,
    educationCompleted: v.educationCompleted === "" ? null : v.educationCompleted === "yes",
    hasHadEmployment: v.hasHadEmployment,
    hasHadInternship: v.hasHadInternship,
    incomes: incomesOf(v.incomes),
    mainIncome: v.mainIncome || null,
  };
}

/** The background at entry that the statistics count: education, work experience, incomes. */
export function BackgroundFields({
  values,
  onChange,
  errors,
  codes,
}: {
  values: BackgroundValues;
  onChange: (v: BackgroundValues) => void;
  errors: FieldErrors;
  codes: ProjectCodes;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof BackgroundValues>(key: K, value: BackgroundValues[K]) => onChange({ ...values, [key]: value });
  const derived = derivedMainIncome(values.incomes);
  const chosenCodes = [...new Set(values.incomes.map((i) => i.code).filter(Boolean))];

  return (
    <Stack gap="md">
      <Group align="flex-start" gap="md" wrap="wrap">
        <NativeSelect
          label={t("background.educationLevel")}
          value={values.educationLevel}
          onChange={(e) => set("educationLevel", e.currentTarget.value)}
          error={errors["background.educationLevel"]}
          w={360}
        >
          <option value="">{t("background.notKnown")}</option>
          {codes.options("education_level").map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </NativeSelect>
        <Radio.Group
          label={t("background.educationCompleted")}
          value={values.educationCompleted}
          onChange={(v) => set("educationCompleted", v)}
          error={errors["background.educationCompleted"]}
        >
          <Group gap="md" mt={8}>
            <Radio value="yes" label={t("common.yes")} />
            <Radio value="no" label={t("common.no")} />
            <Radio value="" label={t("background.notKnown")} />
          </Group>
        </Radio.Group>
      </Group>
      <fieldset className="fieldset">
        <legend>{t("background.workExperience")}</legend>
        <Stack gap="xs">
          <Checkbox
            label={t("background.hasHadEmployment")}
            checked={values.hasHadEmployment}
            onChange={(e) => set("hasHadEmployment", e.currentTarget.checked)}
          />
          <Checkbox
            label={t("background.hasHadInternship")}
            checked={values.hasHadInternship}
            onChange={(e) => set("hasHadInternship", e.currentTarget.checked)}
          />
        </Stack>
      </fieldset>
      <IncomeRows
        legend={t("background.incomes")}
        rows={values.incomes}
        onChange={(rows) => onChange({ ...values, incomes: rows, mainIncome: rows.some((r) => r.code === values.mainIncome) ? values.mainIncome : "" })}
        errors={errors}
        path="background.incomes"
        options={codes.options("income_type")}
      />
      <Stack gap={4}>
        <Text size="sm" role="status">
          {derived ? t("background.derivedMain", { income: codes.label("income_type", derived) }) : t("background.noMain")}
        </Text>
        {chosenCodes.length > 1 && (
          <NativeSelect
            label={t("background.mainIncome")}
            description={t("background.mainIncomeHelp")}
            value={values.mainIncome}
            onChange={(e) => set("mainIncome", e.currentTarget.value)}
            error={errors["background.mainIncome"]}
            w={420}
          >
            <option value="">{t("background.useDerived", { income: derived ? codes.label("income_type", derived) : "–" })}</option>
            {chosenCodes.map((code) => (
              <option key={code} value={code}>
                {codes.label("income_type", code)}
              </option>
            ))}
          </NativeSelect>
        )}
      </Stack>
    </Stack>
  );
}
