import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoViolations, launchBrowser, screenshot, signInThroughForm, startStegvis } from "./harness.ts";

let server: Awaited<ReturnType<typeof startStegvis>>;
let browser: BrowserContext;
let page: Page;
const newEmail = "signe.holmqvist@alvby.example";
const newPassword = "Vinterljus-över-Älvby-26";

beforeAll(async () => {
  server = await startStegvis();
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("an admin creates a user", () => {
  it("signs in and opens the user list through the menu", async () => {
    await signInThroughForm(page, server.url, "admin@stegvis.demo");
    await page.getByRole("heading", { level: 1 }).filter({ hasText: "Hej" }).waitFor();
    await page.getByRole("link", { name: "Användare" }).first().click();
    await page.waitForURL(/\/admin\/anvandare$/);
    await page.getByRole("heading", { level: 1, name: "Användare" }).waitFor();
    await expectNoViolations(page, "/admin/anvandare");
  });

  it("fills in the new-user form; a weak password gets a plain message at the field", async () => {
    await page.getByRole("link", { name: "Ny användare" }).click();
    await page.waitForURL(/\/admin\/anvandare\/ny$/);
    await expectNoViolations(page, "/admin/anvandare/ny");
    await page.getByLabel("Namn").fill("Signe Holmqvist");
    await page.getByLabel("E-post").fill(newEmail);
    await page.getByLabel("Lösenord", { exact: true }).fill("password12345");
    await page.getByRole("button", { name: "Skapa användare" }).click();
    await page
      .getByText(/vanligaste/)
      .first()
      .waitFor();
    await screenshot(page, "admin-new-user-weak-password");
    await expectNoViolations(page, "/admin/anvandare/ny with errors");
    await page.getByLabel("Lösenord", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Skapa användare" }).click();
    await page.waitForURL(/\/admin\/anvandare\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: /Signe Holmqvist/ }).waitFor();
    await expectNoViolations(page, "/admin/anvandare/:id");
  });

  it("gives the new user the coach role in Steget", async () => {
    await page.getByLabel("Projekt", { exact: true }).selectOption({ label: "Steget – unga vuxna" });
    await page.getByLabel("Roll", { exact: true }).selectOption({ label: "Coach" });
    await page.getByRole("button", { name: "Lägg till i projektet" }).click();
    await page.getByRole("table").filter({ hasText: "Steget" }).waitFor();
    await screenshot(page, "admin-user-with-membership");
    await expectNoViolations(page, "/admin/anvandare/:id with membership");
  });

  it("the new user can sign in and sees Steget", async () => {
    const other = await launchBrowser();
    try {
      const p = other.pages()[0] ?? (await other.newPage());
      await signInThroughForm(p, server.url, newEmail, newPassword);
      await p.getByRole("heading", { level: 1 }).filter({ hasText: "Hej" }).waitFor();
      await p
        .getByRole("link", { name: /Steget/ })
        .first()
        .waitFor();
    } finally {
      await other.close();
    }
  });

  it("finds the creation in the audit log", async () => {
    await page.getByRole("link", { name: "Granskningslogg" }).first().click();
    await page.waitForURL(/\/admin\/granskningslogg/);
    await page.getByLabel("Händelse").fill("user.create");
    await page
      .getByRole("button", { name: "Sök" })
      .click()
      .catch(() => undefined);
    await page.getByRole("cell", { name: "user.create" }).first().waitFor();
    await screenshot(page, "admin-audit-log");
    await expectNoViolations(page, "/admin/granskningslogg");
    const rows = await server.db
      .selectFrom("audit_log")
      .select("actor_label")
      .where("action", "=", "user.create")
      .where("actor_label", "=", "admin@stegvis.demo")
      .execute();
    expect(rows.length).toBe(1);
  });
});
