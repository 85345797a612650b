import "../../i18n/ratings.ts";
import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { type QuestionKind, type Questionnaire, QuestionnaireInput, QuestionnaireUpdate, RoundInput } from "../../../../schemas/ratings.ts";
import { conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { AnchorLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDate, todayIso } from "../../format.ts";
import { groupsQuery } from "../groups/queries.ts";
import { ProjectSubpage } from "../participants/ProjectSubpage.tsx";
import { caseloadQuery } from "../participants/queries.ts";
import { useProjectAccess } from "../projects/access.ts";
import { createQuestionnaire, createRound, questionnairesQuery, updateQuestionnaire } from "./queries.ts";
import { RoundResultsView } from "./RoundResultsView.tsx";
import { SummaryPanel } from "./SummaryPanel.tsx";
import { useSchemaForm } from "./useSchemaForm.ts";

const route = getRouteApi("/app/projekt/$projectId/enkater");

/** The project's questionnaires: write one, send it to a group or a person, read the results. */
export function QuestionnairesPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const { omgang } = route.useSearch();
  const access = useProjectAccess(projectId);
  const list = useQuery(questionnairesQuery(projectId));
  const [editing, setEditing] = useState<Questionnaire | null>(null);
  const [notice, setNotice] = useState("");
  return (
    <ProjectSubpage projectId={projectId} title={t("questionnaires.pageTitle")} intro={<Text>{t("questionnaires.intro")}</Text>}>
      {omgang && <RoundResultsView roundId={omgang} />}
      <SummaryPanel projectId={projectId} />
      <Panel title={t("questionnaires.listTitle")}>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorAlert error={list.error} />
        ) : list.data.questionnaires.length === 0 ? (
          <Text>{t("questionnaires.none")}</Text>
        ) : (
          <Stack gap="lg">
            {list.data.questionnaires.map((q) => (
              <QuestionnaireRounds
                key={q.id}
                projectId={projectId}
                questionnaire={q}
                current={omgang}
                onEdit={
                  access.manage
                    ? () => {
                        setNotice("");
                        setEditing(q);
                        requestAnimationFrame(() => document.getElementById("questionnaire-form")?.querySelector<HTMLElement>("input")?.focus());
                      }
                    : undefined
                }
              />
            ))}
          </Stack>
        )}
      </Panel>
      {access.manage && list.data && list.data.questionnaires.length > 0 && (
        <Panel title={t("questionnaires.sendTitle")}>
          <SendRoundForm projectId={projectId} questionnaires={list.data.questionnaires} />
        </Panel>
      )}
      {access.manage && (
        <div id="questionnaire-form">
          <Panel title={editing ? t("questionnaires.editTitle", { title: editing.title }) : t("questionnaires.newTitle")}>
            <Stack gap="sm">
              {notice && <SuccessAlert>{notice}</SuccessAlert>}
              <QuestionnaireForm
                key={editing ? `${editing.id}:${editing.version}` : "new"}
                projectId={projectId}
                editing={editing}
                onDone={(message) => {
                  setNotice(message ?? "");
                  setEditing(null);
                }}
              />
            </Stack>
          </Panel>
        </div>
      )}
    </ProjectSubpage>
  );
}

function QuestionnaireRounds({
  projectId,
  questionnaire: q,
  current,
  onEdit,
}: {
  projectId: string;
  questionnaire: Questionnaire;
  current?: string;
  onEdit?: () => void;
}) {
  const { t } = useTranslation();
  const caption = t("questionnaires.roundsCaption", { title: q.title });
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Text fw={700}>{q.title}</Text>
        {onEdit && (
          <Button variant="subtle" size="compact-sm" onClick={onEdit}>
            {t("questionnaires.edit", { title: q.title })}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t("questionnaires.questionCount", { count: q.questions.length })}
      </Text>
      {q.rounds.length === 0 ? (
        <Text size="sm">{t("questionnaires.noRounds")}</Text>
      ) : (
        <TableScroll minWidth={560} label={caption}>
          <Table verticalSpacing="xs">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("questionnaires.round")}</Table.Th>
                <Table.Th scope="col">{t("questionnaires.sentOnLabel")}</Table.Th>
                <Table.Th scope="col">{t("questionnaires.recipients")}</Table.Th>
                <Table.Th scope="col">{t("questionnaires.responses")}</Table.Th>
                <Table.Th scope="col">{t("questionnaires.results")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.rounds.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Th scope="row" fw={400}>
                    {r.title}
                    {r.groupName && ` (${t("questionnaires.toGroup", { name: r.groupName })})`}
                  </Table.Th>
                  <Table.Td>{formatDate(r.sentOn)}</Table.Td>
                  <Table.Td>{r.recipients}</Table.Td>
                  <Table.Td>{r.responses}</Table.Td>
                  <Table.Td>
                    <AnchorLink
                      to="/projekt/$projectId/enkater"
                      params={{ projectId }}
                      search={{ omgang: r.id }}
                      aria-current={current === r.id ? "true" : undefined}
                    >
                      {t("questionnaires.showResults", { title: r.title })}
                    </AnchorLink>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Stack>
  );
}

type Draft = { id: number; key?: string; kind: QuestionKind; text: string; options: string };
let nextDraft = 0;
const KINDS: QuestionKind[] = ["scale", "yes_no", "choice", "number", "text"];

/** A new questionnaire, or a correction of one (with its version; the server keeps answered questions). */
function QuestionnaireForm({ projectId, editing, onDone }: { projectId: string; editing: Questionnaire | null; onDone: (message?: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const blank = (): Draft => ({ id: nextDraft++, kind: "scale", text: "", options: "" });
  const [title, setTitle] = useState(editing?.title ?? "");
  const [intro, setIntro] = useState(editing?.intro ?? "");
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    editing ? editing.questions.map((q) => ({ id: nextDraft++, key: q.key, kind: q.kind, text: q.text, options: (q.options ?? []).join("\n") })) : [blank()],
  );
  const [saved, setSaved] = useState("");
  const form = useSchemaForm(
    (editing ? QuestionnaireUpdate : QuestionnaireInput) as z.ZodType<QuestionnaireInput | QuestionnaireUpdate>,
    (input) => ("version" in input && editing ? updateQuestionnaire(editing.id, input) : createQuestionnaire(projectId, input)),
    async (q) => {
      await queryClient.invalidateQueries({ queryKey: ["projects", projectId, "questionnaires"] });
      if (editing) {
        onDone(t("questionnaires.updated", { title: q.title }));
        return;
      }
      setSaved(t("questionnaires.created", { title: q.title }));
      setTitle("");
      setIntro("");
      setDrafts([blank()]);
    },
  );
  // New questions get a key no other question of the questionnaire has.
  const keyOf = (d: Draft, i: number) => {
    if (d.key) return d.key;
    const used = new Set(drafts.map((x) => x.key).filter(Boolean));
    let n = i + 1;
    while (used.has(`q${n}`)) n++;
    used.add(`q${n}`);
    return `q${n}`;
  };
  const set = (i: number, d: Partial<Draft>) => setDrafts(drafts.map((x, j) => (j === i ? { ...x, ...d } : x)));

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved("");
    form.submit({
      ...(editing && { version: editing.version }),
      title,
      intro,
      questions: drafts.map((d, i) => ({
        key: keyOf(d, i),
        kind: d.kind,
        text: d.text,
        ...(d.kind === "choice" && {
          options: d.options
            .split("\n")
            .map((o) => o.trim())
            .filter(Boolean),
        }),
      })),
    });
  }

  return (
    <form
      ref={form.formRef}
      onSubmit={submit}
      noValidate
      aria-label={editing ? t("questionnaires.editTitle", { title: editing.title }) : t("questionnaires.newTitle")}
    >
      <Stack gap="sm">
        {saved && <SuccessAlert>{saved}</SuccessAlert>}
        {conflictOf(form.mutation.error) ? <ErrorAlert error={new Error(t("questionnaires.editConflict"))} /> : <ErrorAlert error={form.mutation.error} />}
        <TextInput label={t("questionnaires.titleLabel")} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={form.errors.title} />
        <Textarea
          label={t("questionnaires.introLabel")}
          description={t("common.optional")}
          autosize
          minRows={2}
          value={intro}
          onChange={(e) => setIntro(e.currentTarget.value)}
        />
        {form.errors.questions && <ErrorAlert error={new Error(form.errors.questions)} />}
        {drafts.map((d, i) => (
          <fieldset key={d.id} className="fieldset">
            <legend>{t("questionnaires.questionN", { n: i + 1 })}</legend>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <NativeSelect label={t("questionnaires.kind")} value={d.kind} onChange={(e) => set(i, { kind: e.currentTarget.value as QuestionKind })}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`questionnaires.kinds.${k}`)}
                  </option>
                ))}
              </NativeSelect>
              <TextInput
                label={t("questionnaires.questionText")}
                required
                style={{ gridColumn: "span 2" }}
                value={d.text}
                onChange={(e) => set(i, { text: e.currentTarget.value })}
                error={form.errors[`questions.${i}.text`]}
              />
            </SimpleGrid>
            {d.kind === "choice" && (
              <Textarea
                mt="sm"
                label={t("questionnaires.options")}
                description={t("questionnaires.optionsHelp")}
                autosize
                minRows={3}
                value={d.options}
                onChange={(e) => set(i, { options: e.currentTarget.value })}
                error={form.errors[`questions.${i}.options`]}
              />
            )}
            {drafts.length > 1 && (
              <Button mt="sm" variant="subtle" color="red" size="compact-sm" onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
                {t("questionnaires.removeQuestion", { n: i + 1 })}
              </Button>
            )}
          </fieldset>
        ))}
        <Group>
          <Button variant="default" onClick={() => setDrafts([...drafts, blank()])}>
            {t("questionnaires.addQuestion")}
          </Button>
          <Button type="submit" loading={form.mutation.isPending}>
            {editing ? t("questionnaires.saveEdit") : t("questionnaires.create")}
          </Button>
          {editing && (
            <Button variant="default" onClick={() => onDone()}>
              {t("questionnaires.cancelEdit")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function SendRoundForm({ projectId, questionnaires }: { projectId: string; questionnaires: Questionnaire[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const people = useQuery(caseloadQuery(projectId, { status: "active", pageSize: 200 }));
  const groups = useQuery(groupsQuery(projectId));
  const [groupId, setGroupId] = useState("");
  const [questionnaireId, setQuestionnaireId] = useState(questionnaires[0]?.id ?? "");
  const [title, setTitle] = useState("");
  const [sentOn, setSentOn] = useState(todayIso());
  const [chosen, setChosen] = useState<string[]>([]);
  const [saved, setSaved] = useState("");
  const form = useSchemaForm(
    RoundInput,
    (input) => createRound(questionnaireId, input),
    async (q) => {
      await queryClient.invalidateQueries({ queryKey: ["projects", projectId, "questionnaires"] });
      const round = q.rounds.find((r) => r.title === title);
      setSaved(t("questionnaires.sent", { count: round?.recipients ?? chosen.length }));
      setTitle("");
      setChosen([]);
      setGroupId("");
    },
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved("");
    form.submit({ title, sentOn, enrolmentIds: chosen, groupId: groupId || null });
  }
  const rows = people.data?.rows ?? [];
  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("questionnaires.sendTitle")}>
      <Stack gap="sm">
        {saved && <SuccessAlert>{saved}</SuccessAlert>}
        <ErrorAlert error={form.mutation.error} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect label={t("questionnaires.which")} value={questionnaireId} onChange={(e) => setQuestionnaireId(e.currentTarget.value)}>
            {questionnaires.map((q) => (
              <option key={q.id} value={q.id}>
                {q.title}
              </option>
            ))}
          </NativeSelect>
          <TextInput
            label={t("questionnaires.roundTitle")}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={form.errors.title}
          />
          <TextInput
            label={t("questionnaires.sentOnLabel")}
            type="date"
            required
            value={sentOn}
            onChange={(e) => setSentOn(e.currentTarget.value)}
            error={form.errors.sentOn}
          />
        </SimpleGrid>
        <NativeSelect
          label={t("questionnaires.group")}
          description={t("questionnaires.groupHelp")}
          value={groupId}
          onChange={(e) => setGroupId(e.currentTarget.value)}
          error={form.errors.groupId}
          maw={420}
        >
          <option value="">{t("questionnaires.noGroup")}</option>
          {(groups.data?.groups ?? []).map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </NativeSelect>
        <fieldset className="fieldset" aria-invalid={form.errors.enrolmentIds ? true : undefined}>
          <legend>{t("questionnaires.recipientsLegend")}</legend>
          {people.isPending ? (
            <Loading />
          ) : people.isError ? (
            <ErrorAlert error={people.error} />
          ) : rows.length === 0 ? (
            <Text size="sm">{t("questionnaires.noActive")}</Text>
          ) : (
            <Stack gap={6}>
              <Group>
                <Button variant="subtle" size="compact-sm" onClick={() => setChosen(rows.map((r) => r.enrolmentId))}>
                  {t("questionnaires.chooseAll")}
                </Button>
                <Button variant="subtle" size="compact-sm" onClick={() => setChosen([])}>
                  {t("questionnaires.chooseNone")}
                </Button>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing={6}>
                {rows.map((r) => (
                  <Checkbox
                    key={r.enrolmentId}
                    label={`${r.name}${r.intakeName ? ` (${r.intakeName})` : ""}`}
                    checked={chosen.includes(r.enrolmentId)}
                    onChange={(e) => setChosen(e.currentTarget.checked ? [...chosen, r.enrolmentId] : chosen.filter((id) => id !== r.enrolmentId))}
                  />
                ))}
              </SimpleGrid>
            </Stack>
          )}
          {form.errors.enrolmentIds && (
            <Text c="red.8" size="sm" role="alert" mt="xs">
              {form.errors.enrolmentIds}
            </Text>
          )}
        </fieldset>
        <Group>
          <Button type="submit" loading={form.mutation.isPending}>
            {t("questionnaires.send")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
