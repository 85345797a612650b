import { Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { EmployerDetail } from "../../../../schemas/employers.ts";
import { AnchorLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDate } from "../../format.ts";

/** Who was placed here, when and how it went. Names only where the user may read the participant. */
export function PlacementsPanel({ employer }: { employer: EmployerDetail }) {
  const { t } = useTranslation();
  const caption = t("placements.caption", { count: employer.placements.length });
  return (
    <Panel title={t("placements.title")}>
      {employer.placements.length === 0 ? (
        <Text>{t("placements.none")}</Text>
      ) : (
        <Stack gap="sm">
          {employer.placementCounts.hidden > 0 && <Text size="sm">{t("placements.hiddenNote", { count: employer.placementCounts.hidden })}</Text>}
          <TableScroll minWidth={820} label={caption}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("placements.participant")}</Table.Th>
                  <Table.Th scope="col">{t("placements.type")}</Table.Th>
                  <Table.Th scope="col">{t("placements.period")}</Table.Th>
                  <Table.Th scope="col">{t("placements.workplace")}</Table.Th>
                  <Table.Th scope="col">{t("placements.supervisor")}</Table.Th>
                  <Table.Th scope="col">{t("placements.outcome")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {employer.placements.map((p) => (
                  <Table.Tr key={p.activityId}>
                    <Table.Th scope="row" fw={500}>
                      {p.participantName && p.enrolmentId ? (
                        <AnchorLink to="/deltagare/$enrolmentId" params={{ enrolmentId: p.enrolmentId }}>
                          {p.participantName}
                        </AnchorLink>
                      ) : (
                        <Text span fs="italic">
                          {t("placements.hiddenName")}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td>{p.typeLabel}</Table.Td>
                    <Table.Td>{`${formatDate(p.startDate)} – ${formatDate(p.endDate)}`}</Table.Td>
                    <Table.Td>{p.workplaceName ?? "–"}</Table.Td>
                    <Table.Td>{p.supervisorName ?? "–"}</Table.Td>
                    <Table.Td>{t(`placements.outcomes.${p.outcome}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </Stack>
      )}
    </Panel>
  );
}
