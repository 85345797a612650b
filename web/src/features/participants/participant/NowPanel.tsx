import "../../../i18n/activities.ts";
import { Alert, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ParticipantPage } from "../../../../../schemas/participants.ts";
import { AnchorLink } from "../../../components/links.tsx";
import { Panel } from "../../../components/Panel.tsx";
import { formatDate } from "../../../format.ts";

/**
 * What goes on for the participant now: the goals of the current plan and how far they have
 * come, the ongoing and planned activities, and a reminder when a new planning is due.
 */
export function NowPanel({ page }: { page: ParticipantPage }) {
  const { t } = useTranslation();
  const enrolmentId = page.enrolment.id;
  const current = page.activities.filter((a) => a.status === "planned" || a.status === "ongoing");
  const earlier = page.activities.length - current.length;
  return (
    <Panel title={t("participant.now")}>
      {page.openPlanningTasks > 0 && (
        <Alert color="orange" mb="md" title={t("participant.planningTasks", { count: page.openPlanningTasks })}>
          <AnchorLink to="/deltagare/$enrolmentId/plan" params={{ enrolmentId }}>
            {t("participant.openPlan")}
          </AnchorLink>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t("participant.nowPlan")}
          </Title>
          {page.plan ? (
            <>
              <Text size="sm" c="dimmed">
                {t("participant.nowPlanVersion", { n: page.plan.number, date: formatDate(page.plan.createdAt.slice(0, 10)) })}
              </Text>
              <List spacing={4}>
                {page.plan.goals.map((g) => (
                  <List.Item key={g.id}>
                    <Text span fw={500}>
                      {g.title}
                    </Text>{" "}
                    <Text span size="sm">
                      ({t(`plan.status.${g.status}`)}
                      {g.dueDate && `, ${t("participant.goalDue", { date: formatDate(g.dueDate) })}`})
                    </Text>
                    {g.subGoals > 0 && (
                      <Text size="sm" c="dimmed">
                        {t("participant.subGoalsReached", { reached: g.subGoalsReached, count: g.subGoals })}
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            </>
          ) : (
            <Text size="sm">{t("participant.noPlan")}</Text>
          )}
          <AnchorLink to="/deltagare/$enrolmentId/plan" params={{ enrolmentId }} size="sm">
            {t("participant.openPlan")}
          </AnchorLink>
        </Stack>
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t("participant.nowActivities")}
          </Title>
          {current.length > 0 ? (
            <List spacing={4}>
              {current.map((a) => (
                <List.Item key={a.id}>
                  <Group gap={6} wrap="wrap">
                    <Text span fw={500}>
                      {a.typeLabel}
                    </Text>
                    <Text span size="sm">
                      {a.endDate
                        ? t("participant.activityPeriod", { from: formatDate(a.startDate), to: formatDate(a.endDate) })
                        : t("participant.activityFrom", { from: formatDate(a.startDate) })}{" "}
                      ({t(`activities.status.${a.status}`)})
                    </Text>
                  </Group>
                </List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm">{t("participant.noCurrentActivities")}</Text>
          )}
          {earlier > 0 && (
            <Text size="sm" c="dimmed">
              {t("participant.earlierActivities", { count: earlier })}
            </Text>
          )}
          <AnchorLink to="/deltagare/$enrolmentId/aktiviteter" params={{ enrolmentId }} size="sm">
            {t("participant.openActivities")}
          </AnchorLink>
        </Stack>
      </SimpleGrid>
    </Panel>
  );
}
