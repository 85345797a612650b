import { Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ParticipantPage } from "../../../../../schemas/participants.ts";
import { seg } from "../../../api.ts";
import { Panel } from "../../../components/Panel.tsx";

/** A plain link: the browser downloads the PDF with the session cookie. Only the enrolment id is in the address. */
export const disFormPdfUrl = (enrolmentId: string, kind: "start" | "exit") => `/api/enrolments/${seg(enrolmentId)}/dis-sus/pdf?kind=${kind}`;

/**
 * The DIS forms for SUS registration, printed one at a time; the server refuses the same cases
 * (no consent, not counted, no exit yet) that are explained here instead of offering a download.
 */
export function DisFormsPanel({ page }: { page: ParticipantPage }) {
  const { t } = useTranslation();
  const e = page.enrolment;
  const consent = e.consents.some((c) => c.purpose === "sus_registration" && c.active);
  return (
    <Panel title={t("disForms.title")}>
      <Stack gap="sm">
        <Text size="sm">{t("disForms.help")}</Text>
        {!consent ? (
          <Text>{t("disForms.noConsent")}</Text>
        ) : e.notCounted ? (
          <Text>{t("disForms.notCounted")}</Text>
        ) : (
          <>
            <Group gap="sm">
              <Button component="a" href={disFormPdfUrl(e.id, "start")} variant="default" download>
                {t("disForms.start")}
              </Button>
              {e.exit && (
                <Button component="a" href={disFormPdfUrl(e.id, "exit")} variant="default" download>
                  {t("disForms.exit")}
                </Button>
              )}
            </Group>
            {!e.exit && <Text size="sm">{t("disForms.noExit")}</Text>}
          </>
        )}
      </Stack>
    </Panel>
  );
}
