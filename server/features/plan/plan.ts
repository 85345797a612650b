import { randomUUID } from "node:crypto";
import type { Goal, PlanComparison, PlanOverview, PlanRevision, PlanRevisionMeta, SavePlanInput, SubGoal } from "../../../schemas/plan.ts";
import { SavePlanInput as SaveSchema } from "../../../schemas/plan.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { conflict, invalidInput, notFound } from "../../errors.ts";
import { listTasks } from "../activities/service.ts";
import type { Ctx } from "../participants/persons.ts";
import { compareGoals } from "./diff.ts";
import type { EnrolmentRef } from "./mapping.ts";
import "./tables.ts";

function revisionQuery(db: Db, enrolmentId: string) {
  return db
    .selectFrom("plan_revisions as p")
    .leftJoin("users as u", "u.id", "p.created_by")
    .select(["p.number", "p.created_at", "p.reason", "u.name as created_by_name"])
    .where("p.enrolment_id", "=", enrolmentId);
}

type MetaRow = { number: number; created_at: Date; reason: string | null; created_by_name: string | null };
const presentMeta = (r: MetaRow): PlanRevisionMeta => ({
  number: r.number,
  createdAt: new Date(r.created_at).toISOString(),
  createdByName: r.created_by_name,
  reason: r.reason,
});

export async function listRevisions(db: Db, enrolmentId: string): Promise<PlanRevisionMeta[]> {
  return (await revisionQuery(db, enrolmentId).orderBy("p.number", "desc").execute()).map(presentMeta);
}

/** `find…`: the revision, or nothing. */
export async function findRevision(db: Db, enrolmentId: string, number: number): Promise<PlanRevision | undefined> {
  const r = await revisionQuery(db, enrolmentId).select("p.goals").where("p.number", "=", number).executeTakeFirst();
  return r && { ...presentMeta(r), enrolmentId, goals: r.goals as Goal[] };
}

export async function getRevision(db: Db, enrolmentId: string, number: number): Promise<PlanRevision> {
  const r = await findRevision(db, enrolmentId, number);
  if (!r) throw notFound(`Revision ${number} av planen`);
  return r;
}

export async function openPlanningTasks(db: Db, enrolmentId: string) {
  return (await listTasks(db, enrolmentId)).filter((t) => t.kind === "new_planning" && t.doneAt === null);
}

export async function planOverview(db: Db, enrolmentId: string): Promise<PlanOverview> {
  const [revisions, openTasks] = await Promise.all([listRevisions(db, enrolmentId), openPlanningTasks(db, enrolmentId)]);
  const version = revisions[0]?.number ?? 0;
  return { enrolmentId, version, current: version ? await getRevision(db, enrolmentId, version) : null, revisions, openTasks };
}

/**
 * Ids tie a goal to the same goal in other revisions. An id the client sends is kept only if the
 * current revision has it; anything else is a new item and gets a new id.
 */
function assignIds(goals: SavePlanInput["goals"], previous: Goal[]): Goal[] {
  const known = new Set(previous.flatMap((g) => [g.id, ...g.subGoals.map((s) => s.id)]));
  const seen = new Set<string>();
  const idFor = (given: string | undefined, path: string) => {
    if (given && seen.has(given)) throw invalidInput({ [path]: "Samma mål finns två gånger i planen." });
    if (given) seen.add(given);
    return given && known.has(given) ? given : randomUUID();
  };
  const item = (x: SavePlanInput["goals"][number] | NonNullable<SavePlanInput["goals"][number]["subGoals"]>[number], path: string): SubGoal => ({
    id: idFor(x.id, `${path}.id`),
    title: x.title,
    owner: x.owner,
    ownerName: x.owner === "other" ? (x.ownerName ?? null) : null,
    dueDate: x.dueDate ?? null,
    status: x.status ?? "not_started",
    comment: x.comment ?? null,
  });
  return goals.map((g, i) => ({ ...item(g, `goals.${i}`), subGoals: (g.subGoals ?? []).map((s, j) => item(s, `goals.${i}.subGoals.${j}`)) }));
}

/**
 * Save a new revision of the plan based on revision `version` (0 for the first). Earlier
 * revisions stay as they were. The new-planning tasks named in `closeTaskIds` are marked done.
 */
export async function saveRevision(db: Db, ctx: Ctx, e: EnrolmentRef, raw: SavePlanInput): Promise<PlanRevision> {
  const input = SaveSchema.parse(raw);
  const stale = async () => conflict(await planOverview(db, e.id));
  const revisions = await listRevisions(db, e.id);
  const current = revisions[0]?.number ?? 0;
  if (input.version !== current) throw await stale();
  const previous = current ? (await getRevision(db, e.id, current)).goals : [];
  const goals = assignIds(input.goals, previous);
  const open = new Set((await openPlanningTasks(db, e.id)).map((t) => t.id));
  input.closeTaskIds.forEach((id, i) => {
    if (!open.has(id)) throw invalidInput({ [`closeTaskIds.${i}`]: "Uppgiften hör inte till deltagaren eller är redan klar." });
  });
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const number = current + 1;
  try {
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto("plan_revisions")
        .values({ enrolment_id: e.id, number, goals: JSON.stringify(goals), reason: input.reason, created_by: userId })
        .execute();
      if (input.closeTaskIds.length && userId)
        await tx
          .updateTable("tasks")
          .set({ done_at: new Date(), done_by: userId })
          .where("id", "in", input.closeTaskIds)
          .where("done_at", "is", null)
          .execute();
    });
  } catch (err) {
    if (/unique|duplicate/i.test(String((err as Error).message))) throw await stale();
    throw err;
  }
  const after = await getRevision(db, e.id, number);
  await writeAudit(db, ctx, {
    action: "plan.revise",
    subjectType: "person",
    subjectId: e.person_id,
    projectId: e.project_id,
    details: {
      enrolmentId: e.id,
      revision: number,
      reason: input.reason,
      closedTaskIds: input.closeTaskIds,
      changes: current
        ? compareGoals(previous, goals)
            .filter((d) => d.change !== "unchanged")
            .map((d) => ({ id: d.id, change: d.change }))
        : [],
    },
  });
  return after;
}

export async function comparePlan(db: Db, enrolmentId: string, from: number, to: number): Promise<PlanComparison> {
  const [a, b] = await Promise.all([getRevision(db, enrolmentId, from), getRevision(db, enrolmentId, to)]);
  const { goals: _a, enrolmentId: _ea, ...fromMeta } = a;
  const { goals: _b, enrolmentId: _eb, ...toMeta } = b;
  return { from: fromMeta, to: toMeta, goals: compareGoals(a.goals, b.goals) };
}
