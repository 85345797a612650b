import { Alert, Button, Group, List, Stack, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { DuplicateMatches as Matches } from "../../../../../schemas/participants.ts";
import { formatDate } from "../../../format.ts";

type Match = Matches["matches"][number];

/**
 * Persons already registered with the same personnummer, or the same name and birth date.
 * "Link, not merge": the user picks the existing person, or says this is someone else.
 */
export function DuplicateMatches({ matches, onUse, onNew }: { matches: Match[]; onUse: (m: Match) => void; onNew: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const pnrMatch = matches.some((m) => m.matchedOn === "personnummer");
  return (
    <Alert ref={ref} tabIndex={-1} color="orange" variant="light" role="alert" title={t("referrals.duplicates.title", { count: matches.length })}>
      <Stack gap="sm">
        <Text size="sm">{t("referrals.duplicates.text")}</Text>
        <List spacing="xs" listStyleType="none" p={0}>
          {matches.map((m) => (
            <List.Item key={m.personId}>
              <Group gap="sm" wrap="wrap">
                <Text size="sm" fw={600}>
                  {m.name}
                </Text>
                <Text size="sm">
                  {t("referrals.duplicates.born", { date: formatDate(m.birthDate) })} · {t(`referrals.duplicates.matchedOn.${m.matchedOn}`)}
                  {m.knownInProject ? ` · ${t("referrals.duplicates.knownInProject")}` : ""}
                </Text>
                <Button size="compact-sm" onClick={() => onUse(m)}>
                  {t("referrals.duplicates.use")}
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
        {pnrMatch ? (
          <Text size="sm">{t("referrals.duplicates.samePnr")}</Text>
        ) : (
          <Group>
            <Button variant="default" onClick={onNew}>
              {t("referrals.duplicates.registerNew")}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
