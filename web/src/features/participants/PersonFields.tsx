import { Checkbox, Group, Radio, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Gender, type Person, type PersonInput, type UpdatePersonInput } from "../../../../schemas/participants.ts";
import type { FieldErrors } from "../../components/forms.ts";

export interface PersonValues {
  firstName: string;
  lastName: string;
  gender: string;
  personnummer: string;
  birthDate: string;
  protectedIdentity: boolean;
  phone: string;
  email: string;
  address: string;
  postalCode: string;
  city: string;
  language: string;
  interpreterNeeded: boolean;
}

export const emptyPerson: PersonValues = {
  firstName: "",
  lastName: "",
  gender: "",
  personnummer: "",
  birthDate: "",
  protectedIdentity: false,
  phone: "",
  email: "",
  address: "",
  postalCode: "",
  city: "",
  language: "",
  interpreterNeeded: false,
};

/** The form's values for a registered person; the personnummer field starts empty (it is masked). */
export function personValuesOf(p: Person): PersonValues {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    gender: p.gender,
    personnummer: "",
    birthDate: p.birthDate,
    protectedIdentity: p.protectedIdentity,
    phone: p.phone ?? "",
    email: p.email ?? "",
    address: p.address ?? "",
    postalCode: p.postalCode ?? "",
    city: p.city ?? "",
    language: p.language ?? "",
    interpreterNeeded: p.interpreterNeeded,
  };
}

/** A new person as the API takes it; the shared schema checks it before it is sent. */
export function personInputOf(v: PersonValues): PersonInput {
  const gender = Gender.safeParse(v.gender);
  return {
    firstName: v.firstName,
    lastName: v.lastName,
    gender: (gender.success ? gender.data : undefined) as Gender,
    birthDate: v.birthDate || undefined,
    personnummer: v.protectedIdentity ? null : v.personnummer.trim() || null,
    protectedIdentity: v.protectedIdentity,
    phone: v.phone,
    email: v.email,
    address: v.protectedIdentity ? null : v.address,
    postalCode: v.protectedIdentity ? null : v.postalCode,
    // With protected identity the town is kept (it is not an address); the DIS forms never print it.
    city: v.city,
    language: v.language,
    interpreterNeeded: v.interpreterNeeded,
  };
}

/** Only what the user changed, with the version the edit started from. */
export function personChangesOf(before: Person, v: PersonValues): UpdatePersonInput {
  const was = personValuesOf(before);
  const changes: UpdatePersonInput = { version: before.version };
  const text = ["firstName", "lastName", "phone", "email", "address", "postalCode", "city", "language"] as const;
  for (const key of text) if (v[key].trim() !== was[key]) changes[key] = v[key].trim();
  const gender = Gender.safeParse(v.gender);
  if (v.gender !== was.gender) changes.gender = (gender.success ? gender.data : undefined) as Gender;
  if (v.birthDate !== was.birthDate) changes.birthDate = v.birthDate;
  if (v.protectedIdentity !== was.protectedIdentity) changes.protectedIdentity = v.protectedIdentity;
  if (v.interpreterNeeded !== was.interpreterNeeded) changes.interpreterNeeded = v.interpreterNeeded;
  if (v.personnummer.trim() && !v.protectedIdentity) changes.personnummer = v.personnummer.trim();
  if (v.protectedIdentity) {
    delete changes.address;
    delete changes.postalCode;
  }
  return changes;
}

/**
 * Name, gender, identity and contact details. With protected identity (skyddad identitet) the
 * personnummer, address and postal code fields go away: they are not stored at all. The town
 * stays, as the server keeps it, and is never printed on the DIS forms.
 */
export function PersonFields({
  values,
  onChange,
  errors,
  prefix = "",
  maskedPersonnummer,
}: {
  values: PersonValues;
  onChange: (next: PersonValues) => void;
  errors: FieldErrors;
  /** Where the server puts this person's fields in its error paths, e.g. "person.". */
  prefix?: string;
  /** Editing: the registered number, masked; the field then changes it only when filled in. */
  maskedPersonnummer?: string | null;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof PersonValues>(key: K, value: PersonValues[K]) => onChange({ ...values, [key]: value });
  const err = (key: string) => errors[`${prefix}${key}`];
  const editing = maskedPersonnummer !== undefined;

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t("person.firstName")}
          required
          value={values.firstName}
          onChange={(e) => set("firstName", e.currentTarget.value)}
          error={err("firstName")}
          autoComplete="off"
        />
        <TextInput
          label={t("person.lastName")}
          required
          value={values.lastName}
          onChange={(e) => set("lastName", e.currentTarget.value)}
          error={err("lastName")}
          autoComplete="off"
        />
      </SimpleGrid>
      <Radio.Group label={t("person.gender")} required value={values.gender} onChange={(v) => set("gender", v)} error={err("gender")}>
        <Group gap="lg" mt={4}>
          {Gender.options.map((g) => (
            <Radio key={g} value={g} label={t(`gender.${g}`)} />
          ))}
        </Group>
      </Radio.Group>
      <Checkbox
        label={t("person.protectedIdentity")}
        description={t("person.protectedIdentityHelp")}
        checked={values.protectedIdentity}
        onChange={(e) => set("protectedIdentity", e.currentTarget.checked)}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {!values.protectedIdentity && (
          <TextInput
            label={t("person.personnummer")}
            description={
              editing
                ? maskedPersonnummer
                  ? t("person.personnummerKeep", { masked: maskedPersonnummer })
                  : t("person.personnummerNone")
                : t("person.personnummerHelp")
            }
            value={values.personnummer}
            onChange={(e) => set("personnummer", e.currentTarget.value)}
            error={err("personnummer")}
            autoComplete="off"
            inputMode="numeric"
          />
        )}
        <TextInput
          label={t("person.birthDate")}
          description={t("person.birthDateHelp")}
          type="date"
          value={values.birthDate}
          onChange={(e) => set("birthDate", e.currentTarget.value)}
          error={err("birthDate")}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t("person.phone")}
          description={t("common.optional")}
          type="tel"
          value={values.phone}
          onChange={(e) => set("phone", e.currentTarget.value)}
          error={err("phone")}
          autoComplete="off"
        />
        <TextInput
          label={t("person.email")}
          description={t("common.optional")}
          type="email"
          value={values.email}
          onChange={(e) => set("email", e.currentTarget.value)}
          error={err("email")}
          autoComplete="off"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: values.protectedIdentity ? 2 : 3 }} spacing="sm">
        {!values.protectedIdentity && (
          <>
            <TextInput
              label={t("person.address")}
              description={t("common.optional")}
              value={values.address}
              onChange={(e) => set("address", e.currentTarget.value)}
              error={err("address")}
              autoComplete="off"
            />
            <TextInput
              label={t("person.postalCode")}
              description={t("common.optional")}
              value={values.postalCode}
              onChange={(e) => set("postalCode", e.currentTarget.value)}
              error={err("postalCode")}
              autoComplete="off"
            />
          </>
        )}
        <TextInput
          label={t("person.city")}
          description={values.protectedIdentity ? t("person.cityProtectedHelp") : t("common.optional")}
          value={values.city}
          onChange={(e) => set("city", e.currentTarget.value)}
          error={err("city")}
          autoComplete="off"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t("person.language")}
          description={t("common.optional")}
          value={values.language}
          onChange={(e) => set("language", e.currentTarget.value)}
          error={err("language")}
          autoComplete="off"
        />
        <Checkbox
          mt={{ sm: 30 }}
          label={t("person.interpreterNeeded")}
          checked={values.interpreterNeeded}
          onChange={(e) => set("interpreterNeeded", e.currentTarget.checked)}
          error={err("interpreterNeeded")}
        />
      </SimpleGrid>
    </Stack>
  );
}
