import { Button, Group, NativeSelect, Stack, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateUnitInput, type OrgStructure } from "../../../../../schemas/admin.ts";
import { ErrorAlert, SuccessAlert } from "../../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../../components/forms.ts";
import { sortByName } from "../../../format.ts";
import { createUnit } from "./queries.ts";

/** A unit (e.g. an AME) inside an organisation; projects belong to a unit. */
export function CreateUnitForm({ structure }: { structure: OrgStructure }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const organisations = sortByName(structure.organisations, (o) => o.name);
  const only = organisations.length === 1 ? organisations[0] : undefined;
  const [organisationId, setOrganisationId] = useState(only?.id ?? "");
  const [name, setName] = useState("");
  const [added, setAdded] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const mutation = useMutation({
    mutationFn: createUnit,
    onMutate: () => setAdded(""),
    onSuccess: async (unit) => {
      setAdded(unit.name);
      setName("");
      await queryClient.invalidateQueries({ queryKey: ["admin", "structure"] });
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = CreateUnitInput.safeParse({ organisationId, name });
    if (!parsed.success) {
      const found = zodFieldErrors(parsed.error);
      if (found.organisationId) found.organisationId = t("adminProjects.chooseOrganisationError");
      setClientErrors(found);
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        {added && <SuccessAlert>{t("adminProjects.unitCreated", { name: added })}</SuccessAlert>}
        <ErrorAlert error={mutation.error} />
        <NativeSelect
          label={t("adminProjects.organisation")}
          required
          value={organisationId}
          onChange={(e) => setOrganisationId(e.currentTarget.value)}
          error={errors.organisationId}
        >
          <option value="">{t("adminProjects.chooseOrganisation")}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </NativeSelect>
        <TextInput label={t("adminProjects.unitName")} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
        <Group>
          <Button type="submit" variant="default" loading={mutation.isPending}>
            {t("adminProjects.createUnit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
