import "../../i18n/meetings.ts";
import { Badge, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { CalendarEvent } from "../../../../schemas/meetings.ts";
import { RouteErrorContent } from "../../components/ErrorPages.tsx";
import { Loading } from "../../components/Loading.tsx";
import { AnchorLink, ButtonLink } from "../../components/links.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { formatDate, todayIso } from "../../format.ts";
import { addDaysIso, calendarQuery, isoWeek, mondayOf } from "./queries.ts";

/**
 * /kalender: the signed-in user's week as one table per day — readable as a list by screen
 * readers and on a phone, with links to move a week back or forward.
 */
export function CalendarPage() {
  const { t } = useTranslation();
  const { vecka } = useSearch({ from: "/app/kalender" });
  const today = todayIso();
  const monday = mondayOf(vecka ?? today);
  const sunday = addDaysIso(monday, 6);
  const week = isoWeek(monday);
  usePageTitle(`${t("calendar.title")} – ${t("calendar.week", { week, from: formatDate(monday), to: formatDate(sunday) })}`);
  const data = useQuery(calendarQuery(monday, sunday));
  const weekdays = t("calendar.weekdays", { returnObjects: true }) as string[];
  const days = Array.from({ length: 7 }, (_, i) => addDaysIso(monday, i));
  const meetings = data.data?.events.filter((e) => e.kind === "meeting").length ?? 0;

  return (
    <Stack gap="lg">
      <header>
        <Title order={1}>{t("calendar.title")}</Title>
        <Text size="lg" aria-live="polite">
          {t("calendar.week", { week, from: formatDate(monday), to: formatDate(sunday) })}
          {data.data && ` · ${t("calendar.count", { count: meetings })}`}
        </Text>
      </header>
      <nav aria-label={t("calendar.weekNav")}>
        <Group gap="sm">
          <ButtonLink to="/kalender" search={{ vecka: addDaysIso(monday, -7) }} variant="default">
            ← {t("calendar.previous")}
          </ButtonLink>
          <ButtonLink to="/kalender" search={{}} variant="default" aria-current={monday === mondayOf(today) ? "page" : undefined}>
            {t("calendar.today")}
          </ButtonLink>
          <ButtonLink to="/kalender" search={{ vecka: addDaysIso(monday, 7) }} variant="default">
            {t("calendar.next")} →
          </ButtonLink>
        </Group>
      </nav>
      {data.isPending ? (
        <Loading />
      ) : data.isError ? (
        <RouteErrorContent error={data.error} />
      ) : (
        <Stack gap="md">
          {days.map((day, i) => (
            <DaySection key={day} day={day} weekday={weekdays[i] ?? ""} isToday={day === today} events={data.data.events.filter((e) => e.date === day)} />
          ))}
          <Text size="sm" c="dimmed">
            {t("calendar.subscribe")}{" "}
            <AnchorLink to="/konto" underline="always">
              {t("nav.account")}
            </AnchorLink>
          </Text>
        </Stack>
      )}
    </Stack>
  );
}

function DaySection({ day, weekday, isToday, events }: { day: string; weekday: string; isToday: boolean; events: CalendarEvent[] }) {
  const { t } = useTranslation();
  const headingId = `dag-${day}`;
  return (
    <Paper
      component="section"
      withBorder
      p="md"
      aria-labelledby={headingId}
      style={isToday ? { borderWidth: 2, borderColor: "var(--mantine-color-stegvis-7)" } : undefined}
    >
      <Group gap="sm" mb={events.length ? "xs" : 0}>
        <Title order={2} size="h4" id={headingId}>
          {weekday} {formatDate(day)}
        </Title>
        {isToday && (
          <Badge variant="filled" color="stegvis.8">
            {t("calendar.todayMark")}
          </Badge>
        )}
      </Group>
      {events.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("calendar.noEvents")}
        </Text>
      ) : (
        <Table verticalSpacing="xs" layout="fixed">
          <Table.Caption>
            <VisuallyHidden>{`${weekday} ${formatDate(day)}`}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={130}>
                {t("meetings.time")}
              </Table.Th>
              <Table.Th scope="col">{t("calendar.participant")}</Table.Th>
              <Table.Th scope="col" w="20%">
                {t("meetings.form")}
              </Table.Th>
              <Table.Th scope="col" w="20%">
                {t("meetings.attendance")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map((e) => (
              <Table.Tr key={`${e.kind}-${e.id}`}>
                <Table.Th scope="row" fw={600}>
                  {e.time}–{e.endTime}
                </Table.Th>
                <Table.Td>
                  <Text size="sm" span fw={500}>
                    {t(`calendar.kinds.${e.kind}`)}
                  </Text>
                  {": "}
                  {e.participant ? (
                    <AnchorLink to="/deltagare/$enrolmentId/moten" params={{ enrolmentId: e.participant.enrolmentId }}>
                      {e.participant.name}
                    </AnchorLink>
                  ) : (
                    <Text span size="sm" c="dimmed">
                      {t("calendar.hiddenParticipant")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{e.form ? t(`meetings.forms.${e.form as "on_site"}`) : "–"}</Table.Td>
                <Table.Td>{t(`meetings.attendances.${e.attendance ?? "none"}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
