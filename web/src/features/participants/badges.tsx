import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CaseloadRow, EnrolmentStatus, ReferralDecision } from "../../../../schemas/participants.ts";

// Text says the status; colour only helps the eye. Shade 7+ text on the light tint keeps 4.5:1.
const STATUS_COLOR: Record<EnrolmentStatus, string> = { active: "green", paused: "orange", exited: "gray", upcoming: "stegvis" };
const DECISION_COLOR: Record<ReferralDecision, string> = { pending: "stegvis", accepted: "green", declined: "gray", waiting_list: "orange" };

export function StatusBadge({ status }: { status: EnrolmentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={STATUS_COLOR[status]} tt="none" className="status-badge">
      {t(`status.${status}`)}
    </Badge>
  );
}

export function DecisionBadge({ decision }: { decision: ReferralDecision }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={DECISION_COLOR[decision]} tt="none" className="status-badge">
      {t(`decision.${decision}`)}
    </Badge>
  );
}

export function WarningBadges({ warnings }: { warnings: CaseloadRow["warnings"] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <Group gap={4}>
      {warnings.map((w) => (
        <Badge key={w} variant="light" color="orange" tt="none" className="status-badge">
          {t(`caseload.warnings.${w}`)}
        </Badge>
      ))}
    </Group>
  );
}
