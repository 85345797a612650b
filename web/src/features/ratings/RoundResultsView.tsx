import { Alert, List, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { QuestionResult } from "../../../../schemas/ratings.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDate } from "../../format.ts";
import { formatNumber, roundResultsQuery } from "./queries.ts";

/** A round's results: numbers per question, yes/no by gender, and (for staff with person access) the free text. */
export function RoundResultsView({ roundId }: { roundId: string }) {
  const { t, i18n } = useTranslation();
  const results = useQuery(roundResultsQuery(roundId));
  if (results.isPending) return <Loading />;
  if (results.isError) return <ErrorAlert error={results.error} />;
  const r = results.data;
  const numeric = r.questions.filter((q) => q.kind === "scale" || q.kind === "number");
  const caption = t("questionnaires.numbersCaption", { title: r.title });
  return (
    <Panel title={t("questionnaires.resultsTitle", { title: `${r.questionnaireTitle} – ${r.title}` })}>
      <Stack gap="md">
        <Text>{t("questionnaires.resultsSummary", { date: formatDate(r.sentOn), recipients: r.recipients, responses: r.responses })}</Text>
        {r.suppressed && (
          <Alert variant="light" color="blue">
            {t("questionnaires.suppressedNote")}
          </Alert>
        )}
        {numeric.length > 0 && (
          <TableScroll minWidth={600} label={caption}>
            <Table verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("questionnaires.question")}</Table.Th>
                  <Table.Th scope="col">n</Table.Th>
                  <Table.Th scope="col">{t("questionnaires.lowest")}</Table.Th>
                  <Table.Th scope="col">{t("questionnaires.mean")}</Table.Th>
                  <Table.Th scope="col">{t("questionnaires.highest")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {numeric.map((q) => (
                  <Table.Tr key={q.key}>
                    <Table.Th scope="row" fw={400}>
                      {q.text}
                    </Table.Th>
                    <Table.Td>{q.n}</Table.Td>
                    <Table.Td>{formatNumber(q.min, 2, i18n.language)}</Table.Td>
                    <Table.Td>{formatNumber(q.mean, 2, i18n.language)}</Table.Td>
                    <Table.Td>{formatNumber(q.max, 2, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {r.questions
          .filter((q) => q.kind !== "scale" && q.kind !== "number")
          .map((q) => (
            <OtherResult key={q.key} q={q} />
          ))}
      </Stack>
    </Panel>
  );
}

function OtherResult({ q }: { q: QuestionResult }) {
  const { t } = useTranslation();
  if (q.kind === "yes_no" && q.byGender) {
    const caption = t("questionnaires.byGenderCaption", { question: q.text });
    return (
      <TableScroll minWidth={420} label={caption}>
        <Table verticalSpacing="xs">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("questionnaires.gender")}</Table.Th>
              <Table.Th scope="col">{t("questionnaires.yes")}</Table.Th>
              <Table.Th scope="col">{t("questionnaires.no")}</Table.Th>
              <Table.Th scope="col">{t("questionnaires.total")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.byGender.map((g) => (
              <Table.Tr key={g.gender}>
                <Table.Th scope="row" fw={g.gender === "Totalt" ? 700 : 400}>
                  {t(`questionnaires.genders.${g.gender as "kvinna" | "man" | "annat" | "Totalt"}`)}
                </Table.Th>
                <Table.Td>{g.yes}</Table.Td>
                <Table.Td>{g.no}</Table.Td>
                <Table.Td>{g.total}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    );
  }
  if (q.kind === "choice" && q.options) {
    const caption = t("questionnaires.optionsCaption", { question: q.text, n: q.n });
    return (
      <TableScroll minWidth={360} label={caption}>
        <Table verticalSpacing="xs">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("questionnaires.option")}</Table.Th>
              <Table.Th scope="col">{t("questionnaires.count")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.options.map((o) => (
              <Table.Tr key={o.option}>
                <Table.Th scope="row" fw={400}>
                  {o.option}
                </Table.Th>
                <Table.Td>{o.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    );
  }
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {q.text} (n = {q.n})
      </Title>
      {q.texts === null ? (
        <Text size="sm">{t("questionnaires.textsHidden")}</Text>
      ) : q.texts.length === 0 ? (
        <Text size="sm">{t("questionnaires.noTexts")}</Text>
      ) : (
        <List size="sm">
          {q.texts.map((text, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two people may write the same; the list never reorders.
            <List.Item key={i}>{text}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
