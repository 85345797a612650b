import "../../i18n/meetings.ts";
import { Button, CopyButton, Group, Radio, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CreatedFeed, FeedTitleDetail } from "../../../../schemas/meetings.ts";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { Panel } from "../../components/Panel.tsx";
import { formatDateTime } from "../../format.ts";
import { useMe } from "../auth/session.ts";
import { createFeed, feedQuery, revokeFeed } from "./queries.ts";

/** Mitt konto: the secret calendar address (ICS) — create, show once, revoke. Staff only. */
export function FeedSection() {
  const me = useMe();
  if (me.mustEnrollTotp || !me.memberships.some((m) => m.role === "coach" || m.role === "manager")) return null;
  return <FeedPanel />;
}

function FeedPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery(feedQuery);
  const [detail, setDetail] = useState<FeedTitleDetail>("none");
  const [created, setCreated] = useState<CreatedFeed | null>(null);
  const [revoked, setRevoked] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: feedQuery.queryKey });
  const create = useMutation({
    mutationFn: () => createFeed({ titleDetail: detail }),
    onSuccess: async (feed) => {
      setRevoked(false);
      setCreated(feed);
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: revokeFeed,
    onSuccess: async () => {
      setCreated(null);
      setRevoked(true);
      await refresh();
    },
  });
  const active = status.data?.active ?? false;
  const address = created ? `${window.location.origin}${created.path}` : "";

  return (
    <Panel title={t("feed.title")} maw={640}>
      <Stack gap="sm">
        <Text>{t("feed.intro")}</Text>
        <Text size="sm">{t("feed.privacy")}</Text>
        <Text fw={600} role="status">
          {status.data &&
            (active
              ? t("feed.active", {
                  date: formatDateTime(status.data.createdAt),
                  detail: status.data.titleDetail === "initials" ? t("feed.detailInitials") : t("feed.detailNone"),
                })
              : t("feed.inactive"))}
        </Text>
        {revoked && <SuccessAlert>{t("feed.revoked")}</SuccessAlert>}
        {created && (
          <Stack gap="xs">
            <SuccessAlert>{t("feed.created")}</SuccessAlert>
            <Group align="end" wrap="nowrap">
              <TextInput label={t("feed.address")} value={address} readOnly style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} />
              <CopyButton value={address}>
                {({ copied, copy }) => (
                  <Button variant="default" onClick={copy}>
                    {copied ? t("feed.copied") : t("feed.copy")}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        )}
        <Radio.Group label={t("feed.titleDetail")} value={detail} onChange={(v) => setDetail(v === "initials" ? "initials" : "none")}>
          <Stack gap="xs" mt="xs">
            <Radio value="none" label={t("feed.detailNone")} />
            <Radio value="initials" label={t("feed.detailInitials")} />
          </Stack>
        </Radio.Group>
        <ErrorAlert error={create.error ?? revoke.error ?? status.error} />
        <Group>
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            {active ? t("feed.recreate") : t("feed.create")}
          </Button>
          {active && (
            <Button variant="default" color="red" onClick={() => revoke.mutate()} loading={revoke.isPending}>
              {t("feed.revoke")}
            </Button>
          )}
        </Group>
      </Stack>
    </Panel>
  );
}
