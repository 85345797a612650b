import "../../i18n/ratings.ts";
import { Button, Group, List, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  SELF_EVALUATION_QUESTIONS,
  SelfEvaluationAnswerInput,
  SelfEvaluationInput,
  type SelfEvaluationQuestion,
  type SelfEvaluationResult,
  type SelfEvaluationSummary,
  SelfEvaluationUpdate,
} from "../../../../schemas/ratings.ts";
import { conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { AnchorLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDate, todayIso } from "../../format.ts";
import { ProjectSubpage } from "../participants/ProjectSubpage.tsx";
import { useProjectAccess } from "../projects/access.ts";
import { answerSelfEvaluation, createSelfEvaluation, formatNumber, selfEvaluationQuery, selfEvaluationsQuery, updateSelfEvaluation } from "./queries.ts";
import { useSchemaForm } from "./useSchemaForm.ts";

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

const route = getRouteApi("/app/projekt/$projectId/sjalvvardering");

/** Self-evaluation days of the team and partners: answer anonymously, compare with the previous day. */
export function SelfEvaluationPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const { dag } = route.useSearch();
  const access = useProjectAccess(projectId);
  const days = useQuery(selfEvaluationsQuery(projectId));
  const current = dag ?? days.data?.days[0]?.id;
  const caption = t("selfEvaluation.daysCaption");
  return (
    <ProjectSubpage projectId={projectId} title={t("selfEvaluation.pageTitle")} intro={<Text>{t("selfEvaluation.intro")}</Text>}>
      {current && <DayResult id={current} canAnswer={access.persons} canManage={access.manage} projectId={projectId} />}
      <Panel title={t("selfEvaluation.daysTitle")}>
        {days.isPending ? (
          <Loading />
        ) : days.isError ? (
          <ErrorAlert error={days.error} />
        ) : days.data.days.length === 0 ? (
          <Text>{t("selfEvaluation.none")}</Text>
        ) : (
          <TableScroll minWidth={560} label={caption}>
            <Table verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("selfEvaluation.title")}</Table.Th>
                  <Table.Th scope="col">{t("selfEvaluation.heldOn")}</Table.Th>
                  <Table.Th scope="col">{t("selfEvaluation.period")}</Table.Th>
                  <Table.Th scope="col">{t("selfEvaluation.answers")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {days.data.days.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Th scope="row" fw={400}>
                      <AnchorLink
                        to="/projekt/$projectId/sjalvvardering"
                        params={{ projectId }}
                        search={{ dag: d.id }}
                        aria-current={current === d.id ? "true" : undefined}
                      >
                        {d.title}
                      </AnchorLink>
                    </Table.Th>
                    <Table.Td>{formatDate(d.heldOn)}</Table.Td>
                    <Table.Td>{d.periodFrom || d.periodTo ? `${formatDate(d.periodFrom)} – ${formatDate(d.periodTo)}` : "–"}</Table.Td>
                    <Table.Td>{d.answers}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Panel>
      {access.manage && (
        <Panel title={t("selfEvaluation.newTitle")}>
          <NewDayForm projectId={projectId} />
        </Panel>
      )}
    </ProjectSubpage>
  );
}

function DayResult({ id, canAnswer, canManage, projectId }: { id: string; canAnswer: boolean; canManage: boolean; projectId: string }) {
  const { t, i18n } = useTranslation();
  const result = useQuery(selfEvaluationQuery(id));
  const [editing, setEditing] = useState(false);
  if (result.isPending) return <Loading />;
  if (result.isError) return <ErrorAlert error={result.error} />;
  const r = result.data;
  const n = (v: number | null) => formatNumber(v, 2, i18n.language);
  const caption = r.previous
    ? t("selfEvaluation.compareCaption", { title: r.day.title, previous: r.previous.title, date: formatDate(r.previous.heldOn) })
    : t("selfEvaluation.resultCaption", { title: r.day.title });
  return (
    <>
      <Panel title={t("selfEvaluation.resultTitle", { title: r.day.title, date: formatDate(r.day.heldOn) })}>
        <Stack gap="md">
          <Text>
            {t("selfEvaluation.respondents", { staff: r.respondents.staff, count: r.day.answers })}
            {r.respondents.partners.length > 0 &&
              ` ${t("selfEvaluation.partners", { list: r.respondents.partners.map((p) => `${p.organisation} (${p.count})`).join(", ") })}`}
          </Text>
          {!r.previous && <Text size="sm">{t("selfEvaluation.noPrevious")}</Text>}
          <TableScroll minWidth={760} label={caption}>
            <Table verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("selfEvaluation.question")}</Table.Th>
                  <Table.Th scope="col">{t("selfEvaluation.highest")}</Table.Th>
                  <Table.Th scope="col">{t("selfEvaluation.mean")}</Table.Th>
                  <Table.Th scope="col">{t("selfEvaluation.lowest")}</Table.Th>
                  {r.previous && (
                    <>
                      <Table.Th scope="col">{t("selfEvaluation.previousRange")}</Table.Th>
                      <Table.Th scope="col">{t("selfEvaluation.change")}</Table.Th>
                    </>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.questions.map((q) => (
                  <Table.Tr key={q.key}>
                    <Table.Th scope="row" fw={400}>
                      {t(`selfEvaluation.questions.${q.key}`)}
                    </Table.Th>
                    <Table.Td>{n(q.current.max)}</Table.Td>
                    <Table.Td fw={700}>{n(q.current.mean)}</Table.Td>
                    <Table.Td>{n(q.current.min)}</Table.Td>
                    {r.previous && (
                      <>
                        <Table.Td>
                          {q.previous && q.previous.n > 0
                            ? t("selfEvaluation.previousValues", { max: n(q.previous.max), mean: n(q.previous.mean), min: n(q.previous.min) })
                            : t("selfEvaluation.notAsked")}
                        </Table.Td>
                        <Table.Td>{q.change === null ? "–" : `${q.change > 0 ? "+" : ""}${n(q.change)}`}</Table.Td>
                      </>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Comments result={r} />
          {canManage &&
            (editing ? (
              <EditDayForm key={r.day.version} projectId={projectId} day={r.day} onDone={() => setEditing(false)} />
            ) : (
              <Group>
                <Button variant="default" onClick={() => setEditing(true)}>
                  {t("selfEvaluation.edit", { title: r.day.title })}
                </Button>
              </Group>
            ))}
        </Stack>
      </Panel>
      {canAnswer && (
        <Panel title={t("selfEvaluation.answerTitle")}>
          <AnswerForm result={r} />
        </Panel>
      )}
    </>
  );
}

function Comments({ result }: { result: SelfEvaluationResult }) {
  const { t } = useTranslation();
  const withComments = result.questions.filter((q) => q.comments.length > 0);
  if (withComments.length === 0) return <Text size="sm">{t("selfEvaluation.noComments")}</Text>;
  return (
    <Stack gap="sm">
      {withComments.map((q) => (
        <div key={q.key}>
          <Title order={3} size="h5">
            {t("selfEvaluation.commentsOn", { question: t(`selfEvaluation.questions.${q.key}`) })}
          </Title>
          <List size="sm">
            {q.comments.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same comment may come twice; the list never reorders.
              <List.Item key={i}>{c}</List.Item>
            ))}
          </List>
        </div>
      ))}
    </Stack>
  );
}

function AnswerForm({ result }: { result: SelfEvaluationResult }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keys = result.questions.map((q) => q.key);
  const empty = { kind: "staff", organisation: "", scores: {} as Record<string, string>, comments: {} as Record<string, string> };
  const [values, setValues] = useState(empty);
  const [saved, setSaved] = useState("");
  const form = useSchemaForm(
    SelfEvaluationAnswerInput,
    (input) => answerSelfEvaluation(result.day.id, input),
    async () => {
      await queryClient.invalidateQueries({ queryKey: ["self-evaluations", result.day.id] });
      await queryClient.invalidateQueries({ queryKey: ["projects"] });
      setValues(empty);
      setSaved(t("selfEvaluation.saved"));
    },
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved("");
    form.submit({
      respondentKind: values.kind,
      partnerOrganisation: values.kind === "partner" ? values.organisation : null,
      scores: Object.fromEntries(keys.flatMap((k) => (values.scores[k] ? [[k, Number(values.scores[k])]] : []))),
      comments: Object.fromEntries(keys.flatMap((k) => (values.comments[k]?.trim() ? [[k, values.comments[k]]] : []))),
    });
  }
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("selfEvaluation.answerTitle")}>
      <Stack gap="sm">
        {saved && <SuccessAlert>{saved}</SuccessAlert>}
        <ErrorAlert error={form.mutation.error} />
        <Text size="sm">{t("selfEvaluation.anonymous")}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect label={t("selfEvaluation.respondentKind")} value={values.kind} onChange={(e) => setValues({ ...values, kind: e.currentTarget.value })}>
            <option value="staff">{t("selfEvaluation.kinds.staff")}</option>
            <option value="partner">{t("selfEvaluation.kinds.partner")}</option>
          </NativeSelect>
          {values.kind === "partner" && (
            <TextInput
              label={t("selfEvaluation.partnerOrganisation")}
              required
              value={values.organisation}
              onChange={(e) => setValues({ ...values, organisation: e.currentTarget.value })}
              error={form.errors.partnerOrganisation}
            />
          )}
        </SimpleGrid>
        {keys.map((k) => (
          <fieldset key={k} className="fieldset">
            <legend>{t(`selfEvaluation.questions.${k}`)}</legend>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <NativeSelect
                label={t("selfEvaluation.score")}
                required
                value={values.scores[k] ?? ""}
                onChange={(e) => setValues({ ...values, scores: { ...values.scores, [k]: e.currentTarget.value } })}
                error={form.errors[`scores.${k}`]}
              >
                <option value="">{t("common.choose")}</option>
                {SCORES.map((v) => (
                  <option key={v} value={String(v)}>
                    {v}
                  </option>
                ))}
              </NativeSelect>
              <Textarea
                label={t("selfEvaluation.comment")}
                description={t("common.optional")}
                style={{ gridColumn: "span 2" }}
                autosize
                minRows={1}
                value={values.comments[k] ?? ""}
                onChange={(e) => setValues({ ...values, comments: { ...values.comments, [k]: e.currentTarget.value } })}
              />
            </SimpleGrid>
          </fieldset>
        ))}
        <Group>
          <Button type="submit" loading={form.mutation.isPending}>
            {t("selfEvaluation.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NewDayForm({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ title: "", heldOn: todayIso(), periodFrom: "", periodTo: "" });
  const [questions, setQuestions] = useState<SelfEvaluationQuestion[]>([...SELF_EVALUATION_QUESTIONS]);
  const [saved, setSaved] = useState("");
  const form = useSchemaForm(
    SelfEvaluationInput,
    (input) => createSelfEvaluation(projectId, input),
    async () => {
      await queryClient.invalidateQueries({ queryKey: ["projects", projectId, "self-evaluations"] });
      setSaved(t("selfEvaluation.created"));
      setValues({ title: "", heldOn: todayIso(), periodFrom: "", periodTo: "" });
    },
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved("");
    form.submit({ ...values, periodFrom: values.periodFrom || null, periodTo: values.periodTo || null, questions });
  }
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("selfEvaluation.newTitle")}>
      <Stack gap="sm">
        {saved && <SuccessAlert>{saved}</SuccessAlert>}
        <ErrorAlert error={form.mutation.error} />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <TextInput
            label={t("selfEvaluation.title")}
            required
            value={values.title}
            onChange={(e) => setValues({ ...values, title: e.currentTarget.value })}
            error={form.errors.title}
          />
          <TextInput
            label={t("selfEvaluation.heldOn")}
            type="date"
            required
            value={values.heldOn}
            onChange={(e) => setValues({ ...values, heldOn: e.currentTarget.value })}
            error={form.errors.heldOn}
          />
          <TextInput
            label={t("selfEvaluation.periodFrom")}
            type="date"
            value={values.periodFrom}
            onChange={(e) => setValues({ ...values, periodFrom: e.currentTarget.value })}
            error={form.errors.periodFrom}
          />
          <TextInput
            label={t("selfEvaluation.periodTo")}
            type="date"
            value={values.periodTo}
            onChange={(e) => setValues({ ...values, periodTo: e.currentTarget.value })}
            error={form.errors.periodTo}
          />
        </SimpleGrid>
        <fieldset className="fieldset">
          <legend>{t("selfEvaluation.questionsLegend")}</legend>
          <Stack gap={6}>
            {SELF_EVALUATION_QUESTIONS.map((k) => (
              <label key={k} style={{ display: "flex", gap: "0.5rem", alignItems: "center" }}>
                <input
                  type="checkbox"
                  checked={questions.includes(k)}
                  onChange={(e) =>
                    setQuestions(
                      e.currentTarget.checked ? SELF_EVALUATION_QUESTIONS.filter((x) => x === k || questions.includes(x)) : questions.filter((x) => x !== k),
                    )
                  }
                />
                {t(`selfEvaluation.questions.${k}`)}
              </label>
            ))}
          </Stack>
          {form.errors.questions && (
            <Text c="red.8" size="sm" role="alert">
              {form.errors.questions}
            </Text>
          )}
        </fieldset>
        <Group>
          <Button type="submit" loading={form.mutation.isPending}>
            {t("selfEvaluation.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Correct a day's title, date or period, with the version it was read at. */
function EditDayForm({ projectId, day, onDone }: { projectId: string; day: SelfEvaluationSummary; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ title: day.title, heldOn: day.heldOn, periodFrom: day.periodFrom ?? "", periodTo: day.periodTo ?? "" });
  const form = useSchemaForm(
    SelfEvaluationUpdate,
    (input) => updateSelfEvaluation(day.id, input),
    async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["projects", projectId, "self-evaluations"] }),
        queryClient.invalidateQueries({ queryKey: ["self-evaluations", day.id] }),
      ]);
      onDone();
    },
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit({ version: day.version, ...values, periodFrom: values.periodFrom || null, periodTo: values.periodTo || null });
  }
  const field = (key: keyof typeof values, type?: string) => (
    <TextInput
      label={t(`selfEvaluation.${key}`)}
      type={type}
      required={key === "title" || key === "heldOn"}
      value={values[key]}
      onChange={(e) => setValues({ ...values, [key]: e.currentTarget.value })}
      error={form.errors[key]}
    />
  );
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("selfEvaluation.editTitle")}>
      <Stack gap="sm">
        {conflictOf(form.mutation.error) ? <ErrorAlert error={new Error(t("selfEvaluation.editConflict"))} /> : <ErrorAlert error={form.mutation.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          {field("title")}
          {field("heldOn", "date")}
          {field("periodFrom", "date")}
          {field("periodTo", "date")}
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={form.mutation.isPending}>
            {t("selfEvaluation.saveEdit")}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t("selfEvaluation.cancelEdit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
