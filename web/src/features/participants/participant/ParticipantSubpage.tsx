import "../../../i18n/participants.ts";
import { Breadcrumbs, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { RouteErrorContent } from "../../../components/ErrorPages.tsx";
import { Loading } from "../../../components/Loading.tsx";
import { AnchorLink } from "../../../components/links.tsx";
import { usePageTitle } from "../../../components/usePageTitle.ts";
import { projectQuery } from "../../projects/queries.ts";
import { participantQuery } from "../queries.ts";
import { ParticipantSubnav } from "./ParticipantSubnav.tsx";

/**
 * The frame of one part of a participant's record (mapping, plan, activities, notes …): a
 * trail back to the caseload and the person, the part's h1 with the person's name, and the
 * links to the other parts. `children` renders only once the person is loaded.
 */
export function ParticipantSubpage({ enrolmentId, title, children }: { enrolmentId: string; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const page = useQuery(participantQuery(enrolmentId));
  const projectId = page.data?.enrolment.projectId;
  const project = useQuery({ ...projectQuery(projectId ?? ""), enabled: Boolean(projectId) });
  const name = page.data ? `${page.data.person.firstName} ${page.data.person.lastName}` : "";
  usePageTitle(name ? `${title} – ${name}` : title);

  if (page.isPending) return <Loading />;
  if (page.isError) return <RouteErrorContent error={page.error} />;
  const e = page.data.enrolment;
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
          <AnchorLink to="/deltagare/$enrolmentId" params={{ enrolmentId }}>
            {name}
          </AnchorLink>
          <Text span aria-current="page">
            {title}
          </Text>
        </Breadcrumbs>
      </nav>
      <header>
        <Title order={1}>{title}</Title>
        <Text c="dimmed">{name}</Text>
      </header>
      <ParticipantSubnav enrolmentId={enrolmentId} />
      {children}
    </Stack>
  );
}
