import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Role } from "../../../../schemas/auth.ts";

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={role === "manager" ? "stegvis" : "gray"} tt="none">
      {t(`roles.${role}`)}
    </Badge>
  );
}
