import "../../i18n/plan.ts";
import { Badge, Button, Group, NativeSelect, Radio, Stack, Table, TagsInput, Text, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { MAPPING_SECTIONS, Mapping, type MappingSections, type SensitiveSections } from "../../../../schemas/mapping.ts";
import { ConflictAlert, conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { mergeFieldErrors } from "../../components/forms.ts";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDateTime } from "../../format.ts";
import { ParticipantSubpage } from "../participants/participant/ParticipantSubpage.tsx";
import { participantQuery } from "../participants/queries.ts";
import { mappingQuery, saveMapping, sensitiveQuery } from "../plan/queries.ts";
import { EmployerSuggestions } from "./EmployerSuggestions.tsx";

type Values = { sections: Record<keyof MappingSections, string>; trades: string[] };
const valuesOf = (m: Mapping): Values => ({
  sections: Object.fromEntries(MAPPING_SECTIONS.map((k) => [k, m.sections[k] ?? ""])) as Values["sections"],
  trades: m.trades,
});
type SensitiveValues = { health: string; answer: string; note: string; askedOn: string };
const sensitiveValuesOf = (
  s: SensitiveSections | { health: string | null; violence: { answer: string | null; note: string | null; askedOn: string | null } },
): SensitiveValues => ({
  health: s.health ?? "",
  answer: s.violence.answer ?? "",
  note: s.violence.note ?? "",
  askedOn: s.violence.askedOn ?? "",
});

const route = getRouteApi("/app/deltagare/$enrolmentId/kartlaggning");

/** The mapping of one enrolment: a form per section, the sensitive ones behind an explicit "show", and every saved version. */
export function MappingPage() {
  const { t } = useTranslation();
  const { enrolmentId } = route.useParams();
  const [viewing, setViewing] = useState<number | null>(null);
  const current = useQuery(mappingQuery(enrolmentId));
  const participant = useQuery(participantQuery(enrolmentId));
  // Kept here: the form starts afresh (a new key) once the saved version has loaded.
  const [saved, setSaved] = useState(false);
  return (
    <ParticipantSubpage enrolmentId={enrolmentId} title={t("mapping.title")}>
      {current.isPending ? (
        <Loading />
      ) : current.isError ? (
        <ErrorAlert error={current.error} />
      ) : (
        <Stack gap="lg">
          <Text>{t("mapping.intro")}</Text>
          {viewing === null ? (
            <MappingForm key={current.data.version} enrolmentId={enrolmentId} mapping={current.data} saved={saved} onSaved={setSaved} />
          ) : (
            <OldVersion enrolmentId={enrolmentId} number={viewing} canSeeSensitive={current.data.canSeeSensitive} onClose={() => setViewing(null)} />
          )}
          {participant.data && <EmployerSuggestions projectId={participant.data.enrolment.projectId} trades={current.data.trades} />}
          <VersionHistory mapping={current.data} viewing={viewing} onView={setViewing} />
        </Stack>
      )}
    </ParticipantSubpage>
  );
}

function MappingForm({ enrolmentId, mapping, saved, onSaved }: { enrolmentId: string; mapping: Mapping; saved: boolean; onSaved: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(valuesOf(mapping));
  const [sensitive, setSensitive] = useState<SensitiveValues | null>(null);
  const mutation = useMutation({
    mutationFn: () =>
      saveMapping(enrolmentId, {
        version: mapping.version,
        sections: values.sections,
        trades: values.trades,
        ...(sensitive && {
          sensitive: {
            health: sensitive.health,
            violence: { answer: (sensitive.answer || null) as "yes" | "no" | "declined" | null, note: sensitive.note, askedOn: sensitive.askedOn || null },
          },
        }),
      }),
    onSuccess: async () => {
      onSaved(true);
      await queryClient.invalidateQueries({ queryKey: ["enrolment", enrolmentId] });
    },
  });
  const errors = mergeFieldErrors({}, mutation.error);
  const conflict = conflictOf(mutation.error);
  const now = conflict ? Mapping.safeParse(conflict.current) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    onSaved(false);
    mutation.mutate();
  }

  async function reload() {
    mutation.reset();
    await queryClient.invalidateQueries({ queryKey: ["enrolment", enrolmentId] });
  }

  const setSection = (k: keyof MappingSections, v: string) => setValues((old) => ({ ...old, sections: { ...old.sections, [k]: v } }));
  return (
    <form onSubmit={submit} noValidate aria-label={t("mapping.formLabel")}>
      <Stack gap="lg">
        <Text size="sm" c="dimmed">
          {mapping.version === 0
            ? t("mapping.notSaved")
            : t("mapping.currentVersion", { number: mapping.version, at: formatDateTime(mapping.createdAt), by: mapping.createdByName ?? "–" })}
        </Text>
        <Panel title={t("mapping.ordinaryTitle")}>
          <Stack gap="md">
            {MAPPING_SECTIONS.map((k) => (
              <Stack key={k} gap="xs">
                <Textarea
                  label={t(`mapping.sections.${k}`)}
                  description={t(`mapping.hints.${k}`)}
                  autosize
                  minRows={2}
                  value={values.sections[k]}
                  onChange={(e) => setSection(k, e.currentTarget.value)}
                  error={errors[`sections.${k}`]}
                />
                {k === "interests" && (
                  <TagsInput
                    label={t("mapping.trades")}
                    description={t("mapping.tradesHint")}
                    value={values.trades}
                    onChange={(trades) => setValues((old) => ({ ...old, trades }))}
                    error={errors.trades ?? Object.entries(errors).find(([f]) => f.startsWith("trades."))?.[1]}
                    clearable
                  />
                )}
              </Stack>
            ))}
          </Stack>
        </Panel>
        <SensitivePanel
          enrolmentId={enrolmentId}
          number={mapping.version}
          canSee={mapping.canSeeSensitive}
          values={sensitive}
          onChange={setSensitive}
          errors={errors}
        />
        {conflict ? (
          <ConflictAlert
            message={conflict.message}
            changes={
              now?.success
                ? MAPPING_SECTIONS.filter((k) => (now.data.sections[k] ?? "") !== (mapping.sections[k] ?? "")).map((k) => ({
                    label: t(`mapping.sections.${k}`),
                    before: mapping.sections[k] ?? "",
                    now: now.data.sections[k] ?? "",
                  }))
                : []
            }
            onReload={() => void reload()}
          />
        ) : (
          <ErrorAlert error={mutation.error} />
        )}
        {saved && <SuccessAlert>{t("mapping.saved")}</SuccessAlert>}
        <Group>
          <Button type="submit" loading={mutation.isPending} disabled={conflict !== null}>
            {t("mapping.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Health and violence: marked as sensitive, closed until the user opens them (each opening is logged). */
function SensitivePanel({
  enrolmentId,
  number,
  canSee,
  values,
  onChange,
  errors,
  readOnly = false,
}: {
  enrolmentId: string;
  number: number;
  canSee: boolean;
  values: SensitiveValues | null;
  onChange: (v: SensitiveValues | null) => void;
  errors: Record<string, string>;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const data = useQuery({ ...sensitiveQuery(enrolmentId, number), enabled: open && canSee });
  const loaded = data.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: adopt the loaded sections once per opening.
  useEffect(() => {
    if (open && loaded && values === null) onChange(sensitiveValuesOf(loaded.sensitive));
  }, [open, loaded]);
  const set = (patch: Partial<SensitiveValues>) => values && onChange({ ...values, ...patch });
  return (
    <Panel title={t("mapping.sensitiveTitle")}>
      <Stack gap="md">
        <Group gap="sm">
          <Badge color="red" variant="outline" tt="none" className="status-badge">
            {t("mapping.sensitiveBadge")}
          </Badge>
          <Text size="sm">{t("mapping.sensitiveExplain")}</Text>
        </Group>
        {!canSee ? (
          <Text>{t("mapping.sensitiveNoAccess")}</Text>
        ) : !open ? (
          <Group>
            <Button variant="default" onClick={() => setOpen(true)} aria-expanded={false}>
              {t("mapping.showSensitive")}
            </Button>
            <Text size="xs" c="dimmed">
              {t("mapping.showLogged")}
            </Text>
          </Group>
        ) : data.isPending ? (
          <Loading />
        ) : data.isError ? (
          <ErrorAlert error={data.error} />
        ) : values ? (
          <Stack gap="md">
            <Group>
              <Button
                variant="default"
                aria-expanded
                onClick={() => {
                  setOpen(false);
                  onChange(null);
                }}
              >
                {readOnly ? t("mapping.hideSensitive") : t("mapping.hideSensitiveDiscard")}
              </Button>
            </Group>
            <Textarea
              label={t("mapping.sections.health")}
              description={t("mapping.hints.health")}
              autosize
              minRows={2}
              readOnly={readOnly}
              value={values.health}
              onChange={(e) => set({ health: e.currentTarget.value })}
              error={errors["sensitive.health"]}
            />
            <Radio.Group
              label={t("mapping.violenceQuestion")}
              description={t("mapping.violenceHint")}
              value={values.answer}
              onChange={(answer) => !readOnly && set({ answer })}
              error={errors["sensitive.violence.answer"]}
            >
              <Group mt="xs">
                {(["", "yes", "no", "declined"] as const).map((a) => (
                  <Radio key={a || "none"} value={a} label={t(`mapping.violence.${a || "notAsked"}`)} disabled={readOnly && values.answer !== a} />
                ))}
              </Group>
            </Radio.Group>
            <TextInput
              type="date"
              label={t("mapping.askedOn")}
              readOnly={readOnly}
              value={values.askedOn}
              onChange={(e) => set({ askedOn: e.currentTarget.value })}
              error={errors["sensitive.violence.askedOn"]}
            />
            <Textarea
              label={t("mapping.violenceNote")}
              autosize
              minRows={2}
              readOnly={readOnly}
              value={values.note}
              onChange={(e) => set({ note: e.currentTarget.value })}
              error={errors["sensitive.violence.note"]}
            />
          </Stack>
        ) : null}
      </Stack>
    </Panel>
  );
}

function OldVersion({ enrolmentId, number, canSeeSensitive, onClose }: { enrolmentId: string; number: number; canSeeSensitive: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const old = useQuery(mappingQuery(enrolmentId, number));
  const [sensitive, setSensitive] = useState<SensitiveValues | null>(null);
  if (old.isPending) return <Loading />;
  if (old.isError) return <ErrorAlert error={old.error} />;
  const m = old.data;
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text fw={600}>{t("mapping.viewingVersion", { number: m.number, at: formatDateTime(m.createdAt), by: m.createdByName ?? "–" })}</Text>
        <Button variant="default" onClick={onClose}>
          {t("mapping.backToCurrent")}
        </Button>
      </Group>
      <Panel title={t("mapping.ordinaryTitle")}>
        <dl className="facts">
          {MAPPING_SECTIONS.map((k) => (
            <FactRow key={k} label={t(`mapping.sections.${k}`)} value={m.sections[k]} />
          ))}
          <FactRow label={t("mapping.trades")} value={m.trades.join(", ")} />
        </dl>
      </Panel>
      <SensitivePanel enrolmentId={enrolmentId} number={m.number} canSee={canSeeSensitive} values={sensitive} onChange={setSensitive} errors={{}} readOnly />
    </Stack>
  );
}

function FactRow({ label, value }: { label: string; value: string | null }) {
  return (
    <>
      <dt>{label}</dt>
      <dd style={{ whiteSpace: "pre-wrap" }}>{value || "–"}</dd>
    </>
  );
}

function VersionHistory({ mapping, viewing, onView }: { mapping: Mapping; viewing: number | null; onView: (n: number | null) => void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState("");
  if (mapping.versions.length === 0) return null;
  return (
    <Panel title={t("mapping.historyTitle")}>
      <Stack gap="md">
        <TableScroll label={t("mapping.historyTitle")} minWidth={420}>
          <Table>
            <Table.Caption>{t("mapping.historyCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("mapping.version")}</Table.Th>
                <Table.Th scope="col">{t("mapping.savedAt")}</Table.Th>
                <Table.Th scope="col">{t("mapping.savedBy")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mapping.versions.map((v) => (
                <Table.Tr key={v.number} aria-current={viewing === v.number ? "true" : undefined}>
                  <Table.Td>
                    {v.number}
                    {v.number === mapping.version ? ` (${t("mapping.current")})` : ""}
                  </Table.Td>
                  <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
                  <Table.Td>{v.createdByName ?? "–"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <Group align="flex-end">
          <NativeSelect
            label={t("mapping.chooseVersion")}
            value={chosen}
            onChange={(e) => setChosen(e.currentTarget.value)}
            data={[
              { value: "", label: t("common.choose") },
              ...mapping.versions.map((v) => ({
                value: String(v.number),
                label: t("mapping.versionOption", { number: v.number, at: formatDateTime(v.createdAt) }),
              })),
            ]}
          />
          <Button variant="default" disabled={!chosen} onClick={() => onView(Number(chosen) === mapping.version ? null : Number(chosen))}>
            {t("mapping.showVersion")}
          </Button>
        </Group>
      </Stack>
    </Panel>
  );
}
