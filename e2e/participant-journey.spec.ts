import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoViolations, launchBrowser, screenshot, signInThroughForm, startStegvis, swedishDay } from "./harness.ts";

// One person's way through the programme, as the demo coach of Steget records it.
let server: Awaited<ReturnType<typeof startStegvis>>;
let browser: BrowserContext;
let page: Page;
let projectId: string;
let firstEnrolment: string;

const day = swedishDay;
/** A personnummer with a correct check digit, for an invented person in a throwaway database. */
function personnummer(birth: string, serial: string) {
  const nine = birth.slice(2).replaceAll("-", "") + serial;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return `${birth.replaceAll("-", "")}-${serial}${(10 - (sum % 10)) % 10}`;
}
const birth = "2002-04-17";
const number = personnummer(birth, "246");

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

describe("a coach follows a participant from referral to re-enrolment", () => {
  it("registers a referral for a new person; an empty form gets errors at the fields", async () => {
    await page.goto(`${server.url}/projekt/${projectId}/aktualiseringar/ny`);
    await settle();
    await page.getByRole("button", { name: "Spara aktualisering" }).click();
    await expect.poll(() => page.locator("[aria-invalid='true']").count()).toBeGreaterThan(0);
    await expectNoViolations(page, "new referral with errors");
    await page.getByLabel("Förnamn").fill("Tindra");
    await page.getByLabel("Efternamn").fill("Övergaard");
    await page.getByRole("radio", { name: "Kvinna" }).check();
    await page.getByLabel("Personnummer").fill(number);
    await page.getByLabel("Aktualiseringsdatum").fill(day(-90));
    await page.getByLabel("Initierande part").selectOption("ske");
    await page.getByLabel("Kontaktperson hos parten").fill("Handläggare på försörjningsstöd");
    await page.getByRole("button", { name: "Spara aktualisering" }).click();
    await page.waitForURL(/aktualiseringar\/[0-9a-f-]{36}$/);
    await settle();
    await expectNoViolations(page, "referral page");
  });

  it("accepts the referral and enrols the person with background and consents", async () => {
    await page.getByRole("radio", { name: "Beviljad" }).check();
    await page.getByLabel("Beslutsdatum").fill(day(-80));
    await page.getByRole("button", { name: "Spara beslut" }).click();
    await page.getByText("Beslutet är sparat").waitFor();
    await page.getByRole("link", { name: "Skriv in" }).first().click();
    await page.waitForURL(/inskrivning\/ny\?referral=/);
    await settle();
    await page.getByLabel("Intag").selectOption({ index: 1 });
    await page.getByLabel("Startdatum").fill(day(-60));
    await page.getByLabel("Ansvarig coach").selectOption({ index: 1 });
    await page.getByLabel("Utbildningsnivå").selectOption("gymnasieskola");
    await page.getByRole("radio", { name: "Ja" }).check();
    await page.getByLabel("Har haft praktik").check();
    await page.getByRole("button", { name: "Lägg till inkomstkälla" }).click();
    await page.getByLabel("Inkomstkälla 1").selectOption("forsorjningsstod");
    await page.getByLabel("Andel 1").selectOption("75");
    await page.getByRole("button", { name: "Lägg till inkomstkälla" }).click();
    await page.getByLabel("Inkomstkälla 2").selectOption("studiemedel");
    await page.getByLabel("Andel 2").selectOption("25");
    expect(await page.getByText("Huvudsaklig inkomst enligt största andel").textContent()).toContain("Försörjningsstöd");
    await page.getByRole("button", { name: "Lägg till samtycke" }).click();
    await page.getByLabel("Ändamål 1").selectOption("sus_registration");
    await page.getByLabel("Mottagare 1").fill("Samordningsförbundet");
    await expectNoViolations(page, "enrolment form");
    await page.getByRole("button", { name: "Skriv in", exact: true }).click();
    await page.waitForURL(/\/deltagare\/[0-9a-f-]{36}$/);
    await settle();
    firstEnrolment = page.url().split("/").pop() as string;
    await page.getByRole("heading", { level: 1, name: /Övergaard/ }).waitFor();
    expect(await page.getByText(number).count()).toBe(0);
    await page.getByRole("button", { name: "Visa personnummer" }).click();
    await page.getByText(number).first().waitFor();
    await screenshot(page, "journey-enrolled");
    await expectNoViolations(page, "participant page");
  });

  it("extends, pauses and withdraws a consent", async () => {
    await page.getByRole("button", { name: "Förläng" }).click();
    await page.getByLabel("Skäl", { exact: true }).first().selectOption("halsa");
    await page.getByRole("button", { name: "Spara förlängning" }).click();
    await page.getByText("Förlängningen är sparad.").waitFor();
    await page.getByRole("button", { name: "Registrera uppehåll" }).click();
    await page.getByLabel("Från och med").fill(day(-30));
    await page.getByLabel("Till och med").fill(day(-20));
    await page.getByLabel("Skäl").fill("Sjukskriven två veckor.");
    await page.getByRole("button", { name: "Spara uppehåll" }).click();
    await page.getByText("Uppehållet är sparat.").waitFor();
    await page.getByRole("button", { name: /^Återkalla samtycke: Registrering i SUS/ }).click();
    await page.getByRole("button", { name: "Återkalla nu" }).click();
    await page.getByText(/är återkallat och gäller inte längre/).waitFor();
    await expectNoViolations(page, "participant page after extension, pause and withdrawal");
  });

  it("exits: the required fields are asked for, then the exit is saved", async () => {
    await page.getByRole("button", { name: "Avsluta inskrivningen" }).click();
    await page.getByRole("button", { name: "Avsluta", exact: true }).click();
    await expect.poll(() => page.locator("[aria-invalid='true']").count()).toBeGreaterThan(0);
    await page.getByLabel("Avslutsorsak").selectOption("studier");
    await page.getByRole("radio", { name: "Slutligt" }).check();
    await page.getByLabel("Nästa instans").fill("Vuxenutbildningen");
    await expectNoViolations(page, "exit form");
    await page.getByRole("button", { name: "Avsluta", exact: true }).click();
    await page.getByText("Avslutet är sparat.").waitFor();
    await screenshot(page, "journey-exited");
  });

  it("enrols the person again; the new period links to the earlier one and the timeline shows both", async () => {
    await page.getByRole("link", { name: "Skriv in igen" }).click();
    await page.waitForURL(/inskrivning\/ny\?previous=/);
    await settle();
    await page.getByLabel("Startdatum").fill(day(1));
    await page.getByRole("button", { name: "Skriv in", exact: true }).click();
    await page.waitForURL((u) => u.pathname.startsWith("/deltagare/") && !u.pathname.endsWith(firstEnrolment));
    await settle();
    await page
      .getByRole("link", { name: /^Inskrivning / })
      .first()
      .waitFor();
    // The timeline is a request of its own: wait for its events, not only for the header.
    await page.getByText("Inskriven igen").first().waitFor();
    const timeline = await page.locator("body").textContent();
    expect(timeline).toContain("Inskriven igen");
    expect(timeline).toContain("Avslutad");
    await screenshot(page, "journey-re-enrolled");
    await expectNoViolations(page, "participant page re-enrolled");
    const periods = await server.db
      .selectFrom("enrolments as e")
      .innerJoin("persons as p", "p.id", "e.person_id")
      .select("e.id")
      .where("p.last_name", "=", "Övergaard")
      .execute();
    expect(periods).toHaveLength(2);
  });

  it("finds the person in the caseload by personnummer without putting it in the address", async () => {
    await page.goto(`${server.url}/projekt/${projectId}/deltagare`);
    await settle();
    await page.getByLabel("Sök på namn eller personnummer").fill(number);
    await page.getByRole("button", { name: "Visa" }).click();
    await settle();
    await page
      .getByRole("link", { name: /Övergaard, Tindra/ })
      .first()
      .waitFor();
    expect(page.url()).not.toContain(number.slice(0, 8));
    await expectNoViolations(page, "caseload searched");
  });
});
