import "../../i18n/ratings.ts";
import { SimpleGrid, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { useProjectAccess } from "./access.ts";

/** The work pages of a project, as plain links, each shown to the roles that may use it. */
export function ProjectLinks({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const access = useProjectAccess(projectId);
  const params = { projectId };
  const links = [
    access.persons && {
      key: "caseload",
      el: (
        <AnchorLink to="/projekt/$projectId/deltagare" params={params} fw={600}>
          {t("projectLinks.caseload")}
        </AnchorLink>
      ),
      help: t("projectLinks.caseloadHelp"),
    },
    access.persons && {
      key: "referrals",
      el: (
        <AnchorLink to="/projekt/$projectId/aktualiseringar" params={params} fw={600}>
          {t("projectLinks.referrals")}
        </AnchorLink>
      ),
      help: t("projectLinks.referralsHelp"),
    },
    access.persons && {
      key: "intakes",
      el: (
        <AnchorLink to="/projekt/$projectId/intag" params={params} fw={600}>
          {t("projectLinks.intakes")}
        </AnchorLink>
      ),
      help: t("projectLinks.intakesHelp"),
    },
    access.persons && {
      key: "employers",
      el: (
        <AnchorLink to="/projekt/$projectId/arbetsgivare" params={params} fw={600}>
          {t("projectLinks.employers")}
        </AnchorLink>
      ),
      help: t("projectLinks.employersHelp"),
    },
    (access.persons || access.reports) && {
      key: "groups",
      el: (
        <AnchorLink to="/projekt/$projectId/grupper" params={params} fw={600}>
          {t("projectLinks.groups")}
        </AnchorLink>
      ),
      help: t("projectLinks.groupsHelp"),
    },
    access.manage && {
      key: "codes",
      el: (
        <AnchorLink to="/projekt/$projectId/kodlistor" params={params} fw={600}>
          {t("projectLinks.codes")}
        </AnchorLink>
      ),
      help: t("projectLinks.codesHelp"),
    },
    access.persons && {
      key: "checklists",
      el: (
        <AnchorLink to="/projekt/$projectId/checklistor" params={params} fw={600}>
          {t("projectLinks.checklists")}
        </AnchorLink>
      ),
      help: t("projectLinks.checklistsHelp"),
    },
    (access.persons || access.reports) && {
      key: "questionnaires",
      el: (
        <AnchorLink to="/projekt/$projectId/enkater" params={params} fw={600}>
          {t("ratingsNav.questionnaires")}
        </AnchorLink>
      ),
      help: t("ratingsNav.questionnairesHelp"),
    },
    (access.persons || access.reports) && {
      key: "selfEvaluation",
      el: (
        <AnchorLink to="/projekt/$projectId/sjalvvardering" params={params} fw={600}>
          {t("ratingsNav.selfEvaluation")}
        </AnchorLink>
      ),
      help: t("ratingsNav.selfEvaluationHelp"),
    },
    access.manage && {
      key: "import",
      el: (
        <AnchorLink to="/projekt/$projectId/import" params={params} fw={600}>
          {t("projectLinks.import")}
        </AnchorLink>
      ),
      help: t("projectLinks.importHelp"),
    },
    access.reports && {
      key: "report",
      el: (
        <AnchorLink to="/projekt/$projectId/statistik" params={params} fw={600}>
          {t("projectLinks.report")}
        </AnchorLink>
      ),
      help: t("projectLinks.reportHelp"),
    },
    (access.reports || access.persons) && {
      key: "reports",
      el: (
        <AnchorLink to="/projekt/$projectId/rapporter" params={params} fw={600}>
          {t("projectLinks.reports")}
        </AnchorLink>
      ),
      help: t("projectLinks.reportsHelp"),
    },
    access.persons && {
      key: "followUp",
      el: (
        <AnchorLink to="/projekt/$projectId/uppfoljning" params={params} fw={600}>
          {t("projectLinks.followUp")}
        </AnchorLink>
      ),
      help: t("projectLinks.followUpHelp"),
    },
  ].filter((l) => l !== false);
  if (links.length === 0) return null;
  return (
    <Panel title={t("projectLinks.title")}>
      <SimpleGrid component="ul" cols={{ base: 1, sm: 2, md: 3 }} spacing="md" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {links.map((l) => (
          <li key={l.key}>
            {l.el}
            <Text size="sm" c="dimmed">
              {l.help}
            </Text>
          </li>
        ))}
      </SimpleGrid>
    </Panel>
  );
}
