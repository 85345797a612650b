import { Checkbox, NumberInput, Group as Row, SimpleGrid, Stack, Table, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PlannedSession, SessionPatternInput } from "../../../../schemas/groups.ts";
import type { FieldErrors } from "../../components/forms.ts";
import { TableScroll } from "../../components/TableScroll.tsx";
import { dayAndDate, WEEKDAYS } from "./format.ts";

export interface PatternValues {
  startDate: string;
  weeks: string | number;
  weekdays: string[];
  startTime: string;
  durationMinutes: string | number;
  skipDates: string;
}

export const emptyPattern = (startDate: string): PatternValues => ({
  startDate,
  weeks: 4,
  weekdays: [],
  startTime: "09:00",
  durationMinutes: 120,
  skipDates: "",
});

export function patternOf(v: PatternValues): SessionPatternInput {
  return {
    startDate: v.startDate,
    weeks: v.weeks === "" ? Number.NaN : Number(v.weeks),
    weekdays: v.weekdays.map(Number).sort(),
    startTime: v.startTime,
    durationMinutes: v.durationMinutes === "" ? Number.NaN : Number(v.durationMinutes),
    skipDates: v.skipDates.split(/[\s,;]+/).filter(Boolean),
  };
}

export function valuesOf(p: {
  startDate: string;
  weeks: number;
  weekdays: number[];
  startTime: string;
  durationMinutes: number;
  skipDates: string[];
}): PatternValues {
  return { ...p, weekdays: p.weekdays.map(String), skipDates: p.skipDates.join(", ") };
}

/** The fields of a weekly session pattern; `prefix` is where the server puts its messages (e.g. "pattern."). */
export function PatternFields({
  values,
  onChange,
  errors,
  prefix,
}: {
  values: PatternValues;
  onChange: (v: PatternValues) => void;
  errors: FieldErrors;
  prefix: string;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof PatternValues>(key: K, value: PatternValues[K]) => onChange({ ...values, [key]: value });
  const err = (key: string) => errors[`${prefix}${key}`] ?? Object.entries(errors).find(([k]) => k.startsWith(`${prefix}${key}.`))?.[1];
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <TextInput
          type="date"
          label={t("groups.pattern.startDate")}
          required
          value={values.startDate}
          onChange={(e) => set("startDate", e.currentTarget.value)}
          error={err("startDate")}
        />
        <NumberInput
          label={t("groups.pattern.weeks")}
          required
          min={1}
          max={52}
          allowDecimal={false}
          value={values.weeks}
          onChange={(v) => set("weeks", v)}
          error={err("weeks")}
        />
        <TextInput
          type="time"
          label={t("groups.pattern.startTime")}
          required
          value={values.startTime}
          onChange={(e) => set("startTime", e.currentTarget.value)}
          error={err("startTime")}
        />
        <NumberInput
          label={t("groups.pattern.duration")}
          required
          min={15}
          max={600}
          step={15}
          allowDecimal={false}
          value={values.durationMinutes}
          onChange={(v) => set("durationMinutes", v)}
          error={err("durationMinutes")}
        />
      </SimpleGrid>
      <Checkbox.Group label={t("groups.pattern.weekdays")} required value={values.weekdays} onChange={(v) => set("weekdays", v)} error={err("weekdays")}>
        <Row gap="md" mt={4}>
          {WEEKDAYS.map((d) => (
            <Checkbox key={d} value={String(d)} label={t(`groups.weekdays.${d}`)} />
          ))}
        </Row>
      </Checkbox.Group>
      <TextInput
        label={t("groups.pattern.skipDates")}
        description={t("groups.pattern.skipDatesHelp")}
        value={values.skipDates}
        onChange={(e) => set("skipDates", e.currentTarget.value)}
        error={err("skipDates")}
      />
    </Stack>
  );
}

/** The dates a pattern gives, shown before anything is saved. */
export function PatternPreviewTable({ sessions, lang }: { sessions: PlannedSession[]; lang: string }) {
  const { t } = useTranslation();
  const caption = t("groups.preview.caption", { count: sessions.length });
  if (sessions.length === 0) return <Text role="status">{t("groups.preview.none")}</Text>;
  return (
    <TableScroll label={caption} minWidth={360}>
      <Table striped verticalSpacing={4}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("groups.sessions.number")}</Table.Th>
            <Table.Th scope="col">{t("groups.sessions.date")}</Table.Th>
            <Table.Th scope="col">{t("groups.sessions.time")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((s, i) => (
            <Table.Tr key={s.start}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>{dayAndDate(s.date, lang)}</Table.Td>
              <Table.Td>
                {s.startTime}–{s.endTime}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
