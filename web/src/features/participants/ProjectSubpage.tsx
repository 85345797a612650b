import "../../i18n/participants.ts";
import { Breadcrumbs, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../components/links.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { projectQuery } from "../projects/queries.ts";

/**
 * The top of a page inside a project: a trail back to the project, the page's one h1 and the
 * project's name. The document title never carries a person's name here.
 */
export function ProjectSubpage({ projectId, title, intro, children }: { projectId: string; title: string; intro?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const project = useQuery(projectQuery(projectId));
  const name = project.data?.name ?? "";
  usePageTitle(name ? `${title} – ${name}` : title);
  return (
    <Stack gap="lg">
      <nav aria-label={t("layout.breadcrumbs")}>
        <Breadcrumbs separator="›">
          <AnchorLink to="/projekt/$projectId" params={{ projectId }}>
            {name || t("nav.projects")}
          </AnchorLink>
          <Text span aria-current="page">
            {title}
          </Text>
        </Breadcrumbs>
      </nav>
      <div>
        <Title order={1}>{title}</Title>
        {name && <Text c="dimmed">{name}</Text>}
      </div>
      {intro}
      {children}
    </Stack>
  );
}
