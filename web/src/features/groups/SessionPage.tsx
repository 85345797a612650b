import { Button, Checkbox, NativeSelect, Radio, Group as Row, SimpleGrid, Stack, Table, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type AttendanceRegister,
  AttendanceStatus,
  type GroupSession,
  type SaveAttendanceInput,
  SessionTheme,
  UpdateSessionInput,
} from "../../../../schemas/groups.ts";
import { ConflictAlert, changedFields, conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { todayIso } from "../../format.ts";
import { sessionScoresQuery } from "../ratings/queries.ts";
import { dayAndDate, sessionTime, themeText } from "./format.ts";
import { GroupFrame } from "./GroupFrame.tsx";
import { attendanceQuery, groupQuery, saveAttendance, updateSession } from "./queries.ts";
import { SessionRatingsPanel } from "./SessionRatingsPanel.tsx";

const route = getRouteApi("/app/projekt/$projectId/grupper/$groupId/traffar/$sessionId");

export function SessionPage() {
  const { t, i18n } = useTranslation();
  const { projectId, groupId, sessionId } = route.useParams();
  const register = useQuery(attendanceQuery(sessionId ?? ""));
  if (register.isPending) return <Loading />;
  if (register.isError)
    return (
      <GroupFrame projectId={projectId} title={t("groups.session.title")}>
        <ErrorAlert error={register.error} />
      </GroupFrame>
    );
  const r = register.data;
  const s = r.session;
  return (
    <GroupFrame
      projectId={projectId}
      group={{ id: groupId, name: r.groupName }}
      title={t("groups.session.heading", { date: dayAndDate(s.date, i18n.language) })}
    >
      <Text>
        {sessionTime(s)} · {themeText(s, t)}
        {s.cancelled ? ` · ${t("groups.sessions.cancelled")}${s.cancelReason ? `: ${s.cancelReason}` : ""}` : ""}
      </Text>
      <AttendancePanel register={r} />
      <SessionRatingsPanel session={s} />
      <EditSessionPanel key={s.version} session={s} groupId={groupId} />
    </GroupFrame>
  );
}

function AttendancePanel({ register }: { register: AttendanceRegister }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const s = register.session;
  const save = useMutation({
    mutationFn: (entries: SaveAttendanceInput["entries"]) => saveAttendance(s.id, { version: s.version, entries }),
    onSuccess: (r) => {
      queryClient.setQueryData(attendanceQuery(s.id).queryKey, r);
      void queryClient.invalidateQueries({ queryKey: groupQuery(s.groupId).queryKey });
      // The GSRS panel shows each participant's attendance and takes no rating from the absent.
      void queryClient.invalidateQueries({ queryKey: sessionScoresQuery(s.id).queryKey });
    },
    // A stale version: load the register as it is now, so the next click carries the right one.
    onError: () => queryClient.invalidateQueries({ queryKey: attendanceQuery(s.id).queryKey }),
  });
  const caption = t("groups.attendance.caption", { count: register.rows.length });
  const open = !s.cancelled && s.date <= todayIso();
  const present = register.rows.filter((r) => r.status === "present").length;
  return (
    <Panel title={t("groups.attendance.title")}>
      <Stack gap="sm">
        {save.error ? <ErrorAlert error={save.error} /> : save.isSuccess && <SuccessAlert>{t("groups.attendance.saved")}</SuccessAlert>}
        {s.cancelled ? (
          <Text>{t("groups.attendance.cancelled")}</Text>
        ) : !open ? (
          <Text>{t("groups.attendance.notYet")}</Text>
        ) : register.rows.length === 0 ? (
          <Text>{t("groups.attendance.noMembers")}</Text>
        ) : (
          <>
            <Row>
              <Button onClick={() => save.mutate(register.rows.map((r) => ({ enrolmentId: r.enrolmentId, status: "present" })))} loading={save.isPending}>
                {t("groups.attendance.allPresent")}
              </Button>
              <Text size="sm" role="status">
                {t("groups.attendance.summary", { present, count: register.rows.length })}
              </Text>
            </Row>
            <TableScroll label={caption} minWidth={720}>
              <Table striped verticalSpacing="xs">
                <Table.Caption>{caption}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("groups.members.name")}</Table.Th>
                    <Table.Th scope="col">{t("groups.attendance.status")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {register.rows.map((row) => (
                    <Table.Tr key={row.enrolmentId}>
                      <Table.Th scope="row" fw={500}>
                        {row.name}
                      </Table.Th>
                      <Table.Td>
                        <Radio.Group
                          label={<VisuallyHidden>{t("groups.attendance.statusOf", { name: row.name })}</VisuallyHidden>}
                          value={row.status ?? ""}
                          onChange={(v) => save.mutate([{ enrolmentId: row.enrolmentId, status: AttendanceStatus.parse(v) }])}
                        >
                          <Row gap="md">
                            {AttendanceStatus.options.map((st) => (
                              <Radio key={st} value={st} label={t(`groups.attendance.statuses.${st}`)} disabled={save.isPending} />
                            ))}
                          </Row>
                        </Radio.Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          </>
        )}
      </Stack>
    </Panel>
  );
}

function EditSessionPanel({ session, groupId }: { session: GroupSession; groupId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    date: session.date,
    startTime: session.startTime,
    endTime: session.endTime,
    theme: session.theme ?? "",
    themeNote: session.themeNote ?? "",
    guestName: session.guestName ?? "",
    guestOrganisation: session.guestOrganisation ?? "",
    cancelled: session.cancelled,
    cancelReason: session.cancelReason ?? "",
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((v) => ({ ...v, [key]: value }));
  const save = useMutation({
    mutationFn: (input: UpdateSessionInput) => updateSession(session.id, input),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: attendanceQuery(session.id).queryKey }),
        queryClient.invalidateQueries({ queryKey: groupQuery(groupId).queryKey }),
        queryClient.invalidateQueries({ queryKey: sessionScoresQuery(session.id).queryKey }),
      ]);
    },
  });
  const errors = mergeFieldErrors(clientErrors, save.error);
  useFocusFirstError(formRef, errors, attempt);
  const stale = conflictOf(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = UpdateSessionInput.safeParse({ version: session.version, ...values, theme: values.theme || null });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    save.mutate(parsed.data);
  }

  return (
    <Panel title={t("groups.session.editTitle")}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm" maw={760}>
          <Text size="sm">{t("groups.session.editHelp")}</Text>
          {stale ? (
            <ConflictAlert
              message={stale.message}
              changes={changedFields(session, stale.current as GroupSession, [
                { label: t("groups.sessions.date"), value: (x) => x.date },
                { label: t("groups.sessions.time"), value: (x) => sessionTime(x) },
                { label: t("groups.sessions.theme"), value: (x) => themeText(x, t) },
              ])}
              onReload={() => queryClient.invalidateQueries({ queryKey: attendanceQuery(session.id).queryKey })}
            />
          ) : (
            <ErrorAlert error={save.error} />
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              type="date"
              label={t("groups.sessions.date")}
              required
              value={values.date}
              onChange={(e) => set("date", e.currentTarget.value)}
              error={errors.date}
            />
            <TextInput
              type="time"
              label={t("groups.session.startTime")}
              required
              value={values.startTime}
              onChange={(e) => set("startTime", e.currentTarget.value)}
              error={errors.startTime}
            />
            <TextInput
              type="time"
              label={t("groups.session.endTime")}
              required
              value={values.endTime}
              onChange={(e) => set("endTime", e.currentTarget.value)}
              error={errors.endTime}
            />
          </SimpleGrid>
          <NativeSelect
            label={t("groups.sessions.theme")}
            value={values.theme}
            onChange={(e) => set("theme", e.currentTarget.value)}
            error={errors.theme}
            maw={420}
            data={[{ value: "", label: t("groups.themes.none") }, ...SessionTheme.options.map((th) => ({ value: th, label: t(`groups.themes.${th}`) }))]}
          />
          <TextInput
            label={t("groups.session.themeNote")}
            description={values.theme === "other" ? t("groups.session.themeNoteRequired") : t("common.optional")}
            required={values.theme === "other"}
            value={values.themeNote}
            onChange={(e) => set("themeNote", e.currentTarget.value)}
            error={errors.themeNote}
          />
          {values.theme === "guest_lecturer" && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t("groups.session.guestName")}
                required
                value={values.guestName}
                onChange={(e) => set("guestName", e.currentTarget.value)}
                error={errors.guestName}
              />
              <TextInput
                label={t("groups.session.guestOrganisation")}
                description={t("common.optional")}
                value={values.guestOrganisation}
                onChange={(e) => set("guestOrganisation", e.currentTarget.value)}
                error={errors.guestOrganisation}
              />
            </SimpleGrid>
          )}
          <Checkbox
            label={t("groups.session.cancelled")}
            checked={values.cancelled}
            onChange={(e) => set("cancelled", e.currentTarget.checked)}
            error={errors.cancelled}
          />
          {values.cancelled && (
            <TextInput
              label={t("groups.session.cancelReason")}
              description={t("common.optional")}
              value={values.cancelReason}
              onChange={(e) => set("cancelReason", e.currentTarget.value)}
              error={errors.cancelReason}
            />
          )}
          <Row>
            <Button type="submit" loading={save.isPending}>
              {t("groups.session.save")}
            </Button>
          </Row>
        </Stack>
      </form>
    </Panel>
  );
}
