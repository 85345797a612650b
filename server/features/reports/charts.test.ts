import { inflateSync, crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { axisTicks, CHART_PALETTE, chartLayout, chartOf } from "../../../schemas/report-charts.ts";
import type { ReportTable } from "../../../schemas/reports.ts";
import { chartCaption, chartDescription, chartLayoutSv, chartPng, chartSvg } from "./charts.ts";
import { crc32 } from "./png.ts";

const byIntake: ReportTable = {
  id: "gender_by_intake",
  title: "Kön per intag",
  columns: ["Intag 1", "Intag 2", "Intag 3", "Utan intag", "Totalt"],
  rows: [
    { label: "Kvinnor", values: [5, 12, 8, 0, 25] },
    { label: "Män", values: [9, 1234, "<5", 0, 1247] },
    { label: "Annat kön", values: ["<5", 0, "<5", 0, "<5"] },
    { label: "Totalt", values: [15, 1246, 11, 0, 1275] },
  ],
};

describe("which tables get a chart, with which figures", () => {
  it("draws the genders per category, without the Totalt row and column, leaving hidden cells and all-zero categories out", () => {
    expect(chartOf(byIntake)).toEqual({
      tableId: "gender_by_intake",
      title: "Kön per intag",
      unit: "enrolments",
      allGenders: false,
      categories: ["Intag 1", "Intag 2", "Intag 3"],
      series: [
        { name: "Kvinnor", values: [5, 12, 8] },
        { name: "Män", values: [9, 1234, null] },
        { name: "Annat kön", values: [null, 0, null] },
      ],
      hidden: [
        { series: "Annat kön", category: "Intag 1", shown: "<5" },
        { series: "Män", category: "Intag 3", shown: "<5" },
        { series: "Annat kön", category: "Intag 3", shown: "<5" },
      ],
      empty: ["Utan intag"],
    });
  });

  it("draws the Totalt row instead when at least half of the genders' cells are hidden", () => {
    const small: ReportTable = {
      id: "referring_party",
      title: "Initierande part",
      columns: ["AF", "Egen", "FK", "SOL", "Totalt"],
      rows: [
        { label: "Kvinnor", values: ["<5", "<5", 0, "<5", "<5"] },
        { label: "Män", values: ["<5", 5, 0, "<5", 9] },
        { label: "Totalt", values: [6, 7, 0, "<5", 15] },
      ],
    };
    const chart = chartOf(small);
    expect(chart).toMatchObject({
      allGenders: true,
      categories: ["AF", "Egen", "SOL"],
      series: [{ name: "Totalt", values: [6, 7, null] }],
      hidden: [{ series: "Totalt", category: "SOL", shown: "<5" }],
      empty: ["FK"],
    });
    expect(chart && chartCaption(chart)).toBe(
      "Diagram: Initierande part, antal personer för alla kön tillsammans, eftersom de flesta antal per kön är dolda. Totalt finns i tabellen. Ett värde är ett dolt litet antal och ritas inte som stapel: SOL (<5). Utan stapel eftersom alla värden är 0: FK.",
    );
    // With every gender cell hidden and the total hidden too, there is nothing to draw.
    expect(chartOf({ ...small, rows: small.rows.map((r) => ({ ...r, values: r.values.map((v) => (v === 0 ? 0 : "<5")) })) })).toBeNull();
  });

  it("charts education by the genders' total rows, and counts persons", () => {
    const edu: ReportTable = {
      id: "education_background",
      title: "Utbildningsbakgrund",
      columns: ["grundskola", "högskola", "Totalt"],
      rows: [
        { label: "Kvinnor – fullföljd", values: [3, 2, 5] },
        { label: "Kvinnor – ej fullföljd", values: [1, 0, 1] },
        { label: "Kvinnor – totalt", values: [4, 2, 6] },
        { label: "Män – fullföljd", values: [6, 1, 7] },
        { label: "Män – ej fullföljd", values: [2, 0, 2] },
        { label: "Män – totalt", values: [8, 1, 9] },
        { label: "Totalt – fullföljd", values: [9, 3, 12] },
        { label: "Totalt – ej fullföljd", values: [3, 0, 3] },
        { label: "Totalt – totalt", values: [12, 3, 15] },
      ],
    };
    const chart = chartOf(edu);
    expect(chart?.unit).toBe("persons");
    expect(chart?.categories).toEqual(["grundskola", "högskola"]);
    expect(chart?.series).toEqual([
      { name: "Kvinnor", values: [4, 2] },
      { name: "Män", values: [8, 1] },
    ]);
  });

  it("gives no chart to work experience, time and extensions, unknown tables, or a table with nothing to draw", () => {
    const table = (id: string, values: (number | string)[] = [1, 2]): ReportTable => ({
      id,
      title: id,
      columns: ["A", "B"],
      rows: [{ label: "Kvinnor", values }],
    });
    expect(chartOf(table("work_experience"))).toBeNull();
    expect(chartOf(table("time_and_extensions"))).toBeNull();
    expect(chartOf(table("economy"))).toBeNull();
    expect(chartOf(table("income_at_entry"))).not.toBeNull();
    expect(chartOf(table("income_at_entry", [0, 0]))).toBeNull();
    expect(chartOf(table("income_at_entry", ["<5", 0]))).toBeNull();
  });

  it("says in the caption what is left out and why, and lists every figure in the text alternative", () => {
    const chart = chartOf(byIntake);
    if (!chart) throw new Error("no chart");
    const caption = chartCaption(chart);
    expect(caption).toContain("Diagram: Kön per intag, antal inskrivningar per kön.");
    expect(caption).toContain(
      "3 värden är dolda små antal och ritas inte som staplar: Annat kön – Intag 1 (<5), Män – Intag 3 (<5), Annat kön – Intag 3 (<5).",
    );
    expect(caption).toContain("Utan stapel eftersom alla värden är 0: Utan intag.");
    expect(chartDescription(chart)).toBe(
      "Liggande stapeldiagram, antal inskrivningar. Intag 1: Kvinnor 5, Män 9, Annat kön <5 (dolt). Intag 2: Kvinnor 12, Män 1\u00a0234, Annat kön 0. Intag 3: Kvinnor 8, Män <5 (dolt), Annat kön <5 (dolt).",
    );
  });
});

describe("the chart's drawing", () => {
  const chart = chartOf(byIntake);
  if (!chart) throw new Error("no chart");
  const layout = chartLayout(chart, "Antal inskrivningar");
  const rects = layout.shapes.filter((s) => s.type === "rect");
  const texts = layout.shapes.flatMap((s) => (s.type === "text" ? [s.text] : []));

  it("has a bar per positive value and a legend swatch per series, bars as long as their values", () => {
    // Swatches for three series; bars for 5, 12, 8, 9 and 1 234 (a 0 and the hidden cells get none).
    const bars = rects.filter((r) => r.height > 10);
    expect(rects.filter((r) => r.height === 10).map((r) => r.fill)).toEqual(CHART_PALETTE.slice(0, 3));
    expect(bars).toHaveLength(5);
    const widest = Math.max(...bars.map((b) => b.width));
    const of = (fill: string, i: number) => bars.filter((r) => r.fill === fill)[i]?.width ?? 0;
    // Män 1 234 is the longest bar, Kvinnor 12 about a hundredth of it.
    expect(of(CHART_PALETTE[1], 1)).toBe(widest);
    expect(of(CHART_PALETTE[0], 1) / widest).toBeCloseTo(12 / 1234, 2);
    expect(Math.max(...layout.shapes.map((s) => (s.type === "rect" ? s.x + s.width : 0)))).toBeLessThanOrEqual(layout.width);
  });

  it("labels categories, series, values (Swedish digits), hidden cells and the axis", () => {
    for (const s of ["Intag 1", "Intag 2", "Intag 3", "Kvinnor", "Män", "Annat kön", "1\u00a0234", "12", "<5", "Antal inskrivningar"])
      expect(texts).toContain(s);
    expect(texts).not.toContain("Utan intag");
    expect(texts).not.toContain("Totalt");
    expect(texts).not.toContain("1\u00a0275");
  });

  it("puts axis ticks at round numbers past the largest value", () => {
    expect(axisTicks(12)).toEqual([0, 5, 10, 15]);
    expect(axisTicks(1234)).toEqual([0, 500, 1000, 1500]);
    expect(axisTicks(3)).toEqual([0, 1, 2, 3]);
  });

  it("wraps a long category label over lines and keeps every part of it", () => {
    const long = chartOf({ ...byIntake, columns: ["gymnasium introduktionsprogram / anpassad skolform", "B", "C", "D", "Totalt"] });
    if (!long) throw new Error("no chart");
    const lines = chartLayout(long, "").shapes.flatMap((s) => (s.type === "text" && s.anchor === "end" ? [s.text] : []));
    expect(lines.slice(0, 3).join(" ")).toBe("gymnasium introduktionsprogram / anpassad skolform");
    const slash = chartOf({ ...byIntake, columns: ["Gymnasium, introduktionsprogram/anpassad skolform", "B", "C", "D", "Totalt"] });
    if (!slash) throw new Error("no chart");
    const slashLines = chartLayout(slash, "").shapes.flatMap((s) => (s.type === "text" && s.anchor === "end" ? [s.text] : []));
    expect(slashLines.slice(0, 2)).toEqual(["Gymnasium,", "introduktionsprogram/"]);
    expect(slashLines[2]).toBe("anpassad skolform");
  });

  it("is a standalone SVG with title, description, the labels and escaped text", () => {
    const svg = chartSvg(chartLayoutSv(chart), "Diagram: Kön per intag", chartDescription(chart));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="600" height="\d+" viewBox="0 0 600 \d+"/);
    expect(svg).toContain("<title>Diagram: Kön per intag</title>");
    expect(svg).toContain("<desc>Liggande stapeldiagram, antal inskrivningar. Intag 1: Kvinnor 5, Män 9, Annat kön &lt;5 (dolt).");
    for (const s of ["Intag 1", "Kvinnor", "Annat kön", "1\u00a0234", "&lt;5", "Antal inskrivningar"]) expect(svg).toContain(`>${s}</text>`);
    expect(svg).not.toMatch(/>[^<]*<5/);
    expect(svg.match(/<rect /g)).toHaveLength(1 + 3 + 5);
  });

  it("as a PNG fallback: a valid image of the chart's size with the bars in their colours", () => {
    const png = chartPng(layout);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks: { type: string; data: Buffer }[] = [];
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      const type = png.toString("latin1", at + 4, at + 8);
      const data = png.subarray(at + 8, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length), `crc of ${type}`).toBe(zlibCrc32(png.subarray(at + 4, at + 8 + length)));
      chunks.push({ type, data });
      at += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    const header = chunks[0]?.data as Buffer;
    const [w, h] = [header.readUInt32BE(0), header.readUInt32BE(4)];
    expect([w, h]).toEqual([layout.width * 2, layout.height * 2]);
    const raw = inflateSync(chunks[1]?.data as Buffer);
    expect(raw.length).toBe((w * 3 + 1) * h);
    // The middle of the longest bar is painted in the second series' colour.
    const bar = rects.reduce((a, b) => (b.width > a.width ? b : a));
    const [px, py] = [Math.round((bar.x + bar.width / 2) * 2), Math.round((bar.y + bar.height / 2) * 2)];
    const at = py * (w * 3 + 1) + 1 + px * 3;
    expect(`#${raw.subarray(at, at + 3).toString("hex")}`.toUpperCase()).toBe(CHART_PALETTE[1]);
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });
});
