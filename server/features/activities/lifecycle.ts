import type { Activity } from "../../../schemas/activities.ts";
import type { Db } from "../../db/client.ts";
import { todayInSweden } from "../participants/dates.ts";
import { instantiateChecklist } from "./checklists.ts";
import { moveFollowUps, scheduleFollowUps } from "./followups.ts";
import { isOver } from "./rules.ts";

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

/** The dates or the status changed: open follow-ups move with them. */
export async function afterActivityUpdated(db: Db, before: Activity, after: Activity) {
  if (before.startDate === after.startDate && before.endDate === after.endDate && before.status === after.status) return { moved: 0, dropped: 0 };
  return moveFollowUps(db, { ...after, over: isOver(after, todayInSweden()) });
}
