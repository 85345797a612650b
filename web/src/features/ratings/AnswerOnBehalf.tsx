import { Badge, Button, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Answer, type EnrolmentQuestionnaires, type Question, ResponseInput, ResponseUpdate } from "../../../../schemas/ratings.ts";
import { conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { formatDate, todayIso } from "../../format.ts";
import { enrolmentQuestionnairesQuery, saveResponse } from "./queries.ts";
import { parseNumber, useSchemaForm } from "./useSchemaForm.ts";

type Round = EnrolmentQuestionnaires["rounds"][number];

/** The questionnaires sent to the participant; staff type the answers in on their behalf. */
export function AnswerOnBehalf({ enrolmentId }: { enrolmentId: string }) {
  const { t } = useTranslation();
  const rounds = useQuery(enrolmentQuestionnairesQuery(enrolmentId));
  if (rounds.isPending) return <Loading />;
  if (rounds.isError) return <ErrorAlert error={rounds.error} />;
  if (rounds.data.rounds.length === 0) return <Text>{t("questionnaires.noneSent")}</Text>;
  return (
    <Stack gap="xl">
      {rounds.data.rounds.map((r) => (
        <RoundAnswer key={r.roundId} enrolmentId={enrolmentId} round={r} />
      ))}
    </Stack>
  );
}

function RoundAnswer({ enrolmentId, round }: { enrolmentId: string; round: Round }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState("");
  const r = round.response;
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {round.questionnaire.title} – {round.roundTitle}
      </Title>
      <Group gap="sm">
        <Text size="sm">{t("questionnaires.sentOn", { date: formatDate(round.sentOn) })}</Text>
        <Badge variant="light" color={r ? "green" : "gray"}>
          {r ? t("questionnaires.answeredOn", { date: formatDate(r.answeredOn) }) : t("questionnaires.notAnswered")}
        </Badge>
      </Group>
      {saved && <SuccessAlert>{saved}</SuccessAlert>}
      {r && !editing ? (
        <>
          <dl style={{ margin: 0, display: "grid", gap: "0.5rem" }}>
            {round.questionnaire.questions.map((q) => (
              <div key={q.key}>
                <dt style={{ fontWeight: 600 }}>{q.text}</dt>
                <dd style={{ margin: 0 }}>{showAnswer(r.answers[q.key], t)}</dd>
              </div>
            ))}
          </dl>
          <Group>
            <Button variant="default" onClick={() => setEditing(true)}>
              {t("questionnaires.correct")}
            </Button>
          </Group>
        </>
      ) : (
        <AnswerForm
          enrolmentId={enrolmentId}
          round={round}
          onSaved={() => {
            setEditing(false);
            setSaved(t("questionnaires.savedAnswers"));
          }}
        />
      )}
    </Stack>
  );
}

function showAnswer(a: Answer | undefined, t: (key: "questionnaires.yes" | "questionnaires.no" | "questionnaires.noAnswer") => string): string {
  if (a === undefined || a === "") return t("questionnaires.noAnswer");
  if (typeof a === "boolean") return a ? t("questionnaires.yes") : t("questionnaires.no");
  return String(a).replace(".", ",");
}

/** The text typed for each question, turned into the answers the API takes. */
function toAnswers(questions: Question[], texts: Record<string, string>): Record<string, Answer | null> {
  const out: Record<string, Answer | null> = {};
  for (const q of questions) {
    const v = texts[q.key] ?? "";
    if (v === "") out[q.key] = null;
    else if (q.kind === "scale" || q.kind === "number") out[q.key] = parseNumber(v) ?? null;
    else if (q.kind === "yes_no") out[q.key] = v === "yes";
    else out[q.key] = v;
  }
  return out;
}

function fromAnswers(answers: Record<string, Answer> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(answers ?? {}).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "yes" : "no") : String(v)]));
}

function AnswerForm({ enrolmentId, round, onSaved }: { enrolmentId: string; round: Round; onSaved: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const existing = round.response;
  const [answeredOn, setAnsweredOn] = useState(existing?.answeredOn ?? todayIso());
  const [texts, setTexts] = useState<Record<string, string>>(fromAnswers(existing?.answers));
  const questions = round.questionnaire.questions;
  const form = useSchemaForm(
    existing ? ResponseUpdate : ResponseInput,
    (input) => saveResponse(enrolmentId, round.roundId, input),
    async () => {
      await queryClient.invalidateQueries({ queryKey: ["enrolment", enrolmentId, "questionnaires"] });
      onSaved();
    },
  );
  const conflict = conflictOf(form.mutation.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit({ ...(existing && { version: existing.version }), answeredOn, answers: toAnswers(questions, texts) });
  }
  const label = `${round.questionnaire.title} – ${round.roundTitle}`;
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("questionnaires.answerFormLabel", { name: label })}>
      <Stack gap="sm">
        {conflict ? <ErrorAlert error={new Error(t("questionnaires.conflict"))} /> : <ErrorAlert error={form.mutation.error} />}
        {round.questionnaire.intro && <Text size="sm">{round.questionnaire.intro}</Text>}
        <TextInput
          label={t("questionnaires.answeredOnLabel")}
          type="date"
          required
          maw={220}
          value={answeredOn}
          onChange={(e) => setAnsweredOn(e.currentTarget.value)}
          error={form.errors.answeredOn}
        />
        {questions.map((q) => (
          <QuestionField
            key={q.key}
            question={q}
            value={texts[q.key] ?? ""}
            onChange={(v) => setTexts({ ...texts, [q.key]: v })}
            error={form.errors[`answers.${q.key}`]}
          />
        ))}
        <Text size="sm" c="dimmed">
          {t("questionnaires.onBehalfNote")}
        </Text>
        <Group>
          <Button type="submit" loading={form.mutation.isPending}>
            {existing ? t("questionnaires.saveCorrection") : t("questionnaires.saveAnswers")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function QuestionField({ question: q, value, onChange, error }: { question: Question; value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  if (q.kind === "scale") {
    const min = q.min ?? 0;
    const max = q.max ?? 10;
    return (
      <NativeSelect
        label={q.text}
        description={t("questionnaires.scaleHelp", { min, max })}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
      >
        <option value="">{t("questionnaires.noAnswer")}</option>
        {Array.from({ length: max - min + 1 }, (_, i) => min + i).map((n) => (
          <option key={n} value={String(n)}>
            {n}
          </option>
        ))}
      </NativeSelect>
    );
  }
  if (q.kind === "yes_no" || q.kind === "choice") {
    return (
      <NativeSelect label={q.text} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error}>
        <option value="">{t("questionnaires.noAnswer")}</option>
        {q.kind === "yes_no" ? (
          <>
            <option value="yes">{t("questionnaires.yes")}</option>
            <option value="no">{t("questionnaires.no")}</option>
          </>
        ) : (
          (q.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))
        )}
      </NativeSelect>
    );
  }
  if (q.kind === "number")
    return <TextInput label={q.text} inputMode="decimal" maw={220} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} />;
  return <Textarea label={q.text} autosize minRows={2} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error} />;
}
