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

describe("a coach signs in", () => {
  it("is sent to the login page, which has no accessibility violations", async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/logga-in/);
    await page.getByRole("heading", { name: "Logga in", level: 1 }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("sv");
    await expectNoViolations(page, "/logga-in");
  });

  it("reads a plain error at the fields when submitting nothing, and one for a wrong password", async () => {
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByText("Ange en e-postadress").or(page.getByText("Ange ditt lösenord")).first().waitFor();
    await expectNoViolations(page, "/logga-in with field errors");
    await signInThroughForm(page, server.url, "coach@stegvis.demo", "fel-lösenord-här");
    const alert = page.getByRole("alert").filter({ hasText: "Fel e-postadress eller lösenord." });
    await alert.waitFor();
    await screenshot(page, "login-wrong-password");
    await expectNoViolations(page, "/logga-in with wrong password");
  });

  it("reads the same errors in English after switching the language, then switches back", async () => {
    await page.goto(`${server.url}/logga-in`);
    await page.getByRole("combobox", { name: /Språk/ }).selectOption("en");
    try {
      await page.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
      // Checked in the browser with the shared schema: the schema's Swedish messages in English.
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("Give your password").waitFor();
      await page.getByText("Give a valid e-mail address").waitFor();
      expect(await page.getByText("Ange ditt lösenord").count()).toBe(0);
      // Answered by the server in Swedish (no session yet) and shown in English.
      await page.getByLabel("Email").fill("coach@stegvis.demo");
      await page.getByLabel("Password").fill("fel-lösenord-här");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").filter({ hasText: "Wrong e-mail address or password." }).waitFor();
    } finally {
      await page.getByRole("combobox", { name: /Språk/ }).selectOption("sv");
      await page.getByRole("heading", { name: "Logga in", level: 1 }).waitFor();
    }
  });

  it("signs in and sees the start page with their project", async () => {
    await signInThroughForm(page, server.url, "coach@stegvis.demo");
    await page.getByRole("heading", { level: 1 }).filter({ hasText: "Hej" }).waitFor();
    await page
      .getByRole("link", { name: /Steget/ })
      .first()
      .waitFor();
    await screenshot(page, "start-coach");
    await expectNoViolations(page, "/ as coach");
  });

  it("opens the project page through its link", async () => {
    await page
      .getByRole("main")
      .getByRole("link", { name: /Steget/ })
      .first()
      .click();
    await page.waitForURL(/\/projekt\//);
    await page.getByRole("heading", { level: 1, name: /Steget/ }).waitFor();
    await expectNoViolations(page, "/projekt/:id as coach");
  });

  it("has no admin menu and gets a no-access page on an admin address", async () => {
    expect(await page.getByRole("link", { name: "Användare" }).count()).toBe(0);
    await page.goto(`${server.url}/admin/anvandare`);
    await page.getByText("Du har inte behörighet").first().waitFor();
    await expectNoViolations(page, "/admin/anvandare as coach");
  });

  it("logs out and is back at the login page; the session no longer works", async () => {
    await page.goto(`${server.url}/`);
    await page
      .getByRole("button", { name: /coach|Ulla|meny|konto/i })
      .first()
      .click()
      .catch(() => undefined);
    const logout = page
      .getByRole("menuitem", { name: "Logga ut" })
      .or(page.getByRole("button", { name: "Logga ut" }))
      .or(page.getByRole("link", { name: "Logga ut" }));
    await logout.first().click();
    await page.waitForURL(/\/logga-in/);
    const me = await page.request.get(`${server.url}/api/auth/me`);
    expect(me.status()).toBe(401);
  });

  it("ten wrong passwords in a row are answered with a lockout message", async () => {
    let last = "";
    for (let i = 0; i < 10; i++) {
      const res = await page.request.post(`${server.url}/api/auth/login`, { data: { email: "ledare@stegvis.demo", password: `fel-${i}-lösenord` } });
      last = `${res.status()}`;
    }
    expect(last).toBe("429");
    await signInThroughForm(page, server.url, "ledare@stegvis.demo");
    await page
      .getByRole("alert")
      .filter({ hasText: /För många misslyckade inloggningar/ })
      .waitFor();
    await screenshot(page, "login-locked");
  });
});
