import { z } from "zod";
import { Id, Version } from "./common.ts";
import { IsoDate, OptText } from "./fields.ts";

// Checklists per activity type, follow-ups at the workplace, and the coach's work list.

// ---------- checklist templates (per project and activity type; managers edit) ----------

const StepLabel = z.string({ error: "Skriv vad steget gäller" }).trim().min(1, { error: "Skriv vad steget gäller" }).max(300, { error: "Högst 300 tecken" });

export const TemplateItem = z.object({ id: z.uuid(), label: z.string(), position: z.number().int(), retired: z.boolean() });
export type TemplateItem = z.infer<typeof TemplateItem>;

export const ChecklistTemplate = z.object({
  typeCode: z.string(),
  typeLabel: z.string(),
  /** The type's national category (praktik, anstallning …). */
  category: z.string().nullable(),
  /** 0 until a manager first changes the template (or while the type has none). */
  version: z.number().int(),
  items: z.array(TemplateItem),
});
export type ChecklistTemplate = z.infer<typeof ChecklistTemplate>;
export const ChecklistTemplateList = z.object({ templates: z.array(ChecklistTemplate) });

export const TypeParams = z.object({ id: Id, type: z.string().trim().min(1).max(120) });

/** The template's version: 0 before its first change. */
const TemplateVersion = z.number({ error: "Version saknas" }).int().min(0);

export const AddTemplateItemInput = z.object({ version: TemplateVersion, label: StepLabel });
export type AddTemplateItemInput = z.input<typeof AddTemplateItemInput>;

export const UpdateTemplateItemInput = z
  .object({ version: TemplateVersion, label: StepLabel.optional(), retired: z.boolean({ error: "Ange ja eller nej" }).optional() })
  .refine((v) => v.label !== undefined || v.retired !== undefined, { error: "Ange ett nytt namn eller om steget ska tas ur bruk", path: ["label"] });
export type UpdateTemplateItemInput = z.input<typeof UpdateTemplateItemInput>;

export const ReorderTemplateInput = z.object({
  version: TemplateVersion,
  itemIds: z.array(z.uuid({ error: "Ogiltigt steg" }), { error: "Ange stegen i den nya ordningen" }).min(1, { error: "Ange stegen i den nya ordningen" }),
});
export type ReorderTemplateInput = z.input<typeof ReorderTemplateInput>;

// ---------- an activity's checklist ----------

export const ChecklistItem = z.object({
  id: z.uuid(),
  activityId: z.uuid(),
  label: z.string(),
  position: z.number().int(),
  doneOn: z.string().nullable(),
  doneBy: z.uuid().nullable(),
  doneByName: z.string().nullable(),
  /** Set aside as not applying to this placement; doneOn and doneBy say when and by whom. */
  notApplicable: z.boolean(),
  version: z.number().int(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const Checklist = z.object({ activityId: z.uuid(), items: z.array(ChecklistItem) });
export type Checklist = z.infer<typeof Checklist>;
export const ChecklistList = z.object({ checklists: z.array(Checklist) });

export const TickInput = z.object({
  version: Version,
  done: z.boolean({ error: "Ange om steget är gjort" }),
  /** The day it was done; today when left out. */
  doneOn: IsoDate.optional(),
  /** With done: the step does not apply to this placement (e.g. no police-record extract outside work with children). */
  notApplicable: z.boolean({ error: "Ange ja eller nej" }).optional(),
});
export type TickInput = z.input<typeof TickInput>;

// ---------- follow-ups at the workplace ----------

export const FollowUpRule = z.object({
  anchor: z.enum(["start", "end"], { error: "Välj från start eller vid slut" }),
  unit: z.enum(["days", "months"], { error: "Välj dagar eller månader" }),
  amount: z.number({ error: "Ange ett antal" }).int({ error: "Ange ett heltal" }).min(0, { error: "Kan inte vara negativt" }).max(36, { error: "Högst 36" }),
});
export type FollowUpRule = z.infer<typeof FollowUpRule>;

export const DEFAULT_FOLLOW_UP_RULES: FollowUpRule[] = [
  { anchor: "start", unit: "days", amount: 3 },
  { anchor: "start", unit: "months", amount: 1 },
  { anchor: "end", unit: "days", amount: 0 },
];

/** The support (wage subsidy, Supported Education) lasts at most this long unless the project says otherwise. */
export const DEFAULT_SUPPORT_MAX_MONTHS = 9;
/** The municipality's top-up share of the wage cost that a new external employment starts with, unless the project says otherwise. */
export const DEFAULT_TOP_UP_PERCENT = 20;

/** The project's placement settings: the follow-up schedule, the longest support and the default top-up share. */
export const FollowUpSettings = z.object({
  rules: z.array(FollowUpRule),
  supportMaxMonths: z.number().int(),
  topUpPercent: z.number(),
  /** 0 while the project uses the defaults. */
  version: z.number().int(),
});
export type FollowUpSettings = z.infer<typeof FollowUpSettings>;

/** Settings left out stay as they are. */
export const UpdateFollowUpSettingsInput = z.object({
  version: z.number({ error: "Version saknas" }).int().min(0),
  rules: z
    .array(FollowUpRule, { error: "Ange uppföljningarna" })
    .min(1, { error: "Ange minst en uppföljning" })
    .max(8, { error: "Högst åtta uppföljningar" })
    .refine((rs) => new Set(rs.map((r) => `${r.anchor}:${r.unit}:${r.amount}`)).size === rs.length, { error: "Samma uppföljning finns två gånger" })
    .optional(),
  supportMaxMonths: z
    .number({ error: "Ange antal månader" })
    .int({ error: "Ange ett helt antal månader" })
    .min(1, { error: "Minst 1 månad" })
    .max(36, { error: "Högst 36 månader" })
    .optional(),
  topUpPercent: z.number({ error: "Ange andelen i procent" }).min(0, { error: "Kan inte vara negativt" }).max(100, { error: "Högst 100 %" }).optional(),
});
export type UpdateFollowUpSettingsInput = z.input<typeof UpdateFollowUpSettingsInput>;

export const FollowUpHow = z.enum(["visit", "phone"], { error: "Välj besök eller telefon" });
export type FollowUpHow = z.infer<typeof FollowUpHow>;

export const FollowUp = z.object({
  id: z.uuid(),
  activityId: z.uuid(),
  rule: FollowUpRule,
  dueDate: z.string().nullable(),
  doneOn: z.string().nullable(),
  how: FollowUpHow.nullable(),
  notes: z.string().nullable(),
  doneBy: z.uuid().nullable(),
  doneByName: z.string().nullable(),
  /** Not done and due before today. */
  overdue: z.boolean(),
  version: z.number().int(),
});
export type FollowUp = z.infer<typeof FollowUp>;
export const FollowUpList = z.object({ followUps: z.array(FollowUp) });

export const RecordFollowUpInput = z.object({
  version: Version,
  doneOn: IsoDate,
  how: FollowUpHow,
  notes: OptText(4000),
});
export type RecordFollowUpInput = z.input<typeof RecordFollowUpInput>;

// ---------- the coach's work list ----------

export const WorkListQuery = z.object({
  /** mine: the participants the user coaches (or whose activities they are responsible for); project: everyone's. */
  scope: z.enum(["mine", "project"], { error: "Välj mina eller hela projektets" }).default("mine"),
});

const Who = z.object({ enrolmentId: z.uuid(), personName: z.string() });

export const WorkList = z.object({
  /** Follow-ups are listed from this many days ahead. */
  horizonDays: z.number().int(),
  tasks: z.array(Who.extend({ id: z.uuid(), kind: z.enum(["new_planning"]), reason: z.string(), createdAt: z.string() })),
  checklists: z.array(
    Who.extend({
      activityId: z.uuid(),
      typeLabel: z.string(),
      startDate: z.string(),
      openItems: z.array(z.object({ id: z.uuid(), label: z.string() })),
      totalItems: z.number().int(),
    }),
  ),
  followUps: z.array(
    Who.extend({
      id: z.uuid(),
      activityId: z.uuid(),
      typeLabel: z.string(),
      rule: FollowUpRule,
      dueDate: z.string(),
      overdue: z.boolean(),
    }),
  ),
  /** Follow-ups after a final exit that are due within the horizon or overdue (up to half a year). */
  exitFollowUps: z.array(
    Who.extend({
      exitDate: z.string(),
      months: z.number().int(),
      dueDate: z.string(),
      overdue: z.boolean(),
    }),
  ),
});
export type WorkList = z.infer<typeof WorkList>;
