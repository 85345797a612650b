import { z } from "zod";

/** The three sheets of the import format, in the order they are read. */
export const SheetName = z.enum(["enrolments", "activities", "extensions"]);
export type SheetName = z.infer<typeof SheetName>;

/** One thing wrong with an upload: where (sheet, row, column), the value and what to do, in Swedish and English. */
export const ImportProblem = z.object({
  /** The sheet, or "file" for a problem with the upload as a whole. */
  sheet: z.union([SheetName, z.literal("file")]),
  /** The workbook sheet or CSV file the row came from, e.g. "enrolments.csv". */
  source: z.string().nullable(),
  /** Spreadsheet row number (the header is row 1); null for the sheet or file as a whole. */
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
  messageEn: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

const NewAndUnchanged = z.object({ new: z.number().int(), unchanged: z.number().int() });

export const ImportCounts = z.object({
  rows: z.object({ enrolments: z.number().int(), activities: z.number().int(), extensions: z.number().int() }),
  persons: z.object({ new: z.number().int(), linked: z.number().int() }),
  enrolments: NewAndUnchanged,
  referrals: z.number().int(),
  intakes: z.object({ new: z.number().int(), names: z.array(z.string()) }),
  activities: NewAndUnchanged,
  extensions: NewAndUnchanged,
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportSampleRow = z.object({
  enrolmentRef: z.string(),
  name: z.string(),
  intake: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  /** new: will be created; unchanged: already in the project. */
  state: z.enum(["new", "unchanged"]),
  /** The person is already registered and is linked, not created again. */
  personLinked: z.boolean(),
});
export type ImportSampleRow = z.infer<typeof ImportSampleRow>;

/** What an import would do (preview) or did (after confirming). */
export const ImportOutcome = z.object({
  ok: z.boolean(),
  /** True when the data was written; a preview or a refused import writes nothing. */
  applied: z.boolean(),
  batchId: z.uuid().nullable(),
  problems: z.array(ImportProblem),
  counts: ImportCounts,
  sample: z.array(ImportSampleRow),
  milliseconds: z.number().int(),
});
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const ExportFormat = z.enum(["xlsx", "zip"], { error: "Välj xlsx eller zip" });
export type ExportFormat = z.infer<typeof ExportFormat>;
export const ExportQuery = z.object({ format: ExportFormat.default("xlsx") });
export const ProjectIdParams = z.object({ projectId: z.uuid({ error: "Ogiltigt projekt-id" }) });
