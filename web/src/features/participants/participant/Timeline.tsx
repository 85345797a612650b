import { Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ParticipantPage, TimelineEvent } from "../../../../../schemas/participants.ts";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { Loading } from "../../../components/Loading.tsx";
import { AnchorLink } from "../../../components/links.tsx";
import { Panel } from "../../../components/Panel.tsx";
import { formatDate } from "../../../format.ts";
import { participantTimelineQuery } from "../queries.ts";

/** The person's events in this project, oldest first, across all their periods. */
export function Timeline({ page }: { page: ParticipantPage }) {
  const { t, i18n } = useTranslation();
  const timeline = useQuery(participantTimelineQuery(page.enrolment.id));
  // The server words its events in Swedish; in another language, lead with our own word for the kind.
  const titleOf = (ev: TimelineEvent) => (i18n.language === "sv" ? ev.title : `${t(`timeline.kinds.${ev.kind}`)} (${ev.title})`);
  return (
    <Panel title={t("timeline.title")}>
      {timeline.isPending ? (
        <Loading />
      ) : timeline.isError ? (
        <ErrorAlert error={timeline.error} />
      ) : timeline.data.events.length === 0 ? (
        <Text>{t("timeline.none")}</Text>
      ) : (
        <ol className="timeline">
          {timeline.data.events.map((ev, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: events have no id; their order is fixed by the server.
            <li key={index} className={ev.enrolmentId && ev.enrolmentId !== page.enrolment.id ? "timeline-other" : undefined}>
              <time dateTime={ev.date} className="timeline-date">
                {formatDate(ev.date)}
              </time>
              <div>
                <Text fw={600} size="sm">
                  {titleOf(ev)}
                </Text>
                {ev.detail && <Text size="sm">{ev.detail}</Text>}
                {ev.enrolmentId && ev.enrolmentId !== page.enrolment.id && (ev.kind === "enrolment" || ev.kind === "re_enrolment") && (
                  <AnchorLink to="/deltagare/$enrolmentId" params={{ enrolmentId: ev.enrolmentId }} size="sm">
                    {t("timeline.otherPeriod")}
                  </AnchorLink>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
