import { Badge, Table, Text, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Change, SubGoal, SubGoalDiff } from "../../../../schemas/plan.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Loading } from "../../components/Loading.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { formatDate } from "../../format.ts";
import { compareQuery } from "./queries.ts";

const marks: Record<Change, { sign: string; color: string }> = {
  added: { sign: "+", color: "green" },
  removed: { sign: "−", color: "red" },
  changed: { sign: "≠", color: "orange" },
  unchanged: { sign: "=", color: "gray" },
};

// A changed value is highlighted and also says "(ändrat)" in its label.
const highlight = { background: "var(--mantine-color-yellow-light)", borderRadius: 4 };

/** The change in words and a sign, so it never rests on colour alone. */
function ChangeBadge({ change }: { change: Change }) {
  const { t } = useTranslation();
  return (
    <Badge color={marks[change].color} variant="light" tt="none" className="status-badge">
      <span aria-hidden="true">{marks[change].sign} </span>
      {t(`plan.change.${change}`)}
    </Badge>
  );
}

function ItemCell({ item, changed }: { item: SubGoal | null; changed: string[] }) {
  const { t } = useTranslation();
  if (!item) return <Text c="dimmed">{t("plan.compare.absent")}</Text>;
  const rows: [string, string][] = [
    ["owner", item.owner === "other" ? `${t("plan.owner.other")}: ${item.ownerName ?? ""}` : t(`plan.owner.${item.owner}`)],
    ["dueDate", item.dueDate ? formatDate(item.dueDate) : "–"],
    ["status", t(`plan.status.${item.status}`)],
    ["comment", item.comment ?? "–"],
  ];
  return (
    <div>
      <Text fw={600} style={changed.includes("title") ? highlight : undefined}>
        {item.title}
        {changed.includes("title") && <VisuallyHidden> ({t("plan.change.changed")})</VisuallyHidden>}
      </Text>
      <dl style={{ margin: 0 }}>
        {rows.map(([field, value]) => {
          const isChanged = changed.includes(field) || (field === "owner" && changed.includes("ownerName"));
          return (
            <div key={field} style={{ display: "flex", gap: "0.5rem", ...(isChanged ? highlight : {}) }}>
              <dt style={{ fontWeight: 600 }}>
                {t(`plan.fields.${field as "owner"}`)}
                {isChanged && ` (${t("plan.change.changed").toLowerCase()})`}
              </dt>
              <dd style={{ margin: 0 }}>{value}</dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}

function Row({ d, label }: { d: SubGoalDiff; label: string }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Th scope="row">{label}</Table.Th>
      <Table.Td>
        <ItemCell item={d.before} changed={d.fields} />
      </Table.Td>
      <Table.Td>
        <ItemCell item={d.after} changed={d.fields} />
      </Table.Td>
      <Table.Td>
        <ChangeBadge change={d.change} />
        {d.fields.length > 0 && (
          <Text size="sm" mt={4}>
            {t("plan.compare.fieldsChanged", { fields: d.fields.map((f) => t(`plan.fields.${f}`)).join(", ") })}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Two revisions side by side, a row per goal and sub-goal, each with what changed. */
export function Comparison({ enrolmentId, from, to }: { enrolmentId: string; from: number; to: number }) {
  const { t } = useTranslation();
  const c = useQuery(compareQuery(enrolmentId, from, to));
  if (c.isPending) return <Loading />;
  if (c.isError) return <ErrorAlert error={c.error} />;
  const { from: a, to: b, goals } = c.data;
  return (
    <TableScroll label={t("plan.compare.title")} minWidth={760}>
      <Table withTableBorder verticalSpacing="sm" className="plan-compare">
        <Table.Caption>{t("plan.compare.caption", { from: a.number, to: b.number })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("plan.compare.item")}</Table.Th>
            <Table.Th scope="col">{t("plan.compare.version", { number: a.number, at: formatDate(a.createdAt) })}</Table.Th>
            <Table.Th scope="col">{t("plan.compare.version", { number: b.number, at: formatDate(b.createdAt) })}</Table.Th>
            <Table.Th scope="col">{t("plan.compare.change")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {goals.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>{t("plan.compare.empty")}</Table.Td>
            </Table.Tr>
          )}
          {goals.flatMap((g, i) => [
            <Row key={g.id} d={g} label={t("plan.compare.goal", { n: i + 1 })} />,
            ...g.subGoals.map((s, j) => <Row key={s.id} d={s} label={t("plan.compare.subGoal", { n: i + 1, m: j + 1 })} />),
          ])}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
