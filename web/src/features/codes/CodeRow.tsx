import { Button, Checkbox, NativeSelect, Stack, Table, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Code, NationalCategories, UpdateCodeInput } from "../../../../schemas/codes.ts";
import { ConflictAlert, changedFields, conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, zodFieldErrors } from "../../components/forms.ts";
import { codesQuery, updateCode } from "./queries.ts";

/** One code. Editable for managers: rename, remap to a national category, retire or bring back. */
export function CodeRow({ projectId, code, editable }: { projectId: string; code: Code; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const categories = NationalCategories[code.list];
  const categoryLabel = (value: string | null) => (value ? (categories.find((c) => c.value === value)?.label ?? value) : "–");
  const [label, setLabel] = useState(code.label);
  const [category, setCategory] = useState(code.nationalCategory ?? "");
  const [inUse, setInUse] = useState(!code.retired);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);

  const mutation = useMutation({
    mutationFn: (input: UpdateCodeInput) => updateCode(projectId, code.id, input),
    onMutate: () => setSaved(false),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: codesQuery(projectId).queryKey });
    },
  });
  const conflict = conflictOf(mutation.error);
  const current = conflict ? Code.safeParse(conflict.current) : null;
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  const dirty = label !== code.label || category !== (code.nationalCategory ?? "") || inUse === code.retired;

  function save() {
    const parsed = UpdateCodeInput.safeParse({
      version: code.version,
      ...(label !== code.label && { label }),
      ...(category !== (code.nationalCategory ?? "") && { nationalCategory: category || null }),
      ...(inUse === code.retired && { retired: !inUse }),
    });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  async function reload() {
    await queryClient.invalidateQueries({ queryKey: codesQuery(projectId).queryKey });
    if (current?.success) {
      setLabel(current.data.label);
      setCategory(current.data.nationalCategory ?? "");
      setInUse(!current.data.retired);
    }
    mutation.reset();
  }

  if (!editable) {
    return (
      <Table.Tr>
        <Table.Td>{code.label}</Table.Td>
        <Table.Td>
          <code>{code.code}</code>
        </Table.Td>
        <Table.Td>{categoryLabel(code.nationalCategory)}</Table.Td>
        <Table.Td>{code.retired ? t("codes.retired") : t("codes.active")}</Table.Td>
      </Table.Tr>
    );
  }

  return (
    <>
      <Table.Tr>
        <Table.Td>
          <TextInput
            aria-label={t("codes.labelFor", { code: code.code })}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            error={errors.label}
            size="sm"
          />
        </Table.Td>
        <Table.Td>
          <code>{code.code}</code>
        </Table.Td>
        <Table.Td>
          {categories.length > 0 ? (
            <NativeSelect
              aria-label={t("codes.categoryFor", { code: code.code })}
              value={category}
              onChange={(e) => setCategory(e.currentTarget.value)}
              error={errors.nationalCategory}
              size="sm"
            >
              <option value="">{t("codes.noCategory")}</option>
              {categories.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </NativeSelect>
          ) : (
            "–"
          )}
        </Table.Td>
        <Table.Td>
          <Checkbox
            label={t("codes.inUseLabel")}
            aria-label={t("codes.inUseFor", { code: code.code })}
            checked={inUse}
            onChange={(e) => setInUse(e.currentTarget.checked)}
          />
        </Table.Td>
        <Table.Td>
          <Stack gap={4} align="flex-start">
            <Button size="compact-sm" variant={dirty ? "filled" : "default"} onClick={save} loading={mutation.isPending} disabled={!dirty || conflict !== null}>
              {t("codes.save")}
              <VisuallyHidden> {code.label}</VisuallyHidden>
            </Button>
            {saved && !dirty && (
              <Text size="xs" role="status">
                {t("codes.saved")}
              </Text>
            )}
          </Stack>
        </Table.Td>
      </Table.Tr>
      {mutation.isError && (
        <Table.Tr>
          <Table.Td colSpan={5}>
            {conflict ? (
              <ConflictAlert
                message={conflict.message}
                changes={
                  current?.success
                    ? changedFields(code, current.data, [
                        { label: t("codes.label"), value: (c) => c.label },
                        { label: t("codes.nationalCategory"), value: (c) => categoryLabel(c.nationalCategory) },
                        { label: t("codes.inUse"), value: (c) => (c.retired ? t("codes.retired") : t("codes.active")) },
                      ])
                    : []
                }
                onReload={() => void reload()}
              />
            ) : (
              <ErrorAlert error={mutation.error} />
            )}
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
