import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BarChart, chartOf } from "../../../schemas/report-charts.ts";
import type { AnnualReport } from "../../../schemas/reports.ts";
import { buildAnnualFixture, PERIOD } from "../../test/annual-fixture.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { recoverHiddenCells } from "../../test/disclosure.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { auditOf } from "../../test/participants.ts";
import { chartCaption, chartDescription } from "./charts.ts";
import { containsRun, docxPictures, docxStrings, pdfStrings, printed, xlsxSheets } from "./doc-text.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let url: string;
let exact: AnnualReport;
let shown: AnnualReport;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  await buildAnnualFixture(t.db, cast.project);
  url = `/api/projects/${cast.project.id}/reports/annual?from=${PERIOD.from}&to=${PERIOD.to}`;
  exact = (await cast.as.manager.get(url)).json();
  shown = (await cast.as.statistician.get(url)).json();
});
afterAll(async () => {
  await t?.close();
});

/** Counts (not means) that a suppressed output must never show. */
const smallCounts = (r: AnnualReport, threshold = 4) =>
  r.tables.flatMap((tb) =>
    tb.rows.flatMap((row) => row.values.filter((v, c) => !(tb.id === "time_and_extensions" && c < 2) && typeof v === "number" && v >= 1 && v <= threshold)),
  );

/** Each table row of the report, as the values a document prints; rows that differ from the exact report are the suppressed ones. */
const rowsOf = (r: AnnualReport) => r.tables.flatMap((tb) => tb.rows.map((row) => ({ id: tb.id, label: row.label, values: row.values.map(printed) })));

/** The charts a report's tables get. */
const chartsOf = (r: AnnualReport) =>
  r.tables.flatMap((tb): BarChart[] => {
    const c = chartOf(tb);
    return c ? [c] : [];
  });

describe("annual report as XLSX", () => {
  it("has a sheet per table with headers and the exact numbers as numbers for a manager", async () => {
    const res = await cast.as.manager.get(`${url}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toContain(`arsrapport-${cast.project.slug}-${PERIOD.from}-${PERIOD.to}.xlsx`);
    const sheets = await xlsxSheets(res.rawPayload);
    // Sheet names are the table titles, cut to Excel's limit.
    expect([...sheets.keys()]).toEqual([...exact.tables.map((x) => x.title.slice(0, 28)), "Noter"]);
    for (const [i, tb] of exact.tables.entries()) {
      const s = [...sheets.values()][i] ?? [];
      expect(s[0], tb.id).toEqual(["", ...tb.columns]);
      expect(s.slice(1), tb.id).toEqual(tb.rows.map((r) => [r.label, ...r.values]));
    }
    expect(
      sheets
        .get("Noter")
        ?.slice(1)
        .map((r) => r[0]),
    ).toEqual(exact.notes);
  });

  it("shows the statistician exactly the suppressed JSON, with no count from 1 to 4", async () => {
    const sheets = await xlsxSheets((await cast.as.statistician.get(`${url}&format=xlsx`)).rawPayload);
    for (const [i, tb] of shown.tables.entries()) expect(([...sheets.values()][i] ?? []).slice(1), tb.id).toEqual(tb.rows.map((r) => [r.label, ...r.values]));
    expect(smallCounts(exact).length).toBeGreaterThan(0);
    const numbers = [...sheets.entries()]
      .filter(([name]) => name !== "Deltagartid och förlängningar")
      .flatMap(([, rows]) => rows.flat())
      .filter((v) => typeof v === "number" && v >= 1 && v <= 4);
    expect(numbers).toEqual([]);
  });
});

describe("annual report document as PDF and DOCX", () => {
  it("carries the manager's narrative sections of the report year around the tables", async () => {
    const put = (section: string, body: string, version = 0) =>
      cast.as.manager.put(`/api/projects/${cast.project.id}/reports/texts/2024/${section}`, { version, body });
    expect((await put("summary", "Året präglades av fler praktikplatser.\n\nSamarbetet med skolan fördjupades.")).statusCode).toBe(200);
    expect((await put("swot", "Styrka: personalens kontaktnät.")).statusCode).toBe(200);
    const pdf = await cast.as.manager.get(`${url}&format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfStrings(pdf.rawPayload).join("");
    for (const s of ["Sammanfattning", "fler praktikplatser", "SWOT-analys", "personalens kontaktnät", "Kön per intag", "Resultat vid avslut", "Noter"])
      expect(text).toContain(s);
    expect(text.indexOf("Sammanfattning")).toBeLessThan(text.indexOf("Kön per intag"));
    expect(text.indexOf("Kön per intag")).toBeLessThan(text.indexOf("SWOT-analys"));

    const docx = await cast.as.manager.get(`${url}&format=docx`);
    expect(docx.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const paras = await docxStrings(docx.rawPayload);
    expect(paras).toContain("Sammanfattning");
    expect(paras).toContain("Året präglades av fler praktikplatser.");
    expect(paras).toContain("Samarbetet med skolan fördjupades.");
    expect(paras).toContain("Styrka: personalens kontaktnät.");
    // Sections not written are left out.
    expect(paras).not.toContain("Samverkan");
  });

  it("prints every table row of the exact report for a manager", async () => {
    const pdf = pdfStrings((await cast.as.manager.get(`${url}&format=pdf`)).rawPayload);
    const docx = await docxStrings((await cast.as.manager.get(`${url}&format=docx`)).rawPayload);
    for (const r of rowsOf(exact)) {
      expect(containsRun(pdf, r.values), `pdf ${r.id} ${r.label}`).toBe(true);
      expect(containsRun(docx, [r.label, ...r.values]), `docx ${r.id} ${r.label}`).toBe(true);
    }
  });

  it("places a chart with its caption after each charted table, as vectors with a bitmap fallback and alt text in the DOCX", async () => {
    const charts = chartsOf(exact);
    expect(charts.map((c) => c.tableId)).toEqual([
      "gender_by_intake",
      "education_background",
      "income_at_entry",
      "referring_party",
      "results_during",
      "results_at_exit",
    ]);
    const pdf = pdfStrings((await cast.as.manager.get(`${url}&format=pdf`)).rawPayload).join("");
    for (const c of charts) {
      // The caption follows the table's heading, and the next table's heading follows the caption.
      const at = pdf.indexOf(chartCaption(c));
      expect(at, c.tableId).toBeGreaterThan(pdf.indexOf(c.title));
      const next = exact.tables[exact.tables.findIndex((tb) => tb.id === c.tableId) + 1];
      if (next) expect(at, c.tableId).toBeLessThan(pdf.indexOf(next.title, pdf.indexOf(c.title) + c.title.length));
    }
    // The charts' own labels are drawn as text: axis titles, legend and categories.
    for (const s of ["Antal inskrivningar", "Antal personer", "Kvinnor", "Män", "Intag 1", "Intag 2", "Intag 3"]) expect(pdf).toContain(s);

    const file = (await cast.as.manager.get(`${url}&format=docx`)).rawPayload;
    const pictures = await docxPictures(file);
    expect(pictures.drawings).toEqual(charts.map((c) => ({ name: `Diagram: ${c.title}`, title: `Diagram: ${c.title}`, description: chartDescription(c) })));
    expect(pictures.media.filter((f) => f.endsWith(".svg"))).toHaveLength(charts.length);
    expect(pictures.media.filter((f) => f.endsWith(".png"))).toHaveLength(charts.length);
    const paras = await docxStrings(file);
    for (const c of charts) expect(paras.indexOf(chartCaption(c)), c.tableId).toBeGreaterThan(paras.indexOf(c.title));
  });

  it("prints the suppressed rows for the statistician and never the exact row a hidden cell belongs to", async () => {
    const pdf = pdfStrings((await cast.as.statistician.get(`${url}&format=pdf`)).rawPayload);
    const docxFile = (await cast.as.statistician.get(`${url}&format=docx`)).rawPayload;
    const docx = await docxStrings(docxFile);
    const exactRows = rowsOf(exact);
    let hiddenRows = 0;
    for (const [i, r] of rowsOf(shown).entries()) {
      expect(containsRun(pdf, r.values), `pdf ${r.id} ${r.label}`).toBe(true);
      expect(containsRun(docx, [r.label, ...r.values]), `docx ${r.id} ${r.label}`).toBe(true);
      const e = exactRows[i];
      if (e && e.values.join("|") !== r.values.join("|")) {
        hiddenRows++;
        expect(containsRun(docx, [e.label, ...e.values]), `docx shows exact ${e.id} ${e.label}`).toBe(false);
      }
    }
    expect(hiddenRows).toBeGreaterThan(5);
    // The summary figures as the suppressed JSON has them.
    expect(docx).toContain("Unika deltagare: 27");
    expect(docx.join("\n")).toContain("Annat kön: visas inte");
    // The charts are drawn from the suppressed tables: a hidden cell has no bar and is named in the caption.
    const charts = chartsOf(shown);
    expect(charts.some((c) => c.hidden.length > 0)).toBe(true);
    expect((await docxPictures(docxFile)).drawings.map((d) => d.description)).toEqual(charts.map(chartDescription));
    for (const c of charts) {
      expect(docx, c.tableId).toContain(chartCaption(c));
      expect(pdf.join(""), c.tableId).toContain(chartCaption(c));
    }
  });

  it("are refused to coaches, participants, another project's coach and an admin without a role, in every format", async () => {
    for (const format of ["xlsx", "pdf", "docx"]) {
      for (const who of ["coach", "participant", "otherCoach", "admin"] as const)
        expect((await cast.as[who].get(`${url}&format=${format}`)).statusCode, `${who} ${format}`).toBe(403);
      expect((await t.app.inject({ url: `${url}&format=${format}` })).statusCode).toBe(401);
    }
  });

  it("logs every download with its format", async () => {
    await cast.as.statistician.get(`${url}&format=docx`);
    const entries = await auditOf(t.db, "report.annual");
    const formats = entries.map((e) => (typeof e.details === "string" ? JSON.parse(e.details) : e.details)?.format);
    for (const f of ["json", "xlsx", "pdf", "docx"]) expect(formats).toContain(f);
    expect(entries.every((e) => e.project_id === cast.project.id)).toBe(true);
  });
});

describe("small-cell threshold per project", () => {
  it("starts at 4 and is used by every suppressed output once a manager changes it", async () => {
    const settingsUrl = `/api/projects/${cast.project.id}/reports/settings`;
    const s = (await cast.as.statistician.get(settingsUrl)).json();
    expect(s).toMatchObject({ threshold: 4, followUpMonths: [6, 24] });
    const put = await cast.as.manager.put(settingsUrl, { version: s.version, threshold: 9, followUpMonths: [6, 24] });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ threshold: 9 });
    const audit = await auditOf(t.db, "report.settings.update", cast.project.id);
    expect(audit.at(-1)?.details).toMatchObject({ before: { threshold: 4 }, after: { threshold: 9 } });
    try {
      const r = (await cast.as.statistician.get(url)).json() as AnnualReport;
      expect(smallCounts(r, 9)).toEqual([]);
      expect(r.tables.flatMap((x) => x.rows.flatMap((row) => row.values))).toContain("<10");
      expect(r.notes.at(-1)).toMatch(/mellan 1 och 9 visas som <10/);
      expect(recoverHiddenCells(r)).toEqual([]);
      const sheets = await xlsxSheets((await cast.as.statistician.get(`${url}&format=xlsx`)).rawPayload);
      for (const [i, tb] of r.tables.entries())
        expect(([...sheets.values()][i] ?? []).slice(1), tb.id).toEqual(tb.rows.map((row) => [row.label, ...row.values]));
      const docx = await docxStrings((await cast.as.statistician.get(`${url}&format=docx`)).rawPayload);
      for (const row of rowsOf(r)) expect(containsRun(docx, [row.label, ...row.values]), `${row.id} ${row.label}`).toBe(true);
      const csv = (await cast.as.statistician.get(`${url}&format=csv`)).body;
      expect(csv).toContain("<10");
      const dis = (await cast.as.statistician.get(`/api/projects/${cast.project.id}/reports/dis-sus?${`from=${PERIOD.from}&to=${PERIOD.to}`}`)).json();
      expect(dis.notes.at(-1)).toMatch(/visas som <10/);
      // A manager still sees exact numbers.
      expect((await cast.as.manager.get(url)).json()).toEqual(exact);
    } finally {
      const now = (await cast.as.manager.get(settingsUrl)).json();
      await cast.as.manager.put(settingsUrl, { version: now.version, threshold: 4, followUpMonths: [6, 24] });
    }
  });

  it("answers 409 with the current settings to a stale version, and 400 naming the field", async () => {
    const settingsUrl = `/api/projects/${cast.project.id}/reports/settings`;
    const s = (await cast.as.manager.get(settingsUrl)).json();
    const stale = await cast.as.manager.put(settingsUrl, { version: s.version - 1, threshold: 5, followUpMonths: [6] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toEqual(s);
    const bad = await cast.as.manager.put(settingsUrl, { version: s.version, threshold: 0, followUpMonths: [6, 6] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(["followUpMonths", "threshold"]);
  });

  it("may be changed by an administrator, never by a coach, statistician, participant or another project's coach", async () => {
    const settingsUrl = `/api/projects/${cast.project.id}/reports/settings`;
    const s = (await cast.as.manager.get(settingsUrl)).json();
    const body = { version: s.version, threshold: 4, followUpMonths: [6, 24] };
    for (const who of ["coach", "statistician", "participant", "otherCoach"] as const)
      expect((await cast.as[who].put(settingsUrl, body)).statusCode, who).toBe(403);
    expect((await t.app.inject({ method: "PUT", url: settingsUrl, payload: body })).statusCode).toBe(401);
    expect((await cast.as.admin.put(settingsUrl, body)).statusCode).toBe(200);
    expect((await cast.as.otherCoach.get(settingsUrl)).statusCode).toBe(403);
    expect((await cast.as.participant.get(settingsUrl)).statusCode).toBe(403);
    expect((await t.app.inject({ url: settingsUrl })).statusCode).toBe(401);
  });
});

describe("narrative sections", () => {
  const textUrl = (section: string, year = 2023) => `/api/projects/${cast.project.id}/reports/texts/${year}/${section}`;
  it("are versioned: a stale or repeated first write answers 409 with the current text", async () => {
    const first = await cast.as.manager.put(textUrl("economy"), { version: 0, body: "Budgeten höll." });
    expect(first.json()).toMatchObject({ section: "economy", body: "Budgeten höll.", version: 1 });
    const again = await cast.as.manager.put(textUrl("economy"), { version: 0, body: "Annan text." });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.current).toMatchObject({ body: "Budgeten höll.", version: 1 });
    expect((await cast.as.manager.put(textUrl("economy"), { version: 1, body: "Budgeten höll nästan." })).json().version).toBe(2);
    expect((await cast.as.manager.put(textUrl("economy"), { version: 1, body: "För sent." })).statusCode).toBe(409);
    const all = (await cast.as.statistician.get(`/api/projects/${cast.project.id}/reports/texts/2023`)).json();
    expect(all.sections.map((x: { section: string }) => x.section)).toEqual([
      "summary",
      "target_group",
      "statistics_analysis",
      "economy",
      "economy_analysis",
      "activities",
      "activities_analysis",
      "collaboration",
      "swot",
    ]);
    expect(all.sections[3]).toMatchObject({ body: "Budgeten höll nästan.", version: 2 });
    expect(await auditOf(t.db, "report.text.update", cast.project.id)).not.toHaveLength(0);
  });

  it("are written only by the project's managers, and read only by those who see its statistics", async () => {
    for (const who of ["coach", "statistician", "participant", "otherCoach", "admin"] as const)
      expect((await cast.as[who].put(textUrl("summary", 2030), { version: 0, body: "x" })).statusCode, who).toBe(403);
    expect((await t.app.inject({ method: "PUT", url: textUrl("summary", 2030), payload: { version: 0, body: "x" } })).statusCode).toBe(401);
    for (const who of ["coach", "participant", "otherCoach", "admin"] as const)
      expect((await cast.as[who].get(`/api/projects/${cast.project.id}/reports/texts/2030`)).statusCode, who).toBe(403);
    const bad = await cast.as.manager.put(`/api/projects/${cast.project.id}/reports/texts/1999/nonsense`, { version: 0, body: "x" });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(["section", "year"]);
    const badBody = await cast.as.manager.put(textUrl("summary", 2030), { version: 0, body: 1 });
    expect(Object.keys(badBody.json().error.fields)).toEqual(["body"]);
  });
});
