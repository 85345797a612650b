import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoViolations, launchBrowser, screenshot, signInThroughForm, startStegvis } from "./harness.ts";

// A manager moves a project's spreadsheet into Stegvis: a broken file first, then the right one.
const examples = join(import.meta.dirname, "..", "server", "features", "imports", "examples");
const filesOf = (which: string) =>
  readdirSync(join(examples, which))
    .filter((f) => f.endsWith(".csv"))
    .map((f) => join(examples, which, f));

let server: Awaited<ReturnType<typeof startStegvis>>;
let browser: BrowserContext;
let page: Page;
let projectId: string;

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

describe("a manager imports participants from a spreadsheet", () => {
  it("finds the import page from the project", async () => {
    await page.goto(`${server.url}/projekt/${projectId}`);
    await page.waitForLoadState("networkidle");
    await page.getByRole("link", { name: "Import och export" }).click();
    await page.waitForURL(/\/import$/);
    await page.getByRole("heading", { level: 1, name: "Import och export" }).waitFor();
    await expectNoViolations(page, "import page");
  });

  it("uploads the broken example and reads every problem, grouped by sheet", async () => {
    await page.locator("input[type=file]").setInputFiles(filesOf("broken"));
    await page.getByRole("button", { name: "Granska" }).click();
    await page.getByRole("alert").filter({ hasText: "Filen kan inte importeras: 5 problem" }).waitFor();
    const enrolments = page.getByRole("table", { name: "Blad enrolments (enrolments.csv): 2 problem" });
    await enrolments.waitFor();
    await expect.poll(() => enrolments.getByRole("row").count()).toBe(3);
    expect(await enrolments.textContent()).toContain("Andelarna blir 125 %");
    expect(await enrolments.textContent()).toContain("kontrollsiffran stämmer inte");
    const activities = page.getByRole("table", { name: "Blad activities (activities.csv): 2 problem" });
    expect(await activities.textContent()).toContain("IN-999");
    expect(await activities.textContent()).toContain("före sin start");
    const extensions = page.getByRole("table", { name: "Blad extensions (extensions.csv): 1 problem" });
    expect(await extensions.textContent()).toContain("okänd_orsak");
    await expectNoViolations(page, "import problems");
    await screenshot(page, "import-problems");
    // Nothing was written.
    const n = await server.db.selectFrom("persons").select("id").where("last_name", "=", "Åberg").where("first_name", "=", "Viktor").execute();
    expect(n).toHaveLength(0);
  });

  it("uploads the valid example, previews it and confirms", async () => {
    await page.locator("input[type=file]").setInputFiles(filesOf("valid"));
    await page.getByRole("button", { name: "Granska" }).click();
    await page.getByText("Allt ser rätt ut").waitFor();
    const summary = page.getByRole("table", { name: "Det här skapas" });
    expect(await summary.getByRole("row", { name: /^Inskrivningar/ }).textContent()).toContain("5");
    const sample = page.getByRole("table", { name: /Exempel på inskrivningar/ });
    expect(await sample.textContent()).toContain("Viktor Åberg");
    await expectNoViolations(page, "import preview");
    await screenshot(page, "import-preview");
    await page.getByRole("button", { name: "Importera 5 inskrivningar" }).click();
    await page.getByText("Importen är klar").waitFor();
    await expectNoViolations(page, "import done");
    await screenshot(page, "import-done");
  });

  it("sees the imported participants in the caseload", async () => {
    await page.getByRole("link", { name: "Till deltagarna" }).click();
    await page.waitForURL(/\/deltagare/);
    await page.getByLabel("Sök på namn eller personnummer").fill("Åberg");
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: /Åberg/ }).first().waitFor();
    await screenshot(page, "import-caseload");
    await expectNoViolations(page, "caseload after import");
  });
});
