import { Checkbox, NativeSelect, Radio, Group as Row, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { GroupMode, GroupStatus } from "../../../../schemas/groups.ts";
import type { FieldErrors } from "../../components/forms.ts";
import { sortByName } from "../../format.ts";
import { coachesQuery, intakesQuery } from "../participants/queries.ts";

export interface DetailsValues {
  name: string;
  intakeId: string;
  leaderIds: string[];
  themePlan: string;
  mode: string;
  location: string;
  status: string;
}

/** The group's own fields, shared by the new-group form and the edit form. */
export function DetailsFields({
  projectId,
  values,
  onChange,
  errors,
}: {
  projectId: string;
  values: DetailsValues;
  onChange: (v: DetailsValues) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const coaches = useQuery(coachesQuery(projectId));
  const intakes = useQuery(intakesQuery(projectId));
  const set = <K extends keyof DetailsValues>(key: K, value: DetailsValues[K]) => onChange({ ...values, [key]: value });
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t("groups.fields.name")} required value={values.name} onChange={(e) => set("name", e.currentTarget.value)} error={errors.name} />
        <NativeSelect
          label={t("groups.fields.intake")}
          description={t("common.optional")}
          value={values.intakeId}
          onChange={(e) => set("intakeId", e.currentTarget.value)}
          error={errors.intakeId}
          data={[{ value: "", label: t("groups.fields.noIntake") }, ...(intakes.data?.intakes ?? []).map((i) => ({ value: i.id, label: i.name }))]}
        />
      </SimpleGrid>
      <Checkbox.Group label={t("groups.fields.leaders")} required value={values.leaderIds} onChange={(v) => set("leaderIds", v)} error={errors.leaderIds}>
        <Row gap="md" mt={4}>
          {sortByName(coaches.data?.coaches ?? [], (c) => c.name).map((c) => (
            <Checkbox key={c.id} value={c.id} label={c.name} />
          ))}
        </Row>
      </Checkbox.Group>
      <Radio.Group label={t("groups.fields.mode")} required value={values.mode} onChange={(v) => set("mode", v)} error={errors.mode}>
        <Row gap="md" mt={4}>
          {GroupMode.options.map((m) => (
            <Radio key={m} value={m} label={t(`groups.modes.${m}`)} />
          ))}
        </Row>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t("groups.fields.location")}
          description={t("common.optional")}
          value={values.location}
          onChange={(e) => set("location", e.currentTarget.value)}
          error={errors.location}
        />
        <NativeSelect
          label={t("groups.fields.status")}
          value={values.status}
          onChange={(e) => set("status", e.currentTarget.value)}
          error={errors.status}
          data={GroupStatus.options.map((s) => ({ value: s, label: t(`groups.statuses.${s}`) }))}
        />
      </SimpleGrid>
      <Textarea
        label={t("groups.fields.themePlan")}
        description={t("groups.fields.themePlanHelp")}
        autosize
        minRows={3}
        value={values.themePlan}
        onChange={(e) => set("themePlan", e.currentTarget.value)}
        error={errors.themePlan}
      />
    </Stack>
  );
}
