import type { AnnualReport } from "../../../schemas/reports.ts";
import type { Db } from "../../db/client.ts";
import { annualReportCsv } from "./annual.ts";
import { annualDocx, annualPdf, tableSheet, toXlsx } from "./documents.ts";
import { economyTables } from "./goals-economy.ts";
import { getReportTexts } from "./settings.ts";

/**
 * The annual report in a file format: CSV, XLSX (a sheet per table), or the whole report document
 * (PDF, DOCX) with the narrative sections and economy of the period's last year. Shared by the API
 * and the command line, so both give the same file.
 */
export async function annualReportFile(db: Db, projectId: string, report: AnnualReport, format: "csv" | "xlsx" | "pdf" | "docx"): Promise<string | Buffer> {
  if (format === "csv") return annualReportCsv(report);
  if (format === "xlsx") return toXlsx(report.tables.map(tableSheet), report.notes);
  const year = Number(report.period.to.slice(0, 4));
  const project = await db.selectFrom("projects").select("name").where("id", "=", projectId).executeTakeFirstOrThrow();
  const texts = Object.fromEntries((await getReportTexts(db, projectId, year)).sections.map((s) => [s.section, s.body]));
  const doc = { projectName: project.name, report, texts, year, economy: await economyTables(db, projectId, year, Number(report.period.from.slice(0, 4))) };
  return format === "pdf" ? annualPdf(doc) : annualDocx(doc);
}
