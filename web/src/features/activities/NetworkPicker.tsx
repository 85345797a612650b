import "../../i18n/employers.ts";
import { NativeSelect, SimpleGrid } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { sortByName } from "../../format.ts";
import { employerListQuery, employerQuery } from "../employers/queries.ts";

export interface NetworkLink {
  employerId: string;
  workplaceId: string;
  supervisorId: string;
}

/**
 * Which employer of the network the placement is with, and, once one is chosen, its workplace
 * and supervisor. The server checks that the workplace and supervisor belong to the employer.
 */
export function NetworkPicker({
  projectId,
  value,
  onChange,
  errors,
}: {
  projectId: string;
  value: NetworkLink;
  onChange: (value: NetworkLink) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const list = useQuery(employerListQuery(projectId, {}));
  const employer = useQuery({ ...employerQuery(projectId, value.employerId), enabled: Boolean(value.employerId) });
  const employers = sortByName(list.data?.employers ?? [], (e) => e.name);
  const workplaces = employer.data?.workplaces ?? [];
  const supervisors = (employer.data?.contacts ?? []).filter((c) => c.isSupervisor);
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <NativeSelect
        label={t("activities.network.employer")}
        description={t("activities.network.employerHelp")}
        value={value.employerId}
        onChange={(e) => onChange({ employerId: e.currentTarget.value, workplaceId: "", supervisorId: "" })}
        error={errors.employerId}
      >
        <option value="">{t("activities.network.none")}</option>
        {employers.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect
        label={t("activities.network.workplace")}
        value={value.workplaceId}
        disabled={!value.employerId}
        onChange={(e) => onChange({ ...value, workplaceId: e.currentTarget.value })}
        error={errors.workplaceId}
      >
        <option value="">{t("activities.network.none")}</option>
        {workplaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect
        label={t("activities.network.supervisor")}
        value={value.supervisorId}
        disabled={!value.employerId}
        onChange={(e) => onChange({ ...value, supervisorId: e.currentTarget.value })}
        error={errors.supervisorId}
      >
        <option value="">{t("activities.network.none")}</option>
        {supervisors.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </NativeSelect>
    </SimpleGrid>
  );
}
