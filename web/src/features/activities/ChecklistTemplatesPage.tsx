import "../../i18n/activities.ts";
import { Badge, Button, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ChecklistTemplate, FollowUpRule, FollowUpSettings } from "../../../../schemas/placements.ts";
import { conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { ProjectSubpage } from "../participants/ProjectSubpage.tsx";
import { useProjectAccess } from "../projects/access.ts";
import { ruleLabel } from "./labels.ts";
import { addTemplateItem, followUpSettingsQuery, reorderTemplate, saveFollowUpSettings, templatesQuery, updateTemplateItem } from "./queries.ts";
import { SupportSettingsPanel } from "./SupportSettingsPanel.tsx";

const route = getRouteApi("/app/projekt/$projectId/checklistor");

/** The project's checklists per activity type and its schedule of workplace follow-ups; managers change them. */
export function ChecklistTemplatesPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const access = useProjectAccess(projectId);
  return (
    <ProjectSubpage projectId={projectId} title={t("templates.title")}>
      <Stack gap="lg">
        {!access.manage && <Text>{t("templates.readOnly")}</Text>}
        <FollowUpSettingsPanel projectId={projectId} canEdit={access.manage} />
        <SupportSettingsPanel projectId={projectId} canEdit={access.manage} />
        <TemplatesPanel projectId={projectId} canEdit={access.manage} />
      </Stack>
    </ProjectSubpage>
  );
}

function useSaved() {
  const [saved, setSaved] = useState("");
  return { saved, setSaved };
}

function TemplatesPanel({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const templates = useQuery(templatesQuery(projectId));
  const [type, setType] = useState("praktik");
  if (templates.isPending) return <Loading />;
  if (templates.isError) return <ErrorAlert error={templates.error} />;
  const list = templates.data.templates;
  const current = list.find((x) => x.typeCode === type) ?? list[0];
  return (
    <Panel title={t("templates.checklists")}>
      <Stack gap="md">
        <Text size="sm">{t("templates.help")}</Text>
        <NativeSelect label={t("templates.type")} value={current?.typeCode ?? ""} onChange={(e) => setType(e.currentTarget.value)} maw={360}>
          {list.map((x) => (
            <option key={x.typeCode} value={x.typeCode}>
              {t("templates.typeOption", { type: x.typeLabel, count: x.items.filter((i) => !i.retired).length })}
            </option>
          ))}
        </NativeSelect>
        {current && <TemplateEditor key={current.typeCode} projectId={projectId} template={current} canEdit={canEdit} />}
      </Stack>
    </Panel>
  );
}

function TemplateEditor({ projectId, template, canEdit }: { projectId: string; template: ChecklistTemplate; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { saved, setSaved } = useSaved();
  const [renaming, setRenaming] = useState<{ id: string; label: string } | null>(null);
  const [newLabel, setNewLabel] = useState("");
  const mutation = useMutation({
    mutationFn: (change: () => Promise<unknown>) => change(),
    onSuccess: () => setSaved(t("templates.saved")),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["projects", projectId, "checklist-templates"] }),
  });
  const fieldError = (field: string) => (mutation.error as { fields?: Record<string, string> } | null)?.fields?.[field];
  const v = template.version;
  const move = (index: number, by: number) => {
    const ids = template.items.map((i) => i.id);
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + by, 0, id);
    setSaved("");
    mutation.mutate(() => reorderTemplate(projectId, template.typeCode, { version: v, itemIds: ids }));
  };
  function add(event: FormEvent) {
    event.preventDefault();
    setSaved("");
    mutation.mutate(async () => {
      await addTemplateItem(projectId, template.typeCode, { version: v, label: newLabel });
      setNewLabel("");
    });
  }
  function rename(event: FormEvent) {
    event.preventDefault();
    if (!renaming) return;
    setSaved("");
    mutation.mutate(async () => {
      await updateTemplateItem(renaming.id, { version: v, label: renaming.label });
      setRenaming(null);
    });
  }
  const caption = t("templates.caption", { type: template.typeLabel });
  return (
    <Stack gap="sm">
      {saved && <SuccessAlert>{saved}</SuccessAlert>}
      <ErrorAlert error={mutation.error} title={conflictOf(mutation.error) ? t("conflict.title") : undefined} />
      {template.items.length === 0 ? (
        <Text>{t("templates.empty")}</Text>
      ) : (
        <TableScroll minWidth={640} label={caption}>
          <Table verticalSpacing="xs">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("templates.number")}</Table.Th>
                <Table.Th scope="col">{t("templates.step")}</Table.Th>
                <Table.Th scope="col">{t("templates.inUse")}</Table.Th>
                {canEdit && <Table.Th scope="col">{t("templates.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {template.items.map((item, index) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{index + 1}</Table.Td>
                  <Table.Td>
                    {renaming?.id === item.id ? (
                      <form onSubmit={rename} aria-label={t("templates.renameStep", { number: index + 1 })}>
                        <Group gap="xs" align="flex-end">
                          <TextInput
                            label={t("templates.newName")}
                            value={renaming.label}
                            onChange={(e) => {
                              const label = e.currentTarget.value;
                              setRenaming({ id: item.id, label });
                            }}
                            error={fieldError("label")}
                            style={{ flex: 1 }}
                          />
                          <Button type="submit" size="xs" loading={mutation.isPending}>
                            {t("templates.save")}
                          </Button>
                          <Button size="xs" variant="subtle" onClick={() => setRenaming(null)}>
                            {t("common.cancel")}
                          </Button>
                        </Group>
                      </form>
                    ) : (
                      item.label
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color={item.retired ? "gray" : "green"} tt="none" className="status-badge">
                      {item.retired ? t("templates.retired") : t("templates.active")}
                    </Badge>
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          disabled={index === 0 || mutation.isPending}
                          aria-label={t("templates.moveUp", { number: index + 1 })}
                          onClick={() => move(index, -1)}
                        >
                          {t("templates.up")}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          disabled={index === template.items.length - 1 || mutation.isPending}
                          aria-label={t("templates.moveDown", { number: index + 1 })}
                          onClick={() => move(index, 1)}
                        >
                          {t("templates.down")}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={t("templates.renameStep", { number: index + 1 })}
                          onClick={() => setRenaming({ id: item.id, label: item.label })}
                        >
                          {t("templates.rename")}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={t(item.retired ? "templates.restoreStep" : "templates.retireStep", { number: index + 1 })}
                          onClick={() => {
                            setSaved("");
                            mutation.mutate(() => updateTemplateItem(item.id, { version: v, retired: !item.retired }));
                          }}
                        >
                          {item.retired ? t("templates.restore") : t("templates.retire")}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {canEdit && (
        <form onSubmit={add} aria-label={t("templates.addStep")}>
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t("templates.addStep")}
              value={newLabel}
              onChange={(e) => setNewLabel(e.currentTarget.value)}
              error={renaming ? undefined : fieldError("label")}
              style={{ flex: 1 }}
              maw={560}
            />
            <Button type="submit" loading={mutation.isPending}>
              {t("templates.add")}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

function FollowUpSettingsPanel({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const settings = useQuery(followUpSettingsQuery(projectId));
  // The form starts anew from each saved version, so the confirmation lives here.
  const [saved, setSaved] = useState("");
  return (
    <Panel title={t("templates.followUps")}>
      {saved && <SuccessAlert>{saved}</SuccessAlert>}
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} />
      ) : canEdit ? (
        <RulesForm key={settings.data.version} projectId={projectId} settings={settings.data} onSaved={setSaved} />
      ) : (
        <ul>
          {settings.data.rules.map((r) => (
            <li key={`${r.anchor}${r.unit}${r.amount}`}>{ruleLabel(t, r)}</li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function RulesForm({ projectId, settings, onSaved }: { projectId: string; settings: FollowUpSettings; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Each row keeps its own key while rows are added and removed.
  const [rules, setRules] = useState<(FollowUpRule & { key: number })[]>(() => settings.rules.map((r, i) => ({ ...r, key: i })));
  const mutation = useMutation({
    mutationFn: () => saveFollowUpSettings(projectId, { version: settings.version, rules: rules.map(({ key: _key, ...r }) => r) }),
    onSuccess: async () => {
      onSaved(t("templates.followUpsSaved"));
      await queryClient.invalidateQueries({ queryKey: ["projects", projectId, "follow-up-settings"] });
    },
  });
  const fields = (mutation.error as { fields?: Record<string, string> } | null)?.fields ?? {};
  const set = (i: number, patch: Partial<FollowUpRule>) => setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSaved("");
        mutation.mutate();
      }}
      aria-label={t("templates.followUps")}
    >
      <Stack gap="sm">
        <Text size="sm">{t("templates.followUpsHelp")}</Text>
        <ErrorAlert error={mutation.error} />
        {rules.map((r, i) => (
          <fieldset key={r.key} className="fieldset">
            <legend>{t("templates.followUpNumber", { number: i + 1, rule: ruleLabel(t, r) })}</legend>
            <Group align="flex-end" gap="sm">
              <NumberInput
                label={t("templates.amount")}
                min={0}
                max={36}
                value={r.amount}
                onChange={(v) => set(i, { amount: typeof v === "number" ? v : Number(v) || 0 })}
                error={fields[`rules.${i}.amount`]}
                w={120}
              />
              <NativeSelect label={t("templates.unit")} value={r.unit} onChange={(e) => set(i, { unit: e.currentTarget.value as FollowUpRule["unit"] })}>
                <option value="days">{t("templates.unitDays")}</option>
                <option value="months">{t("templates.unitMonths")}</option>
              </NativeSelect>
              <NativeSelect
                label={t("templates.anchor")}
                value={r.anchor}
                onChange={(e) => set(i, { anchor: e.currentTarget.value as FollowUpRule["anchor"] })}
              >
                <option value="start">{t("templates.anchorStart")}</option>
                <option value="end">{t("templates.anchorEnd")}</option>
              </NativeSelect>
              <Button variant="subtle" color="red.9" onClick={() => setRules((rs) => rs.filter((_, j) => j !== i))} disabled={rules.length === 1}>
                {t("templates.removeFollowUp", { number: i + 1 })}
              </Button>
            </Group>
          </fieldset>
        ))}
        {fields.rules && (
          <Text c="red.9" size="sm" role="alert">
            {fields.rules}
          </Text>
        )}
        <Group>
          <Button
            variant="default"
            onClick={() => setRules((rs) => [...rs, { anchor: "start", unit: "days", amount: 14, key: Math.max(0, ...rs.map((x) => x.key)) + 1 }])}
            disabled={rules.length >= 8}
          >
            {t("templates.addFollowUp")}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t("templates.saveFollowUps")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
