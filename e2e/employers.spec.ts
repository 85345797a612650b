import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoViolations, launchBrowser, screenshot, signInThroughForm, startStegvis, swedishDay } from "./harness.ts";

// A coach of Steget builds up the employer network and then looks for a place by trade.
let server: Awaited<ReturnType<typeof startStegvis>>;
let browser: BrowserContext;
let page: Page;
let projectId: string;

const today = () => swedishDay(0);
const settle = async () => {
  await page.waitForLoadState("networkidle");
};

beforeAll(async () => {
  server = await startStegvis();
  projectId = (await server.db.selectFrom("projects").select("id").where("slug", "=", "steget").executeTakeFirstOrThrow()).id;
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  await signInThroughForm(page, server.url, "coach@stegvis.demo");
  await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a coach works with the employer network", () => {
  it("reaches the employer list from the project page; the list and the weekly figure read well", async () => {
    await page.goto(`${server.url}/projekt/${projectId}`);
    await settle();
    await page.getByRole("link", { name: "Arbetsgivare" }).click();
    await page.waitForURL(`**/projekt/${projectId}/arbetsgivare`);
    await settle();
    await expect.poll(() => page.getByRole("heading", { level: 1, name: "Arbetsgivare" }).count()).toBe(1);
    await expect.poll(() => page.getByRole("table", { name: /arbetsgivare$/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole("table", { name: /Loggade arbetsgivarkontakter/ }).count()).toBe(1);
    await expectNoViolations(page, "employer list");
    await screenshot(page, "employers-list");
  });

  it("registers an employer; a wrong check digit gets a message at the field", async () => {
    await page.getByRole("link", { name: "Ny arbetsgivare" }).click();
    await page.waitForURL("**/arbetsgivare/ny");
    await settle();
    await page.getByLabel("Namn").fill("Cykelverkstaden Eker AB");
    await page.getByLabel("Organisationsnummer").fill("556036-0794");
    await page.getByLabel("Sektor").selectOption("private");
    await page.getByLabel("Branscher").fill("Cykelreparation, Verkstad");
    await page.getByRole("button", { name: "Spara arbetsgivare" }).click();
    await expect.poll(() => page.getByText(/kontrollsiffran/).count()).toBeGreaterThan(0);
    await expectNoViolations(page, "new employer with an error");
    await screenshot(page, "employers-new-error");
    await page.getByLabel("Organisationsnummer").fill("5560360793");
    await page.getByRole("button", { name: "Spara arbetsgivare" }).click();
    await page.waitForURL(/\/arbetsgivare\/[0-9a-f-]{36}$/);
    await settle();
    await expect.poll(() => page.getByRole("heading", { level: 1, name: "Cykelverkstaden Eker AB" }).count()).toBe(1);
    await expect.poll(() => page.getByText("556036-0793").count()).toBe(1);
  });

  it("adds a workplace and a contact person who is a supervisor, and logs a call", async () => {
    const workplaceForm = page.getByRole("form", { name: "Lägg till arbetsplats" });
    await workplaceForm.getByLabel("Arbetsplatsens namn").fill("Verkstaden vid ån");
    await workplaceForm.getByLabel("Gatuadress").fill("Ågatan 7");
    await workplaceForm.getByLabel("Postnummer").fill("72212");
    await workplaceForm.getByLabel("Postort").fill("Älvby");
    await workplaceForm.getByLabel("Stadsdel eller område").fill("Centrum");
    await workplaceForm.getByRole("button", { name: "Lägg till arbetsplats" }).click();
    await expect.poll(() => page.getByRole("table", { name: "1 arbetsplats" }).count()).toBe(1);

    const contactForm = page.getByRole("form", { name: "Lägg till person" });
    await contactForm.getByLabel("Namn").fill("Maja Ekström");
    await contactForm.getByLabel("Roll").fill("Verkstadschef");
    await contactForm.getByLabel("Telefon").fill("021-55 44 33");
    await contactForm.getByLabel("E-post").fill("maja@eker.example");
    await contactForm.getByLabel("Arbetsplats").selectOption({ label: "Verkstaden vid ån" });
    await contactForm.getByLabel("Personen är handledare").check();
    await contactForm.getByLabel("Handledarutbildning given").fill(today());
    await contactForm.getByRole("button", { name: "Lägg till person" }).click();
    await expect.poll(() => page.getByRole("table", { name: "1 person" }).count()).toBe(1);

    const logForm = page.getByRole("form", { name: "Logga kontakt" });
    await logForm.getByLabel("Typ av kontakt").selectOption("call");
    await logForm.getByLabel("Datum").fill(today());
    await logForm.getByLabel("Kontaktperson").selectOption({ label: "Maja Ekström" });
    await logForm.getByLabel("Resultat").fill("Kan ta emot en praktikant i verkstaden.");
    await logForm.getByRole("button", { name: "Logga kontakt" }).click();
    await expect.poll(() => page.getByRole("table", { name: "1 kontakt" }).count()).toBe(1);
    await expect.poll(() => page.getByRole("cell", { name: "Kan ta emot en praktikant i verkstaden." }).count()).toBe(1);
    await settle();
    await expectNoViolations(page, "employer page");
    await screenshot(page, "employers-page");
  });

  it("finds the employer by trade in the list", async () => {
    await page.getByRole("link", { name: "Tillbaka till arbetsgivarna" }).click();
    await page.waitForURL(`**/projekt/${projectId}/arbetsgivare`);
    await settle();
    await page.getByLabel("Bransch", { exact: true }).selectOption("cykelreparation");
    await page.getByRole("button", { name: "Visa" }).click();
    await expect.poll(() => page.getByRole("table", { name: "1 arbetsgivare" }).count()).toBe(1);
    await expect.poll(() => page.getByRole("link", { name: "Cykelverkstaden Eker AB" }).count()).toBe(1);
    await expectNoViolations(page, "employer list filtered");
    await screenshot(page, "employers-filtered");
  });

  it("gets suggestions from trades on the find-a-place page", async () => {
    await page.goto(`${server.url}/projekt/${projectId}/arbetsgivare/hitta-plats`);
    await settle();
    await page.getByLabel("Branscher").fill("restaurang, lager, butik");
    await page.getByRole("button", { name: "Föreslå arbetsgivare" }).click();
    await settle();
    await expect.poll(async () => (await page.getByRole("table", { name: /förslag/ }).count()) + (await page.getByRole("status").count())).toBeGreaterThan(0);
    await expectNoViolations(page, "find a place");
    await screenshot(page, "employers-find");
  });

  it("sees the placement history of a demo employer, with outcomes", async () => {
    await page.goto(`${server.url}/projekt/${projectId}/arbetsgivare`);
    await settle();
    await page.getByRole("link", { name: "Bilverkstaden Motorhuset" }).click();
    await page.waitForURL(/\/arbetsgivare\/[0-9a-f-]{36}$/);
    await settle();
    const placements = page.getByRole("table", { name: /placeringar?$/ });
    await expect.poll(() => placements.count()).toBe(1);
    await expect.poll(() => placements.getByRole("row").count()).toBeGreaterThan(1);
    // A supervisor without training gets it recorded from the contacts table.
    const record = page.getByRole("button", { name: /^Registrera handledarutbildning: / }).first();
    await expect.poll(() => record.count()).toBe(1);
    await record.click();
    const form = page.getByRole("form", { name: /^Registrera handledarutbildning: / });
    await expectNoViolations(page, "supervisor training form");
    await form.getByLabel("Handledarutbildning given").fill(today());
    await form.getByRole("button", { name: "Spara" }).click();
    await expect.poll(() => page.getByRole("form", { name: /^Registrera handledarutbildning: / }).count()).toBe(0);
    expect(
      await page
        .getByRole("table", { name: /personer?$/ })
        .getByText(today())
        .count(),
    ).toBeGreaterThan(0);
    await expectNoViolations(page, "employer page with placements");
    await screenshot(page, "employers-placements");
  });
});

describe("a manager merges a duplicate employer", () => {
  let manager: BrowserContext;
  let mpage: Page;
  beforeAll(async () => {
    const org = await server.db.selectFrom("employers").select("organisation_id").executeTakeFirstOrThrow();
    await server.db
      .insertInto("employers")
      .values({ organisation_id: org.organisation_id, name: "Cykelverkstan Eker", sector: "private", trades: ["cykel"] })
      .execute();
    manager = await launchBrowser();
    mpage = manager.pages()[0] ?? (await manager.newPage());
    await signInThroughForm(mpage, server.url, "ledare@stegvis.demo");
    await mpage.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
  });
  afterAll(async () => {
    await manager?.close();
  });

  it("merges the duplicate into the employer through the dialog", async () => {
    const kept = await server.db.selectFrom("employers").select("id").where("name", "=", "Cykelverkstaden Eker AB").executeTakeFirstOrThrow();
    await mpage.goto(`${server.url}/projekt/${projectId}/arbetsgivare/${kept.id}`);
    await mpage.waitForLoadState("networkidle");
    await mpage.getByRole("button", { name: "Slå ihop med dubblett" }).click();
    const dialog = mpage.getByRole("dialog", { name: "Slå ihop dubbletter" });
    await dialog.getByLabel("Dubblett som ska slås ihop").selectOption({ label: "Cykelverkstan Eker" });
    await expectNoViolations(mpage, "merge dialog");
    await screenshot(mpage, "employers-merge");
    await dialog.getByRole("button", { name: "Slå ihop" }).click();
    await expect.poll(() => dialog.getByText(/Sammanslaget/).count()).toBe(1);
    expect(await server.db.selectFrom("employers").select("id").where("name", "=", "Cykelverkstan Eker").execute()).toEqual([]);
    const merged = await server.db.selectFrom("audit_log").select("subject_id").where("action", "=", "employer.merge").execute();
    expect(merged).toEqual([{ subject_id: kept.id }]);
  });
});
