import "../../i18n/ratings.ts";
import { Button, Stack, Table, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { GroupSession } from "../../../../schemas/groups.ts";
import { type Instrument, ScoreInput, ScoreUpdate, type SessionScores } from "../../../../schemas/ratings.ts";
import { isApiError } from "../../api.ts";
import { conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, zodFieldErrors } from "../../components/forms.ts";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { todayIso } from "../../format.ts";
import { createScore, formatNumber, sessionScoresQuery, updateScore } from "../ratings/queries.ts";
import { parseNumber } from "../ratings/useSchemaForm.ts";

/** GSRS after a group session: one row per participant on the register, entered from the paper forms. */
export function SessionRatingsPanel({ session }: { session: GroupSession }) {
  const { t } = useTranslation();
  const scores = useQuery(sessionScoresQuery(session.id));
  const open = !session.cancelled && session.date <= todayIso();
  return (
    <Panel title={t("ratings.session.title")}>
      {scores.isPending ? (
        <Loading />
      ) : scores.isError ? (
        <ErrorAlert error={scores.error} />
      ) : !open ? (
        <Text>{session.cancelled ? t("ratings.session.cancelled") : t("ratings.session.notYet")}</Text>
      ) : scores.data.rows.length === 0 ? (
        <Text>{t("ratings.session.noMembers")}</Text>
      ) : (
        <SessionRatingsTable data={scores.data} />
      )}
    </Panel>
  );
}

function SessionRatingsTable({ data }: { data: SessionScores }) {
  const { t, i18n } = useTranslation();
  const instrument = data.instrument;
  const caption = t("ratings.session.caption", { count: data.rows.length });
  const limit = t(instrument.alertRule === "total_at_most" ? "ratings.chart.limitAtMost" : "ratings.chart.limitBelow", {
    value: formatNumber(instrument.alertValue, 1, i18n.language),
  });
  return (
    <Stack gap="sm">
      <Text size="sm">{t("ratings.session.help", { range: `${instrument.itemMin}–${instrument.itemMax}`, limit })}</Text>
      <TableScroll label={caption} minWidth={900}>
        <Table striped verticalSpacing="xs">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("groups.members.name")}</Table.Th>
              {instrument.items.map((item) => (
                <Table.Th key={item.key} scope="col">
                  {i18n.language === "en" ? item.en : item.sv}
                </Table.Th>
              ))}
              <Table.Th scope="col">{t("ratings.total")}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t("ratings.session.save")}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((row) => (
              <ScoreRow key={row.enrolmentId} row={row} session={data.session} instrument={instrument} />
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}

const isAlert = (i: Instrument, total: number) => (i.alertRule === "total_at_most" ? total <= i.alertValue : total < i.alertValue);
const asText = (v: number) => String(v).replace(".", ",");

function ScoreRow({ row, session, instrument }: { row: SessionScores["rows"][number]; session: GroupSession; instrument: Instrument }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [items, setItems] = useState<Record<string, string>>(() =>
    Object.fromEntries(instrument.items.map((i) => [i.key, row.score ? asText(row.score.items[i.key] ?? 0) : ""])),
  );
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (input: ScoreInput | ScoreUpdate) =>
      row.score && "version" in input ? updateScore(row.score.id, input) : createScore(row.enrolmentId, input as ScoreInput),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: sessionScoresQuery(session.id).queryKey });
      void queryClient.invalidateQueries({ queryKey: ["projects"] });
    },
  });
  const errors = mergeFieldErrors(clientErrors, save.error);
  const values = instrument.items.map((i) => parseNumber(items[i.key] ?? ""));
  const complete = values.every((v) => v !== undefined && Number.isFinite(v));
  const total = complete ? Math.round(values.reduce((a: number, b) => a + (b ?? 0), 0) * 10) / 10 : null;
  const alert = total !== null && isAlert(instrument, total);
  const stale = conflictOf(save.error);
  // GSRS is the participant's own rating of the session: nobody registered absent gives one.
  const absent = row.attendance === "absent_notified" || row.attendance === "absent_unnotified";
  // Messages for the row as a whole (not an item): the session, the date, or someone else's save.
  const rowMessage = stale
    ? t("ratings.session.conflict")
    : (errors["context.id"] ?? errors.ratedOn ?? (isApiError(save.error) && !save.error.fields ? save.error.message : null));

  function submit() {
    setSaved(false);
    const body = {
      ...(row.score && { version: row.score.version }),
      instrument: instrument.code,
      ratedOn: session.date,
      context: { kind: "group_session", id: session.id },
      items: Object.fromEntries(instrument.items.map((i, n) => [i.key, values[n]])),
    };
    const parsed = (row.score ? ScoreUpdate : ScoreInput).safeParse(row.score ? { ...body, instrument: undefined } : body);
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    save.mutate(parsed.data);
  }

  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {row.name}
        {row.attendance && row.attendance !== "present" && (
          <Text size="xs" c="dimmed">
            {t(`groups.attendance.statuses.${row.attendance}`)}
          </Text>
        )}
        {rowMessage && (
          <Text size="sm" c="red.8" role="alert">
            {rowMessage}
          </Text>
        )}
        {stale && (
          <Button
            size="compact-sm"
            variant="default"
            mt={4}
            onClick={() => queryClient.invalidateQueries({ queryKey: sessionScoresQuery(session.id).queryKey })}
          >
            {t("ratings.session.reload")}
          </Button>
        )}
      </Table.Th>
      {instrument.items.map((item) => {
        const name = i18n.language === "en" ? item.en : item.sv;
        return (
          <Table.Td key={item.key}>
            <TextInput
              aria-label={t("ratings.session.itemOf", { item: name, name: row.name })}
              inputMode="decimal"
              w={90}
              disabled={absent}
              value={items[item.key] ?? ""}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setItems((x) => ({ ...x, [item.key]: v }));
              }}
              error={errors[`items.${item.key}`]}
            />
          </Table.Td>
        );
      })}
      <Table.Td>
        <Text fw={600} aria-live="polite">
          {total === null ? "–" : formatNumber(total, 1, i18n.language)}
          {alert && ` · ${t("ratings.session.alert")}`}
        </Text>
      </Table.Td>
      <Table.Td>
        {absent ? (
          <Text size="sm" c="dimmed">
            {t("ratings.session.absent")}
          </Text>
        ) : (
          <Button size="compact-sm" onClick={submit} loading={save.isPending}>
            {row.score ? t("ratings.session.update") : t("ratings.session.save")}
            <VisuallyHidden>{t("ratings.session.saveFor", { name: row.name })}</VisuallyHidden>
          </Button>
        )}
        {saved && !save.isPending && !save.error && (
          <Text size="xs" role="status">
            {t("ratings.session.saved")}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
