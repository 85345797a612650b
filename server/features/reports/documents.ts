import type { Paragraph, Table } from "docx";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { type BarChart, chartOf } from "../../../schemas/report-charts.ts";
import type { AnnualReport, ReportSection, ReportTable } from "../../../schemas/reports.ts";
import { loadDocx, loadExcelJs, loadPdfmake } from "../../documents/libraries.ts";
import { docxChart, pdfChart } from "./charts.ts";

/** A sheet of plain rows: what every spreadsheet and CSV output of the reports is made of. */
export interface Sheet {
  name: string;
  title?: string;
  columns: string[];
  rows: (string | number | boolean | null)[][];
}

type CellValue = Sheet["rows"][number][number];
const yesNo = (v: CellValue) => (typeof v === "boolean" ? (v ? "Ja" : "Nej") : v);

/** A report table as a sheet: the row label first, then the values. */
export const tableSheet = (t: ReportTable): Sheet => ({
  name: t.title,
  title: t.title,
  columns: ["", ...t.columns],
  rows: t.rows.map((r) => [r.label, ...r.values]),
});

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, " ").slice(0, 28) || "Blad";
  let n = base;
  for (let i = 2; taken.has(n.toLowerCase()); i++) n = `${base.slice(0, 27)} ${i}`;
  taken.add(n.toLowerCase());
  return n;
}

/**
 * One sheet per table with a bold header row. Numbers stay numbers with a thousands separator and
 * a decimal comma in Swedish Excel (`#,##0` follows the reader's locale); hidden counts stay text.
 */
export async function toXlsx(sheets: Sheet[], notes: string[] = []): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  wb.creator = "Stegvis";
  wb.created = new Date();
  const taken = new Set<string>();
  for (const s of sheets) {
    const ws = wb.addWorksheet(sheetName(s.name, taken));
    const header = ws.addRow(s.columns);
    header.font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: 1 }];
    for (const r of s.rows) {
      const row = ws.addRow(r.map(yesNo));
      row.eachCell((cell) => {
        if (typeof cell.value === "number") cell.numFmt = Number.isInteger(cell.value) ? "#,##0" : "#,##0.0";
      });
    }
    ws.columns.forEach((col, i) => {
      const longest = Math.max(...[s.columns[i] ?? "", ...s.rows.map((r) => String(r[i] ?? ""))].map((x) => x.length));
      col.width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  if (notes.length) {
    const ws = wb.addWorksheet(sheetName("Noter", taken));
    ws.addRow(["Noter"]).font = { bold: true };
    for (const n of notes) ws.addRow([n]);
    ws.getColumn(1).width = 120;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Semicolon-separated, with a byte-order mark, as Swedish Excel opens it; one block per sheet. */
export function toCsv(sheets: Sheet[], notes: string[] = []): string {
  const esc = (v: CellValue) => {
    const s = v === null ? "" : String(yesNo(v));
    return /[";\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines: string[] = [];
  for (const [i, s] of sheets.entries()) {
    if (i > 0) lines.push("");
    if (s.title && sheets.length > 1) lines.push(esc(s.title));
    lines.push(s.columns.map(esc).join(";"));
    for (const r of s.rows) lines.push(r.map(esc).join(";"));
  }
  if (notes.length) lines.push("", "Noter", ...notes.map(esc));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The manager's sections, in the order of the customers' annual reports, with their headings. */
export const SECTION_TITLES: Record<ReportSection, string> = {
  summary: "Sammanfattning",
  target_group: "Målgrupp",
  statistics_analysis: "Analys och reflektion – statistik",
  economy: "Ekonomi",
  economy_analysis: "Analys och reflektion – ekonomi",
  activities: "Verksamhet",
  activities_analysis: "Analys och reflektion – verksamhet",
  collaboration: "Samverkan",
  swot: "SWOT-analys",
};

export interface AnnualDocument {
  projectName: string;
  report: AnnualReport;
  /** The written sections of the report year; empty ones are left out. */
  texts: Partial<Record<ReportSection, string>>;
  /** Extra tables shown under Ekonomi (budget and outcome), when entered. */
  economy?: ReportTable[];
  year: number;
}

const fmt = (v: string | number | null) => (typeof v === "number" ? v.toLocaleString("sv-SE") : (v ?? ""));

/** The document's outline: headings, paragraphs, tables and charts, shared by the PDF and the DOCX. */
type Block = { h: 1 | 2; text: string } | { p: string } | { table: ReportTable } | { chart: BarChart } | { list: string[] };

function outline(d: AnnualDocument): Block[] {
  const r = d.report;
  const out: Block[] = [];
  const text = (s: ReportSection, h: 1 | 2 = 1) => {
    const body = d.texts[s]?.trim();
    if (!body) return;
    out.push({ h, text: SECTION_TITLES[s] });
    for (const para of body.split(/\n\s*\n/)) out.push({ p: para.replace(/\s*\n\s*/g, " ") });
  };
  text("summary");
  const s = r.summary;
  out.push({ h: 2, text: "Nyckeltal" });
  out.push({
    list: [
      `Unika deltagare: ${fmt(s.uniqueParticipants)}`,
      `Inskrivningar: ${fmt(s.enrolments)}`,
      `Avslutade: ${fmt(s.exited)}`,
      `Har haft anställning: ${fmt(s.hadEmployment)}`,
      `Har haft praktik: ${fmt(s.hadInternship)}`,
      `Har studerat: ${fmt(s.hadStudies)}`,
      ...s.genderShares.map((g) => `${g.gender}: ${g.percent === null ? "visas inte" : `${fmt(g.percent)} %`}`),
    ],
  });
  out.push({ h: 1, text: "Statistik" });
  text("target_group", 2);
  for (const t of r.tables) {
    out.push({ h: 2, text: t.title }, { table: t });
    const chart = chartOf(t);
    if (chart) out.push({ chart });
  }
  if (r.notes.length) out.push({ h: 2, text: "Noter" }, { list: r.notes });
  text("statistics_analysis");
  if (d.texts.economy?.trim() || d.economy?.length) {
    out.push({ h: 1, text: SECTION_TITLES.economy });
    for (const para of (d.texts.economy ?? "").split(/\n\s*\n/).filter((x) => x.trim())) out.push({ p: para.replace(/\s*\n\s*/g, " ") });
    for (const t of d.economy ?? []) out.push({ h: 2, text: t.title }, { table: t });
  }
  for (const sec of ["economy_analysis", "activities", "activities_analysis", "collaboration", "swot"] as const) text(sec);
  return out;
}

const titleOf = (d: AnnualDocument) => `Årsrapport ${d.year} – ${d.projectName}`;
const subtitleOf = (d: AnnualDocument) =>
  `Period ${d.report.period.from} – ${d.report.period.to}${d.report.suppressed ? ". Små antal är dolda (markerad för publicering)." : ""}`;

function pdfTable(t: ReportTable): Content {
  const wide = t.columns.length > 7;
  return {
    table: {
      headerRows: 1,
      widths: ["*", ...t.columns.map(() => "auto" as const)],
      body: [
        [{ text: "", style: "th" }, ...t.columns.map((c) => ({ text: c, style: "th" }))],
        ...t.rows.map((r) => [
          { text: r.label, bold: r.label === "Totalt" },
          ...r.values.map((v) => ({ text: fmt(v), alignment: "right" as const, bold: r.label === "Totalt" })),
        ]),
      ],
    },
    layout: "lightHorizontalLines",
    fontSize: wide ? 7 : 9,
    margin: [0, 2, 0, 10],
  };
}

/** Render pdfmake content to a PDF (A4, Helvetica). */
export async function renderPdf(title: string, subtitle: string, content: Content[], landscape = false): Promise<Buffer> {
  const def: TDocumentDefinitions = {
    pageSize: "A4",
    pageOrientation: landscape ? "landscape" : "portrait",
    pageMargins: [48, 56, 48, 56],
    info: { title, creator: "Stegvis" },
    defaultStyle: { font: "Helvetica", fontSize: 10, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 20, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 10, color: "#444444", margin: [0, 0, 0, 16] },
      h1: { fontSize: 15, bold: true, margin: [0, 14, 0, 6] },
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      th: { bold: true, fontSize: 8 },
    },
    footer: (page, pages) => ({ text: `${title} – sida ${page} av ${pages}`, alignment: "center", fontSize: 8, margin: [0, 20, 0, 0] }),
    content: [{ text: title, style: "title" }, { text: subtitle, style: "subtitle" }, ...content],
  };
  return Buffer.from(await (await loadPdfmake()).createPdf(def).getBuffer());
}

export async function annualPdf(d: AnnualDocument): Promise<Buffer> {
  const content: Content[] = outline(d).map((b): Content => {
    if ("h" in b) return { text: b.text, style: b.h === 1 ? "h1" : "h2", headlineLevel: b.h };
    if ("p" in b) return { text: b.p, margin: [0, 0, 0, 6] };
    if ("list" in b) return { ul: b.list, margin: [0, 0, 0, 8] };
    if ("chart" in b) return pdfChart(b.chart);
    return pdfTable(b.table);
  });
  return renderPdf(titleOf(d), subtitleOf(d), content);
}

type Docx = Awaited<ReturnType<typeof loadDocx>>;

function docxTable(docx: Docx, t: ReportTable): Table {
  const { AlignmentType, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = docx;
  const cell = (text: string, opts: { bold?: boolean; right?: boolean } = {}) =>
    new TableCell({
      children: [
        new Paragraph({ alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: opts.bold, size: 18 })] }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: [cell("", { bold: true }), ...t.columns.map((c) => cell(c, { bold: true, right: true }))] }),
      ...t.rows.map(
        (r) =>
          new TableRow({
            children: [
              cell(r.label, { bold: r.label === "Totalt" }),
              ...r.values.map((v) => cell(String(fmt(v)), { right: true, bold: r.label === "Totalt" })),
            ],
          }),
      ),
    ],
  });
}

export async function annualDocx(d: AnnualDocument): Promise<Buffer> {
  const docx = await loadDocx();
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = docx;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: titleOf(d), heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: subtitleOf(d), italics: true })] }),
  ];
  for (const b of outline(d)) {
    if ("h" in b) children.push(new Paragraph({ text: b.text, heading: b.h === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 }));
    else if ("p" in b) children.push(new Paragraph({ text: b.p }));
    else if ("list" in b) for (const item of b.list) children.push(new Paragraph({ text: item, bullet: { level: 0 } }));
    else if ("chart" in b) children.push(...docxChart(docx, b.chart));
    else children.push(docxTable(docx, b.table), new Paragraph({ text: "" }));
  }
  const doc = new Document({
    creator: "Stegvis",
    title: titleOf(d),
    styles: { default: { document: { run: { font: "Calibri", size: 22 } } } },
    sections: [{ children }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
