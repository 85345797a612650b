import { Group, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type CaseloadQuery, type CaseloadRow, EnrolmentStatus } from "../../../../../schemas/participants.ts";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { Loading } from "../../../components/Loading.tsx";
import { AnchorLink, ButtonLink } from "../../../components/links.tsx";
import { TableScroll } from "../../../components/TableScroll.tsx";
import { formatDate } from "../../../format.ts";
import { useProjectAccess } from "../../projects/access.ts";
import { StatusBadge, WarningBadges } from "../badges.tsx";
import { ProjectSubpage } from "../ProjectSubpage.tsx";
import { caseloadQuery } from "../queries.ts";
import { CaseloadFilters } from "./CaseloadFilters.tsx";
import type { CaseloadSearch } from "./search.ts";

const route = getRouteApi("/app/projekt/$projectId/deltagare");
const PAGE_SIZE = 25;

export function CaseloadPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate();
  const access = useProjectAccess(projectId);
  // The search text never goes into the address: it may be a name or a personnummer.
  const [q, setQ] = useState("");
  const resultRef = useRef<HTMLParagraphElement>(null);

  const status = EnrolmentStatus.safeParse(search.status);
  const body: CaseloadQuery = {
    q: q || undefined,
    mine: search.mine,
    intakeId: search.intake,
    status: status.success ? status.data : undefined,
    coachId: search.coach,
    referringParty: search.party,
    endingWithinDays: search.ending,
    page: search.page ?? 1,
    pageSize: PAGE_SIZE,
  };
  const caseload = useQuery({ ...caseloadQuery(projectId, body), enabled: access.persons });

  function apply(filters: CaseloadSearch, text: string) {
    setQ(text);
    void navigate({ to: "/projekt/$projectId/deltagare", params: { projectId }, search: { ...filters, page: undefined } }).then(() =>
      resultRef.current?.focus(),
    );
  }

  const page = search.page ?? 1;
  const pages = caseload.data ? Math.max(1, Math.ceil(caseload.data.total / PAGE_SIZE)) : 1;

  return (
    <ProjectSubpage projectId={projectId} title={t("caseload.title")}>
      {!access.persons ? (
        <Text>{t("participants.noAccess")}</Text>
      ) : (
        <>
          <Group justify="space-between" align="flex-end">
            <nav aria-label={t("caseload.scope")}>
              <Group gap="xs">
                <ButtonLink
                  to="/projekt/$projectId/deltagare"
                  params={{ projectId }}
                  search={{ ...search, mine: undefined, page: undefined }}
                  variant={search.mine ? "default" : "filled"}
                  aria-current={search.mine ? undefined : "page"}
                >
                  {t("caseload.wholeProject")}
                </ButtonLink>
                <ButtonLink
                  to="/projekt/$projectId/deltagare"
                  params={{ projectId }}
                  search={{ ...search, mine: true, page: undefined }}
                  variant={search.mine ? "filled" : "default"}
                  aria-current={search.mine ? "page" : undefined}
                >
                  {t("caseload.mine")}
                </ButtonLink>
              </Group>
            </nav>
            <ButtonLink to="/projekt/$projectId/aktualiseringar/ny" params={{ projectId }} variant="light">
              {t("referrals.new")}
            </ButtonLink>
          </Group>

          <CaseloadFilters key={JSON.stringify({ ...search, page: undefined })} projectId={projectId} search={search} q={q} onApply={apply} />

          <Stack gap="sm">
            <Text role="status" aria-live="polite" ref={resultRef} tabIndex={-1}>
              {caseload.isFetching ? t("common.loading") : caseload.data ? t("caseload.summary", { count: caseload.data.total, page, pages }) : ""}
            </Text>
            {caseload.isPending ? (
              <Loading />
            ) : caseload.isError ? (
              <ErrorAlert error={caseload.error} />
            ) : caseload.data.rows.length === 0 ? (
              <Text>{t("caseload.none")}</Text>
            ) : (
              <CaseloadTable rows={caseload.data.rows} caption={t("caseload.caption", { count: caseload.data.total, page, pages })} />
            )}
            {caseload.data && pages > 1 && (
              <nav aria-label={t("caseload.paging")}>
                <Group gap="sm">
                  {page > 1 && (
                    <ButtonLink
                      variant="default"
                      to="/projekt/$projectId/deltagare"
                      params={{ projectId }}
                      search={{ ...search, page: page - 1 > 1 ? page - 1 : undefined }}
                    >
                      {t("caseload.previous")}
                    </ButtonLink>
                  )}
                  <Text size="sm">{t("caseload.pageOf", { page, pages })}</Text>
                  {page < pages && (
                    <ButtonLink variant="default" to="/projekt/$projectId/deltagare" params={{ projectId }} search={{ ...search, page: page + 1 }}>
                      {t("caseload.next")}
                    </ButtonLink>
                  )}
                </Group>
              </nav>
            )}
          </Stack>
        </>
      )}
    </ProjectSubpage>
  );
}

function CaseloadTable({ rows, caption }: { rows: CaseloadRow[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <TableScroll minWidth={980} label={caption}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("common.name")}</Table.Th>
            <Table.Th scope="col">{t("caseload.age")}</Table.Th>
            <Table.Th scope="col">{t("caseload.intake")}</Table.Th>
            <Table.Th scope="col">{t("caseload.coach")}</Table.Th>
            <Table.Th scope="col">{t("caseload.start")}</Table.Th>
            <Table.Th scope="col">{t("caseload.plannedEnd")}</Table.Th>
            <Table.Th scope="col">{t("caseload.status")}</Table.Th>
            <Table.Th scope="col">{t("caseload.warningsTitle")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.enrolmentId}>
              <Table.Th scope="row" fw={500}>
                <AnchorLink to="/deltagare/$enrolmentId" params={{ enrolmentId: r.enrolmentId }}>
                  {r.name}
                </AnchorLink>
              </Table.Th>
              <Table.Td>{r.age}</Table.Td>
              <Table.Td className="nowrap">{r.intakeName ?? "–"}</Table.Td>
              <Table.Td>{r.coachName ?? "–"}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(r.startDate)}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                {r.exitDate ? t("caseload.exitedOn", { date: formatDate(r.exitDate) }) : formatDate(r.plannedEndDate)}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={r.status} />
              </Table.Td>
              <Table.Td>
                <WarningBadges warnings={r.warnings} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
