import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../components/links.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { sortByName } from "../../format.ts";
import { useMe } from "../auth/session.ts";
import { myProjectsQuery } from "./queries.ts";
import { RoleBadge } from "./RoleBadge.tsx";

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t("home.title"));
  const me = useMe();
  // Unit names and descriptions come with the project list; the page works without them.
  const projects = useQuery(myProjectsQuery);
  const details = new Map((projects.data?.projects ?? []).map((p) => [p.id, p]));
  const memberships = sortByName(me.memberships, (m) => m.projectName);

  return (
    <Stack gap="lg">
      <Title order={1}>{t("home.greeting", { name: me.name })}</Title>

      <section aria-labelledby="mina-projekt">
        <Title order={2} size="h3" id="mina-projekt" mb="sm">
          {t("home.myProjects")}
        </Title>
        {memberships.length === 0 ? (
          <Stack gap="xs">
            <Text>{me.isAdmin ? t("home.noProjectsAdmin") : t("home.noProjects")}</Text>
            {me.isAdmin && <AnchorLink to="/admin/projekt">{t("home.allProjectsAdmin")}</AnchorLink>}
          </Stack>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {memberships.map((m) => {
              const project = details.get(m.projectId);
              return (
                <Card component="li" key={m.projectId} withBorder padding="md">
                  <Stack gap={6}>
                    <AnchorLink to="/projekt/$projectId" params={{ projectId: m.projectId }} fw={600} fz="lg">
                      {m.projectName}
                    </AnchorLink>
                    {project && (
                      <Text size="sm" c="dimmed">
                        {project.unitName}
                      </Text>
                    )}
                    <Group gap="xs">
                      <Text size="sm" span>
                        {t("home.myRole")}
                      </Text>
                      <RoleBadge role={m.role} />
                      {m.sensitiveAccess && (
                        <Badge variant="outline" color="orange" tt="none">
                          {t("home.sensitiveAccess")}
                        </Badge>
                      )}
                    </Group>
                    {project?.description && (
                      <Text size="sm" lineClamp={3}>
                        {project.description}
                      </Text>
                    )}
                  </Stack>
                </Card>
              );
            })}
          </SimpleGrid>
        )}
      </section>
      {me.isAdmin && memberships.length > 0 && <AnchorLink to="/admin/projekt">{t("home.allProjectsAdmin")}</AnchorLink>}
    </Stack>
  );
}
