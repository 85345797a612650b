import "../../i18n/employers.ts";
import { Button, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateEmployerInput, type Employer, EmployerSector, EmployerStatus } from "../../../../schemas/employers.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { splitTrades } from "./queries.ts";

export interface EmployerValues {
  name: string;
  organisationNumber: string | null;
  sector: string;
  trades: string[];
  notes: string | null;
  status: string;
}

/** The employer's own fields, for both a new employer and a change; `onSubmit` gets checked values. */
export function EmployerForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: Employer;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: EmployerValues) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState({
    name: initial?.name ?? "",
    organisationNumber: initial?.organisationNumber ?? "",
    sector: initial?.sector ?? "private",
    trades: initial?.trades.join(", ") ?? "",
    notes: initial?.notes ?? "",
    status: initial?.status ?? "active",
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = mergeFieldErrors(clientErrors, error);
  useFocusFirstError(formRef, errors, attempt);
  const set = (key: keyof typeof values, value: string) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = CreateEmployerInput.safeParse({ ...values, trades: splitTrades(values.trades) });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    onSubmit(parsed.data);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm" maw={760}>
        <ErrorAlert error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t("employers.name")} required value={values.name} onChange={(e) => set("name", e.currentTarget.value)} error={errors.name} />
          <TextInput
            label={t("employers.organisationNumber")}
            description={t("employers.organisationNumberHelp")}
            value={values.organisationNumber}
            onChange={(e) => set("organisationNumber", e.currentTarget.value)}
            error={errors.organisationNumber}
          />
          <NativeSelect
            label={t("employers.sector")}
            value={values.sector}
            onChange={(e) => set("sector", e.currentTarget.value)}
            error={errors.sector}
            data={EmployerSector.options.map((s) => ({ value: s, label: t(`employers.sectors.${s}`) }))}
          />
          <NativeSelect
            label={t("employers.status")}
            value={values.status}
            onChange={(e) => set("status", e.currentTarget.value)}
            error={errors.status}
            data={EmployerStatus.options.map((s) => ({ value: s, label: t(`employers.statuses.${s}`) }))}
          />
        </SimpleGrid>
        <TextInput
          label={t("employers.trades")}
          description={t("employers.tradesHelp")}
          value={values.trades}
          onChange={(e) => set("trades", e.currentTarget.value)}
          error={errors.trades ?? errors["trades.0"]}
        />
        <Textarea
          label={t("employers.notes")}
          autosize
          minRows={2}
          value={values.notes}
          onChange={(e) => set("notes", e.currentTarget.value)}
          error={errors.notes}
        />
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t("common.cancel")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
