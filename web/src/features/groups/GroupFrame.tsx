import "../../i18n/groups.ts";
import { Breadcrumbs, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../components/links.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { useProjectAccess } from "../projects/access.ts";
import { projectQuery } from "../projects/queries.ts";

/**
 * The top of a group page: a trail project › groups › the group, the page's one h1, and the
 * project's name. Group names are not personal data, so they may be in the document title.
 */
export function GroupFrame({
  projectId,
  group,
  title,
  children,
}: {
  projectId: string;
  group?: { id: string; name: string };
  title: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const project = useQuery(projectQuery(projectId));
  const access = useProjectAccess(projectId);
  const name = project.data?.name ?? "";
  usePageTitle(name ? `${title} – ${name}` : title);
  return (
    <Stack gap="lg">
      <nav aria-label={t("layout.breadcrumbs")}>
        <Breadcrumbs separator="›">
          <AnchorLink to="/projekt/$projectId" params={{ projectId }}>
            {name || t("nav.projects")}
          </AnchorLink>
          {group || title !== t("groups.title") ? (
            <AnchorLink to="/projekt/$projectId/grupper" params={{ projectId }}>
              {t("groups.title")}
            </AnchorLink>
          ) : null}
          {group && title !== group.name ? (
            // Only those who may see the participants can open the group page itself.
            access.persons ? (
              <AnchorLink to="/projekt/$projectId/grupper/$groupId" params={{ projectId, groupId: group.id }}>
                {group.name}
              </AnchorLink>
            ) : (
              <Text span>{group.name}</Text>
            )
          ) : null}
          <Text span aria-current="page">
            {title}
          </Text>
        </Breadcrumbs>
      </nav>
      <div>
        <Title order={1}>{title}</Title>
        {name && <Text c="dimmed">{name}</Text>}
      </div>
      {children}
    </Stack>
  );
}
