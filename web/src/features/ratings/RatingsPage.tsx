import "../../i18n/ratings.ts";
import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { type Instrument, type Licence, type Score, ScoreInput, ScoreUpdate } from "../../../../schemas/ratings.ts";
import { conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { formatDate, todayIso } from "../../format.ts";
import { participantGroupsQuery } from "../groups/queries.ts";
import { ParticipantSubpage } from "../participants/participant/ParticipantSubpage.tsx";
import { participantQuery } from "../participants/queries.ts";
import { AnswerOnBehalf } from "./AnswerOnBehalf.tsx";
import { createScore, instrumentsQuery, scoresQuery, updateScore } from "./queries.ts";
import { ScoreChart } from "./ScoreChart.tsx";
import { parseNumber, useSchemaForm } from "./useSchemaForm.ts";

const route = getRouteApi("/app/deltagare/$enrolmentId/skattningar");

/** A participant's GSRS, ORS and SRS scores: enter a paper form, see the history with alerts, answer questionnaires on their behalf. */
export function RatingsPage() {
  const { t } = useTranslation();
  const { enrolmentId } = route.useParams();
  return (
    <ParticipantSubpage enrolmentId={enrolmentId} title={t("ratings.pageTitle")}>
      <RatingsContent enrolmentId={enrolmentId} />
    </ParticipantSubpage>
  );
}

function RatingsContent({ enrolmentId }: { enrolmentId: string }) {
  const { t, i18n } = useTranslation();
  const page = useQuery(participantQuery(enrolmentId));
  const projectId = page.data?.enrolment.projectId ?? "";
  const instruments = useQuery({ ...instrumentsQuery(projectId), enabled: Boolean(projectId) });
  const scores = useQuery(scoresQuery(enrolmentId));
  const [editing, setEditing] = useState<Score | null>(null);
  if (instruments.isPending || scores.isPending) return <Loading />;
  if (instruments.isError || scores.isError) return <ErrorAlert error={instruments.error ?? scores.error} />;
  const list = instruments.data.instruments;
  const exited = Boolean(page.data?.enrolment.exit);
  return (
    <Stack gap="lg">
      <LicenceNotice licence={instruments.data.licence} />
      {!exited && (
        <div id="score-form">
          <Panel title={editing ? t("ratings.correctTitle", { date: formatDate(editing.ratedOn) }) : t("ratings.enterTitle")}>
            <ScoreForm key={editing?.id ?? "new"} enrolmentId={enrolmentId} instruments={list} editing={editing} onDone={() => setEditing(null)} />
          </Panel>
        </div>
      )}
      {list.map((instrument) => {
        const own = scores.data.scores.filter((s) => s.instrument === instrument.code);
        return (
          <Panel key={instrument.code} title={i18n.language === "en" ? instrument.nameEn : instrument.nameSv}>
            {own.length === 0 ? (
              <Text>{t("ratings.noScores")}</Text>
            ) : (
              <ScoreChart
                instrument={instrument}
                scores={own}
                language={i18n.language}
                onEdit={
                  exited
                    ? undefined
                    : (score) => {
                        setEditing(score);
                        requestAnimationFrame(() => {
                          const el = document.getElementById("score-form");
                          el?.scrollIntoView();
                          el?.querySelector<HTMLElement>("input:not([disabled]), select:not([disabled])")?.focus();
                        });
                      }
                }
              />
            )}
          </Panel>
        );
      })}
      <Panel title={t("questionnaires.onBehalfTitle")}>
        <AnswerOnBehalf enrolmentId={enrolmentId} />
      </Panel>
    </Stack>
  );
}

function LicenceNotice({ licence }: { licence: Licence }) {
  const { t } = useTranslation();
  if (licence.valid) return <Text size="sm">{t("ratings.licence.valid", { holder: licence.holder, date: formatDate(licence.validUntil) })}</Text>;
  return (
    <Alert variant="light" color="yellow" title={t("ratings.licence.missingTitle")}>
      {t("ratings.licence.missing")}
    </Alert>
  );
}

type Values = { instrument: string; ratedOn: string; contextKind: string; contextId: string; contextLabel: string; items: Record<string, string> };

function ScoreForm({
  enrolmentId,
  instruments,
  editing,
  onDone,
}: {
  enrolmentId: string;
  instruments: Instrument[];
  editing: Score | null;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const empty = (): Values => ({
    instrument: instruments[0]?.code ?? "gsrs",
    ratedOn: todayIso(),
    contextKind: "",
    contextId: "",
    contextLabel: "",
    items: {},
  });
  // The participant's held group sessions, so a GSRS can name the real session it was given at.
  const groups = useQuery(participantGroupsQuery(enrolmentId));
  const sessions = (groups.data?.groups ?? []).flatMap((g) => g.sessions.filter((s) => s.date <= todayIso()).map((s) => ({ ...s, groupName: g.groupName })));
  const [values, setValues] = useState<Values>(() =>
    editing
      ? {
          instrument: editing.instrument,
          ratedOn: editing.ratedOn,
          contextKind: editing.context?.kind ?? "",
          contextId: editing.context?.id ?? "",
          contextLabel: editing.context?.label ?? "",
          items: Object.fromEntries(Object.entries(editing.items).map(([k, v]) => [k, String(v).replace(".", ",")])),
        }
      : empty(),
  );
  const [saved, setSaved] = useState("");
  const form = useSchemaForm(
    (editing ? ScoreUpdate : ScoreInput) as z.ZodType<ScoreInput | ScoreUpdate>,
    (input) => ("version" in input && editing ? updateScore(editing.id, input) : createScore(enrolmentId, input as ScoreInput)),
    async (score) => {
      await queryClient.invalidateQueries({ queryKey: ["enrolment", enrolmentId, "rating-scores"] });
      setSaved(
        t(score.alert ? "ratings.savedAlert" : "ratings.saved", {
          total: score.total.toLocaleString(i18n.language === "en" ? "en-GB" : "sv-SE"),
        }),
      );
      setValues((v) => ({ ...empty(), instrument: v.instrument }));
      if (editing) onDone();
    },
  );
  const instrument = instruments.find((i) => i.code === values.instrument) ?? instruments[0];
  if (!instrument) return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved("");
    if (!instrument) return;
    form.submit({
      ...(editing && { version: editing.version }),
      instrument: values.instrument,
      ratedOn: values.ratedOn,
      context: values.contextKind
        ? { kind: values.contextKind, id: (values.contextKind === "group_session" && values.contextId) || null, label: values.contextLabel }
        : null,
      items: Object.fromEntries(instrument.items.map((i) => [i.key, parseNumber(values.items[i.key] ?? "")])),
    });
  }
  const range = `${instrument.itemMin}–${instrument.itemMax}`;
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("ratings.enterTitle")}>
      <Stack gap="sm">
        {saved && <SuccessAlert>{saved}</SuccessAlert>}
        {conflictOf(form.mutation.error) ? <ErrorAlert error={new Error(t("ratings.conflict"))} /> : <ErrorAlert error={form.mutation.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <NativeSelect
            label={t("ratings.instrument")}
            value={values.instrument}
            disabled={Boolean(editing)}
            onChange={(e) => setValues({ ...values, instrument: e.currentTarget.value, items: {} })}
            error={form.errors.instrument}
          >
            {instruments.map((i) => (
              <option key={i.code} value={i.code}>
                {i18n.language === "en" ? i.nameEn : i.nameSv}
              </option>
            ))}
          </NativeSelect>
          <TextInput
            label={t("ratings.ratedOn")}
            type="date"
            required
            value={values.ratedOn}
            onChange={(e) => setValues({ ...values, ratedOn: e.currentTarget.value })}
            error={form.errors.ratedOn}
          />
          <NativeSelect
            label={t("ratings.context")}
            value={values.contextKind}
            onChange={(e) => setValues({ ...values, contextKind: e.currentTarget.value })}
            error={form.errors["context.kind"]}
          >
            <option value="">{t("ratings.contextNone")}</option>
            {(["group_session", "meeting", "other"] as const).map((k) => (
              <option key={k} value={k}>
                {t(`ratings.contextKinds.${k}`)}
              </option>
            ))}
          </NativeSelect>
          {values.contextKind === "group_session" && (
            <NativeSelect
              label={t("ratings.contextSession")}
              value={values.contextId}
              onChange={(e) => {
                const id = e.currentTarget.value;
                const chosen = sessions.find((s) => s.sessionId === id);
                setValues({ ...values, contextId: id, ratedOn: chosen ? chosen.date : values.ratedOn });
              }}
              error={form.errors["context.id"]}
            >
              <option value="">{t("ratings.contextSessionNone")}</option>
              {sessions.map((s) => (
                <option key={s.sessionId} value={s.sessionId}>
                  {`${s.groupName} ${s.date} ${s.startTime}`}
                </option>
              ))}
            </NativeSelect>
          )}
          <TextInput
            label={t("ratings.contextLabel")}
            description={t("ratings.contextLabelHelp")}
            disabled={!values.contextKind}
            value={values.contextLabel}
            onChange={(e) => setValues({ ...values, contextLabel: e.currentTarget.value })}
            error={form.errors["context.label"]}
          />
        </SimpleGrid>
        <fieldset className="fieldset">
          <legend>{t("ratings.itemsLegend", { range })}</legend>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            {instrument.items.map((item) => (
              <TextInput
                key={item.key}
                label={i18n.language === "en" ? item.en : item.sv}
                inputMode="decimal"
                required
                value={values.items[item.key] ?? ""}
                onChange={(e) => setValues({ ...values, items: { ...values.items, [item.key]: e.currentTarget.value } })}
                error={form.errors[`items.${item.key}`]}
              />
            ))}
          </SimpleGrid>
        </fieldset>
        <Text size="sm" c="dimmed">
          {t("ratings.totalHelp", { max: instrument.totalMax })}
        </Text>
        <Group>
          <Button type="submit" loading={form.mutation.isPending}>
            {editing ? t("ratings.submitCorrection") : t("ratings.submit")}
          </Button>
          {editing && (
            <Button variant="default" onClick={onDone}>
              {t("ratings.cancelCorrection")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
