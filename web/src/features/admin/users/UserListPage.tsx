import { Button, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { Loading } from "../../../components/Loading.tsx";
import { AnchorLink, ButtonLink } from "../../../components/links.tsx";
import { TableScroll } from "../../../components/TableScroll.tsx";
import { usePageTitle } from "../../../components/usePageTitle.ts";
import { formatDateTime, sortByName } from "../../../format.ts";
import { YesNo } from "../YesNo.tsx";
import { usersQuery } from "./queries.ts";

const route = getRouteApi("/app/admin/anvandare");

export function UserListPage() {
  const { t } = useTranslation();
  usePageTitle(t("users.title"));
  const { q } = route.useSearch();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(q ?? "");
  const users = useQuery(usersQuery(q));
  const count = users.data?.users.length ?? 0;
  const caption = q ? t("users.captionFiltered", { count, q }) : t("users.caption", { count });

  function search(event: FormEvent) {
    event.preventDefault();
    void navigate({ to: "/admin/anvandare", search: { q: draft.trim() || undefined } });
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t("users.title")}</Title>
        <ButtonLink to="/admin/anvandare/ny">{t("users.new")}</ButtonLink>
      </Group>

      <search aria-label={t("users.searchLabel")}>
        <form onSubmit={search}>
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t("users.search")}
              description={t("users.searchHelp")}
              type="search"
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              w={340}
            />
            <Button type="submit" variant="default">
              {t("common.search")}
            </Button>
          </Group>
        </form>
      </search>

      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorAlert error={users.error} />
      ) : users.data.users.length === 0 ? (
        <Text role="status">{q ? t("users.noneFound", { q }) : t("users.none")}</Text>
      ) : (
        <TableScroll minWidth={720} label={caption}>
          <Table striped highlightOnHover>
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("common.name")}</Table.Th>
                <Table.Th scope="col">{t("common.email")}</Table.Th>
                <Table.Th scope="col">{t("users.admin")}</Table.Th>
                <Table.Th scope="col">{t("users.active")}</Table.Th>
                <Table.Th scope="col">{t("users.twoFactor")}</Table.Th>
                <Table.Th scope="col">{t("users.lastLogin")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sortByName(users.data.users, (u) => u.name).map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Th scope="row" fw={500} style={{ whiteSpace: "nowrap" }}>
                    <AnchorLink to="/admin/anvandare/$userId" params={{ userId: user.id }}>
                      {user.name}
                    </AnchorLink>
                  </Table.Th>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>
                    <YesNo value={user.isAdmin} />
                  </Table.Td>
                  <Table.Td>
                    <YesNo value={user.active} yes={t("users.isActive")} no={t("users.isInactive")} />
                  </Table.Td>
                  <Table.Td>
                    <YesNo value={user.totpEnabled} yes={t("users.totpOn")} no={t("users.totpOff")} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t("users.never")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Stack>
  );
}
