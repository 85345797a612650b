import "../../i18n/meetings.ts";
import { Anchor, Button, Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Attendance, CreateMeetingInput, type Meeting, type MeetingForm, type MeetingList, UpdateMeetingInput } from "../../../../schemas/meetings.ts";
import { ConflictAlert } from "../../components/ConflictAlert.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { RouteErrorContent } from "../../components/ErrorPages.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDate, isoDaysFromToday } from "../../format.ts";
import { useMe } from "../auth/session.ts";
import { FormToggle } from "../participants/participant/changeForm.tsx";
import { ParticipantSubpage } from "../participants/participant/ParticipantSubpage.tsx";
import { participantQuery } from "../participants/queries.ts";
import { bookMeeting, changeMeeting, meetingIcsHref, meetingsQuery } from "./queries.ts";
import { useSaveForm } from "./useSaveForm.ts";

const FORMS: MeetingForm[] = ["on_site", "video", "phone", "home_visit", "workplace"];
const ATTENDANCES: Attendance[] = ["attended", "cancelled", "no_show"];

/** /deltagare/$enrolmentId/moten: book individual meetings, change them and record attendance. */
export function MeetingsPage() {
  const { enrolmentId } = useParams({ from: "/app/deltagare/$enrolmentId/moten" });
  const { t } = useTranslation();
  const list = useQuery(meetingsQuery(enrolmentId));
  const page = useQuery(participantQuery(enrolmentId));
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState("");

  return (
    <ParticipantSubpage enrolmentId={enrolmentId} title={t("meetings.title")}>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <RouteErrorContent error={list.error} />
      ) : (
        <Stack gap="lg">
          {saved && (
            <Text role="status" c="green.9">
              {saved}
            </Text>
          )}
          {(["upcoming", "past"] as const).map((which) => {
            const rows = list.data.meetings.filter((m) => (which === "upcoming" ? !m.started : m.started));
            return (
              <MeetingTable
                key={which}
                which={which}
                rows={which === "past" ? [...rows].reverse() : rows}
                editing={editing}
                onEdit={(id) => {
                  setSaved("");
                  setEditing(id);
                }}
                renderEdit={(m) => (
                  <MeetingEditor
                    enrolmentId={enrolmentId}
                    list={list.data}
                    meeting={m}
                    onDone={(message) => {
                      setEditing(null);
                      setSaved(message ?? "");
                    }}
                  />
                )}
              />
            );
          })}
          {!page.data?.enrolment.exit && (
            <Panel title={t("meetings.book")}>
              <FormToggle label={t("meetings.book")}>
                {(close) => <BookForm enrolmentId={enrolmentId} list={list.data} onSaved={() => close(t("meetings.booked"))} />}
              </FormToggle>
            </Panel>
          )}
        </Stack>
      )}
    </ParticipantSubpage>
  );
}

function MeetingTable({
  which,
  rows,
  editing,
  onEdit,
  renderEdit,
}: {
  which: "upcoming" | "past";
  rows: Meeting[];
  editing: string | null;
  onEdit: (id: string) => void;
  renderEdit: (m: Meeting) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const caption = t(which === "upcoming" ? "meetings.upcomingCaption" : "meetings.pastCaption", { count: rows.length });
  const editingRow = rows.find((m) => m.id === editing);
  const actionLabel = (m: Meeting) => (which === "past" && !m.attendance ? t("meetings.recordAttendance") : t("meetings.edit"));
  return (
    <Panel title={t(which === "upcoming" ? "meetings.upcoming" : "meetings.past")}>
      <Stack gap="md">
        {rows.length === 0 ? (
          <Text>{t(which === "upcoming" ? "meetings.noneUpcoming" : "meetings.nonePast")}</Text>
        ) : (
          <TableScroll minWidth={840} label={caption}>
            <Table verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("meetings.date")}</Table.Th>
                  <Table.Th scope="col">{t("meetings.time")}</Table.Th>
                  <Table.Th scope="col">{t("meetings.durationShort")}</Table.Th>
                  <Table.Th scope="col">{t("meetings.form")}</Table.Th>
                  <Table.Th scope="col">{t("meetings.staffShort")}</Table.Th>
                  <Table.Th scope="col">{t("meetings.attendance")}</Table.Th>
                  <Table.Th scope="col">{t("meetings.agreedTasksShort")}</Table.Th>
                  <Table.Th scope="col">{t("common.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Th scope="row" fw={400} style={{ whiteSpace: "nowrap" }}>
                      {formatDate(m.date)}
                    </Table.Th>
                    <Table.Td>{m.time}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{t("meetings.minutes", { count: m.durationMinutes })}</Table.Td>
                    <Table.Td>{t(`meetings.forms.${m.form}`)}</Table.Td>
                    <Table.Td>{m.staff.map((s) => s.name).join(", ")}</Table.Td>
                    <Table.Td>{t(`meetings.attendances.${m.attendance ?? "none"}`)}</Table.Td>
                    <Table.Td>{m.agreedTasks ?? "–"}</Table.Td>
                    <Table.Td>
                      <Stack gap={4} align="flex-start" style={{ whiteSpace: "nowrap" }}>
                        <Button size="xs" variant="default" onClick={() => onEdit(m.id)} aria-label={`${actionLabel(m)} ${formatDate(m.date)} ${m.time}`}>
                          {actionLabel(m)}
                        </Button>
                        <Anchor
                          href={meetingIcsHref(m.id)}
                          download
                          size="sm"
                          aria-label={t("meetings.downloadLabel", { date: formatDate(m.date), time: m.time })}
                        >
                          {t("meetings.download")}
                        </Anchor>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {editingRow && renderEdit(editingRow)}
      </Stack>
    </Panel>
  );
}

interface Values {
  date: string;
  time: string;
  durationMinutes: number | string;
  form: string;
  staffIds: string[];
  attendance: string;
  agreedTasks: string;
  note: string;
}

function MeetingFields({
  values,
  set,
  errors,
  list,
  started,
}: {
  values: Values;
  set: (v: Partial<Values>) => void;
  errors: Record<string, string>;
  list: MeetingList;
  started: boolean | null;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
        <TextInput
          label={t("meetings.date")}
          type="date"
          required
          value={values.date}
          onChange={(e) => set({ date: e.currentTarget.value })}
          error={errors.date}
        />
        <TextInput
          label={t("meetings.time")}
          description={t("meetings.timeHint")}
          type="time"
          required
          value={values.time}
          onChange={(e) => set({ time: e.currentTarget.value })}
          error={errors.time}
        />
        <NumberInput
          label={t("meetings.duration")}
          min={5}
          max={480}
          step={15}
          required
          value={values.durationMinutes}
          onChange={(v) => set({ durationMinutes: v })}
          error={errors.durationMinutes}
        />
        <NativeSelect label={t("meetings.form")} required value={values.form} onChange={(e) => set({ form: e.currentTarget.value })} error={errors.form}>
          <option value="">{t("common.choose")}</option>
          {FORMS.map((f) => (
            <option key={f} value={f}>
              {t(`meetings.forms.${f}`)}
            </option>
          ))}
        </NativeSelect>
      </SimpleGrid>
      <Checkbox.Group label={t("meetings.staff")} required value={values.staffIds} onChange={(staffIds) => set({ staffIds })} error={errors.staffIds}>
        <Group gap="md" mt={4}>
          {list.staffOptions.map((s) => (
            <Checkbox key={s.id} value={s.id} label={s.name} />
          ))}
        </Group>
      </Checkbox.Group>
      {started !== null && (
        <NativeSelect
          label={t("meetings.attendance")}
          description={t("meetings.attendanceHint")}
          value={values.attendance}
          onChange={(e) => set({ attendance: e.currentTarget.value })}
          error={errors.attendance}
        >
          <option value="">{t("meetings.attendances.none")}</option>
          {ATTENDANCES.filter((a) => started || a === "cancelled").map((a) => (
            <option key={a} value={a}>
              {t(`meetings.attendances.${a}`)}
            </option>
          ))}
        </NativeSelect>
      )}
      <Textarea
        label={t("meetings.agreedTasks")}
        autosize
        minRows={2}
        value={values.agreedTasks}
        onChange={(e) => set({ agreedTasks: e.currentTarget.value })}
        error={errors.agreedTasks}
      />
      <TextInput
        label={t("meetings.note")}
        description={t("meetings.noteHint")}
        value={values.note}
        onChange={(e) => set({ note: e.currentTarget.value })}
        error={errors.note}
      />
    </Stack>
  );
}

function BookForm({ enrolmentId, list, onSaved }: { enrolmentId: string; list: MeetingList; onSaved: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [values, setValues] = useState<Values>({
    date: isoDaysFromToday(7),
    time: "10:00",
    durationMinutes: 60,
    form: "",
    staffIds: list.staffOptions.some((s) => s.id === me.id) ? [me.id] : [],
    attendance: "",
    agreedTasks: "",
    note: "",
  });
  const form = useSaveForm(
    CreateMeetingInput,
    (input) => bookMeeting(enrolmentId, input),
    [["meetings", enrolmentId], ["participants"], ["calendar"]],
    onSaved,
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit({ ...values, durationMinutes: Number(values.durationMinutes), attendance: null });
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("meetings.book")}>
      <Stack gap="sm">
        <ErrorAlert error={form.mutation.error} />
        <MeetingFields values={values} set={(v) => setValues((old) => ({ ...old, ...v }))} errors={form.errors} list={list} started={null} />
        <Group>
          <Button type="submit" loading={form.mutation.isPending}>
            {t("meetings.bookSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MeetingEditor({
  enrolmentId,
  list,
  meeting,
  onDone,
}: {
  enrolmentId: string;
  list: MeetingList;
  meeting: Meeting;
  onDone: (message?: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initial = (m: Meeting): Values => ({
    date: m.date,
    time: m.time,
    durationMinutes: m.durationMinutes,
    form: m.form,
    staffIds: m.staff.map((s) => s.id),
    attendance: m.attendance ?? "",
    agreedTasks: m.agreedTasks ?? "",
    note: m.note ?? "",
  });
  const [values, setValues] = useState<Values>(initial(meeting));
  const [base, setBase] = useState(meeting);
  const form = useSaveForm(
    UpdateMeetingInput,
    (input) => changeMeeting(meeting.id, input),
    [["meetings", enrolmentId], ["participants"], ["calendar"]],
    () => onDone(t("meetings.saved")),
  );
  const title = t("meetings.editTitle", { date: formatDate(meeting.date), time: meeting.time });

  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit({
      version: base.version,
      date: values.date,
      time: values.time,
      durationMinutes: Number(values.durationMinutes),
      form: values.form,
      staffIds: values.staffIds,
      attendance: values.attendance === "" ? null : values.attendance,
      agreedTasks: values.agreedTasks,
      note: values.note,
    });
  }

  async function reload() {
    const fresh = await queryClient.fetchQuery({ ...meetingsQuery(enrolmentId), staleTime: 0 });
    const now = fresh.meetings.find((m) => m.id === meeting.id);
    form.mutation.reset();
    if (now) {
      setBase(now);
      setValues(initial(now));
    }
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={title} className="inline-form">
      <Stack gap="sm">
        <Text fw={700}>{title}</Text>
        {form.conflict ? (
          <ConflictAlert message={form.conflict.message} changes={[]} onReload={() => void reload()} />
        ) : (
          <ErrorAlert error={form.mutation.error} />
        )}
        <MeetingFields values={values} set={(v) => setValues((old) => ({ ...old, ...v }))} errors={form.errors} list={list} started={meeting.started} />
        <Group>
          <Button type="submit" loading={form.mutation.isPending} disabled={form.conflict !== null}>
            {t("meetings.editSubmit")}
          </Button>
          <Button variant="subtle" onClick={() => onDone()}>
            {t("common.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
