import type { Paragraph } from "docx";
import type { Content } from "pdfmake/interfaces";
import { type BarChart, type ChartLayout, chartLayout, chartValuesText, hiddenCells } from "../../../schemas/report-charts.ts";
import type { loadDocx } from "../../documents/libraries.ts";
import { Raster } from "./png.ts";

/**
 * The annual report's charts in the documents, in Swedish: the chart of a table (chosen and laid
 * out in schemas/report-charts.ts) as SVG text for the PDF and the DOCX, a bitmap of its bars for
 * Word versions that cannot show SVG, and the caption and alt text that say what it shows and
 * what it leaves out.
 */

const unitWord = (c: BarChart) => (c.unit === "persons" ? "antal personer" : "antal inskrivningar");
const axisTitle = (c: BarChart) => (c.unit === "persons" ? "Antal personer" : "Antal inskrivningar");
const listed = (xs: string[]) => (xs.length < 2 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} och ${xs.at(-1)}`);

/** The caption under the chart: what the bars are, and which cells of the table are not drawn and why. */
export function chartCaption(c: BarChart): string {
  const parts = [
    c.allGenders
      ? `Diagram: ${c.title}, ${unitWord(c)} för alla kön tillsammans, eftersom de flesta antal per kön är dolda. Totalt finns i tabellen.`
      : `Diagram: ${c.title}, ${unitWord(c)} per kön. Totalt finns i tabellen.`,
  ];
  if (c.hidden.length) {
    const shown = hiddenCells(c).slice(0, 8);
    const more = c.hidden.length > 8 ? ` och ${c.hidden.length - 8} till` : "";
    parts.push(
      c.hidden.length === 1
        ? `Ett värde är ett dolt litet antal och ritas inte som stapel: ${shown.join(", ")}.`
        : `${c.hidden.length} värden är dolda små antal och ritas inte som staplar: ${shown.join(", ")}${more}.`,
    );
  }
  if (c.empty.length) parts.push(`Utan stapel eftersom alla värden är 0: ${listed(c.empty)}.`);
  return parts.join(" ");
}

/** The text alternative: every figure the chart shows, for a screen reader or a reader of the DOCX's alt text. */
export const chartDescription = (c: BarChart) => `Liggande stapeldiagram, ${unitWord(c)}. ${chartValuesText(c, "dolt")}.`;

export const chartLayoutSv = (c: BarChart) => chartLayout(c, axisTitle(c));

const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** The layout as a standalone SVG document, in Helvetica (the PDF's standard font; Arial where Helvetica is missing). */
export function chartSvg(layout: ChartLayout, title: string, description: string): string {
  const body = layout.shapes.map((s) => {
    if (s.type === "rect") return `<rect x="${s.x}" y="${s.y}" width="${s.width}" height="${s.height}" fill="${s.fill}"/>`;
    if (s.type === "line") return `<line x1="${s.x1}" y1="${s.y1}" x2="${s.x2}" y2="${s.y2}" stroke="${s.stroke}" stroke-width="1"/>`;
    const style = s.italic ? ' font-style="italic"' : "";
    return `<text x="${s.x}" y="${s.y}" font-size="${s.size}" text-anchor="${s.anchor}" fill="${s.fill}"${style}>${esc(s.text)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${esc(title)}</title><desc>${esc(description)}</desc>`,
    `<rect x="0" y="0" width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`,
    ...body,
    "</svg>",
  ].join("\n");
}

/**
 * The bars, legend swatches, grid and axes as a PNG at twice the layout's size, without text: it
 * is only the fallback for Word versions without SVG, beside the caption and the table.
 */
export function chartPng(layout: ChartLayout, scale = 2): Buffer {
  const r = new Raster(Math.ceil(layout.width * scale), Math.ceil(layout.height * scale));
  for (const s of layout.shapes) {
    if (s.type === "rect") r.fillRect(s.x * scale, s.y * scale, s.width * scale, s.height * scale, s.fill);
    else if (s.type === "line") {
      const x = Math.min(s.x1, s.x2) * scale;
      const y = Math.min(s.y1, s.y2) * scale;
      r.fillRect(
        s.x1 === s.x2 ? x - scale / 2 : x,
        s.y1 === s.y2 ? y - scale / 2 : y,
        Math.max(scale, Math.abs(s.x2 - s.x1) * scale),
        Math.max(scale, Math.abs(s.y2 - s.y1) * scale),
        s.stroke,
      );
    }
  }
  return r.png();
}

const titleOf = (c: BarChart) => `Diagram: ${c.title}`;

/** The chart and its caption for pdfmake, kept on one page and scaled to the text width. */
export function pdfChart(c: BarChart): Content {
  const layout = chartLayoutSv(c);
  return {
    stack: [
      { svg: chartSvg(layout, titleOf(c), chartDescription(c)), fit: [499, 660] },
      { text: chartCaption(c), fontSize: 8, italics: true, color: "#444444", margin: [0, 4, 0, 0] },
    ],
    unbreakable: true,
    margin: [0, 0, 0, 14],
  };
}

/** The chart as an SVG image with a PNG fallback and alt text, then its caption, for the DOCX. */
export function docxChart(docx: Awaited<ReturnType<typeof loadDocx>>, c: BarChart): Paragraph[] {
  const { ImageRun, Paragraph, TextRun } = docx;
  const layout = chartLayoutSv(c);
  const description = chartDescription(c);
  // Word's page is about 600 px wide between the default margins (96 px to the inch).
  const width = 600;
  const height = Math.round((layout.height * width) / layout.width);
  return [
    new Paragraph({
      keepNext: true,
      children: [
        new ImageRun({
          type: "svg",
          data: Buffer.from(chartSvg(layout, titleOf(c), description), "utf8"),
          fallback: { type: "png", data: chartPng(layout) },
          transformation: { width, height },
          altText: { name: titleOf(c), title: titleOf(c), description },
        }),
      ],
    }),
    new Paragraph({ children: [new TextRun({ text: chartCaption(c), italics: true, size: 18 })], spacing: { after: 200 } }),
  ];
}
