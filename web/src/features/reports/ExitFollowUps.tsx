import "../../i18n/exitFollowUp.ts";
import { Button, List, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { AnchorLink } from "../../components/links.tsx";
import { formatDate } from "../../format.ts";
import type { ProjectCodes } from "../codes/queries.ts";
import { enrolmentFollowUpsQuery } from "./exitFollowUps.ts";
import { followUpResult, useFollowUpRecording } from "./RecordFollowUpDialog.tsx";

/**
 * The follow-up points after a final exit, on the participant's record: each point's date and
 * result, or a button to record it in the same dialog as the project's follow-up list.
 */
export function ExitFollowUps({ projectId, enrolmentId, name, codes }: { projectId: string; enrolmentId: string; name: string; codes: ProjectCodes }) {
  const { t } = useTranslation();
  const points = useQuery(enrolmentFollowUpsQuery(enrolmentId));
  const recording = useFollowUpRecording();
  if (points.isPending) return null;
  if (points.isError) return <ErrorAlert error={points.error} />;
  const { exitDate, followed } = points.data;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t("exitFollowUp.section")}
      </Title>
      {recording.message}
      {!followed && <Text size="sm">{t("exitFollowUp.notFollowed")}</Text>}
      {points.data.points.length > 0 && exitDate && (
        <List size="sm" spacing={4}>
          {points.data.points.map((p) => (
            <List.Item key={p.months}>
              {t("exitFollowUp.pointLine", { months: p.months, dueDate: formatDate(p.dueDate) })}{" "}
              {p.followUp ? (
                followUpResult(t, codes, p.followUp)
              ) : (
                <>
                  {p.state === "overdue" ? (
                    <Text span fw={700} c="red.9" size="sm">
                      {t("exitFollowUp.notDoneOverdue")}
                    </Text>
                  ) : (
                    t("exitFollowUp.notDone")
                  )}{" "}
                  <Button
                    size="compact-xs"
                    variant="light"
                    aria-label={t("exitFollowUp.recordFor", { months: p.months, name })}
                    onClick={() => {
                      recording.record({ projectId, enrolmentId, name, exitDate, months: p.months, dueDate: p.dueDate });
                    }}
                  >
                    {t("exitFollowUp.record")}
                  </Button>
                </>
              )}
            </List.Item>
          ))}
        </List>
      )}
      <AnchorLink to="/projekt/$projectId/uppfoljning" params={{ projectId }} size="sm">
        {t("exitFollowUp.openList")}
      </AnchorLink>
      {recording.dialog}
    </Stack>
  );
}
