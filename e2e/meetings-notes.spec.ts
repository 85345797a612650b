import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoViolations, launchBrowser, screenshot, signInThroughForm, startStegvis, swedishDay } from "./harness.ts";

// The demo coach books a meeting, records attendance, writes and signs a note, corrects it,
// and looks at the week in the calendar.
let server: Awaited<ReturnType<typeof startStegvis>>;
let browser: BrowserContext;
let page: Page;
let enrolmentId: string;

const settle = () => page.waitForLoadState("networkidle");

beforeAll(async () => {
  server = await startStegvis();
  const coach = await server.db.selectFrom("users").select("id").where("email", "=", "coach@stegvis.demo").executeTakeFirstOrThrow();
  const e = await server.db
    .selectFrom("enrolments")
    .select("id")
    .where("coach_id", "=", coach.id)
    .where("exit_date", "is", null)
    .where("start_date", "<=", swedishDay(-30))
    .orderBy("start_date")
    .executeTakeFirstOrThrow();
  enrolmentId = e.id;
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on("dialog", (d) => void d.accept());
  await signInThroughForm(page, server.url, "coach@stegvis.demo");
  await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a coach's meetings, notes and week", () => {
  it("books a meeting for tomorrow", async () => {
    await page.goto(`${server.url}/deltagare/${enrolmentId}/moten`);
    await settle();
    await expect.poll(() => page.getByRole("heading", { level: 1, name: "Möten" }).count()).toBe(1);
    await expectNoViolations(page, "meetings page");
    await page.getByRole("button", { name: "Boka möte" }).click();
    const form = page.getByRole("form", { name: "Boka möte" });
    await form.getByLabel("Datum").fill(swedishDay(1));
    await form.getByLabel("Tid", { exact: true }).fill("13:30");
    await form.getByLabel("Form").selectOption("video");
    await form.getByLabel("Överenskomna uppgifter till nästa gång").fill("Skriva ett personligt brev.");
    await expectNoViolations(page, "booking form");
    await screenshot(page, "meetings-booking-form");
    await form.getByRole("button", { name: "Boka", exact: true }).click();
    await expect.poll(() => page.getByText("Mötet är bokat.").count()).toBe(1);
    const upcoming = page.getByRole("table", { name: /Kommande enskilda träffar/ });
    await expect.poll(() => upcoming.getByRole("row").filter({ hasText: "13:30" }).filter({ hasText: "Skriva ett personligt brev." }).count()).toBe(1);
  });

  it("books yesterday's meeting afterwards and records that it took place", async () => {
    await page.getByRole("button", { name: "Boka möte" }).click();
    const form = page.getByRole("form", { name: "Boka möte" });
    await form.getByLabel("Datum").fill(swedishDay(-1));
    await form.getByLabel("Tid", { exact: true }).fill("08:15");
    await form.getByLabel("Form").selectOption("phone");
    await form.getByRole("button", { name: "Boka", exact: true }).click();
    await expect.poll(() => page.getByText("Mötet är bokat.").count()).toBe(1);
    const past = page.getByRole("table", { name: /Tidigare enskilda träffar/ });
    const row = past.getByRole("row").filter({ hasText: "08:15" });
    await row.getByRole("button", { name: /Registrera närvaro/ }).click();
    const edit = page.getByRole("form", { name: /Ändra mötet/ });
    await edit.getByLabel("Närvaro").selectOption("attended");
    await edit.getByLabel("Överenskomna uppgifter till nästa gång").fill("Ringa om praktikplatsen.");
    await expectNoViolations(page, "attendance form");
    await edit.getByRole("button", { name: "Spara ändringar" }).click();
    await expect.poll(() => page.getByText("Mötet är sparat.").count()).toBe(1);
    await expect.poll(() => past.getByRole("row").filter({ hasText: "08:15" }).filter({ hasText: "Genomfört" }).count()).toBe(1);
    await expectNoViolations(page, "meetings after attendance");
    await screenshot(page, "meetings-page");
  });

  it("writes a note, signs it, corrects it, and shows both", async () => {
    await page.getByRole("navigation", { name: "Deltagarens delar" }).getByRole("link", { name: "Anteckningar" }).click();
    await settle();
    await expect.poll(() => page.getByRole("heading", { level: 1, name: "Anteckningar" }).count()).toBe(1);
    await expectNoViolations(page, "notes page");
    await page.getByLabel("Anteckning", { exact: true }).fill("Vi pratade om vägen till praktik i butik. Deltagaren har fyra års erfarenhet.");
    await page.getByRole("button", { name: "Spara utkast" }).click();
    await expect.poll(() => page.getByText("Utkastet är sparat.").count()).toBe(1);
    const draft = page.getByRole("article").filter({ hasText: "fyra års erfarenhet" });
    await expect.poll(() => draft.getByText("Utkast", { exact: true }).count()).toBe(1);
    await draft.getByRole("button", { name: "Signera" }).click();
    await expect.poll(() => page.getByText("Anteckningen är signerad.").count()).toBe(1);
    const signed = page.getByRole("article").filter({ hasText: "fyra års erfarenhet" });
    await expect.poll(() => signed.getByText("Signerad", { exact: true }).count()).toBe(1);
    expect(await signed.getByRole("button", { name: "Ändra utkast" }).count()).toBe(0);

    await signed.getByRole("button", { name: "Skriv rättelse" }).click();
    await signed.getByLabel("Rättelse", { exact: true }).fill("Rättelse: erfarenheten är två år, inte fyra.");
    await signed.getByRole("button", { name: "Spara rättelse som utkast" }).click();
    await expect.poll(() => page.getByText(/Rättelsen är sparad som utkast/).count()).toBe(1);
    const correction = page.getByRole("article").filter({ hasText: "erfarenheten är två år" });
    await correction.getByRole("button", { name: "Signera" }).click();
    await expect.poll(() => page.getByText("Anteckningen är signerad.").count()).toBe(1);

    const original = page.getByRole("article").filter({ hasText: "fyra års erfarenhet" }).filter({ hasNotText: "två år" });
    await expect.poll(() => original.getByText("Rättad", { exact: true }).count()).toBe(1);
    await expect.poll(() => original.getByRole("link", { name: /rättelsen/ }).count()).toBe(1);
    const signedCorrection = page.getByRole("article").filter({ hasText: "erfarenheten är två år" });
    await expect.poll(() => signedCorrection.getByRole("link", { name: /anteckningen/ }).count()).toBe(1);
    await expectNoViolations(page, "notes with a correction");
    await screenshot(page, "notes-page");
  });

  it("shows the meetings and the signed notes on the participant's timeline, without the note text", async () => {
    await page.getByRole("navigation", { name: "Deltagarens delar" }).getByRole("link", { name: "Översikt" }).click();
    await settle();
    await expect.poll(() => page.getByText("Rättelse av anteckning signerad").count()).toBeGreaterThan(0);
    expect(await page.getByText("två år, inte fyra").count()).toBe(0);
  });

  it("opens the calendar week from the main navigation and moves between weeks", async () => {
    await page
      .getByRole("navigation", { name: /huvudmeny|Huvudmeny/i })
      .getByRole("link", { name: "Kalender" })
      .click();
    await settle();
    await expect.poll(() => page.getByRole("heading", { level: 1, name: "Kalender" }).count()).toBe(1);
    await expect.poll(() => page.getByText(/^Vecka \d+/).count()).toBe(1);
    // The week's days are shown before deciding whether tomorrow is in next week.
    await expect.poll(() => page.getByRole("region", { name: /\d{4}-\d{2}-\d{2}/ }).count()).toBeGreaterThan(0);
    const tomorrow = page.getByRole("region", { name: new RegExp(swedishDay(1)) });
    if ((await tomorrow.count()) === 0) {
      await page.getByRole("link", { name: /Nästa vecka/ }).click();
      await settle();
    }
    const day = page.getByRole("region", { name: new RegExp(swedishDay(1)) });
    await expect.poll(() => day.getByRole("row").filter({ hasText: "13:30–14:30" }).count()).toBe(1);
    await expectNoViolations(page, "calendar week");
    await screenshot(page, "calendar-week");
    await page.getByRole("link", { name: "Denna vecka" }).click();
    await settle();
    await page.getByRole("link", { name: /Föregående vecka/ }).focus();
    await page.keyboard.press("Enter");
    await settle();
    await expect.poll(() => page.getByRole("region", { name: new RegExp(swedishDay(-7)) }).count()).toBe(1);
  });

  it("creates a secret calendar address on the account page, shown once", async () => {
    await page.goto(`${server.url}/konto`);
    await settle();
    await page.getByRole("radio", { name: /initialer/ }).check();
    await page.getByRole("button", { name: "Skapa adress" }).click();
    const address = page.getByLabel("Prenumerationsadress");
    await expect.poll(async () => (await address.count()) === 1 && /\/api\/ics\/.+\.ics$/.test(await address.inputValue())).toBe(true);
    const res = await page.request.get(await address.inputValue(), { headers: { cookie: "" } });
    expect(res.status()).toBe(200);
    expect(await res.text()).toMatch(/^BEGIN:VCALENDAR/);
    await expectNoViolations(page, "account page with calendar address");
    await screenshot(page, "account-calendar-feed");
    await page.getByRole("button", { name: "Återkalla adressen" }).click();
    await expect.poll(() => page.getByText(/Adressen är återkallad/).count()).toBe(1);
  });
});
