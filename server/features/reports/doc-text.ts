/**
 * Test helpers that read the report documents back the way a reader sees them: the text runs of
 * a PDF in drawing order, the text of a DOCX, the cells of an XLSX.
 */
import { inflateSync } from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";

/** The WinAnsi codes above Latin-1 that the reports use. */
const WIN_ANSI: Record<number, string> = { 150: "–", 151: "—", 133: "…", 145: "‘", 146: "’", 147: "“", 148: "”" };

/** The strings a PDF draws, in order (standard fonts: WinAnsi bytes in hex, as pdfkit writes them). */
export function pdfStrings(pdf: Buffer): string[] {
  const raw = pdf.toString("latin1");
  const out: string[] = [];
  // pdfkit writes "stream\n", the data, "\nendstream". No optional "\r" here: compressed data may
  // end with that byte, and dropping it would break the stream.
  const streams = raw.matchAll(/stream\n([\s\S]*?)\nendstream/g);
  for (const m of streams) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1] as string, "latin1")).toString("latin1");
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\]\s*TJ/g)) {
      const hex = [...(tj[1] as string).matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join("");
      out.push([...Buffer.from(hex, "hex")].map((c) => WIN_ANSI[c] ?? String.fromCharCode(c)).join(""));
    }
  }
  return out;
}

/** The paragraphs and table cells of a DOCX, in order. */
export async function docxStrings(docx: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file("word/document.xml")?.async("string");
  if (!xml) throw new Error("no word/document.xml");
  const out: string[] = [];
  for (const p of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    const text = [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join("");
    out.push(text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&").replaceAll("&quot;", '"'));
  }
  return out;
}

const unescapeXml = (s: string) => s.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");

/** The pictures of a DOCX: each drawing's name, title and alt text in order, and the files under word/media. */
export async function docxPictures(docx: Buffer): Promise<{ drawings: { name: string; title: string; description: string }[]; media: string[] }> {
  const zip = await JSZip.loadAsync(docx);
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  const attr = (tag: string, name: string) => unescapeXml(new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1] ?? "");
  const drawings = [...xml.matchAll(/<wp:docPr [^>]*>/g)].map((m) => ({
    name: attr(m[0], "name"),
    title: attr(m[0], "title"),
    description: attr(m[0], "descr"),
  }));
  return { drawings, media: Object.keys(zip.files).filter((f) => f.startsWith("word/media/")) };
}

/** Every sheet of an XLSX as rows of cell values. */
export async function xlsxSheets(xlsx: Buffer): Promise<Map<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const out = new Map<string, unknown[][]>();
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const values = row.values as unknown[];
      rows.push(values.slice(1));
    });
    out.set(ws.name, rows);
  });
  return out;
}

/** The value as the documents print it: Swedish digits, text as is. */
export const printed = (v: string | number) => (typeof v === "number" ? v.toLocaleString("sv-SE") : v);

/** True when `needle` appears as consecutive entries of `hay`. */
export function containsRun(hay: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
