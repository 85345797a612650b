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
  /** One of the employer's trades; counts the employer's successes per trade. */
  trade: string;
}

/**
 * Which employer of the network the placement is with, and, once one is chosen, its workplace
 * supervisor and the trade of the placement. The server checks that they belong to the employer.
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
  const trades = employer.data?.trades ?? [];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <NativeSelect
        label={t("activities.network.employer")}
        description={t("activities.network.employerHelp")}
        value={value.employerId}
        onChange={(e) => onChange({ employerId: e.currentTarget.value, workplaceId: "", supervisorId: "", trade: "" })}
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
      <NativeSelect
        label={t("activities.network.trade")}
        description={t("activities.network.tradeHelp")}
        value={value.trade}
        disabled={!value.employerId}
        onChange={(e) => onChange({ ...value, trade: e.currentTarget.value })}
        error={errors.trade}
      >
        <option value="">{t("activities.network.none")}</option>
        {/* A trade the employer has since dropped stays selectable on the placement that has it. */}
        {[...new Set([...(value.trade ? [value.trade] : []), ...trades])].map((tr) => (
          <option key={tr} value={tr}>
            {tr}
          </option>
        ))}
      </NativeSelect>
    </SimpleGrid>
  );
}
