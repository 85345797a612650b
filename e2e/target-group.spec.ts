import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoViolations, launchBrowser, screenshot, signInThroughForm, startStegvis } from "./harness.ts";

let server: Awaited<ReturnType<typeof startStegvis>>;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startStegvis();
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a manager sets the target group; a referral from elsewhere is flagged", () => {
  it("sets districts and a main income on the project page", async () => {
    await signInThroughForm(page, server.url, "ledare@stegvis.demo");
    await page.getByRole("heading", { level: 1 }).filter({ hasText: "Hej" }).waitFor();
    await page.getByRole("link", { name: "Steget – unga vuxna" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Steget – unga vuxna" }).waitFor();
    const form = page.getByRole("form", { name: "Ändra målgrupp" });
    await form.getByLabel("Kommundelar som projektet gäller").fill("Centrum\nBergsdal");
    await form.getByLabel("Försörjningsstöd (SKE)").check();
    await form.getByRole("button", { name: "Spara målgruppen" }).click();
    await page.getByText("Målgruppen är sparad").waitFor();
    await page.locator("dd").filter({ hasText: "Centrum, Bergsdal" }).waitFor();
    await screenshot(page, "project-target-group");
    await expectNoViolations(page, "/projekt/:id with the target-group form");
  });

  it("registers a referral from another district; it is flagged with the reason", async () => {
    const projectUrl = page.url();
    await page.goto(`${projectUrl}/aktualiseringar/ny`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByText("Projektet gäller Centrum, Bergsdal").waitFor();
    await page.getByLabel("Förnamn").fill("Tindra");
    await page.getByLabel("Efternamn").fill("Vallin");
    await page.getByRole("radio", { name: "Kvinna" }).check();
    await page.getByLabel("Födelsedatum").fill("2002-03-14");
    await page.getByLabel("Initierande part").selectOption({ index: 1 });
    await page.getByLabel("Kommundel").fill("Norra Älvby");
    await page.getByLabel("Huvudsaklig inkomst nu").selectOption({ label: "Försörjningsstöd (SKE)" });
    await expectNoViolations(page, "/projekt/:id/aktualiseringar/ny with district and income");
    await page.getByRole("button", { name: "Spara aktualisering" }).click();
    await page.waitForURL(/\/aktualiseringar\/[0-9a-f-]{36}$/);
    await page.getByText("Kommundelen Norra Älvby ingår inte i målgruppen (Centrum, Bergsdal).").waitFor();
    await screenshot(page, "referral-outside-district");
    await expectNoViolations(page, "/projekt/:id/aktualiseringar/:id outside the target group");
    expect(await page.getByText("Inkomsten").count()).toBe(0);
  });
  it("registers a person with protected identity: no personnummer, address or postal code, only the town", async () => {
    const projectUrl = page.url().replace(/\/aktualiseringar\/[0-9a-f-]{36}$/, "");
    await page.goto(`${projectUrl}/aktualiseringar/ny`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByLabel("Förnamn").fill("Saga");
    await page.getByLabel("Efternamn").fill("Lindqvistsson");
    await page.getByRole("radio", { name: "Kvinna" }).check();
    await page.getByLabel("Skyddad identitet").check();
    await expect.poll(() => page.getByLabel("Personnummer").count()).toBe(0);
    expect(await page.getByLabel("Adress", { exact: true }).count()).toBe(0);
    expect(await page.getByLabel("Postnummer").count()).toBe(0);
    await page.getByText("Bara orten sparas, aldrig adress eller postnummer.", { exact: false }).waitFor();
    await page.getByLabel("Ort", { exact: true }).fill("Hemlunda");
    await page.getByLabel("Födelsedatum").fill("2003-08-21");
    await page.getByLabel("Initierande part").selectOption({ index: 1 });
    await page.getByLabel("Kommundel").fill("Centrum");
    await page.getByLabel("Huvudsaklig inkomst nu").selectOption({ label: "Försörjningsstöd (SKE)" });
    await expectNoViolations(page, "/projekt/:id/aktualiseringar/ny with protected identity");
    await screenshot(page, "referral-protected-identity");
    await page.getByRole("button", { name: "Spara aktualisering" }).click();
    await page.waitForURL(/\/aktualiseringar\/[0-9a-f-]{36}$/);
    const stored = await server.db
      .selectFrom("persons")
      .select(["personnummer", "address", "postal_code", "city", "protected_identity"])
      .where("last_name", "=", "Lindqvistsson")
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ personnummer: null, address: null, postal_code: null, city: "Hemlunda", protected_identity: true });
  });
});
