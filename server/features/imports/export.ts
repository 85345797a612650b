import JSZip from "jszip";
import type { ExportFormat, SheetName } from "../../../schemas/imports.ts";
import { loadExcelJs } from "../../documents/libraries.ts";
import { columns } from "./columns.ts";
import type { ProjectRecords } from "./load.ts";
import { type ActivityRecord, activityCells, type EnrolmentRecord, type ExtensionRecord, enrolmentCells, extensionCells } from "./records.ts";

/** The three sheets as tables of text, header first, in the column order of the format. */
export function exportTables(records: {
  enrolments: EnrolmentRecord[];
  activities: ActivityRecord[];
  extensions: ExtensionRecord[];
}): Record<SheetName, string[][]> {
  const table = (sheet: SheetName, rows: Record<string, string>[]) => {
    const keys = columns[sheet].map((c) => c.key);
    return [keys, ...rows.map((r) => keys.map((k) => r[k] ?? ""))];
  };
  return {
    enrolments: table("enrolments", records.enrolments.map(enrolmentCells)),
    activities: table("activities", records.activities.map(activityCells)),
    extensions: table("extensions", records.extensions.map(extensionCells)),
  };
}

/** Semicolon-separated, quoted where needed; the byte-order mark lets Excel see UTF-8. */
export function toCsv(table: string[][]): string {
  const quote = (v: string) => (/[;"\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `\uFEFF${table.map((r) => r.map(quote).join(";")).join("\r\n")}\r\n`;
}

export async function toXlsx(tables: Record<SheetName, string[][]>): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  wb.creator = "Stegvis";
  for (const [sheet, table] of Object.entries(tables)) {
    const ws = wb.addWorksheet(sheet);
    // Every cell is text, so ids like 0012 and dates keep the exact form the import reads.
    for (const row of table) ws.addRow(row);
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: 1 }];
    ws.columns.forEach((col, i) => {
      col.width = Math.min(40, Math.max(10, ...table.map((r) => (r[i] ?? "").length + 2)));
      col.numFmt = "@";
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function toCsvZip(tables: Record<SheetName, string[][]>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [sheet, table] of Object.entries(tables)) zip.file(`${sheet}.csv`, toCsv(table));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

export async function exportFile(records: ProjectRecords, format: ExportFormat): Promise<Buffer> {
  const tables = exportTables(records);
  return format === "xlsx" ? toXlsx(tables) : toCsvZip(tables);
}
