import { Button, Group as Row, Stack } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateGroupInput, SessionPattern, type SessionPatternInput } from "../../../../schemas/groups.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { Panel } from "../../components/Panel.tsx";
import { isoDaysFromToday } from "../../format.ts";
import { useMe } from "../auth/session.ts";
import { DetailsFields, type DetailsValues } from "./DetailsFields.tsx";
import { GroupFrame } from "./GroupFrame.tsx";
import { emptyPattern, PatternFields, PatternPreviewTable, type PatternValues, patternOf } from "./PatternFields.tsx";
import { createGroup, groupsQuery, previewPattern } from "./queries.ts";

const route = getRouteApi("/app/projekt/$projectId/grupper/ny");

export function NewGroupPage() {
  const { t, i18n } = useTranslation();
  const { projectId } = route.useParams();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [details, setDetails] = useState<DetailsValues>({
    name: "",
    intakeId: "",
    leaderIds: [me.id],
    themePlan: "",
    mode: "on_site",
    location: "",
    status: "planned",
  });
  const [pattern, setPattern] = useState<PatternValues>(emptyPattern(isoDaysFromToday(7)));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const preview = useMutation({ mutationFn: (p: SessionPatternInput) => previewPattern(projectId, p) });
  const save = useMutation({
    mutationFn: (input: CreateGroupInput) => createGroup(projectId, input),
    onSuccess: async (g) => {
      await queryClient.invalidateQueries({ queryKey: groupsQuery(projectId).queryKey });
      await navigate({ to: "/projekt/$projectId/grupper/$groupId", params: { projectId, groupId: g.id } });
    },
  });
  const errors = mergeFieldErrors(clientErrors, save.error ?? preview.error);
  useFocusFirstError(formRef, errors, attempt);

  function changePattern(v: PatternValues) {
    setPattern(v);
    preview.reset();
  }

  function showPreview() {
    setAttempt((n) => n + 1);
    const parsed = SessionPattern.safeParse(patternOf(pattern));
    if (!parsed.success) {
      setClientErrors(Object.fromEntries(Object.entries(zodFieldErrors(parsed.error)).map(([k, v]) => [`pattern.${k}`, v])));
      return;
    }
    setClientErrors({});
    preview.mutate(parsed.data);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = CreateGroupInput.safeParse({
      ...details,
      intakeId: details.intakeId || null,
      pattern: patternOf(pattern),
    });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    save.mutate(parsed.data);
  }

  return (
    <GroupFrame projectId={projectId} title={t("groups.newTitle")}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="lg" maw={900}>
          <ErrorAlert error={save.error} />
          <Panel title={t("groups.detailsTitle")}>
            <DetailsFields projectId={projectId} values={details} onChange={setDetails} errors={errors} />
          </Panel>
          <Panel title={t("groups.pattern.title")}>
            <Stack gap="sm">
              <PatternFields values={pattern} onChange={changePattern} errors={errors} prefix="pattern." />
              <Row>
                <Button variant="default" onClick={showPreview} loading={preview.isPending}>
                  {t("groups.preview.show")}
                </Button>
              </Row>
              {preview.data && <PatternPreviewTable sessions={preview.data.sessions} lang={i18n.language} />}
            </Stack>
          </Panel>
          <Row>
            <Button type="submit" loading={save.isPending}>
              {t("groups.create")}
            </Button>
          </Row>
        </Stack>
      </form>
    </GroupFrame>
  );
}
