import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { EnrolmentStatus } from "../../../../../schemas/participants.ts";
import { sortByName } from "../../../format.ts";
import { useProjectCodes } from "../../codes/queries.ts";
import { coachesQuery, intakesQuery } from "../queries.ts";
import type { CaseloadSearch } from "./search.ts";

const ENDING_CHOICES = [30, 60, 90, 180];

/**
 * Filters and search. The filters go to the address (so a filtered list can be bookmarked);
 * the search text goes only to `onSearch`, to be kept in memory and sent in a POST body.
 */
export function CaseloadFilters({
  projectId,
  search,
  q,
  onApply,
}: {
  projectId: string;
  search: CaseloadSearch;
  q: string;
  onApply: (filters: CaseloadSearch, q: string) => void;
}) {
  const { t } = useTranslation();
  const intakes = useQuery(intakesQuery(projectId));
  const coaches = useQuery(coachesQuery(projectId));
  const codes = useProjectCodes(projectId);
  const [text, setText] = useState(q);
  const [intake, setIntake] = useState(search.intake ?? "");
  const [status, setStatus] = useState(search.status ?? "");
  const [coach, setCoach] = useState(search.coach ?? "");
  const [party, setParty] = useState(search.party ?? "");
  const [ending, setEnding] = useState(search.ending ? String(search.ending) : "");

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(
      {
        mine: search.mine,
        intake: intake || undefined,
        status: status || undefined,
        coach: coach || undefined,
        party: party || undefined,
        ending: ending ? Number(ending) : undefined,
      },
      text.trim(),
    );
  }

  function clear() {
    setText("");
    setIntake("");
    setStatus("");
    setCoach("");
    setParty("");
    setEnding("");
    onApply({ mine: search.mine }, "");
  }

  return (
    <search>
      <form onSubmit={submit} aria-label={t("caseload.filters")}>
        <Stack gap="sm">
          <TextInput
            type="search"
            label={t("caseload.search")}
            description={t("caseload.searchHelp")}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maw={420}
            autoComplete="off"
          />
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
            <NativeSelect label={t("caseload.intake")} value={intake} onChange={(e) => setIntake(e.currentTarget.value)}>
              <option value="">{t("caseload.allIntakes")}</option>
              {(intakes.data?.intakes ?? []).map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect label={t("caseload.status")} value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              <option value="">{t("caseload.allStatuses")}</option>
              {EnrolmentStatus.options.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect label={t("caseload.coach")} value={coach} onChange={(e) => setCoach(e.currentTarget.value)}>
              <option value="">{t("caseload.allCoaches")}</option>
              <option value="none">{t("caseload.noCoach")}</option>
              {sortByName(coaches.data?.coaches ?? [], (c) => c.name).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect label={t("caseload.referringParty")} value={party} onChange={(e) => setParty(e.currentTarget.value)}>
              <option value="">{t("caseload.allParties")}</option>
              {codes.options("referring_party").map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect label={t("caseload.ending")} value={ending} onChange={(e) => setEnding(e.currentTarget.value)}>
              <option value="">{t("caseload.anyEnd")}</option>
              {[...new Set([...ENDING_CHOICES, ...(search.ending ? [search.ending] : [])])].map((days) => (
                <option key={days} value={days}>
                  {t("caseload.withinDays", { count: days })}
                </option>
              ))}
            </NativeSelect>
          </SimpleGrid>
          <Group gap="sm">
            <Button type="submit">{t("caseload.apply")}</Button>
            <Button variant="default" onClick={clear}>
              {t("caseload.clear")}
            </Button>
          </Group>
        </Stack>
      </form>
    </search>
  );
}
