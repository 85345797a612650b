import "../../i18n/employers.ts";
import { List, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { AnchorLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { employerApi } from "../employers/queries.ts";

/**
 * From the trades the participant is interested in (saved in the mapping), the employers of the
 * network with earlier successful placements in them. The trades go in the request body.
 */
export function EmployerSuggestions({ projectId, trades }: { projectId: string; trades: string[] }) {
  const { t } = useTranslation();
  const suggestions = useQuery({
    queryKey: ["projects", projectId, "employer-suggestions", trades],
    queryFn: () => employerApi.suggest(projectId, { trades }),
    enabled: trades.length > 0,
  });
  return (
    <Panel title={t("mapping.suggestionsTitle")}>
      {trades.length === 0 ? (
        <Text>{t("mapping.suggestionsNoTrades")}</Text>
      ) : suggestions.isPending ? (
        <Loading />
      ) : suggestions.isError ? (
        <ErrorAlert error={suggestions.error} />
      ) : suggestions.data.suggestions.length === 0 ? (
        <Text>{t("mapping.suggestionsNone", { trades: trades.join(", ") })}</Text>
      ) : (
        <List>
          {suggestions.data.suggestions.slice(0, 8).map((s) => (
            <List.Item key={s.id}>
              <AnchorLink to="/projekt/$projectId/arbetsgivare/$employerId" params={{ projectId, employerId: s.id }}>
                {s.name}
              </AnchorLink>{" "}
              <Text span size="sm">
                {t("mapping.suggestionsLine", { count: s.successesInTrades, trades: s.matchedTrades.join(", ") })}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Panel>
  );
}
