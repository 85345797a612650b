import "../../i18n/activities.ts";
import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Activity, Task } from "../../../../schemas/activities.ts";
import type { Checklist, FollowUp } from "../../../../schemas/placements.ts";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { formatDateTime, todayIso } from "../../format.ts";
import { FormToggle } from "../participants/participant/changeForm.tsx";
import { ParticipantSubpage } from "../participants/participant/ParticipantSubpage.tsx";
import { participantQuery } from "../participants/queries.ts";
import { ActivityForm } from "./ActivityForm.tsx";
import { ChecklistSection, DetailsList, EndForm, FollowUpsSection } from "./ActivityParts.tsx";
import { periodLabel } from "./labels.ts";
import { activitiesQuery, checklistsQuery, completeTask, followUpsQuery, refreshActivities, tasksQuery } from "./queries.ts";

const isOver = (a: Activity, today: string) => a.status === "ended" || a.status === "interrupted" || (a.endDate !== null && a.endDate < today);

/** A participant's activities: what goes on now and what is over, with checklists, follow-ups and tasks. */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const { enrolmentId } = useParams({ from: "/app/deltagare/$enrolmentId/aktiviteter" });
  return (
    <ParticipantSubpage enrolmentId={enrolmentId} title={t("activities.title")}>
      <ActivitiesContent enrolmentId={enrolmentId} />
    </ParticipantSubpage>
  );
}

function ActivitiesContent({ enrolmentId }: { enrolmentId: string }) {
  const { t } = useTranslation();
  const page = useQuery(participantQuery(enrolmentId));
  const activities = useQuery(activitiesQuery(enrolmentId));
  const tasks = useQuery(tasksQuery(enrolmentId));
  const checklists = useQuery(checklistsQuery(enrolmentId));
  const followUps = useQuery(followUpsQuery(enrolmentId));
  // An ended activity moves to the past list, so its own form cannot say that it was saved.
  const [notice, setNotice] = useState("");
  if (activities.isPending || tasks.isPending || checklists.isPending || followUps.isPending || page.isPending) return <Loading />;
  const error = activities.error ?? tasks.error ?? checklists.error ?? followUps.error ?? page.error;
  if (error || !activities.data || !tasks.data || !checklists.data || !followUps.data || !page.data) return <ErrorAlert error={error} />;

  const today = todayIso();
  const all = activities.data.activities;
  const current = all.filter((a) => !isOver(a, today));
  const past = all.filter((a) => isOver(a, today)).reverse();
  const openTasks = tasks.data.tasks.filter((x) => !x.doneAt);
  const projectId = page.data.enrolment.projectId;
  const exited = page.data.enrolment.exit !== null;
  const checklistOf = (id: string) => checklists.data.checklists.find((c) => c.activityId === id);
  const followUpsOf = (id: string) => followUps.data.followUps.filter((f) => f.activityId === id);

  return (
    <Stack gap="lg">
      {notice && <SuccessAlert>{notice}</SuccessAlert>}
      {openTasks.length > 0 && <TasksPanel tasks={openTasks} enrolmentId={enrolmentId} />}
      <Panel title={t("activities.current")}>
        <Stack gap="md">
          {current.length === 0 && <Text>{t("activities.noneCurrent")}</Text>}
          {current.map((a) => (
            <ActivityCard
              key={a.id}
              activity={a}
              projectId={projectId}
              checklist={checklistOf(a.id)}
              followUps={followUpsOf(a.id)}
              editable={!exited}
              onEnded={setNotice}
            />
          ))}
          {!exited && (
            <FormToggle label={t("activities.add")}>
              {(close) => <ActivityForm enrolmentId={enrolmentId} projectId={projectId} onSaved={() => close(t("activities.added"))} />}
            </FormToggle>
          )}
        </Stack>
      </Panel>
      <Panel title={t("activities.past")}>
        <Stack gap="md">
          {past.length === 0 && <Text>{t("activities.nonePast")}</Text>}
          {past.map((a) => (
            <ActivityCard
              key={a.id}
              activity={a}
              projectId={projectId}
              checklist={checklistOf(a.id)}
              followUps={followUpsOf(a.id)}
              editable={!exited}
              onEnded={setNotice}
            />
          ))}
        </Stack>
      </Panel>
    </Stack>
  );
}

/** Open tasks, e.g. plan anew now that an activity has ended. */
export function TasksPanel({ tasks, enrolmentId }: { tasks: Task[]; enrolmentId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({ mutationFn: completeTask, onSettled: () => refreshActivities(queryClient, enrolmentId) });
  return (
    <Panel title={t("tasks.title")}>
      <Stack gap="sm">
        <ErrorAlert error={mutation.error} />
        <List spacing="sm" listStyleType="none" p={0}>
          {tasks.map((task) => (
            <List.Item key={task.id}>
              <Group justify="space-between" wrap="wrap" gap="sm">
                <div>
                  <Text fw={600}>{t("tasks.kind.new_planning")}</Text>
                  <Text size="sm">{task.reason}</Text>
                  <Text size="sm" c="dimmed">
                    {t("tasks.created", { date: formatDateTime(task.createdAt) })}
                  </Text>
                </div>
                <Button variant="default" onClick={() => mutation.mutate(task.id)} loading={mutation.isPending && mutation.variables === task.id}>
                  {t("tasks.complete")}
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Panel>
  );
}

function StatusBadge({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  // Text says the status; colour only helps the eye.
  const color = { planned: "stegvis", ongoing: "green", ended: "gray", interrupted: "orange" }[activity.status];
  return (
    <Badge color={color} variant="outline" tt="none" className="status-badge">
      {t(`activities.status.${activity.status}`)}
    </Badge>
  );
}

function ActivityCard({
  activity,
  projectId,
  checklist,
  followUps,
  editable,
  onEnded,
}: {
  activity: Activity;
  projectId: string;
  checklist: Checklist | undefined;
  followUps: FollowUp[];
  editable: boolean;
  onEnded: (message: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const over = activity.status === "ended" || activity.status === "interrupted";
  const title = `${activity.typeLabel}, ${periodLabel(t, activity)}`;
  return (
    <Paper component="article" withBorder p="md" aria-labelledby={`${id}-h`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h4" id={`${id}-h`}>
            {title}
          </Title>
          <StatusBadge activity={activity} />
        </Group>
        {activity.warnings.map((w) => (
          <Alert key={w} color="orange" variant="light" title={t("activities.warning")}>
            {w}
          </Alert>
        ))}
        <DetailsList activity={activity} />
        {checklist && <ChecklistSection checklist={checklist} headingId={`${id}-c`} />}
        {followUps.length > 0 && <FollowUpsSection followUps={followUps} headingId={`${id}-f`} activityLabel={title} />}
        {editable && (
          <Group align="flex-start" gap="md">
            <FormToggle label={t("activities.edit", { activity: activity.typeLabel })}>
              {(close) => (
                <ActivityForm enrolmentId={activity.enrolmentId} projectId={projectId} activity={activity} onSaved={() => close(t("activities.saved"))} />
              )}
            </FormToggle>
            {!over && (
              <FormToggle label={t("activities.end.open", { activity: activity.typeLabel })}>
                {(close) => (
                  <EndForm
                    activity={activity}
                    onSaved={() => {
                      close();
                      onEnded(t("activities.end.saved"));
                    }}
                  />
                )}
              </FormToggle>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
