import type { Activity } from "../../../schemas/activities.ts";
import type { Db } from "../../db/client.ts";
import { todayInSweden } from "../participants/dates.ts";
import { instantiateChecklist } from "./checklists.ts";
import { moveFollowUps, scheduleFollowUps } from "./followups.ts";
import { isOver } from "./rules.ts";
import { withPlacements } from "./tables.ts";

// ---------- what follows from an activity's life ----------

/**
 * A new activity gets its type's checklist and, for internships and employments, its
 * follow-ups. An activity recorded afterwards (already ended) gets neither: its steps are past.
 */
export async function afterActivityCreated(db: Db, a: Activity, projectId: string): Promise<{ checklistItems: number; followUps: number }> {
  if (a.status === "ended" || a.status === "interrupted") return { checklistItems: 0, followUps: 0 };
  const checklistItems = await instantiateChecklist(db, a, projectId);
  const followUps = await scheduleFollowUps(db, a, projectId);
  return { checklistItems, followUps };
}

/**
 * The dates or the status changed: open follow-ups move with them. A type changed to one with a
 * checklist or follow-ups gets them, if the activity has none yet and is not over.
 */
export async function afterActivityUpdated(db: Db, before: Activity, after: Activity, projectId: string) {
  const over = isOver(after, todayInSweden());
  let added = { checklistItems: 0, followUps: 0 };
  if (before.type !== after.type && !over) {
    const x = withPlacements(db);
    const [items, followUps] = await Promise.all([
      x.selectFrom("checklist_items").select("id").where("activity_id", "=", after.id).limit(1).execute(),
      x.selectFrom("placement_follow_ups").select("id").where("activity_id", "=", after.id).limit(1).execute(),
    ]);
    added = {
      checklistItems: items.length === 0 ? await instantiateChecklist(db, after, projectId) : 0,
      followUps: followUps.length === 0 ? await scheduleFollowUps(db, after, projectId) : 0,
    };
  }
  if (before.startDate === after.startDate && before.endDate === after.endDate && before.status === after.status) return { moved: 0, dropped: 0, ...added };
  return { ...(await moveFollowUps(db, { ...after, over })), ...added };
}
