import type { Change, Goal, GoalDiff, ItemField, SubGoal, SubGoalDiff } from "../../../schemas/plan.ts";

const FIELDS: readonly ItemField[] = ["title", "owner", "ownerName", "dueDate", "status", "comment"];

function fieldsThatDiffer(a: SubGoal, b: SubGoal): ItemField[] {
  return FIELDS.filter((f) => a[f] !== b[f]);
}

const bare = ({ subGoals: _s, ...item }: Goal): SubGoal => item;

/**
 * Items matched by their id, in the order of the later revision with removed items where they
 * stood in the earlier one.
 */
function pair<T extends { id: string }>(before: T[], after: T[]): { id: string; a: T | null; b: T | null }[] {
  const afterIds = new Set(after.map((x) => x.id));
  const beforeById = new Map(before.map((x) => [x.id, x]));
  const out: { id: string; a: T | null; b: T | null }[] = after.map((b) => ({ id: b.id, a: beforeById.get(b.id) ?? null, b }));
  before.forEach((a, i) => {
    if (afterIds.has(a.id)) return;
    // Put a removed item after the item that preceded it in the earlier revision.
    const prev = before
      .slice(0, i)
      .reverse()
      .find((x) => afterIds.has(x.id));
    const at = prev ? out.findIndex((o) => o.id === prev.id) + 1 : 0;
    out.splice(at, 0, { id: a.id, a, b: null });
  });
  return out;
}

function subGoalDiff(a: SubGoal | null, b: SubGoal | null, id: string): SubGoalDiff {
  if (!a) return { id, change: "added", fields: [], before: null, after: b };
  if (!b) return { id, change: "removed", fields: [], before: a, after: null };
  const fields = fieldsThatDiffer(a, b);
  return { id, change: fields.length ? "changed" : "unchanged", fields, before: a, after: b };
}

/** What changed from one revision's goals to another's: added, removed, changed or unchanged, per goal and sub-goal. */
export function compareGoals(before: Goal[], after: Goal[]): GoalDiff[] {
  return pair(before, after).map(({ id, a, b }) => {
    const subGoals = pair(a?.subGoals ?? [], b?.subGoals ?? []).map((s) => subGoalDiff(s.a, s.b, s.id));
    const own = subGoalDiff(a && bare(a), b && bare(b), id);
    let change: Change = own.change;
    if (change === "unchanged" && subGoals.some((s) => s.change !== "unchanged")) change = "changed";
    return { ...own, change, subGoals };
  });
}
