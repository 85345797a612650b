// The document libraries are large — exceljs alone takes about half a second to load, pdfmake a
// quarter — and most requests never make a document. Each is loaded on first use, so the server
// starts without them; later calls get the same module.
import type ExcelJS from "exceljs";
import type pdfmake from "pdfmake";

let excel: Promise<typeof ExcelJS> | undefined;
let pdf: Promise<typeof pdfmake> | undefined;
let word: Promise<typeof import("docx")> | undefined;

export function loadExcelJs(): Promise<typeof ExcelJS> {
  excel ??= import("exceljs").then((m) => m.default);
  return excel;
}

/**
 * pdfmake with the PDF standard fonts (Helvetica), which every reader has: nothing is fetched
 * from the network or read from disk while a document is made. pdfmake asks the local-access
 * policy about the standard fonts' names too; any other "file" is refused.
 */
export function loadPdfmake(): Promise<typeof pdfmake> {
  pdf ??= import("pdfmake").then(({ default: p }) => {
    const helvetica = { normal: "Helvetica", bold: "Helvetica-Bold", italics: "Helvetica-Oblique", bolditalics: "Helvetica-BoldOblique" };
    const builtIn = new Set(Object.values(helvetica));
    p.setFonts({ Helvetica: helvetica });
    p.setUrlAccessPolicy(() => false);
    p.setLocalAccessPolicy((path) => builtIn.has(path));
    return p;
  });
  return pdf;
}

export function loadDocx(): Promise<typeof import("docx")> {
  word ??= import("docx");
  return word;
}
