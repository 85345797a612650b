import { Button, Code, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type AuditEntry, AuditOutcome } from "../../../../../schemas/audit.ts";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { Loading } from "../../../components/Loading.tsx";
import { AnchorLink, ButtonLink } from "../../../components/links.tsx";
import { TableScroll } from "../../../components/TableScroll.tsx";
import { usePageTitle } from "../../../components/usePageTitle.ts";
import { formatDateTime } from "../../../format.ts";
import { adminProjectsQuery } from "../projects/queries.ts";
import { AUDIT_PAGE_SIZE, type AuditSearch, auditQuery } from "./queries.ts";

const route = getRouteApi("/app/admin/granskningslogg");

// Shade 7 of these palettes keeps at least 5.5:1 against white and the striped row colour.
const OUTCOME_COLOR: Record<AuditOutcome, string> = { ok: "green.7", denied: "orange.7", failed: "red.7" };

export function AuditLogPage() {
  const { t } = useTranslation();
  usePageTitle(t("audit.title"));
  const search = route.useSearch();
  const entries = useQuery(auditQuery(search));
  const projects = useQuery(adminProjectsQuery);
  const projectName = new Map((projects.data?.projects ?? []).map((p) => [p.id, p.name]));

  const page = search.page ?? 1;
  const pageCount = entries.data ? Math.max(1, Math.ceil(entries.data.total / AUDIT_PAGE_SIZE)) : 1;

  return (
    <Stack gap="lg">
      <Title order={1}>{t("audit.title")}</Title>
      <Text c="dimmed" maw={720}>
        {t("audit.intro")}
      </Text>

      {/* Remount the form when the address changes, so the fields show the filters in use. */}
      <FilterForm key={JSON.stringify({ ...search, page: undefined })} search={search} />

      {entries.isPending ? (
        <Loading />
      ) : entries.isError ? (
        <ErrorAlert error={entries.error} />
      ) : (
        <Stack gap="sm">
          <Text role="status" aria-live="polite">
            {entries.isFetching ? t("common.loading") : t("audit.summary", { count: entries.data.total, page, pages: pageCount })}
          </Text>
          {entries.data.entries.length > 0 && (
            <TableScroll minWidth={960} label={t("audit.caption", { page, pages: pageCount })}>
              <Table striped verticalSpacing="xs" fz="sm">
                <Table.Caption>{t("audit.caption", { page, pages: pageCount })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("audit.at")}</Table.Th>
                    <Table.Th scope="col">{t("audit.actor")}</Table.Th>
                    <Table.Th scope="col">{t("audit.action")}</Table.Th>
                    <Table.Th scope="col">{t("audit.subject")}</Table.Th>
                    <Table.Th scope="col">{t("audit.project")}</Table.Th>
                    <Table.Th scope="col">{t("audit.outcome")}</Table.Th>
                    <Table.Th scope="col">{t("audit.address")}</Table.Th>
                    <Table.Th scope="col">{t("audit.details")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.data.entries.map((entry) => (
                    <EntryRow key={entry.id} entry={entry} projectName={entry.projectId ? projectName.get(entry.projectId) : undefined} />
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
          <nav aria-label={t("audit.paging")}>
            <Group gap="sm">
              {page > 1 && (
                <ButtonLink variant="default" to="/admin/granskningslogg" search={{ ...search, page: page - 1 > 1 ? page - 1 : undefined }}>
                  {t("audit.previous")}
                </ButtonLink>
              )}
              {page < pageCount && (
                <ButtonLink variant="default" to="/admin/granskningslogg" search={{ ...search, page: page + 1 }}>
                  {t("audit.next")}
                </ButtonLink>
              )}
            </Group>
          </nav>
        </Stack>
      )}
    </Stack>
  );
}

function EntryRow({ entry, projectName }: { entry: AuditEntry; projectName: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </Table.Td>
      <Table.Td>
        {entry.actorId ? (
          <AnchorLink to="/admin/anvandare/$userId" params={{ userId: entry.actorId }}>
            {entry.actorLabel}
          </AnchorLink>
        ) : (
          entry.actorLabel
        )}
      </Table.Td>
      <Table.Td>
        <Code>{entry.action}</Code>
      </Table.Td>
      <Table.Td>
        {entry.subjectType && <Text size="sm">{entry.subjectType}</Text>}
        {entry.subjectId && (
          <AnchorLink to="/admin/granskningslogg" search={{ subjectId: entry.subjectId }} size="sm" title={t("audit.filterBySubject")}>
            <ShortId id={entry.subjectId} />
          </AnchorLink>
        )}
      </Table.Td>
      <Table.Td>{entry.projectId ? (projectName ?? entry.projectId) : "–"}</Table.Td>
      <Table.Td>
        <Text span size="sm" fw={600} c={OUTCOME_COLOR[entry.outcome]}>
          {t(`audit.outcomes.${entry.outcome}`)}
        </Text>
      </Table.Td>
      <Table.Td>{entry.clientAddress ?? "–"}</Table.Td>
      <Table.Td>
        {entry.details && Object.keys(entry.details).length > 0 ? (
          <details>
            <summary>{t("audit.showDetails")}</summary>
            <Code block mt={4} style={{ whiteSpace: "pre-wrap", maxWidth: 360 }}>
              {JSON.stringify(entry.details, null, 2)}
            </Code>
          </details>
        ) : (
          "–"
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Ids are long; show the first eight characters, which tell entries apart, and let screen
 * readers have the whole id.
 */
function ShortId({ id }: { id: string }) {
  if (id.length <= 12) return <>{id}</>;
  return (
    <>
      {id.slice(0, 8)}
      <VisuallyHidden>{id.slice(8)}</VisuallyHidden>
      <span aria-hidden="true">…</span>
    </>
  );
}

function FilterForm({ search }: { search: AuditSearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [actor, setActor] = useState(search.actor ?? "");
  const [action, setAction] = useState(search.action ?? "");
  const [subjectId, setSubjectId] = useState(search.subjectId ?? "");
  const [outcome, setOutcome] = useState<string>(search.outcome ?? "");
  const [from, setFrom] = useState(search.from ?? "");
  const [to, setTo] = useState(search.to ?? "");
  const rangeError = from && to && from > to ? t("audit.rangeError") : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (rangeError) return;
    const parsedOutcome = AuditOutcome.safeParse(outcome);
    void navigate({
      to: "/admin/granskningslogg",
      search: {
        actor: actor.trim() || undefined,
        action: action.trim() || undefined,
        subjectId: subjectId.trim() || undefined,
        outcome: parsedOutcome.success ? parsedOutcome.data : undefined,
        from: from || undefined,
        to: to || undefined,
      },
    });
  }

  return (
    <search aria-label={t("audit.filters")}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
            <TextInput label={t("audit.actor")} description={t("audit.actorHelp")} value={actor} onChange={(e) => setActor(e.currentTarget.value)} />
            <TextInput label={t("audit.action")} description={t("audit.actionHelp")} value={action} onChange={(e) => setAction(e.currentTarget.value)} />
            <TextInput
              label={t("audit.subjectId")}
              description={t("audit.subjectIdHelp")}
              value={subjectId}
              onChange={(e) => setSubjectId(e.currentTarget.value)}
            />
            <NativeSelect
              label={t("audit.outcome")}
              value={outcome}
              onChange={(e) => setOutcome(e.currentTarget.value)}
              data={[{ value: "", label: t("audit.allOutcomes") }, ...AuditOutcome.options.map((o) => ({ value: o, label: t(`audit.outcomes.${o}`) }))]}
            />
            <TextInput label={t("audit.from")} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
            <TextInput label={t("audit.to")} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={rangeError} />
          </SimpleGrid>
          <Group gap="sm">
            <Button type="submit">{t("common.search")}</Button>
            <ButtonLink variant="default" to="/admin/granskningslogg" search={{}}>
              {t("audit.clear")}
            </ButtonLink>
          </Group>
        </Stack>
      </form>
    </search>
  );
}
