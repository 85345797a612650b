import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Yes/no in a table cell, in words; "yes" slightly heavier so a column scans quickly. */
export function YesNo({ value, yes, no }: { value: boolean; yes?: string; no?: string }) {
  const { t } = useTranslation();
  return (
    <Text span size="sm" fw={value ? 600 : 400}>
      {value ? (yes ?? t("common.yes")) : (no ?? t("common.no"))}
    </Text>
  );
}
