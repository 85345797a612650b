import "../../i18n/activities.ts";
import { Button, Group, NativeSelect, Radio, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { WorkList } from "../../../../schemas/placements.ts";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { AnchorLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate, formatDateTime } from "../../format.ts";
import { useMe } from "../auth/session.ts";
import { ruleLabel } from "./labels.ts";
import { completeTask, refreshActivities, workListQuery } from "./queries.ts";

const route = getRouteApi("/app/uppgifter");

/** The coach's work list: what to do next for their participants, in one of their projects. */
export function WorkListPage() {
  const { t } = useTranslation();
  usePageTitle(t("workList.title"));
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/uppgifter" });
  const projects = me.memberships.filter((m) => m.role === "coach" || m.role === "manager");
  const projectId = projects.some((p) => p.projectId === search.projekt) ? (search.projekt as string) : projects[0]?.projectId;
  const scope = search.alla ? "project" : "mine";

  return (
    <Stack gap="lg">
      <Title order={1}>{t("workList.title")}</Title>
      {!projectId ? (
        <Text>{t("workList.noProjects")}</Text>
      ) : (
        <>
          <Group align="flex-end" gap="lg" wrap="wrap">
            {projects.length > 1 && (
              <NativeSelect
                label={t("workList.project")}
                value={projectId}
                onChange={(e) => void navigate({ search: (s) => ({ ...s, projekt: e.currentTarget.value }) })}
              >
                {projects.map((p) => (
                  <option key={p.projectId} value={p.projectId}>
                    {p.projectName}
                  </option>
                ))}
              </NativeSelect>
            )}
            <Radio.Group
              label={t("workList.scope")}
              value={scope}
              onChange={(v) => void navigate({ search: (s) => ({ ...s, alla: v === "project" ? true : undefined }) })}
            >
              <Group mt={4}>
                <Radio value="mine" label={t("workList.mine")} />
                <Radio value="project" label={t("workList.wholeProject")} />
              </Group>
            </Radio.Group>
          </Group>
          <WorkListContent projectId={projectId} scope={scope} />
        </>
      )}
    </Stack>
  );
}

function WorkListContent({ projectId, scope }: { projectId: string; scope: "mine" | "project" }) {
  const list = useQuery(workListQuery(projectId, scope));
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const data = list.data;
  return (
    <Stack gap="lg">
      <TasksTable tasks={data.tasks} />
      <FollowUpsTable followUps={data.followUps} horizon={data.horizonDays} />
      <ChecklistsTable checklists={data.checklists} />
      <ExitFollowUpsTable followUps={data.exitFollowUps} horizon={data.horizonDays} />
    </Stack>
  );
}

/** The participant's activities, where the list's work is done; after an exit, the overview. */
function PersonLink({ enrolmentId, name, overview = false }: { enrolmentId: string; name: string; overview?: boolean }) {
  return (
    <AnchorLink to={overview ? "/deltagare/$enrolmentId" : "/deltagare/$enrolmentId/aktiviteter"} params={{ enrolmentId }}>
      {name}
    </AnchorLink>
  );
}

/** Overdue in bold red, otherwise "coming". */
function DueState({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation();
  return overdue ? (
    <Text span fw={700} c="red.9">
      {t("followUps.overdue")}
    </Text>
  ) : (
    t("followUps.upcoming")
  );
}

function TasksTable({ tasks }: { tasks: WorkList["tasks"] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({ mutationFn: completeTask, onSettled: () => refreshActivities(queryClient) });
  const caption = t("workList.tasksCaption", { count: tasks.length });
  return (
    <Panel title={t("workList.tasks")}>
      <Stack gap="sm">
        <ErrorAlert error={mutation.error} />
        {mutation.isSuccess && <SuccessAlert>{t("tasks.completed")}</SuccessAlert>}
        {tasks.length === 0 ? (
          <Text>{t("workList.noTasks")}</Text>
        ) : (
          <TableScroll minWidth={640} label={caption}>
            <Table verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("workList.participant")}</Table.Th>
                  <Table.Th scope="col">{t("workList.reason")}</Table.Th>
                  <Table.Th scope="col">{t("workList.created")}</Table.Th>
                  <Table.Th scope="col">{t("workList.action")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tasks.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Th scope="row" fw={400}>
                      <PersonLink enrolmentId={x.enrolmentId} name={x.personName} />
                    </Table.Th>
                    <Table.Td>{x.reason}</Table.Td>
                    <Table.Td>{formatDateTime(x.createdAt)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t("tasks.completeFor", { name: x.personName })}
                        loading={mutation.isPending && mutation.variables === x.id}
                        onClick={() => mutation.mutate(x.id)}
                      >
                        {t("tasks.complete")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Stack>
    </Panel>
  );
}

function FollowUpsTable({ followUps, horizon }: { followUps: WorkList["followUps"]; horizon: number }) {
  const { t } = useTranslation();
  const caption = t("workList.followUpsCaption", { count: followUps.length, days: horizon });
  return (
    <Panel title={t("workList.followUps")}>
      {followUps.length === 0 ? (
        <Text>{t("workList.noFollowUps", { days: horizon })}</Text>
      ) : (
        <TableScroll minWidth={640} label={caption}>
          <Table verticalSpacing="xs">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("workList.participant")}</Table.Th>
                <Table.Th scope="col">{t("workList.activity")}</Table.Th>
                <Table.Th scope="col">{t("followUps.when")}</Table.Th>
                <Table.Th scope="col">{t("followUps.dueDate")}</Table.Th>
                <Table.Th scope="col">{t("followUps.state")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {followUps.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Th scope="row" fw={400}>
                    <PersonLink enrolmentId={f.enrolmentId} name={f.personName} />
                  </Table.Th>
                  <Table.Td>{f.typeLabel}</Table.Td>
                  <Table.Td>{ruleLabel(t, f.rule)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(f.dueDate)}</Table.Td>
                  <Table.Td>
                    <DueState overdue={f.overdue} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Panel>
  );
}

function ChecklistsTable({ checklists }: { checklists: WorkList["checklists"] }) {
  const { t } = useTranslation();
  const caption = t("workList.checklistsCaption", { count: checklists.length });
  return (
    <Panel title={t("workList.checklists")}>
      {checklists.length === 0 ? (
        <Text>{t("workList.noChecklists")}</Text>
      ) : (
        <TableScroll minWidth={640} label={caption}>
          <Table verticalSpacing="xs">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("workList.participant")}</Table.Th>
                <Table.Th scope="col">{t("workList.activity")}</Table.Th>
                <Table.Th scope="col">{t("workList.left")}</Table.Th>
                <Table.Th scope="col">{t("workList.nextStep")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {checklists.map((c) => (
                <Table.Tr key={c.activityId}>
                  <Table.Th scope="row" fw={400}>
                    <PersonLink enrolmentId={c.enrolmentId} name={c.personName} />
                  </Table.Th>
                  <Table.Td>{t("workList.activityFrom", { activity: c.typeLabel, date: formatDate(c.startDate) })}</Table.Td>
                  <Table.Td>{t("workList.leftOf", { open: c.openItems.length, total: c.totalItems })}</Table.Td>
                  <Table.Td>{c.openItems[0]?.label}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Panel>
  );
}

/** Follow-ups after a final exit: the person is reached to record their status then. */
function ExitFollowUpsTable({ followUps, horizon }: { followUps: WorkList["exitFollowUps"]; horizon: number }) {
  const { t } = useTranslation();
  const caption = t("workList.exitFollowUpsCaption", { count: followUps.length, days: horizon });
  return (
    <Panel title={t("workList.exitFollowUps")}>
      {followUps.length === 0 ? (
        <Text>{t("workList.noExitFollowUps", { days: horizon })}</Text>
      ) : (
        <TableScroll minWidth={640} label={caption}>
          <Table verticalSpacing="xs">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("workList.participant")}</Table.Th>
                <Table.Th scope="col">{t("workList.exitDate")}</Table.Th>
                <Table.Th scope="col">{t("followUps.when")}</Table.Th>
                <Table.Th scope="col">{t("followUps.dueDate")}</Table.Th>
                <Table.Th scope="col">{t("followUps.state")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {followUps.map((f) => (
                <Table.Tr key={`${f.enrolmentId}:${f.months}`}>
                  <Table.Th scope="row" fw={400}>
                    <PersonLink enrolmentId={f.enrolmentId} name={f.personName} overview />
                  </Table.Th>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(f.exitDate)}</Table.Td>
                  <Table.Td>{t("workList.monthsAfterExit", { count: f.months })}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(f.dueDate)}</Table.Td>
                  <Table.Td>
                    <DueState overdue={f.overdue} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Panel>
  );
}
