import { Badge, Group, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { type Referral, ReferralDecision } from "../../../../../schemas/participants.ts";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { Loading } from "../../../components/Loading.tsx";
import { AnchorLink, ButtonLink } from "../../../components/links.tsx";
import { TableScroll } from "../../../components/TableScroll.tsx";
import { formatDate } from "../../../format.ts";
import { useProjectAccess } from "../../projects/access.ts";
import { DecisionBadge } from "../badges.tsx";
import { ProjectSubpage } from "../ProjectSubpage.tsx";
import { referralsQuery } from "../queries.ts";

const route = getRouteApi("/app/projekt/$projectId/aktualiseringar");

/** Referrals of the project; the waiting list is the same list filtered on its decision. */
export function ReferralsPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const search = route.useSearch();
  const access = useProjectAccess(projectId);
  const parsed = ReferralDecision.safeParse(search.decision);
  const decision = parsed.success ? parsed.data : undefined;
  const referrals = useQuery({ ...referralsQuery(projectId, decision), enabled: access.persons });
  const choices: (ReferralDecision | undefined)[] = [undefined, "pending", "waiting_list", "accepted", "declined"];

  return (
    <ProjectSubpage projectId={projectId} title={t("referrals.title")}>
      {!access.persons ? (
        <Text>{t("participants.noAccess")}</Text>
      ) : (
        <>
          <Group justify="space-between" align="flex-end">
            <nav aria-label={t("referrals.filter")}>
              <Group gap="xs">
                {choices.map((d) => (
                  <ButtonLink
                    key={d ?? "all"}
                    to="/projekt/$projectId/aktualiseringar"
                    params={{ projectId }}
                    search={{ decision: d }}
                    variant={d === decision ? "filled" : "default"}
                    aria-current={d === decision ? "page" : undefined}
                    size="sm"
                  >
                    {d ? t(`referrals.views.${d}`) : t("referrals.views.all")}
                  </ButtonLink>
                ))}
              </Group>
            </nav>
            <ButtonLink to="/projekt/$projectId/aktualiseringar/ny" params={{ projectId }}>
              {t("referrals.new")}
            </ButtonLink>
          </Group>
          {referrals.isPending ? (
            <Loading />
          ) : referrals.isError ? (
            <ErrorAlert error={referrals.error} />
          ) : referrals.data.referrals.length === 0 ? (
            <Text>{decision === "waiting_list" ? t("referrals.noneWaiting") : t("referrals.none")}</Text>
          ) : (
            <ReferralTable
              projectId={projectId}
              rows={referrals.data.referrals}
              caption={t("referrals.caption", {
                count: referrals.data.referrals.length,
                view: decision ? t(`referrals.views.${decision}`) : t("referrals.views.all"),
              })}
            />
          )}
        </>
      )}
    </ProjectSubpage>
  );
}

function ReferralTable({ projectId, rows, caption }: { projectId: string; rows: Referral[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <TableScroll minWidth={900} label={caption}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("common.name")}</Table.Th>
            <Table.Th scope="col">{t("referrals.referredOn")}</Table.Th>
            <Table.Th scope="col">{t("referrals.referringParty")}</Table.Th>
            <Table.Th scope="col">{t("referrals.decisionTitle")}</Table.Th>
            <Table.Th scope="col">{t("referrals.targetGroup")}</Table.Th>
            <Table.Th scope="col">{t("referrals.enrolment")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Th scope="row" fw={500}>
                <AnchorLink to="/projekt/$projectId/aktualiseringar/$referralId" params={{ projectId, referralId: r.id }}>
                  {r.personName}
                </AnchorLink>
              </Table.Th>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(r.referredOn)}</Table.Td>
              <Table.Td>{r.referringPartyLabel}</Table.Td>
              <Table.Td>
                <Stack gap={2} align="flex-start">
                  <DecisionBadge decision={r.decision} />
                  {r.decidedOn && <Text size="xs">{formatDate(r.decidedOn)}</Text>}
                </Stack>
              </Table.Td>
              <Table.Td>
                {r.outsideTargetGroup ? (
                  <Badge variant="light" color="orange" tt="none" className="status-badge">
                    {r.overrideReason ? t("referrals.outsideOverridden") : t("referrals.outside")}
                  </Badge>
                ) : (
                  "–"
                )}
              </Table.Td>
              <Table.Td>
                {r.enrolmentId ? (
                  <AnchorLink to="/deltagare/$enrolmentId" params={{ enrolmentId: r.enrolmentId }}>
                    {t("referrals.openParticipant")}
                  </AnchorLink>
                ) : r.decision === "accepted" ? (
                  <AnchorLink to="/projekt/$projectId/inskrivning/ny" params={{ projectId }} search={{ referral: r.id }}>
                    {t("referrals.enrol")}
                  </AnchorLink>
                ) : (
                  "–"
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
