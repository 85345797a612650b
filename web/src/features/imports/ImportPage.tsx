import "../../i18n/imports.ts";
import { Alert, Button, FileInput, Group, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ImportOutcome, ImportProblem } from "../../../../schemas/imports.ts";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { ButtonLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDate } from "../../format.ts";
import { currentLanguage } from "../../i18n/index.ts";
import { useMe } from "../auth/session.ts";
import { ProjectSubpage } from "../participants/ProjectSubpage.tsx";
import { useProjectAccess } from "../projects/access.ts";
import { uploadForImport } from "./upload.ts";

const route = getRouteApi("/app/projekt/$projectId/import");

/** Spreadsheet import (upload, check, confirm) for managers, and export for those who may read persons. */
export function ImportPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const access = useProjectAccess(projectId);
  return (
    <ProjectSubpage projectId={projectId} title={t("imports.title")} intro={access.persons ? <Text maw={760}>{t("imports.intro")}</Text> : undefined}>
      {!access.persons && <Alert color="gray">{t("imports.noAccess")}</Alert>}
      {access.manage && <ImportPanel projectId={projectId} />}
      {access.persons && <ExportPanel projectId={projectId} />}
    </ProjectSubpage>
  );
}

type Step = { kind: "choose" } | { kind: "checked"; outcome: ImportOutcome } | { kind: "done"; outcome: ImportOutcome };

function ImportPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const [files, setFiles] = useState<File[]>([]);
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  async function send(apply: boolean) {
    setBusy(true);
    setError(null);
    setProgress(0);
    try {
      const outcome = await uploadForImport(projectId, files, { apply, csrfToken: me.csrfToken, onProgress: setProgress });
      setStep(apply && outcome.applied ? { kind: "done", outcome } : { kind: "checked", outcome });
      // Move the reader to what happened, so a screen reader hears the result.
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send(false);
  };

  return (
    <Panel title={t("imports.importTitle")}>
      <Stack gap="md">
        {step.kind !== "done" && (
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="sm" maw={560}>
              <FileInput
                label={t("imports.files")}
                description={t("imports.filesHelp")}
                multiple
                accept=".xlsx,.csv,.zip"
                value={files}
                onChange={(v) => {
                  setFiles(v);
                  setStep({ kind: "choose" });
                  setError(null);
                }}
              />
              <Group>
                <Button type="submit" disabled={files.length === 0 || busy} loading={busy && step.kind === "choose"}>
                  {t("imports.preview")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {busy && (
          <Stack gap={4} maw={560}>
            <Text size="sm" role="status">
              {progress < 100 ? t("imports.uploading") : t("imports.checking")}
            </Text>
            <Progress value={progress} aria-label={t("imports.uploadProgress")} />
          </Stack>
        )}
        <ErrorAlert error={error} />
        <div ref={resultRef} tabIndex={-1} style={{ outline: "none" }}>
          {step.kind === "checked" && !step.outcome.ok && <Problems problems={step.outcome.problems} />}
          {step.kind === "checked" && step.outcome.ok && (
            <Stack gap="md">
              <SuccessAlert>
                <Text fw={600}>{t("imports.readyTitle")}</Text>
                <Text>{t("imports.readyIntro")}</Text>
              </SuccessAlert>
              <Summary outcome={step.outcome} />
              <Sample outcome={step.outcome} />
              <Group>
                <Button onClick={() => void send(true)} loading={busy}>
                  {step.outcome.counts.enrolments.new > 0 ? t("imports.confirm", { count: step.outcome.counts.enrolments.new }) : t("imports.confirmNothing")}
                </Button>
              </Group>
            </Stack>
          )}
          {step.kind === "done" && (
            <Stack gap="md">
              <SuccessAlert>
                <Text fw={600}>{t("imports.doneTitle")}</Text>
                <Text>
                  {step.outcome.counts.enrolments.new + step.outcome.counts.activities.new + step.outcome.counts.extensions.new === 0
                    ? t("imports.nothingNew")
                    : t("imports.done", {
                        enrolments: step.outcome.counts.enrolments.new,
                        persons: step.outcome.counts.persons.new,
                        activities: step.outcome.counts.activities.new,
                        extensions: step.outcome.counts.extensions.new,
                        seconds: (step.outcome.milliseconds / 1000).toLocaleString(currentLanguage() === "sv" ? "sv-SE" : "en-GB", {
                          maximumFractionDigits: 1,
                        }),
                      })}
                </Text>
              </SuccessAlert>
              <Summary outcome={step.outcome} />
              <Group>
                <ButtonLink to="/projekt/$projectId/deltagare" params={{ projectId }}>
                  {t("imports.toCaseload")}
                </ButtonLink>
                <Button
                  variant="default"
                  onClick={() => {
                    setFiles([]);
                    setStep({ kind: "choose" });
                  }}
                >
                  {t("imports.startOver")}
                </Button>
              </Group>
            </Stack>
          )}
        </div>
      </Stack>
    </Panel>
  );
}

/** Every problem, a table per sheet, in the reader's language. */
function Problems({ problems }: { problems: ImportProblem[] }) {
  const { t } = useTranslation();
  const english = currentLanguage() === "en";
  const groups = new Map<string, ImportProblem[]>();
  for (const p of problems) {
    const key = p.sheet === "file" ? t("imports.fileProblems") : `${t("imports.sheet")} ${p.sheet}${p.source && p.source !== p.sheet ? ` (${p.source})` : ""}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return (
    <Stack gap="md">
      <Alert color="red" variant="light" role="alert" title={t("imports.problemsTitle", { count: problems.length })}>
        {t("imports.problemsIntro")}
      </Alert>
      {[...groups].map(([sheet, list]) => {
        const caption = t("imports.problemsCaption", { sheet, count: list.length });
        return (
          <section key={sheet} aria-label={caption}>
            <Title order={3} size="h4" mb="xs">
              {sheet}
            </Title>
            <TableScroll minWidth={720} label={caption}>
              <Table verticalSpacing="xs" striped>
                <Table.Caption>{caption}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("imports.row")}</Table.Th>
                    <Table.Th scope="col">{t("imports.column")}</Table.Th>
                    <Table.Th scope="col">{t("imports.value")}</Table.Th>
                    <Table.Th scope="col">{t("imports.problem")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((p) => (
                    <Table.Tr key={`${p.row}-${p.column}-${p.source}-${p.message}`}>
                      <Table.Td>{p.row ?? t("imports.wholeSheet")}</Table.Td>
                      <Table.Td>
                        <code>{p.column ?? p.source ?? ""}</code>
                      </Table.Td>
                      <Table.Td>
                        {p.value ?? (
                          <Text span c="dimmed">
                            {t("imports.noValue")}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{english ? p.messageEn : p.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          </section>
        );
      })}
    </Stack>
  );
}

function Summary({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useTranslation();
  const c = outcome.counts;
  const caption = outcome.applied ? t("imports.summaryDoneCaption") : t("imports.summaryCaption");
  const rows: [string, number, number | null][] = [
    [t("imports.persons"), c.persons.new, null],
    [t("imports.personsLinked"), c.persons.linked, null],
    [t("imports.enrolments"), c.enrolments.new, c.enrolments.unchanged],
    [t("imports.referrals"), c.referrals, null],
    [`${t("imports.intakes")}${c.intakes.names.length ? ` (${c.intakes.names.join(", ")})` : ""}`, c.intakes.new, null],
    [t("imports.activities"), c.activities.new, c.activities.unchanged],
    [t("imports.extensions"), c.extensions.new, c.extensions.unchanged],
  ];
  return (
    <TableScroll minWidth={480} label={caption}>
      <Table verticalSpacing="xs" maw={720}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("imports.what")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("imports.new")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("imports.unchanged")}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([label, n, same]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" fw={400}>
                {label}
              </Table.Th>
              <Table.Td ta="right">{n}</Table.Td>
              <Table.Td ta="right">{same ?? "–"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function Sample({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useTranslation();
  if (!outcome.sample.length) return null;
  return (
    <TableScroll minWidth={720} label={t("imports.sampleCaption")}>
      <Table verticalSpacing="xs">
        <Table.Caption>{t("imports.sampleCaption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("imports.ref")}</Table.Th>
            <Table.Th scope="col">{t("imports.name")}</Table.Th>
            <Table.Th scope="col">{t("imports.intake")}</Table.Th>
            <Table.Th scope="col">{t("imports.start")}</Table.Th>
            <Table.Th scope="col">{t("imports.end")}</Table.Th>
            <Table.Th scope="col">{t("imports.state")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {outcome.sample.map((s) => (
            <Table.Tr key={s.enrolmentRef}>
              <Table.Td>{s.enrolmentRef}</Table.Td>
              <Table.Td>{s.name}</Table.Td>
              <Table.Td>{s.intake ?? "–"}</Table.Td>
              <Table.Td>{formatDate(s.startDate)}</Table.Td>
              <Table.Td>{s.endDate ? formatDate(s.endDate) : t("imports.ongoing")}</Table.Td>
              <Table.Td>
                {s.state === "unchanged" ? t("imports.stateUnchanged") : s.personLinked ? t("imports.stateNewLinked") : t("imports.stateNew")}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function ExportPanel({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const href = (format: "xlsx" | "zip") => `/api/projects/${encodeURIComponent(projectId)}/export?format=${format}`;
  return (
    <Panel title={t("imports.exportTitle")}>
      <Stack gap="sm">
        <Text maw={760}>{t("imports.exportIntro")}</Text>
        <Group>
          <Button component="a" href={href("xlsx")} download variant="default">
            {t("imports.exportXlsx")}
          </Button>
          <Button component="a" href={href("zip")} download variant="default">
            {t("imports.exportZip")}
          </Button>
        </Group>
      </Stack>
    </Panel>
  );
}
