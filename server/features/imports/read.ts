import { createHash } from "node:crypto";
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import type { ImportProblem, SheetName } from "../../../schemas/imports.ts";
import { loadExcelJs } from "../../documents/libraries.ts";
import { columnOf, requiredColumns, sheetOf } from "./columns.ts";
import { fileProblem, problem } from "./problems.ts";

/** An uploaded file: its name decides how it is read (.xlsx, .csv, .zip). */
export interface UploadedFile {
  name: string;
  data: Buffer;
}

export interface SheetRow {
  /** Spreadsheet row number; the header is row 1. */
  row: number;
  cells: Record<string, string>;
}

export interface ParsedSheet {
  sheet: SheetName;
  /** Where the rows came from, as the user named it: "enrolments.csv" or the workbook's sheet name. */
  source: string;
  rows: SheetRow[];
}

export interface ReadResult {
  sheets: Partial<Record<SheetName, ParsedSheet>>;
  problems: ImportProblem[];
  /** Kind, size and checksum of each upload, for the audit log (names may name a person). */
  files: { kind: string; bytes: number; sha256: string }[];
}

export const ALLOWED_EXTENSIONS = [".xlsx", ".csv", ".zip"];
export const extensionOf = (name: string) => (/\.[^.]+$/.exec(name.toLowerCase())?.[0] ?? "").trim();

/** Split CSV text into records; quotes may hold separators, quotes ("") and line breaks. */
export function parseCsv(text: string): { separator: string; records: string[][] } {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const separator = count(";") > count(",") ? ";" : ",";
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === separator) {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || record.length) {
    record.push(field);
    records.push(record);
  }
  return { separator, records };
}

/** Turn a table (header first) into rows keyed by column, reporting unknown, doubled and missing columns. */
function toSheet(sheet: SheetName, source: string, table: string[][], problems: ImportProblem[]): ParsedSheet {
  const [header = [], ...body] = table;
  const keys: (string | null)[] = [];
  const seen = new Set<string>();
  for (const h of header) {
    const text = h.trim();
    if (!text) {
      keys.push(null);
      continue;
    }
    const key = columnOf(sheet, text);
    if (!key) {
      problems.push(
        problem(
          sheet,
          source,
          1,
          text,
          text,
          "Kolumnen känns inte igen. Kontrollera stavningen mot importformatet eller ta bort kolumnen.",
          "The column is not part of the import format. Check the spelling or remove the column.",
        ),
      );
    } else if (seen.has(key)) {
      problems.push(problem(sheet, source, 1, text, text, "Kolumnen finns två gånger. Ta bort den ena.", "The column appears twice. Remove one of them."));
    }
    keys.push(key && !seen.has(key) ? key : null);
    if (key) seen.add(key);
  }
  for (const req of requiredColumns[sheet]) {
    if (!seen.has(req))
      problems.push(
        problem(sheet, source, 1, req, null, `Kolumnen ${req} saknas; den behövs för varje rad.`, `The column ${req} is missing; every row needs it.`),
      );
  }
  const rows: SheetRow[] = [];
  body.forEach((values, i) => {
    if (values.every((v) => v.trim() === "")) return;
    const cells: Record<string, string> = {};
    keys.forEach((k, j) => {
      if (k) cells[k] = (values[j] ?? "").trim();
    });
    rows.push({ row: i + 2, cells });
  });
  return { sheet, source, rows };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A cell as the text a CSV would have held: dates as YYYY-MM-DD, formulas as their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return "";
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
    return "";
  }
  return String(value);
}

async function readWorkbook(data: Buffer, fileName: string, add: (sheet: SheetName, source: string, table: string[][]) => void, problems: ImportProblem[]) {
  const { Workbook } = await loadExcelJs();
  const wb = new Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    problems.push(
      fileProblem(
        fileName,
        "Filen kunde inte läsas som en Excel-arbetsbok (.xlsx). Spara den som .xlsx eller som CSV och försök igen.",
        "The file could not be read as an Excel workbook (.xlsx). Save it as .xlsx or CSV and try again.",
      ),
    );
    return;
  }
  wb.eachSheet((ws) => {
    const sheet = sheetOf(ws.name);
    if (!sheet) {
      problems.push(
        fileProblem(
          ws.name,
          `Bladet ”${ws.name}” känns inte igen. Döp om det till enrolments, activities eller extensions, eller ta bort det.`,
          `The sheet "${ws.name}" is not part of the format. Rename it enrolments, activities or extensions, or remove it.`,
        ),
      );
      return;
    }
    const width = ws.columnCount;
    const table: string[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const values: string[] = [];
      for (let col = 1; col <= width; col++) values.push(cellText(row.getCell(col).value));
      table.push(values);
    }
    add(sheet, ws.name, table);
  });
}

function readCsv(data: Buffer, name: string, add: (sheet: SheetName, source: string, table: string[][]) => void, problems: ImportProblem[]) {
  const base = name.split("/").pop() ?? name;
  const sheet = sheetOf(base);
  if (!sheet) {
    problems.push(
      fileProblem(
        base,
        `Filen ”${base}” känns inte igen. CSV-filerna ska heta enrolments.csv, activities.csv och extensions.csv.`,
        `The file "${base}" is not part of the format. The CSV files are named enrolments.csv, activities.csv and extensions.csv.`,
      ),
    );
    return;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    problems.push(
      fileProblem(
        base,
        "Filen är inte sparad som UTF-8. Spara den som ”CSV UTF-8” och försök igen.",
        'The file is not saved as UTF-8. Save it as "CSV UTF-8" and try again.',
      ),
    );
    return;
  }
  add(sheet, base, parseCsv(text).records);
}

/** Read the uploads (one workbook, CSV files, or a zip of either) into the three sheets. */
export async function readUploads(files: UploadedFile[]): Promise<ReadResult> {
  const problems: ImportProblem[] = [];
  const sheets: Partial<Record<SheetName, ParsedSheet>> = {};
  const add = (sheet: SheetName, source: string, table: string[][]) => {
    if (sheets[sheet]) {
      problems.push(
        fileProblem(
          source,
          `${sheet} finns mer än en gång i det du laddade upp. Skicka varje blad en gång.`,
          `${sheet} appears more than once in the upload. Send each sheet once.`,
        ),
      );
      return;
    }
    sheets[sheet] = toSheet(sheet, source, table, problems);
  };
  const read = async (name: string, data: Buffer, inZip: boolean) => {
    const ext = extensionOf(name);
    if (ext === ".xlsx") await readWorkbook(data, name, add, problems);
    else if (ext === ".csv") readCsv(data, name, add, problems);
    else if (ext === ".zip" && !inZip) {
      let zip: JSZip;
      try {
        zip = await JSZip.loadAsync(data);
      } catch {
        problems.push(fileProblem(name, "Zip-filen kunde inte öppnas.", "The zip file could not be opened."));
        return;
      }
      const entries = Object.values(zip.files).filter((f) => !f.dir && !f.name.startsWith("__MACOSX/") && !/(^|\/)\./.test(f.name));
      for (const entry of entries) await read(entry.name, Buffer.from(await entry.async("uint8array")), true);
    } else {
      problems.push(
        fileProblem(
          name.split("/").pop() ?? name,
          "Filtypen stöds inte. Ladda upp en Excel-arbetsbok (.xlsx), CSV-filer (.csv) eller en zip-fil med CSV-filer.",
          "This file type is not supported. Upload an Excel workbook (.xlsx), CSV files (.csv) or a zip file of CSV files.",
        ),
      );
    }
  };
  for (const f of files) await read(f.name, f.data, false);
  if (!problems.length && !Object.keys(sheets).length)
    problems.push(
      fileProblem(
        null,
        "Det finns inget blad att importera (enrolments, activities eller extensions).",
        "There is no sheet to import (enrolments, activities or extensions).",
      ),
    );
  return {
    sheets,
    problems,
    files: files.map((f) => ({
      kind: extensionOf(f.name).slice(1) || "unknown",
      bytes: f.data.length,
      sha256: createHash("sha256").update(f.data).digest("hex"),
    })),
  };
}
