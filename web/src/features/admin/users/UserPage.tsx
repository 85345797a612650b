import { Badge, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { RouteErrorContent } from "../../../components/ErrorPages.tsx";
import { Loading } from "../../../components/Loading.tsx";
import { AnchorLink } from "../../../components/links.tsx";
import { Panel } from "../../../components/Panel.tsx";
import { usePageTitle } from "../../../components/usePageTitle.ts";
import { formatDateTime } from "../../../format.ts";
import { MembershipsSection } from "./MembershipsSection.tsx";
import { userQuery } from "./queries.ts";
import { UserDetailsForm } from "./UserDetailsForm.tsx";
import { SetPasswordForm, TwoFactorReset } from "./UserSecurity.tsx";

const route = getRouteApi("/app/admin/anvandare/$userId");

export function UserPage() {
  const { t } = useTranslation();
  const { userId } = route.useParams();
  const user = useQuery(userQuery(userId));
  usePageTitle(user.data?.name ?? t("users.userTitle"));

  if (user.isPending) return <Loading />;
  if (user.isError) return <RouteErrorContent error={user.error} />;
  const u = user.data;

  return (
    <Stack gap="lg">
      <AnchorLink to="/admin/anvandare">{t("users.backToList")}</AnchorLink>
      <div>
        <Group gap="sm">
          <Title order={1}>{u.name}</Title>
          {u.isAdmin && (
            <Badge variant="light" tt="none">
              {t("roles.admin")}
            </Badge>
          )}
          {!u.active && (
            <Badge variant="outline" color="red" tt="none">
              {t("users.isInactive")}
            </Badge>
          )}
        </Group>
        <Text c="dimmed">
          {u.email} · {t("users.lastLogin")}: {u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t("users.never")}
        </Text>
      </div>

      <Panel title={t("users.details")}>
        <UserDetailsForm user={u} />
      </Panel>

      <Panel title={t("users.projects")}>
        <MembershipsSection user={u} />
      </Panel>

      <Panel title={t("users.setPassword")}>
        <SetPasswordForm userId={u.id} />
      </Panel>

      <Panel title={t("users.twoFactor")}>
        <TwoFactorReset user={u} />
      </Panel>
    </Stack>
  );
}
