import { Button, Group, NumberInput, SimpleGrid, Stack, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type FollowUpSettings, UpdateFollowUpSettingsInput } from "../../../../schemas/placements.ts";
import { ConflictAlert, changedFields } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { useVersionedEdit } from "../../components/useVersionedEdit.ts";
import { followUpSettingsQuery, saveFollowUpSettings } from "./queries.ts";

/** The project's longest support before a warning and the top-up share new employments start with; managers change them. */
export function SupportSettingsPanel({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const settings = useQuery(followUpSettingsQuery(projectId));
  const [saved, setSaved] = useState("");
  return (
    <Panel title={t("templates.support")}>
      <Stack gap="sm">
        <Text size="sm">{t("templates.supportHelp")}</Text>
        {saved && <SuccessAlert>{saved}</SuccessAlert>}
        {settings.isPending ? (
          <Loading />
        ) : settings.isError ? (
          <ErrorAlert error={settings.error} />
        ) : canEdit ? (
          <SupportForm key={settings.data.version} projectId={projectId} settings={settings.data} onSaved={setSaved} />
        ) : (
          <ul>
            <li>{t("templates.supportMaxMonthsValue", { count: settings.data.supportMaxMonths })}</li>
            <li>{t("templates.topUpPercentValue", { percent: settings.data.topUpPercent })}</li>
          </ul>
        )}
      </Stack>
    </Panel>
  );
}

function SupportForm({ projectId, settings, onSaved }: { projectId: string; settings: FollowUpSettings; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const num = (v: number | string) => (typeof v === "number" ? v : v === "" ? Number.NaN : Number(v));
  const { base, values, setValues, errors, conflict, mutation, formRef, submit, reload } = useVersionedEdit({
    record: settings,
    valuesOf: (s): { supportMaxMonths: number | string; topUpPercent: number | string } => ({
      supportMaxMonths: s.supportMaxMonths,
      topUpPercent: s.topUpPercent,
    }),
    toInput: (v, version): UpdateFollowUpSettingsInput => ({ version, supportMaxMonths: num(v.supportMaxMonths), topUpPercent: num(v.topUpPercent) }),
    schema: UpdateFollowUpSettingsInput,
    save: (input: UpdateFollowUpSettingsInput) => saveFollowUpSettings(projectId, input),
    onSaved: async () => {
      onSaved(t("templates.supportSaved"));
      await queryClient.invalidateQueries({ queryKey: ["projects", projectId, "follow-up-settings"] });
    },
  });

  return (
    <form
      ref={formRef}
      onSubmit={(event) => {
        onSaved("");
        submit(event);
      }}
      noValidate
      aria-label={t("templates.support")}
    >
      <Stack gap="sm" maw={560}>
        {conflict ? (
          <ConflictAlert
            message={conflict.message}
            changes={changedFields(base, conflict.current as FollowUpSettings, [
              { label: t("templates.supportMaxMonths"), value: (s) => String(s.supportMaxMonths) },
              { label: t("templates.topUpPercent"), value: (s) => String(s.topUpPercent) },
            ])}
            onReload={reload}
          />
        ) : (
          <ErrorAlert error={mutation.error} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NumberInput
            label={t("templates.supportMaxMonths")}
            required
            min={1}
            max={36}
            allowDecimal={false}
            value={values.supportMaxMonths}
            onChange={(v) => setValues((x) => ({ ...x, supportMaxMonths: v }))}
            error={errors.supportMaxMonths}
          />
          <NumberInput
            label={t("templates.topUpPercent")}
            required
            min={0}
            max={100}
            decimalScale={2}
            value={values.topUpPercent}
            onChange={(v) => setValues((x) => ({ ...x, topUpPercent: v }))}
            error={errors.topUpPercent}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t("templates.saveSupport")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
