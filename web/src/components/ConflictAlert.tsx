import { Alert, Button, Group, List, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type ApiError, isApiError } from "../api.ts";

export interface ConflictField<T> {
  label: string;
  value: (record: T) => string;
}

/** The stale-edit answer (409 with `error.current`), or null for any other outcome. */
export function conflictOf(error: unknown): ApiError | null {
  return isApiError(error, "conflict") && error.current !== undefined && error.current !== null ? error : null;
}

/** Which of the named fields differ between the record the user started from and the one now. */
export function changedFields<T>(base: T, current: T, fields: ConflictField<T>[]): { label: string; before: string; now: string }[] {
  return fields.map((f) => ({ label: f.label, before: f.value(base), now: f.value(current) })).filter((c) => c.before !== c.now);
}

/**
 * Someone else saved first. Say so, list what they changed, and offer to load the record as it
 * is now; the user then makes their change again.
 */
export function ConflictAlert({
  message,
  changes,
  onReload,
}: {
  message: string;
  changes: { label: string; before: string; now: string }[];
  onReload: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" role="alert" title={t("conflict.title")}>
      <Stack gap="sm">
        <Text size="sm">{message}</Text>
        {changes.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              {t("conflict.changed")}
            </Text>
            <List size="sm">
              {changes.map((c) => (
                <List.Item key={c.label}>{t("conflict.change", { field: c.label, before: c.before || "–", now: c.now || "–" })}</List.Item>
              ))}
            </List>
          </>
        )}
        <Group>
          <Button variant="default" onClick={onReload}>
            {t("conflict.reload")}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
