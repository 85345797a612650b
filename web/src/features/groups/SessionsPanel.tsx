import { Button, Group as Row, Stack, Table, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Group, RegenerateInput } from "../../../../schemas/groups.ts";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { AnchorLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { todayIso } from "../../format.ts";
import { dayAndDate, sessionTime, themeText } from "./format.ts";
import { emptyPattern, PatternFields, type PatternValues, patternOf, valuesOf } from "./PatternFields.tsx";
import { groupQuery, regenerate } from "./queries.ts";

/** The group's sessions, each linking to its own page (edit, attendance), and a way to change the pattern. */
export function SessionsPanel({ group }: { group: Group }) {
  const { t, i18n } = useTranslation();
  const [changing, setChanging] = useState(false);
  const [result, setResult] = useState<{ removed: number; added: number; kept: number } | null>(null);
  const caption = t("groups.sessions.caption", { count: group.sessionList.length });
  return (
    <Panel title={t("groups.sessions.title")}>
      <Stack gap="sm">
        {result && <SuccessAlert>{t("groups.regenerate.done", result)}</SuccessAlert>}
        {group.sessionList.length === 0 ? (
          <Text>{t("groups.sessions.none")}</Text>
        ) : (
          <TableScroll label={caption} minWidth={720}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("groups.sessions.date")}</Table.Th>
                  <Table.Th scope="col">{t("groups.sessions.time")}</Table.Th>
                  <Table.Th scope="col">{t("groups.sessions.theme")}</Table.Th>
                  <Table.Th scope="col">{t("groups.sessions.state")}</Table.Th>
                  <Table.Th scope="col">{t("groups.sessions.registered")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {group.sessionList.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row" fw={500}>
                      <AnchorLink
                        to="/projekt/$projectId/grupper/$groupId/traffar/$sessionId"
                        params={{ projectId: group.projectId, groupId: group.id, sessionId: s.id }}
                      >
                        {dayAndDate(s.date, i18n.language)}
                      </AnchorLink>
                    </Table.Th>
                    <Table.Td>{sessionTime(s)}</Table.Td>
                    <Table.Td>{themeText(s, t)}</Table.Td>
                    <Table.Td>
                      {s.cancelled ? t("groups.sessions.cancelled") : s.edited ? t("groups.sessions.editedState") : t("groups.sessions.planned")}
                    </Table.Td>
                    <Table.Td>{s.cancelled ? "–" : s.registered}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {changing ? (
          <RegenerateForm
            group={group}
            onDone={(r) => {
              setChanging(false);
              setResult(r);
            }}
            onCancel={() => setChanging(false)}
          />
        ) : (
          <Row>
            <Button variant="default" onClick={() => setChanging(true)}>
              {group.pattern ? t("groups.regenerate.open") : t("groups.regenerate.openNew")}
            </Button>
          </Row>
        )}
      </Stack>
    </Panel>
  );
}

function RegenerateForm({
  group,
  onDone,
  onCancel,
}: {
  group: Group;
  onDone: (r: { removed: number; added: number; kept: number }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<PatternValues>(group.pattern ? valuesOf(group.pattern) : emptyPattern(todayIso()));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useMutation({
    mutationFn: (input: RegenerateInput) => regenerate(group.id, input),
    onSuccess: (r) => {
      queryClient.setQueryData(groupQuery(group.id).queryKey, r.group);
      onDone({ removed: r.removed, added: r.added, kept: r.kept });
    },
    // Someone else changed the group: load it anew, so the next try carries the current version.
    onError: () => queryClient.invalidateQueries({ queryKey: groupQuery(group.id).queryKey }),
  });
  const errors = mergeFieldErrors(clientErrors, save.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = RegenerateInput.safeParse({ version: group.version, pattern: patternOf(values) });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    save.mutate(parsed.data);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t("groups.regenerate.help")}</Text>
        <ErrorAlert error={save.error} />
        <PatternFields values={values} onChange={setValues} errors={errors} prefix="pattern." />
        <Row>
          <Button type="submit" loading={save.isPending}>
            {t("groups.regenerate.save")}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        </Row>
      </Stack>
    </form>
  );
}
