import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docxStrings, pdfStrings } from "../server/features/reports/doc-text.ts";
import { expectNoViolations, launchBrowser, screenshot, signInThroughForm, startStegvis, swedishDay } from "./harness.ts";

// The project manager of Steget opens the reports, writes the annual report's summary and downloads the report.
let server: Awaited<ReturnType<typeof startStegvis>>;
let browser: BrowserContext;
let page: Page;
let projectId: string;
const year = Number(swedishDay(0).slice(0, 4));

beforeAll(async () => {
  server = await startStegvis();
  projectId = (await server.db.selectFrom("projects").select("id").where("slug", "=", "steget").executeTakeFirstOrThrow()).id;
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  await signInThroughForm(page, server.url, "ledare@stegvis.demo");
  await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function download(name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  const path = await file.path();
  if (!path) throw new Error(`no file for ${name}`);
  return readFileSync(path);
}

describe("a manager works with the project's reports", () => {
  it("finds the reports hub from the project page", async () => {
    await page.goto(`${server.url}/projekt/${projectId}`);
    await page.getByRole("link", { name: "Rapporter" }).click();
    await page.waitForURL((u) => u.pathname.endsWith("/rapporter"));
    await page.getByRole("heading", { level: 1, name: "Rapporter" }).waitFor();
    await page.getByRole("heading", { name: "DIS/SUS – uppföljning för samordningsförbundet" }).waitFor();
    await page.waitForLoadState("networkidle");
    await expectNoViolations(page, "reports hub");
    await screenshot(page, "reports-hub");
  });

  it("writes the summary of the annual report", async () => {
    await page.getByRole("link", { name: `Skriv årsrapportens texter för ${year}` }).click();
    await page.getByRole("heading", { level: 1, name: "Årsrapportens texter" }).waitFor();
    await page.waitForLoadState("networkidle");
    const summary = page.getByRole("textbox", { name: "Sammanfattning" });
    await summary.fill("Under året har fler deltagare gått vidare till studier än tidigare.\n\nSamarbetet med näringslivet har utvecklats.");
    await page.getByRole("button", { name: "Spara sammanfattning" }).click();
    await page.getByRole("status").filter({ hasText: "Sammanfattning är sparat." }).waitFor();
    await page.getByRole("textbox", { name: "Målvärde: Antal deltagare under året" }).fill("45");
    await page.getByRole("button", { name: "Spara mål: Antal deltagare under året" }).click();
    await page.getByRole("status").filter({ hasText: "Sparat." }).first().waitFor();
    await page.getByRole("textbox", { name: "Budget: Personalkostnader" }).fill("abc");
    await page.getByRole("button", { name: "Spara: Personalkostnader" }).click();
    await page.locator("[aria-invalid='true']").first().waitFor();
    await page.getByRole("textbox", { name: "Budget: Personalkostnader" }).fill("640000");
    await page.getByRole("textbox", { name: "Utfall: Personalkostnader" }).fill("580000");
    await page.getByRole("button", { name: "Spara: Personalkostnader" }).click();
    await page.waitForLoadState("networkidle");
    const line = await server.db
      .selectFrom("economy_lines")
      .select(["budget", "outcome"])
      .where("project_id", "=", projectId)
      .where("cost_type", "=", "staff")
      .where("year", "=", year)
      .executeTakeFirstOrThrow();
    expect(line).toEqual({ budget: 640000, outcome: 580000 });
    await expectNoViolations(page, "report texts");
    await screenshot(page, "report-texts");
  });

  it("downloads the annual report as PDF, Word and Excel, with the summary in the documents", async () => {
    await page.getByRole("link", { name: "Tillbaka till rapporterna" }).click();
    await page.getByRole("heading", { level: 1, name: "Rapporter" }).waitFor();
    await page.getByRole("table", { name: `Budget och utfall ${year}` }).waitFor();
    const pdf = await download("Ladda ner årsrapporten som PDF");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdfStrings(pdf).join("")).toContain("fler deltagare gått vidare till studier");
    // The economy entered for the year is in the document.
    expect(pdfStrings(pdf).join("|")).toMatch(/\|640\s000\|580\s000\|/);
    const docx = await download("Ladda ner årsrapporten som DOCX");
    expect(await docxStrings(docx)).toContain("Samarbetet med näringslivet har utvecklats.");
    const xlsx = await download("Ladda ner årsrapporten som XLSX");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain("Kön per intag");
    expect(wb.getWorksheet("Kön per intag")?.getRow(1).getCell(1).value ?? "").toBe("");
  });

  it("shows the DIS/SUS tables and downloads the forms", async () => {
    await page.getByRole("table", { name: "Huvudsaklig försörjning vid start och vid avslut" }).waitFor();
    const forms = await download("Ladda ner DIS-blanketterna som XLSX (DIS-blanketterna)");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(forms as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.name).toBe("DIS-blanketter");
    expect(wb.worksheets[0]?.getRow(1).values).toContain("Personnummer");
    const pdf = pdfStrings(await download("Ladda ner DIS-blanketterna som PDF (DIS-blanketterna)")).join(" ");
    // PDF text comes in runs, so words may be split where the renderer placed them.
    expect(pdf).toMatch(/DIS-\s*blanketter/);
    expect(pdf).toMatch(/DIS\s+–\s+(uppgifter\s+vid\s+start|avslutningsblankett)/);
  });

  it("changes the small-cell threshold", async () => {
    const field = page.getByRole("textbox", { name: "Gräns för små antal" });
    await field.fill("0");
    await page.getByRole("button", { name: "Spara inställningar" }).click();
    await page.locator("[aria-invalid='true']").first().waitFor();
    await field.fill("6");
    await page.getByRole("button", { name: "Spara inställningar" }).click();
    await page.getByRole("status").filter({ hasText: "Inställningarna är sparade." }).waitFor();
    const saved = await server.db.selectFrom("report_settings").select("suppression_threshold").where("project_id", "=", projectId).executeTakeFirstOrThrow();
    expect(saved.suppression_threshold).toBe(6);
    await page.getByLabel("Markera för publicering (små antal döljs)").check();
    await page.getByText("Antal från 1 till 6 visas som <7.").waitFor();
    await page.waitForLoadState("networkidle");
    await expectNoViolations(page, "reports hub with settings saved");
    await screenshot(page, "reports-hub-published");
  });

  it("sees the annual statistics on screen, each charted table followed by its chart", async () => {
    await page.getByRole("link", { name: "Visa tabellerna på skärmen" }).click();
    await page.waitForURL((u) => u.pathname.endsWith("/statistik"));
    await page.getByRole("table", { name: "Kön per intag" }).waitFor();
    // The chart is an image named by its title, with every figure in its description.
    const chart = page.getByRole("img", { name: "Diagram: Kön per intag" });
    await chart.waitFor();
    expect(await chart.locator("desc").textContent()).toMatch(/^Liggande stapeldiagram, antal inskrivningar\. .*Kvinnor \d+/);
    await page.getByRole("img", { name: "Diagram: Resultat under programmet" }).waitFor();
    expect(await page.getByRole("figure").filter({ hasText: "Diagram: Kön per intag, antal inskrivningar per kön." }).count()).toBe(1);
    // Work experience is read from its table alone.
    expect(await page.getByRole("img", { name: "Diagram: Arbetslivserfarenhet" }).count()).toBe(0);
    await page.waitForLoadState("networkidle");
    await expectNoViolations(page, "annual statistics with charts");
    await screenshot(page, "annual-statistics");
  });
});
