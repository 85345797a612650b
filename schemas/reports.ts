import { z } from "zod";

export const ReportTable = z.object({
  id: z.string(),
  title: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.object({ label: z.string(), values: z.array(z.union([z.number(), z.string()])) })),
});
export type ReportTable = z.infer<typeof ReportTable>;

export const AnnualReport = z.object({
  report: z.literal("annual"),
  project: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  filters: z.object({ intake: z.string().nullable(), team: z.string().nullable() }),
  /** True when counts 1–4 are shown as "<5" (statistician role, or marked for publication). */
  suppressed: z.boolean(),
  summary: z.object({
    uniqueParticipants: z.union([z.number(), z.string()]),
    enrolments: z.union([z.number(), z.string()]),
    exited: z.union([z.number(), z.string()]),
    /** Persons with at least one employment, internship or studies during the period (the Totalt row of results_during). */
    hadEmployment: z.union([z.number(), z.string()]),
    hadInternship: z.union([z.number(), z.string()]),
    hadStudies: z.union([z.number(), z.string()]),
    /** Percent of the unique participants; null in a suppressed report when the gender's count is hidden. */
    genderShares: z.array(z.object({ gender: z.string(), percent: z.number().nullable() })),
  }),
  tables: z.array(ReportTable),
  notes: z.array(z.string()),
});
export type AnnualReport = z.infer<typeof AnnualReport>;

const IsoDate = z.iso.date({ error: "Ange datum som ÅÅÅÅ-MM-DD" });

export const AnnualReportQuery = z
  .object({
    from: IsoDate,
    to: IsoDate,
    intake: z.uuid({ error: "Ogiltigt intag" }).optional(),
    team: z.uuid({ error: "Ogiltigt team" }).optional(),
    format: z.enum(["json", "csv", "xlsx", "pdf", "docx"], { error: "Välj format json, csv, xlsx, pdf eller docx" }).default("json"),
    publish: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
  })
  .refine((q) => q.from <= q.to, {
    error: "Periodens slut kan inte vara före dess början",
    path: ["to"],
    // Only compare two valid dates: a bad "from" must not also be reported as a bad "to".
    when: (p) => !p.issues.some((i) => i.path?.[0] === "from" || i.path?.[0] === "to"),
  });
export type AnnualReportQuery = z.infer<typeof AnnualReportQuery>;

/** A period with the usual checks, for the other reports. */
const periodQuery = <F extends readonly [string, ...string[]]>(formats: F) =>
  z
    .object({
      from: IsoDate,
      to: IsoDate,
      format: z.enum(formats, { error: `Välj format ${formats.join(", ")}` }).default(formats[0]),
      publish: z
        .enum(["true", "false"])
        .transform((v) => v === "true")
        .optional(),
    })
    .refine((q) => q.from <= q.to, {
      error: "Periodens slut kan inte vara före dess början",
      path: ["to"],
      when: (p) => !p.issues.some((i) => i.path?.[0] === "from" || i.path?.[0] === "to"),
    });

// ── Settings ──
export const ReportSettings = z.object({
  /** Counts from 1 to this number are hidden in suppressed reports (shown as "<threshold+1"). */
  threshold: z.number().int(),
  /** Months after a final exit at which participants are followed up. */
  followUpMonths: z.array(z.number().int()),
  version: z.number().int(),
});
export type ReportSettings = z.infer<typeof ReportSettings>;
export const UpdateReportSettingsInput = z.object({
  version: z.number({ error: "Version saknas" }).int().min(1),
  threshold: z
    .number({ error: "Ange gränsen som ett heltal" })
    .int({ error: "Ange gränsen som ett heltal" })
    .min(1, { error: "Gränsen måste vara minst 1" })
    .max(20, { error: "Gränsen får vara högst 20" }),
  followUpMonths: z
    .array(z.number().int({ error: "Ange månader som heltal" }).min(1, { error: "Minst 1 månad" }).max(120, { error: "Högst 120 månader" }), {
      error: "Ange uppföljningstidpunkter i månader",
    })
    .min(1, { error: "Ange minst en uppföljningstidpunkt" })
    .max(6, { error: "Högst sex uppföljningstidpunkter" })
    .refine((xs) => new Set(xs).size === xs.length, { error: "Samma tidpunkt finns två gånger" }),
});
export type UpdateReportSettingsInput = z.infer<typeof UpdateReportSettingsInput>;

// ── Narrative sections of the annual report ──
export const ReportSection = z.enum(
  ["summary", "target_group", "statistics_analysis", "economy", "economy_analysis", "activities", "activities_analysis", "collaboration", "swot"],
  { error: "Okänt avsnitt" },
);
export type ReportSection = z.infer<typeof ReportSection>;
export const ReportTexts = z.object({
  year: z.number().int(),
  sections: z.array(
    z.object({
      section: ReportSection,
      body: z.string(),
      /** 0 until the section has been written. */
      version: z.number().int(),
      updatedAt: z.string().nullable(),
    }),
  ),
});
export type ReportTexts = z.infer<typeof ReportTexts>;
export const YearParams = z.object({
  id: z.uuid({ error: "Ogiltigt id" }),
  year: z.coerce
    .number({ error: "Ange ett år" })
    .int({ error: "Ange ett år" })
    .min(2000, { error: "Ange ett år från 2000" })
    .max(2100, { error: "Ange ett år till och med 2100" }),
});
export const SectionParams = YearParams.extend({ section: ReportSection });
export const UpdateReportTextInput = z.object({
  /** The version the text was based on; 0 when writing a section for the first time. */
  version: z.number({ error: "Version saknas" }).int().min(0),
  body: z.string({ error: "Skriv en text" }).max(50_000, { error: "Högst 50 000 tecken" }),
});
export const ReportText = ReportTexts.shape.sections.element;
export type ReportText = z.infer<typeof ReportText>;

// ── DIS / SUS ──
export const DisSusQuery = periodQuery(["json", "csv", "xlsx"] as const);
/** The forms of a period may also be printed: every form a page of one PDF. */
export const DisSusFormsQuery = periodQuery(["json", "csv", "xlsx", "pdf"] as const);
/** One person's form, printed from the participant's record. */
export const DisSusFormQuery = z.object({
  kind: z.enum(["start", "exit"], { error: "Välj blankett: start eller exit" }),
});
export type DisSusFormQuery = z.infer<typeof DisSusFormQuery>;
export const IncomeGroup = z.enum(["AF", "FK", "Kom", "Egen", "Ingen"]);
export const DisSusForm = z.object({
  enrolmentId: z.uuid(),
  kind: z.enum(["start", "exit"]),
  date: z.string(),
  coach: z.string().nullable(),
  name: z.string(),
  /** Null with protected identity (see protectedIdentity) or when none is recorded. */
  personnummer: z.string().nullable(),
  residence: z.string().nullable(),
  /** Protected identity: personnummer and residence are never given out, printed as "Skyddad identitet". */
  protectedIdentity: z.boolean(),
  /** Share in percent per income group (sum of the shares of the group's income sources, at most 100). */
  income: z.record(IncomeGroup, z.number()),
  /** At exit: the status by the national exit categories. */
  status: z.string().nullable(),
});
export type DisSusForm = z.infer<typeof DisSusForm>;
export const DisSusForms = z.object({
  report: z.literal("dis_sus_forms"),
  project: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  forms: z.array(DisSusForm),
  /** Enrolments with a start or exit in the period but no consent to SUS registration: not exported. */
  missingConsent: z.array(z.object({ enrolmentId: z.uuid(), name: z.string(), kind: z.enum(["start", "exit"]), date: z.string() })),
});
export type DisSusForms = z.infer<typeof DisSusForms>;
export const DisSusSummary = z.object({
  report: z.literal("dis_sus"),
  project: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  suppressed: z.boolean(),
  tables: z.array(ReportTable),
  notes: z.array(z.string()),
});
export type DisSusSummary = z.infer<typeof DisSusSummary>;

// ── ESF participant data ──
export const EsfQuery = periodQuery(["json", "csv", "xlsx"] as const);
export const EsfRow = z.object({
  enrolmentId: z.uuid(),
  name: z.string(),
  personnummer: z.string().nullable(),
  gender: z.string(),
  ageAtStart: z.number().int(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  educationLevel: z.string(),
  statusAtEntry: z.string(),
  exitInEducation: z.boolean().nullable(),
  exitQualification: z.boolean().nullable(),
  exitEmployed: z.boolean().nullable(),
  exitSeekingWork: z.boolean().nullable(),
});
export type EsfRow = z.infer<typeof EsfRow>;
export const EsfReport = z.object({
  report: z.literal("esf"),
  project: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  rows: z.array(EsfRow),
  missingConsent: z.array(z.object({ enrolmentId: z.uuid(), name: z.string() })),
});
export type EsfReport = z.infer<typeof EsfReport>;

// ── Effect goals and economy ──
export const GoalMeasure = z.enum(["participants", "share_work_studies_internship", "share_work_after_exit", "share_studies_after_exit", "share_satisfied"], {
  error: "Okänt mål",
});
export type GoalMeasure = z.infer<typeof GoalMeasure>;
export const Goal = z.object({
  measure: GoalMeasure,
  label: z.string(),
  unit: z.enum(["persons", "percent"]),
  target: z.number().nullable(),
  /** Counted from the record, or entered by hand for measures the record cannot count. */
  actual: z.union([z.number(), z.string()]).nullable(),
  manualActual: z.number().nullable(),
  /** How the actual was worked out. */
  basis: z.string(),
  version: z.number().int(),
});
export type Goal = z.infer<typeof Goal>;
export const GoalsReport = z.object({
  report: z.literal("goals"),
  project: z.string(),
  year: z.number().int(),
  period: z.object({ from: z.string(), to: z.string() }),
  suppressed: z.boolean(),
  goals: z.array(Goal),
});
export type GoalsReport = z.infer<typeof GoalsReport>;
export const YearQuery = z.object({
  year: z.coerce
    .number({ error: "Ange ett år" })
    .int({ error: "Ange ett år" })
    .min(2000, { error: "Ange ett år från 2000" })
    .max(2100, { error: "Ange ett år till och med 2100" }),
  format: z.enum(["json", "csv", "xlsx"], { error: "Välj format json, csv eller xlsx" }).default("json"),
  publish: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});
export const GoalParams = YearParams.extend({ measure: GoalMeasure });
const Amount = z
  .number({ error: "Ange ett belopp i kronor" })
  .int({ error: "Ange hela kronor" })
  .min(0, { error: "Beloppet kan inte vara negativt" })
  .max(2_000_000_000, { error: "Beloppet är för stort" });
export const UpdateGoalInput = z.object({
  version: z.number({ error: "Version saknas" }).int().min(0),
  target: z.number({ error: "Ange ett mål" }).min(0, { error: "Målet kan inte vara negativt" }).max(100_000, { error: "Målet är för stort" }),
  manualActual: z
    .number({ error: "Ange ett tal" })
    .min(0, { error: "Talet kan inte vara negativt" })
    .max(100_000, { error: "Talet är för stort" })
    .nullable()
    .default(null),
});
export const CostType = z.enum(["staff", "premises", "competence", "other"], { error: "Okänt kostnadsslag" });
export type CostType = z.infer<typeof CostType>;
export const EconomyLine = z.object({ costType: CostType, label: z.string(), budget: z.number().int(), outcome: z.number().int(), version: z.number().int() });
export type EconomyLine = z.infer<typeof EconomyLine>;
export const EconomyYear = z.object({ year: z.number().int(), lines: z.array(EconomyLine) });
export type EconomyYear = z.infer<typeof EconomyYear>;
export const EconomyParams = YearParams.extend({ costType: CostType });
export const UpdateEconomyInput = z.object({ version: z.number({ error: "Version saknas" }).int().min(0), budget: Amount, outcome: Amount });
export const EconomyQuery = z
  .object({
    fromYear: z.coerce
      .number({ error: "Ange ett år" })
      .int({ error: "Ange ett år" })
      .min(2000, { error: "Ange ett år från 2000" })
      .max(2100, { error: "Ange ett år till och med 2100" }),
    toYear: z.coerce
      .number({ error: "Ange ett år" })
      .int({ error: "Ange ett år" })
      .min(2000, { error: "Ange ett år från 2000" })
      .max(2100, { error: "Ange ett år till och med 2100" }),
    format: z.enum(["json", "csv", "xlsx"], { error: "Välj format json, csv eller xlsx" }).default("json"),
  })
  .refine((q) => q.fromYear <= q.toYear, {
    error: "Slutåret kan inte vara före startåret",
    path: ["toYear"],
    when: (p) => !p.issues.some((i) => i.path?.[0] === "fromYear" || i.path?.[0] === "toYear"),
  });
export const EconomyReport = z.object({
  report: z.literal("economy"),
  project: z.string(),
  years: z.object({ from: z.number().int(), to: z.number().int() }),
  tables: z.array(ReportTable),
  notes: z.array(z.string()),
});
export type EconomyReport = z.infer<typeof EconomyReport>;

// ── Follow-up after exit ──
export const FollowUpQuery = periodQuery(["json", "csv", "xlsx"] as const);
export const FollowUpDue = z.object({
  enrolmentId: z.uuid(),
  name: z.string(),
  exitDate: z.string(),
  months: z.number().int(),
  dueDate: z.string(),
  /** done: recorded; overdue: due before today and not recorded; due: not yet due. */
  state: z.enum(["done", "overdue", "due"]),
  doneOn: z.string().nullable(),
  reached: z.boolean().nullable(),
  status: z.string().nullable(),
});
export type FollowUpDue = z.infer<typeof FollowUpDue>;
export const FollowUpList = z.object({
  report: z.literal("follow_up_list"),
  project: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  months: z.array(z.number().int()),
  items: z.array(FollowUpDue),
});
export type FollowUpList = z.infer<typeof FollowUpList>;
export const FollowUpResults = z.object({
  report: z.literal("follow_up"),
  project: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  suppressed: z.boolean(),
  /** Persons reached as a share of all follow-ups due in the period, in percent; null when none were due. */
  responseRate: z.union([z.number(), z.string()]).nullable(),
  tables: z.array(ReportTable),
  notes: z.array(z.string()),
});
export type FollowUpResults = z.infer<typeof FollowUpResults>;
export const CreateFollowUpInput = z
  .object({
    months: z
      .number({ error: "Ange tidpunkten i månader" })
      .int({ error: "Ange tidpunkten i månader" })
      .min(1, { error: "Minst 1 månad" })
      .max(120, { error: "Högst 120 månader" }),
    doneOn: IsoDate,
    reached: z.boolean({ error: "Ange om personen nåddes" }),
    statusCode: z.string().trim().min(1, { error: "Välj status" }).max(40).nullable().default(null),
    note: z.string().trim().max(2000, { error: "Högst 2 000 tecken" }).nullable().default(null),
  })
  .refine((x) => x.reached || x.statusCode === null, { error: "Status anges bara när personen nåddes", path: ["statusCode"] })
  .refine((x) => !x.reached || x.statusCode !== null, { error: "Välj status vid uppföljningen", path: ["statusCode"] });
export type CreateFollowUpInput = z.input<typeof CreateFollowUpInput>;
export const FollowUp = z.object({
  id: z.uuid(),
  enrolmentId: z.uuid(),
  months: z.number().int(),
  doneOn: z.string(),
  reached: z.boolean(),
  statusCode: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type FollowUp = z.infer<typeof FollowUp>;
/** One follow-up point of an enrolment, with its recorded follow-up if any. */
export const ExitFollowUpPoint = z.object({
  months: z.number().int(),
  dueDate: z.string(),
  state: FollowUpDue.shape.state,
  followUp: FollowUp.nullable(),
});
export type ExitFollowUpPoint = z.infer<typeof ExitFollowUpPoint>;
/**
 * The follow-up points of one enrolment, for the participant's record. Points are due only when
 * the enrolment is the one followed up (`followed`: the person's latest in the project, with a
 * final exit, counted in statistics); a follow-up recorded earlier is shown whatever came after.
 */
export const EnrolmentFollowUps = z.object({
  exitDate: z.string().nullable(),
  followed: z.boolean(),
  points: z.array(ExitFollowUpPoint),
});
export type EnrolmentFollowUps = z.infer<typeof EnrolmentFollowUps>;
