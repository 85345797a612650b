import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoViolations, launchBrowser, screenshot, signInThroughForm, startStegvis, swedishDay } from "./harness.ts";

// The demo coach of Steget starts a group, fills it, registers a session's attendance and reads the figures.
let server: Awaited<ReturnType<typeof startStegvis>>;
let browser: BrowserContext;
let page: Page;
let projectId: string;

const day = swedishDay;
const start = day(-14);
const settle = () => page.waitForLoadState("networkidle");

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

describe("a coach runs a group", () => {
  it("finds the groups from the project page", async () => {
    await page.goto(`${server.url}/projekt/${projectId}`);
    await settle();
    await page.getByRole("link", { name: "Grupper", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Grupper" }).waitFor();
    await settle();
    await expect.poll(() => page.getByRole("link", { name: "Startgrupp höst", exact: true }).count()).toBe(1);
    await expectNoViolations(page, "group list");
    await screenshot(page, "groups-list");
  });

  it("creates a group from a pattern of 3 sessions a week, 2 hours, 4 weeks, after seeing the dates", async () => {
    await page.getByRole("link", { name: "Ny grupp" }).click();
    await page.getByRole("heading", { level: 1, name: "Ny grupp" }).waitFor();
    await settle();
    await page.getByRole("button", { name: "Spara gruppen" }).click();
    await expect.poll(() => page.locator("[aria-invalid='true']").count()).toBeGreaterThan(0);
    await page.getByLabel("Gruppens namn").fill("Vintergruppen");
    await page.getByLabel("Plats", { exact: true }).fill("Kunskapens hus, sal 1");
    await page.getByLabel("Temaplan").fill("Vecka 1 egenmakt, vecka 2 arbetsliv, vecka 3 vardagsliv, vecka 4 gästföreläsare.");
    await page.getByLabel("Första dag").fill(start);
    await page.getByLabel("Antal veckor").fill("4");
    await page.getByLabel("Starttid").fill("09:00");
    await page.getByLabel("Längd i minuter").fill("120");
    for (const d of ["Måndag", "Onsdag", "Fredag"]) await page.getByRole("checkbox", { name: d }).check();
    await page.getByRole("button", { name: "Visa träffarna" }).click();
    await page.getByText("Mönstret ger 12 träffar").waitFor();
    await expectNoViolations(page, "new group with preview");
    await screenshot(page, "groups-new-preview");
    await page.getByRole("button", { name: "Spara gruppen" }).click();
    await page.getByRole("heading", { level: 1, name: "Vintergruppen" }).waitFor();
    await settle();
    await expect.poll(() => page.getByRole("table", { name: /Gruppens träffar: 12 träffar/ }).count()).toBe(1);
  });

  it("adds two participants who were enrolled before the group began", async () => {
    const enrolled = await server.db
      .selectFrom("enrolments")
      .select("id")
      .where("project_id", "=", projectId)
      .where("start_date", "<=", start)
      .where("exit_date", "is", null)
      .orderBy("start_date", "desc")
      .limit(2)
      .execute();
    expect(enrolled).toHaveLength(2);
    for (const e of enrolled) {
      await page.getByLabel("Deltagare", { exact: true }).selectOption(e.id);
      await page.getByLabel("Från", { exact: true }).fill(start);
      await page.getByRole("button", { name: "Lägg till", exact: true }).click();
      await page
        .getByRole("link", { name: "Deltagare", exact: true })
        .waitFor({ state: "detached" })
        .catch(() => undefined);
      await settle();
    }
    await page.getByRole("table", { name: /Gruppens deltagare: 2 personer/ }).waitFor();
    await expectNoViolations(page, "group page");
    await screenshot(page, "groups-group");
  });

  it("registers attendance for the first session: all present, then one absent with notice", async () => {
    await page
      .getByRole("table", { name: /Gruppens träffar/ })
      .getByRole("link")
      .first()
      .click();
    await page.getByRole("heading", { level: 1, name: /Gruppträff/ }).waitFor();
    await settle();
    await page.getByRole("button", { name: "Alla närvarande" }).click();
    await page.getByText("2 av 2 närvarande").waitFor();
    // The register shows what the server saved, so the radio changes once the answer is back: click, then wait for it.
    await page.getByRole("radio", { name: "Frånvarande, anmält" }).first().click();
    await page.getByText("1 av 2 närvarande").waitFor();
    await expectNoViolations(page, "attendance register");
    await screenshot(page, "groups-attendance");
  });

  it("enters GSRS from the paper forms: the total and the alert show as the values are typed, a wrong value is named at its field, and nobody registered absent can be given one", async () => {
    const panel = page.getByRole("table", { name: /GSRS för 2 deltagare på träffen/ });
    await panel.waitFor();
    // One of the two was registered absent with notice above: the row says so and takes no values.
    const absentRow = panel.getByRole("row").filter({ hasText: "Frånvarande – ingen skattning" });
    await absentRow.waitFor();
    const absent = ((await absentRow.getByRole("rowheader").allInnerTexts())[0]?.split("\n")[0] ?? "").trim();
    const names = (await panel.getByRole("rowheader").allInnerTexts()).map((n) => (n.split("\n")[0] ?? "").trim());
    const second = names.find((n) => n !== absent) ?? "";
    expect(names).toContain(absent);
    await expect.poll(() => page.getByLabel(`Relation för ${absent}`, { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: `GSRS för ${absent}` }).count()).toBe(0);
    for (const [item, value] of [
      ["Relation", "10"],
      ["Mål och ämnen", "10"],
      ["Arbetssätt eller metod", "11"],
      ["Helhet", "9,5"],
    ] as const)
      await page.getByLabel(`${item} för ${second}`, { exact: true }).fill(value);
    await page.getByRole("button", { name: `GSRS för ${second}` }).click();
    await panel.getByText("”Arbetssätt eller metod” ska vara mellan 0–10.").waitFor();
    for (const [item, value] of [
      ["Relation", "9"],
      ["Mål och ämnen", "9"],
      ["Arbetssätt eller metod", "9"],
      ["Helhet", "8,5"],
    ] as const)
      await page.getByLabel(`${item} för ${second}`, { exact: true }).fill(value);
    await panel.getByText("35,5 · varning").waitFor();
    await page.getByRole("button", { name: `GSRS för ${second}` }).click();
    await panel.getByText("Sparad.").waitFor();
    await expect.poll(() => page.getByRole("button", { name: `GSRS för ${second}` }).textContent()).toMatch(/^Spara rättelse, GSRS för/);
    const sessionId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const saved = await server.db
      .selectFrom("rating_scores")
      .select("total")
      .where("context_kind", "=", "group_session")
      .where("context_id", "=", sessionId)
      .orderBy("total")
      .execute();
    expect(saved).toEqual([{ total: 35.5 }]);
    await expectNoViolations(page, "GSRS on the session page");
    await screenshot(page, "groups-session-gsrs");
  });

  it("changes the theme of that session only", async () => {
    await page.getByLabel("Tema", { exact: true }).selectOption("guest_lecturer");
    await page.getByLabel("Gästföreläsarens namn").fill("Lo Föreläsare");
    await page.getByLabel("Organisation").fill("Fackförbundet");
    await page.getByRole("button", { name: "Spara träffen" }).click();
    await page.getByText(/Gästföreläsare: Lo Föreläsare \(Fackförbundet\)/).waitFor();
  });

  it("shows the group's attendance statistics as tables and a labelled chart", async () => {
    await page.getByRole("link", { name: "Vintergruppen" }).click();
    await page.getByRole("heading", { level: 1, name: "Vintergruppen" }).waitFor();
    await page.getByRole("link", { name: "Närvarostatistik" }).click();
    await page.getByRole("heading", { level: 1, name: "Närvaro i Vintergruppen" }).waitFor();
    await settle();
    await page.getByText("50 % (1/2)").first().waitFor();
    await expect.poll(() => page.getByRole("table", { name: "Närvaro per deltagare" }).getByRole("row").count()).toBe(3);
    await expect.poll(() => page.getByRole("img", { name: /Andel närvarande per träff/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole("img", { name: /GSRS – skattning av gruppträffen: lägsta, medel och högsta total/ }).count()).toBe(1);
    const gsrs = page.getByRole("table", { name: /per gruppträff/ });
    await expect.poll(() => gsrs.getByRole("row").count()).toBe(2);
    await expect
      .poll(() => gsrs.getByRole("row").nth(1).locator("th, td").allTextContents())
      .toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2} Gästföreläsare$/), "1", "35,5", "35,5", "35,5", "1 (100 %)"]);
    await expectNoViolations(page, "group statistics");
    await screenshot(page, "groups-statistics");
  });

  it("shows the group and the attendance on the participant's record", async () => {
    await page.getByRole("table", { name: "Närvaro per deltagare" }).waitFor();
    const enrolment = await server.db
      .selectFrom("group_members as m")
      .innerJoin("groups as g", "g.id", "m.group_id")
      .select("m.enrolment_id")
      .where("g.name", "=", "Vintergruppen")
      .executeTakeFirstOrThrow();
    await page.goto(`${server.url}/deltagare/${enrolment.enrolment_id}/grupper`);
    await page.getByRole("heading", { level: 2, name: "Vintergruppen" }).waitFor();
    await settle();
    await expect.poll(() => page.getByRole("table", { name: "Träffar i Vintergruppen" }).getByRole("row").count()).toBe(13);
    await expectNoViolations(page, "participant's groups");
    await screenshot(page, "groups-participant");
  });
});

describe("the statistician", () => {
  it("sees the groups and their aggregated attendance, with small figures hidden and no names", async () => {
    await page.context().clearCookies();
    await signInThroughForm(page, server.url, "statistik@stegvis.demo");
    await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
    await page.goto(`${server.url}/projekt/${projectId}/grupper`);
    await page.getByRole("heading", { level: 1, name: "Grupper" }).waitFor();
    await settle();
    expect(await page.getByRole("link", { name: "Ny grupp" }).count()).toBe(0);
    await page
      .getByRole("row", { name: /Vintergruppen/ })
      .getByRole("link", { name: /Närvarostatistik/ })
      .click();
    await page.getByRole("heading", { level: 1, name: "Närvaro i Vintergruppen" }).waitFor();
    await settle();
    await page.getByText("dold (färre än 5)").first().waitFor();
    expect(await page.getByRole("table", { name: "Närvaro per deltagare" }).count()).toBe(0);
    await expectNoViolations(page, "group statistics, aggregates only");
    await page.goto(`${server.url}/projekt/${projectId}/grupper`);
    await page
      .getByRole("row", { name: /Startgrupp vår/ })
      .getByRole("link", { name: /Närvarostatistik/ })
      .click();
    await page.getByRole("heading", { level: 1, name: "Närvaro i Startgrupp vår" }).waitFor();
    await settle();
    await page.getByRole("img", { name: /Andel närvarande per träff/ }).waitFor();
    await expectNoViolations(page, "finished group statistics, aggregates only");
    await screenshot(page, "groups-statistics-aggregate");
  });
});
