import { z } from "zod";
import { Task } from "./activities.ts";
import { IsoDate, OptText } from "./fields.ts";

export const GoalStatus = z.enum(["not_started", "ongoing", "reached", "dropped"], { error: "Välj ej påbörjat, pågår, uppnått eller avbrutet" });
export type GoalStatus = z.infer<typeof GoalStatus>;

export const OwnerKind = z.enum(["participant", "coach", "other"], { error: "Välj deltagaren, coachen eller annan part" });
export type OwnerKind = z.infer<typeof OwnerKind>;

const Title = z.string({ error: "Skriv vad målet är" }).trim().min(1, { error: "Skriv vad målet är" }).max(300, { error: "Högst 300 tecken" });

/** Fields shared by goals and sub-goals. `id` is kept across revisions so they can be compared; a new item has none. */
const itemFields = {
  id: z.uuid({ error: "Ogiltigt id" }).optional(),
  title: Title,
  owner: OwnerKind,
  ownerName: OptText(200),
  dueDate: IsoDate.nullable().default(null),
  status: GoalStatus.default("not_started"),
  comment: OptText(2000),
};
const otherNeedsName = (g: { owner: OwnerKind; ownerName: string | null }) => g.owner !== "other" || Boolean(g.ownerName);
const nameError = { error: "Ange vilken part som är ansvarig", path: ["ownerName"] };

export const SubGoalInput = z.object(itemFields).refine(otherNeedsName, nameError);
export const GoalInput = z
  .object({ ...itemFields, subGoals: z.array(SubGoalInput).max(30, { error: "Högst 30 delmål per mål" }).default([]) })
  .refine(otherNeedsName, nameError);
export type GoalInput = z.input<typeof GoalInput>;

export const SubGoal = z.object({
  id: z.uuid(),
  title: z.string(),
  owner: OwnerKind,
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: GoalStatus,
  comment: z.string().nullable(),
});
export type SubGoal = z.infer<typeof SubGoal>;
export const Goal = SubGoal.extend({ subGoals: z.array(SubGoal) });
export type Goal = z.infer<typeof Goal>;

export const PlanRevisionMeta = z.object({
  number: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  reason: z.string().nullable(),
});
export type PlanRevisionMeta = z.infer<typeof PlanRevisionMeta>;

export const PlanRevision = PlanRevisionMeta.extend({ enrolmentId: z.uuid(), goals: z.array(Goal) });
export type PlanRevision = z.infer<typeof PlanRevision>;

export const PlanOverview = z.object({
  enrolmentId: z.uuid(),
  /** The current (highest) revision number, which an edit must be based on; 0 while there is none. */
  version: z.number().int(),
  current: PlanRevision.nullable(),
  revisions: z.array(PlanRevisionMeta),
  /** Open new-planning tasks: a prompt to revise the plan. */
  openTasks: z.array(Task),
});
export type PlanOverview = z.infer<typeof PlanOverview>;

export const SavePlanInput = z.object({
  version: z.number({ error: "Version saknas" }).int().min(0, { error: "Version saknas" }),
  goals: z.array(GoalInput).max(30, { error: "Högst 30 mål" }),
  reason: OptText(500),
  /** Open new-planning tasks of the enrolment that this revision answers; they are marked done. */
  closeTaskIds: z
    .array(z.uuid({ error: "Ogiltigt id" }))
    .max(50)
    .default([]),
});
export type SavePlanInput = z.input<typeof SavePlanInput>;

export const RevisionParams = z.object({
  id: z.uuid({ error: "Ogiltigt id" }),
  number: z.coerce
    .number({ error: "Ange revisionen som ett heltal" })
    .int({ error: "Ange revisionen som ett heltal" })
    .min(1, { error: "Revisionerna börjar på 1" }),
});

const RevisionNumber = z.coerce
  .number({ error: "Ange revisionen som ett heltal" })
  .int({ error: "Ange revisionen som ett heltal" })
  .min(1, { error: "Revisionerna börjar på 1" });
export const CompareQuery = z.object({ from: RevisionNumber, to: RevisionNumber });
export const PdfQuery = z.object({ revision: RevisionNumber.optional() });

export const Change = z.enum(["added", "removed", "changed", "unchanged"]);
export type Change = z.infer<typeof Change>;
export const ItemField = z.enum(["title", "owner", "ownerName", "dueDate", "status", "comment"]);
export type ItemField = z.infer<typeof ItemField>;

export const SubGoalDiff = z.object({
  id: z.uuid(),
  change: Change,
  fields: z.array(ItemField),
  before: SubGoal.nullable(),
  after: SubGoal.nullable(),
});
export type SubGoalDiff = z.infer<typeof SubGoalDiff>;
export const GoalDiff = SubGoalDiff.extend({ before: SubGoal.nullable(), after: SubGoal.nullable(), subGoals: z.array(SubGoalDiff) });
export type GoalDiff = z.infer<typeof GoalDiff>;

export const PlanComparison = z.object({
  from: PlanRevisionMeta,
  to: PlanRevisionMeta,
  goals: z.array(GoalDiff),
});
export type PlanComparison = z.infer<typeof PlanComparison>;
