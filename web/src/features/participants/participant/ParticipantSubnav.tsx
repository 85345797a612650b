import { Group } from "@mantine/core";
import { useMatchRoute } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../../components/links.tsx";
import { participantSections } from "./sections.ts";

/** Links between the parts of one participant's record; the current one is marked for screen readers. */
export function ParticipantSubnav({ enrolmentId }: { enrolmentId: string }) {
  const { t } = useTranslation();
  const matchRoute = useMatchRoute();
  return (
    <nav aria-label={t("participant.sections.label")} className="participant-subnav">
      <Group gap="md" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {participantSections.map((s) => {
          const current = Boolean(matchRoute({ to: s.to, params: { enrolmentId } }));
          return (
            <li key={s.to}>
              <AnchorLink to={s.to} params={{ enrolmentId }} aria-current={current ? "page" : undefined} fw={current ? 700 : undefined}>
                {t(s.label)}
              </AnchorLink>
            </li>
          );
        })}
      </Group>
    </nav>
  );
}
