import "../../i18n/reports.ts";
import { Alert, Button, Group, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ReportSection, ReportText, ReportTexts } from "../../../../schemas/reports.ts";
import { apiGet, apiSend, seg } from "../../api.ts";
import { conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { AnchorLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { formatDateTime, todayIso } from "../../format.ts";
import { ProjectSubpage } from "../participants/ProjectSubpage.tsx";
import { useProjectAccess } from "../projects/access.ts";
import { PlanEditor } from "./PlanEditor.tsx";

const route = getRouteApi("/app/projekt/$projectId/rapporter/texter");

const textsQuery = (projectId: string, year: number) =>
  queryOptions({
    queryKey: ["reports", projectId, "texts", year],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/reports/texts/${year}`, ReportTexts),
  });

/** The manager writes the annual report's narrative sections of a year, one section at a time. */
export function ReportTextsPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate();
  const access = useProjectAccess(projectId);
  const parsed = Number(search.ar);
  const year = Number.isInteger(parsed) && parsed >= 2000 && parsed <= 2100 ? parsed : Number(todayIso().slice(0, 4));
  const [yearInput, setYearInput] = useState(String(year));
  const texts = useQuery({ ...textsQuery(projectId, year), enabled: access.manage });

  function submit(event: FormEvent) {
    event.preventDefault();
    void navigate({ to: "/projekt/$projectId/rapporter/texter", params: { projectId }, search: { ar: yearInput } });
  }

  return (
    <ProjectSubpage projectId={projectId} title={t("reports.texts.title")} intro={<Text>{t("reports.texts.intro")}</Text>}>
      <AnchorLink to="/projekt/$projectId/rapporter" params={{ projectId }}>
        {t("reports.texts.back")}
      </AnchorLink>
      {!access.manage ? (
        <Text>{t("reports.noAccess")}</Text>
      ) : (
        <>
          <form onSubmit={submit} noValidate aria-label={t("reports.texts.year")}>
            <Group align="flex-end" gap="sm">
              <TextInput label={t("reports.texts.year")} inputMode="numeric" value={yearInput} onChange={(e) => setYearInput(e.currentTarget.value)} w={140} />
              <Button type="submit" variant="default">
                {t("reports.texts.showYear")}
              </Button>
            </Group>
          </form>
          {texts.isPending ? (
            <Loading />
          ) : texts.isError ? (
            <ErrorAlert error={texts.error} />
          ) : (
            <Stack gap="lg">
              {texts.data.sections.map((s) => (
                <SectionEditor key={`${year}-${s.section}`} projectId={projectId} year={year} text={s} />
              ))}
              <PlanEditor projectId={projectId} year={year} />
            </Stack>
          )}
        </>
      )}
    </ProjectSubpage>
  );
}

function SectionEditor({ projectId, year, text }: { projectId: string; year: number; text: ReportText }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const id = useId();
  const [body, setBody] = useState(text.body);
  const [base, setBase] = useState(text);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setBody(text.body);
    setBase(text);
  }, [text]);
  const name = t(`reports.texts.sections.${text.section as ReportSection}`);
  const save = useMutation({
    mutationFn: () => apiSend("PUT", `/projects/${seg(projectId)}/reports/texts/${year}/${text.section}`, { version: base.version, body }, ReportText),
    onSuccess: (data) => {
      setBase(data);
      setSaved(true);
      client.setQueryData(textsQuery(projectId, year).queryKey, (old) =>
        old ? { ...old, sections: old.sections.map((s) => (s.section === data.section ? data : s)) } : old,
      );
    },
  });
  const conflict = conflictOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  }
  return (
    <Panel title={name}>
      <form onSubmit={submit} noValidate aria-labelledby={`${id}-label`}>
        <Stack gap="sm">
          <Textarea
            id={`${id}-text`}
            label={<span id={`${id}-label`}>{name}</span>}
            description={base.updatedAt ? t("reports.texts.lastSaved", { when: formatDateTime(base.updatedAt) }) : t("reports.texts.neverSaved")}
            autosize
            minRows={4}
            maxRows={20}
            value={body}
            onChange={(e) => {
              setBody(e.currentTarget.value);
              setSaved(false);
            }}
          />
          {conflict ? (
            <Alert color="orange" role="alert" title={t("conflict.title")}>
              <Stack gap="xs">
                <Text size="sm">{t("reports.texts.conflict")}</Text>
                <Group>
                  <Button
                    variant="default"
                    onClick={() => {
                      const current = ReportText.safeParse(conflict.current);
                      if (current.success) {
                        setBase(current.data);
                        setBody(current.data.body);
                      }
                      save.reset();
                    }}
                  >
                    {t("conflict.reload")}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : save.isError ? (
            <ErrorAlert error={save.error} />
          ) : null}
          {saved && <Text role="status">{t("reports.texts.saved", { section: name })}</Text>}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={body === base.body}>
              {t("reports.texts.save", { section: name.toLowerCase() })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Panel>
  );
}
