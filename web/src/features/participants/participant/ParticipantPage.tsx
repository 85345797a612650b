import "../../../i18n/participants.ts";
import { Breadcrumbs, Group, List, Progress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ParticipantPage as Page } from "../../../../../schemas/participants.ts";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { RouteErrorContent } from "../../../components/ErrorPages.tsx";
import { Loading } from "../../../components/Loading.tsx";
import { AnchorLink } from "../../../components/links.tsx";
import { Panel } from "../../../components/Panel.tsx";
import { usePageTitle } from "../../../components/usePageTitle.ts";
import { formatDate } from "../../../format.ts";
import { useProjectCodes } from "../../codes/queries.ts";
import { projectQuery } from "../../projects/queries.ts";
import { StatusBadge } from "../badges.tsx";
import { participantQuery } from "../queries.ts";
import { ConsentsPanel } from "./ConsentsPanel.tsx";
import { DisFormsPanel } from "./DisFormsPanel.tsx";
import { EnrolmentPanel } from "./EnrolmentPanel.tsx";
import { ExitPanel } from "./ExitPanel.tsx";
import { ExtensionsPanel, PausesPanel } from "./ExtensionsPanel.tsx";
import { NowPanel } from "./NowPanel.tsx";
import { ParticipantSubnav } from "./ParticipantSubnav.tsx";
import { PersonPanel } from "./PersonPanel.tsx";
import { Timeline } from "./Timeline.tsx";

const route = getRouteApi("/app/deltagare/$enrolmentId");

/** One person's period in a project: who, where they are in the programme, and every step. */
export function ParticipantPage() {
  const { t } = useTranslation();
  const { enrolmentId } = route.useParams();
  const page = useQuery(participantQuery(enrolmentId));
  const name = page.data ? `${page.data.person.firstName} ${page.data.person.lastName}` : undefined;
  // The person's own page is the one place their name may be in the title.
  usePageTitle(name ?? t("participant.title"));

  if (page.isPending) return <Loading />;
  if (page.isError) return <RouteErrorContent error={page.error} />;
  return <Participant page={page.data} name={name ?? ""} />;
}

function Participant({ page, name }: { page: Page; name: string }) {
  const { t } = useTranslation();
  const e = page.enrolment;
  const project = useQuery(projectQuery(e.projectId));
  const codes = useProjectCodes(e.projectId);
  const percent = e.plannedDays > 0 ? Math.min(100, Math.round((e.daysInProgramme / e.plannedDays) * 100)) : 0;

  return (
    <Stack gap="lg">
      <nav aria-label={t("layout.breadcrumbs")}>
        <Breadcrumbs separator="›">
          <AnchorLink to="/projekt/$projectId" params={{ projectId: e.projectId }}>
            {project.data?.name ?? t("nav.projects")}
          </AnchorLink>
          <AnchorLink to="/projekt/$projectId/deltagare" params={{ projectId: e.projectId }}>
            {t("caseload.title")}
          </AnchorLink>
          <Text span aria-current="page">
            {name}
          </Text>
        </Breadcrumbs>
      </nav>

      <header>
        <Group gap="sm" align="center">
          <Title order={1}>{name}</Title>
          <StatusBadge status={e.status} />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs" mt="sm" component="dl" className="header-facts">
          <div>
            <dt>{t("participant.age")}</dt>
            <dd>{t("participant.years", { count: page.person.age })}</dd>
          </div>
          <div>
            <dt>{t("participant.project")}</dt>
            <dd>{project.data?.name ?? "–"}</dd>
          </div>
          <div>
            <dt>{t("enrolment.intake")}</dt>
            <dd>{e.intakeName ?? "–"}</dd>
          </div>
          <div>
            <dt>{t("enrolment.coach")}</dt>
            <dd>{e.coachName ?? t("caseload.noCoach")}</dd>
          </div>
          <div>
            <dt>{t("participant.period")}</dt>
            <dd>
              {formatDate(e.startDate)} – {e.exit ? formatDate(e.exit.exitDate) : t("participant.plannedUntil", { date: formatDate(e.plannedEndDate) })}
            </dd>
          </div>
          <div>
            <dt>{t("participant.daysInProgramme")}</dt>
            <dd>
              {t("participant.daysOf", { days: e.daysInProgramme, planned: e.plannedDays })}
              <Progress value={percent} mt={4} maw={220} aria-label={t("participant.daysInProgramme")} color={percent >= 100 ? "orange" : "stegvis"} />
            </dd>
          </div>
        </SimpleGrid>
      </header>
      <ParticipantSubnav enrolmentId={e.id} />

      <ErrorAlert error={codes.error} />
      <NowPanel page={page} />
      <Timeline page={page} />
      <PersonPanel page={page} />
      <EnrolmentPanel page={page} codes={codes} />
      <ConsentsPanel page={page} />
      <ExtensionsPanel page={page} codes={codes} />
      <PausesPanel page={page} />
      <ExitPanel page={page} codes={codes} />
      <DisFormsPanel page={page} />
      {page.otherEnrolments.length > 0 && (
        <Panel title={t("participant.otherEnrolments")}>
          <List>
            {page.otherEnrolments.map((o) => (
              <List.Item key={o.id}>
                <AnchorLink to="/deltagare/$enrolmentId" params={{ enrolmentId: o.id }}>
                  {o.exitDate
                    ? t("participant.periodRange", { from: formatDate(o.startDate), to: formatDate(o.exitDate) })
                    : t("participant.periodFrom", { from: formatDate(o.startDate) })}
                </AnchorLink>{" "}
                <Text span size="sm">
                  ({t(`status.${o.status}`)})
                </Text>
              </List.Item>
            ))}
          </List>
        </Panel>
      )}
    </Stack>
  );
}
