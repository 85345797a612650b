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
    format: z.enum(["json", "csv"], { error: "Välj format json eller csv" }).default("json"),
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
