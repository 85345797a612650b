import { Alert, Group, List, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { RouteErrorContent } from "../../../components/ErrorPages.tsx";
import { Loading } from "../../../components/Loading.tsx";
import { AnchorLink, ButtonLink } from "../../../components/links.tsx";
import { Panel } from "../../../components/Panel.tsx";
import { formatDate } from "../../../format.ts";
import { useProjectCodes } from "../../codes/queries.ts";
import { useProjectAccess } from "../../projects/access.ts";
import { DecisionBadge } from "../badges.tsx";
import { ProjectSubpage } from "../ProjectSubpage.tsx";
import { FormToggle } from "../participant/changeForm.tsx";
import { referralQuery } from "../queries.ts";
import { DecisionForm } from "./DecisionForm.tsx";
import { EditReferralForm } from "./EditReferralForm.tsx";

const route = getRouteApi("/app/projekt/$projectId/aktualiseringar/$referralId");

/** One referral: what was sent, the target-group check, and the decision. */
export function ReferralPage() {
  const { t } = useTranslation();
  const { projectId, referralId } = route.useParams();
  const access = useProjectAccess(projectId);
  const referral = useQuery({ ...referralQuery(referralId), enabled: access.persons });
  const codes = useProjectCodes(projectId);

  return (
    <ProjectSubpage projectId={projectId} title={t("referrals.oneTitle")}>
      {!access.persons ? (
        <Text>{t("participants.noAccess")}</Text>
      ) : referral.isPending ? (
        <Loading />
      ) : referral.isError ? (
        <RouteErrorContent error={referral.error} />
      ) : (
        <Stack gap="lg">
          <AnchorLink to="/projekt/$projectId/aktualiseringar" params={{ projectId }}>
            {t("referrals.backToList")}
          </AnchorLink>
          <Panel title={referral.data.personName}>
            <dl className="facts">
              <dt>{t("referrals.referredOn")}</dt>
              <dd>{formatDate(referral.data.referredOn)}</dd>
              <dt>{t("referrals.referringParty")}</dt>
              <dd>{referral.data.referringPartyLabel}</dd>
              <dt>{t("referrals.contactPerson")}</dt>
              <dd>{referral.data.contactPerson || "–"}</dd>
              <dt>{t("referrals.district")}</dt>
              <dd>{referral.data.district || "–"}</dd>
              <dt>{t("referrals.income")}</dt>
              <dd>{referral.data.incomeCode ? codes.label("income_type", referral.data.incomeCode) : "–"}</dd>
              <dt>{t("referrals.note")}</dt>
              <dd style={{ whiteSpace: "pre-wrap" }}>{referral.data.note || "–"}</dd>
              <dt>{t("referrals.decisionTitle")}</dt>
              <dd>
                <Group gap="xs">
                  <DecisionBadge decision={referral.data.decision} />
                  {referral.data.decidedOn && <Text span>{formatDate(referral.data.decidedOn)}</Text>}
                </Group>
              </dd>
              {referral.data.declineReason && (
                <>
                  <dt>{t("referrals.declineReason")}</dt>
                  <dd>{referral.data.declineReason}</dd>
                </>
              )}
              {referral.data.overrideReason && (
                <>
                  <dt>{t("referrals.overrideReason")}</dt>
                  <dd>{referral.data.overrideReason}</dd>
                </>
              )}
            </dl>
            <FormToggle label={t("referrals.edit")}>
              {(close) => <EditReferralForm referral={referral.data} codes={codes} onSaved={() => close(t("referrals.saved"))} />}
            </FormToggle>
          </Panel>

          {referral.data.outsideTargetGroup && (
            <Alert color="orange" variant="light" title={t("referrals.outsideTitle")}>
              <List size="sm">
                {referral.data.outsideTargetReasons.map((reason) => (
                  <List.Item key={reason}>{reason}</List.Item>
                ))}
              </List>
            </Alert>
          )}

          {referral.data.enrolmentId ? (
            <Group>
              <ButtonLink to="/deltagare/$enrolmentId" params={{ enrolmentId: referral.data.enrolmentId }}>
                {t("referrals.openParticipant")}
              </ButtonLink>
            </Group>
          ) : (
            <>
              {referral.data.decision === "accepted" && (
                <Group>
                  <ButtonLink to="/projekt/$projectId/inskrivning/ny" params={{ projectId }} search={{ referral: referral.data.id }}>
                    {t("referrals.enrol")}
                  </ButtonLink>
                </Group>
              )}
              <Panel title={referral.data.decision === "pending" ? t("referrals.decide") : t("referrals.changeDecision")}>
                <DecisionForm referral={referral.data} isManager={access.manage} />
              </Panel>
            </>
          )}
        </Stack>
      )}
    </ProjectSubpage>
  );
}
