import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { EmployerStatus } from "../../../../schemas/employers.ts";

/** Text says the status; the colour only helps the eye (the same outline style as the participants' badges). */
export function EmployerStatusBadge({ status }: { status: EmployerStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={status === "active" ? "green" : "gray"} tt="none" className="status-badge">
      {t(`employers.statuses.${status}`)}
    </Badge>
  );
}
