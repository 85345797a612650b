import { z } from "zod";
import { Version } from "./common.ts";
import { EditText, IsoDate, OptText } from "./fields.ts";

// ---------- small building blocks ----------

const Kronor = z.number({ error: "Ange ett belopp i kronor" }).min(0, { error: "Kan inte vara negativt" }).max(1_000_000, { error: "För stort belopp" });

export const ActivityStatus = z.enum(["planned", "ongoing", "ended", "interrupted"], { error: "Välj planerad, pågående, avslutad eller avbruten" });
export type ActivityStatus = z.infer<typeof ActivityStatus>;

export const Extent = z
  .object({
    unit: z.enum(["percent", "hours_per_week"], { error: "Ange omfattning i procent eller timmar per vecka" }),
    value: z.number({ error: "Ange omfattningen som ett tal" }).positive({ error: "Omfattningen ska vara större än 0" }).max(168, { error: "För stort" }),
  })
  .refine((e) => e.unit !== "percent" || e.value <= 100, { error: "Högst 100 %", path: ["value"] })
  .refine((e) => e.unit !== "hours_per_week" || e.value <= 60, { error: "Högst 60 timmar per vecka", path: ["value"] });
export type Extent = z.infer<typeof Extent>;

export const InternshipPurpose = z.enum(["prepare_employment", "assess_work_capacity", "try_trade", "build_routines"], {
  error: "Välj förbereda anställning, pröva arbetsförmåga, prova en bransch eller bygga rutiner",
});
export const EmploymentForm = z.enum(["wage_subsidy", "resource_job", "osa", "nystartsjobb", "instegsjobb", "ordinary", "other"], {
  error: "Välj anställningsform",
});
export type EmploymentForm = z.infer<typeof EmploymentForm>;
export const EmployerKind = z.enum(["internal", "external"], { error: "Välj intern (kommunen) eller extern arbetsgivare" });
export const StudyLevel = z.enum(["basic", "upper_secondary", "vocational", "higher"], { error: "Välj grundläggande, gymnasial, yrkesutbildning eller högre" });

/** The forms of employment that come with a time-limited state support. */
export const SUPPORTED_FORMS: readonly EmploymentForm[] = ["wage_subsidy", "resource_job", "osa", "nystartsjobb", "instegsjobb"];

// ---------- per-kind details ----------
// The kind follows from the activity type's national category: praktik → internship,
// anstallning → employment, studier → studies; other types have none, or validation.

export const DetailsKind = z.enum(["internship", "employment", "studies", "validation", "none"]);
export type DetailsKind = z.infer<typeof DetailsKind>;

export const ActivityDetailsInput = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("internship"),
      workplace: OptText(200),
      supervisorName: OptText(200),
      purpose: InternshipPurpose.nullable().default(null),
      activitySupportDecision: z.boolean({ error: "Ange ja eller nej" }).nullable().default(null),
    }),
    z.object({
      kind: z.literal("employment"),
      form: EmploymentForm,
      employer: EmployerKind,
      monthlyWageCost: Kronor.nullable().default(null),
      monthlyStateSubsidy: Kronor.nullable().default(null),
      /** Left out: the project's default share (see the placement settings). */
      topUpPercent: z.number({ error: "Ange andelen i procent" }).min(0, { error: "Kan inte vara negativt" }).max(100, { error: "Högst 100 %" }).optional(),
    }),
    z.object({
      kind: z.literal("studies"),
      provider: OptText(200),
      level: StudyLevel.nullable().default(null),
      supportedEducation: z.boolean({ error: "Ange ja eller nej" }).default(false),
    }),
    z.object({
      kind: z.literal("validation"),
      field: z
        .string({ error: "Ange område, t.ex. restaurang eller äldreomsorg" })
        .trim()
        .min(1, { error: "Ange område, t.ex. restaurang eller äldreomsorg" })
        .max(120),
      result: OptText(1000),
    }),
    z.object({ kind: z.literal("none") }),
  ],
  { error: "Ange uppgifter för insatsens typ (kind)" },
);
export type ActivityDetailsInput = z.input<typeof ActivityDetailsInput>;
export type ActivityDetailsStored = z.output<typeof ActivityDetailsInput>;

/** As stored, plus the computed top-up for employment. */
export const ActivityDetails = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("internship"),
    workplace: z.string().nullable(),
    supervisorName: z.string().nullable(),
    purpose: InternshipPurpose.nullable(),
    activitySupportDecision: z.boolean().nullable(),
  }),
  z.object({
    kind: z.literal("employment"),
    form: EmploymentForm,
    employer: EmployerKind,
    monthlyWageCost: z.number().nullable(),
    monthlyStateSubsidy: z.number().nullable(),
    topUpPercent: z.number(),
    /** Kronor per month the municipality adds; null for an internal employment or without a wage cost. */
    municipalTopUp: z.number().nullable(),
  }),
  z.object({ kind: z.literal("studies"), provider: z.string().nullable(), level: StudyLevel.nullable(), supportedEducation: z.boolean() }),
  z.object({ kind: z.literal("validation"), field: z.string(), result: z.string().nullable() }),
  z.object({ kind: z.literal("none") }),
]);
export type ActivityDetails = z.infer<typeof ActivityDetails>;

// ---------- activities ----------

/** A trade tag as the employer network stores them: trimmed, single spaces, lower case; empty is none. */
const Trade = z
  .string({ error: "Ange branschen som text" })
  .max(60, { error: "Högst 60 tecken" })
  .transform((v) => v.trim().replace(/\s+/g, " ").toLocaleLowerCase("sv") || null);

export const CreateActivityInput = z.object({
  type: z.string({ error: "Välj typ av insats" }).trim().min(1, { error: "Välj typ av insats" }).max(120),
  startDate: IsoDate,
  endDate: IsoDate.nullable().default(null),
  extent: Extent.nullable().default(null),
  purpose: OptText(1000),
  status: ActivityStatus.default("planned"),
  interruptedReason: OptText(1000),
  coachId: z.uuid({ error: "Ogiltig coach" }).nullable().default(null),
  notes: OptText(4000),
  /** The place in the employer network: the employer, and one of its workplaces and supervisors. */
  employerId: z.uuid({ error: "Ogiltig arbetsgivare" }).nullable().default(null),
  workplaceId: z.uuid({ error: "Ogiltig arbetsplats" }).nullable().default(null),
  supervisorId: z.uuid({ error: "Ogiltig handledare" }).nullable().default(null),
  /** The trade of the placement, one of the employer's trades; it counts the employer's successes per trade. */
  trade: Trade.nullable().default(null),
  /** Left out: the empty details of the type's kind (employment has required fields, so it must be given). */
  details: ActivityDetailsInput.optional(),
});
export type CreateActivityInput = z.input<typeof CreateActivityInput>;

export const UpdateActivityInput = z.object({
  version: Version,
  type: z.string().trim().min(1, { error: "Välj typ av insats" }).max(120).optional(),
  startDate: IsoDate.optional(),
  endDate: IsoDate.nullable().optional(),
  extent: Extent.nullable().optional(),
  purpose: EditText(1000),
  status: ActivityStatus.optional(),
  interruptedReason: EditText(1000),
  coachId: z.uuid({ error: "Ogiltig coach" }).nullable().optional(),
  notes: EditText(4000),
  employerId: z.uuid({ error: "Ogiltig arbetsgivare" }).nullable().optional(),
  workplaceId: z.uuid({ error: "Ogiltig arbetsplats" }).nullable().optional(),
  supervisorId: z.uuid({ error: "Ogiltig handledare" }).nullable().optional(),
  trade: Trade.nullable().optional(),
  /** Replaces the details as a whole. */
  details: ActivityDetailsInput.optional(),
});
export type UpdateActivityInput = z.input<typeof UpdateActivityInput>;

export const Activity = z.object({
  id: z.uuid(),
  enrolmentId: z.uuid(),
  type: z.string(),
  typeLabel: z.string(),
  /** The national category of the type: praktik, anstallning, studier, friskvard or ovrigt. */
  category: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  extent: z.object({ unit: z.enum(["percent", "hours_per_week"]), value: z.number() }).nullable(),
  purpose: z.string().nullable(),
  status: ActivityStatus,
  interruptedReason: z.string().nullable(),
  coachId: z.uuid().nullable(),
  coachName: z.string().nullable(),
  notes: z.string().nullable(),
  employerId: z.uuid().nullable(),
  workplaceId: z.uuid().nullable(),
  supervisorId: z.uuid().nullable(),
  trade: z.string().nullable(),
  details: ActivityDetails,
  /** Plain-language warnings, e.g. support that has passed its maximum length. */
  warnings: z.array(z.string()),
  version: z.number().int(),
});
export type Activity = z.infer<typeof Activity>;
export const ActivityList = z.object({ activities: z.array(Activity) });

// ---------- tasks ----------

export const Task = z.object({
  id: z.uuid(),
  enrolmentId: z.uuid(),
  kind: z.enum(["new_planning"]),
  activityId: z.uuid().nullable(),
  reason: z.string(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  doneBy: z.uuid().nullable(),
});
export type Task = z.infer<typeof Task>;
export const TaskList = z.object({ tasks: z.array(Task) });
