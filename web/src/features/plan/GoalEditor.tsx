import { Button, Fieldset, Group, NativeSelect, Stack, Textarea, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Goal, GoalStatus, OwnerKind, SubGoal } from "../../../../schemas/plan.ts";

/** A goal or sub-goal as the form holds it: strings, with the id of an item that is already saved. */
export interface ItemValues {
  key: string;
  id?: string;
  title: string;
  owner: OwnerKind;
  ownerName: string;
  dueDate: string;
  status: GoalStatus;
  comment: string;
}
export interface GoalValues extends ItemValues {
  subGoals: ItemValues[];
}

let serial = 0;
const newKey = () => `new-${++serial}`;

export const emptyItem = (): ItemValues => ({ key: newKey(), title: "", owner: "participant", ownerName: "", dueDate: "", status: "not_started", comment: "" });

const itemOf = (x: SubGoal): ItemValues => ({
  key: x.id,
  id: x.id,
  title: x.title,
  owner: x.owner,
  ownerName: x.ownerName ?? "",
  dueDate: x.dueDate ?? "",
  status: x.status,
  comment: x.comment ?? "",
});
export const goalValuesOf = (goals: Goal[]): GoalValues[] => goals.map((g) => ({ ...itemOf(g), subGoals: g.subGoals.map(itemOf) }));

const inputOf = ({ key: _key, ...x }: ItemValues) => ({ ...x, ownerName: x.owner === "other" ? x.ownerName : null, dueDate: x.dueDate || null });
export const goalsInputOf = (goals: GoalValues[]) => goals.map((g) => ({ ...inputOf(g), subGoals: g.subGoals.map(inputOf) }));

export const OWNERS: readonly OwnerKind[] = ["participant", "coach", "other"];
export const STATUSES: readonly GoalStatus[] = ["not_started", "ongoing", "reached", "dropped"];

function ItemFields({ item, path, errors, onChange }: { item: ItemValues; path: string; errors: Record<string, string>; onChange: (x: ItemValues) => void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<ItemValues>) => onChange({ ...item, ...patch });
  return (
    <Stack gap="sm">
      <TextInput
        label={t("plan.fields.title")}
        required
        value={item.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
        error={errors[`${path}.title`]}
      />
      <Group grow align="flex-start">
        <NativeSelect
          label={t("plan.fields.owner")}
          value={item.owner}
          onChange={(e) => set({ owner: e.currentTarget.value as OwnerKind })}
          data={OWNERS.map((o) => ({ value: o, label: t(`plan.owner.${o}`) }))}
          error={errors[`${path}.owner`]}
        />
        {item.owner === "other" && (
          <TextInput
            label={t("plan.fields.ownerName")}
            required
            value={item.ownerName}
            onChange={(e) => set({ ownerName: e.currentTarget.value })}
            error={errors[`${path}.ownerName`]}
          />
        )}
        <TextInput
          type="date"
          label={t("plan.fields.dueDate")}
          value={item.dueDate}
          onChange={(e) => set({ dueDate: e.currentTarget.value })}
          error={errors[`${path}.dueDate`]}
        />
        <NativeSelect
          label={t("plan.fields.status")}
          value={item.status}
          onChange={(e) => set({ status: e.currentTarget.value as GoalStatus })}
          data={STATUSES.map((s) => ({ value: s, label: t(`plan.status.${s}`) }))}
          error={errors[`${path}.status`]}
        />
      </Group>
      <Textarea
        label={t("plan.fields.comment")}
        autosize
        minRows={1}
        value={item.comment}
        onChange={(e) => set({ comment: e.currentTarget.value })}
        error={errors[`${path}.comment`]}
      />
    </Stack>
  );
}

/** Goals with their sub-goals, each in a fieldset named by its number and title. */
export function GoalEditor({ goals, errors, onChange }: { goals: GoalValues[]; errors: Record<string, string>; onChange: (g: GoalValues[]) => void }) {
  const { t } = useTranslation();
  const setGoal = (i: number, g: GoalValues) => onChange(goals.map((x, j) => (j === i ? g : x)));
  return (
    <Stack gap="lg">
      {goals.map((g, i) => (
        <Fieldset key={g.key} legend={t("plan.goalLegend", { n: i + 1, title: g.title || t("plan.untitled") })}>
          <Stack gap="md">
            <ItemFields item={g} path={`goals.${i}`} errors={errors} onChange={(x) => setGoal(i, { ...g, ...x })} />
            {g.subGoals.map((s, j) => (
              <Fieldset key={s.key} variant="filled" legend={t("plan.subGoalLegend", { n: i + 1, m: j + 1, title: s.title || t("plan.untitled") })}>
                <Stack gap="sm">
                  <ItemFields
                    item={s}
                    path={`goals.${i}.subGoals.${j}`}
                    errors={errors}
                    onChange={(x) => setGoal(i, { ...g, subGoals: g.subGoals.map((y, k) => (k === j ? x : y)) })}
                  />
                  <Group>
                    <Button variant="subtle" color="red" size="compact-sm" onClick={() => setGoal(i, { ...g, subGoals: g.subGoals.filter((_, k) => k !== j) })}>
                      {t("plan.removeSubGoal", { n: i + 1, m: j + 1 })}
                    </Button>
                  </Group>
                </Stack>
              </Fieldset>
            ))}
            <Group>
              <Button variant="default" size="compact-sm" onClick={() => setGoal(i, { ...g, subGoals: [...g.subGoals, emptyItem()] })}>
                {t("plan.addSubGoal", { n: i + 1 })}
              </Button>
              <Button variant="subtle" color="red" size="compact-sm" onClick={() => onChange(goals.filter((_, j) => j !== i))}>
                {t("plan.removeGoal", { n: i + 1 })}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
      ))}
      <Group>
        <Button variant="default" onClick={() => onChange([...goals, { ...emptyItem(), subGoals: [] }])}>
          {t("plan.addGoal")}
        </Button>
      </Group>
    </Stack>
  );
}
