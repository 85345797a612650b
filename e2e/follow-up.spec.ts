import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../server/auth/actor.ts";
import { addDays, todayInSweden } from "../server/features/participants/dates.ts";
import { loadEnrolment } from "../server/features/participants/enrolment-view.ts";
import { exitEnrolment } from "../server/features/participants/enrolments.ts";
import { addMonths } from "../server/features/reports/follow-up.ts";
import { expectNoViolations, launchBrowser, screenshot, screenshotDir, signInThroughForm, startStegvis } from "./harness.ts";

// The project manager of Steget opens the follow-up list from the reports, finds a person whose
// six-month follow-up is overdue and records it: first with a date before the exit (the server
// refuses it at the field), then as it was. A statistician is not offered the list.
let server: Awaited<ReturnType<typeof startStegvis>>;
let browser: BrowserContext;
let page: Page;
let projectId: string;
let enrolmentId: string;
let personName: string;
const today = todayInSweden();
// Six months and a week ago, so the six-month point passed about a week ago. Dates on the page
// are Swedish, which reads as the ISO date (2026-05-01).
const exitDate = addDays(today, -190);
const settle = () => page.waitForLoadState("networkidle");

beforeAll(async () => {
  server = await startStegvis();
  projectId = (await server.db.selectFrom("projects").select("id").where("slug", "=", "steget").executeTakeFirstOrThrow()).id;
  // The demo has no overdue follow-up (its exits are recent or already followed up), so one
  // participant of Steget, still in the programme, is recorded as having left six months and a
  // week ago.
  const e = await server.db
    .selectFrom("enrolments as e")
    .innerJoin("persons as s", "s.id", "e.person_id")
    .select(["e.id", "s.first_name", "s.last_name"])
    .where("e.project_id", "=", projectId)
    .where("e.exit_date", "is", null)
    .where("e.not_counted", "=", false)
    .where("e.start_date", "<", exitDate)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("pauses as p").select("p.id").whereRef("p.enrolment_id", "=", "e.id"))))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("enrolments as later")
            .select("later.id")
            .whereRef("later.person_id", "=", "e.person_id")
            .whereRef("later.project_id", "=", "e.project_id")
            .whereRef("later.start_date", ">", "e.start_date"),
        ),
      ),
    )
    .orderBy("s.sort_name")
    .executeTakeFirstOrThrow();
  enrolmentId = e.id;
  personName = `${e.first_name} ${e.last_name}`;
  const before = await loadEnrolment(server.db, e.id);
  await exitEnrolment(server.db, { actor: systemActor("e2e") }, e.id, {
    version: before.version,
    exitDate,
    exitStatus: "anstallning",
    final: true,
    incomes: [{ code: "lon", share: 100 }],
  });
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  await signInThroughForm(page, server.url, "ledare@stegvis.demo");
  await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const table = (name: RegExp) => page.getByRole("table", { name });
const recordButton = (name: string, months = 6) => page.getByRole("button", { name: `Registrera uppföljning ${months} månader för ${name}` });
const dialog = () => page.getByRole("dialog", { name: "Registrera uppföljning" });

describe("a manager records a follow-up after exit", () => {
  it("opens the list from the reports hub and sees the overdue person first", async () => {
    await page.goto(`${server.url}/projekt/${projectId}/rapporter`);
    await page.getByRole("heading", { level: 1, name: "Rapporter" }).waitFor();
    await page.getByRole("link", { name: "Visa vilka som ska följas upp och registrera uppföljningar" }).click();
    await page.waitForURL((u) => u.pathname.endsWith("/uppfoljning"));
    await page.getByRole("heading", { level: 1, name: "Uppföljning efter avslut" }).waitFor();
    const overdue = table(/^Försenade uppföljningar/);
    await expect.poll(() => overdue.getByRole("row").filter({ hasText: personName }).count()).toBe(1);
    const row = overdue.getByRole("row").filter({ hasText: personName });
    await expect.poll(() => row.getByRole("cell", { name: "Försenad" }).count()).toBe(1);
    expect(await row.getByRole("cell").allInnerTexts()).toContain(addMonths(exitDate, 6));
    // The overdue table comes before the upcoming one.
    const headings = await page.getByRole("heading", { level: 2 }).allInnerTexts();
    expect(headings.indexOf("Försenade")).toBeLessThan(headings.indexOf("Kommande"));
    // The name leads to the participant's record.
    expect(await row.getByRole("link", { name: personName }).getAttribute("href")).toBe(`/deltagare/${enrolmentId}`);
    await settle();
    await expectNoViolations(page, "follow-up list");
    await screenshot(page, "follow-up-list");
  });

  it("opens the dialog with focus on the date, and it passes axe", async () => {
    await recordButton(personName).click();
    await dialog().waitFor();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe("date");
    await expect.poll(() => dialog().getByText(`${personName}, avslutad ${exitDate}`).count()).toBe(1);
    await settle();
    await expectNoViolations(page, "follow-up dialog");
    await screenshot(page, "follow-up-dialog");
  });

  it("shows what is wrong at the field: a status is needed, and the date cannot be before the exit", async () => {
    const d = dialog();
    await d.getByRole("radio", { name: "Ja" }).check();
    await d.getByRole("button", { name: "Spara uppföljningen" }).click();
    const status = d.getByRole("combobox", { name: "Status vid uppföljningen" });
    await expect.poll(() => status.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => d.getByText("Välj status vid uppföljningen").count()).toBe(1);
    await status.selectOption({ label: "Studier" });
    const date = d.getByLabel("Datum för uppföljningen");
    await date.fill(addDays(exitDate, -3));
    await d.getByRole("button", { name: "Spara uppföljningen" }).click();
    // The server's answer lands at the date field, which gets focus.
    await expect.poll(() => date.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => d.getByText("Uppföljningen kan inte vara före avslutet.").count()).toBe(1);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe("date");
    expect(await server.db.selectFrom("follow_ups").select("id").where("enrolment_id", "=", enrolmentId).execute()).toEqual([]);
    await expectNoViolations(page, "follow-up dialog with errors");
    await screenshot(page, "follow-up-dialog-errors");
  });

  it("records the follow-up and sees the person marked as followed up", async () => {
    const d = dialog();
    await d.getByLabel("Datum för uppföljningen").fill(today);
    await d.getByLabel("Anteckning").fill("Har fått en tillsvidareanställning och läser på kvällstid.");
    await d.getByRole("button", { name: "Spara uppföljningen" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Uppföljningen för ${personName} (6 månader) är registrerad.` })
      .waitFor();
    await expect.poll(() => dialog().count()).toBe(0);
    const done = table(/^Uppföljda/);
    const row = done.getByRole("row").filter({ hasText: personName });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.getByRole("cell", { name: `Nådd ${today}: Studier` }).count()).toBe(1);
    expect(
      await table(/^Försenade uppföljningar/)
        .getByRole("row")
        .filter({ hasText: personName })
        .count(),
    ).toBe(0);
    const saved = await server.db
      .selectFrom("follow_ups")
      .select(["months", "done_on", "reached", "status_code", "note"])
      .where("enrolment_id", "=", enrolmentId)
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({
      months: 6,
      done_on: today,
      reached: true,
      status_code: "studier",
      note: "Har fått en tillsvidareanställning och läser på kvällstid.",
    });
    await settle();
    await expectNoViolations(page, "follow-up list after saving");
    await screenshot(page, "follow-up-list-saved");
  });

  it("says so plainly when someone else recorded the same follow-up first", async () => {
    const upcoming = table(/^Kommande uppföljningar/);
    const first = upcoming.getByRole("row").nth(1);
    await expect.poll(() => first.count()).toBe(1);
    const name = (await first.getByRole("rowheader").textContent()) ?? "";
    const href = (await first.getByRole("link").getAttribute("href")) ?? "";
    const other = href.replace("/deltagare/", "");
    const months = Number.parseInt((await first.getByRole("cell").nth(1).textContent()) ?? "", 10);
    await first.getByRole("button").click();
    await dialog().waitFor();
    // Meanwhile a colleague records that the person could not be reached.
    await server.db.insertInto("follow_ups").values({ enrolment_id: other, months, done_on: today, reached: false }).execute();
    await dialog().getByRole("radio", { name: "Nej, kunde inte nås" }).check();
    await dialog().getByRole("button", { name: "Spara uppföljningen" }).click();
    const alert = dialog().getByRole("alert").filter({ hasText: "Uppföljningen vid den tidpunkten är redan registrerad." });
    await expect.poll(() => alert.count()).toBe(1);
    await expect.poll(() => alert.getByText(`Kunde inte nås (${today})`).count()).toBe(1);
    await alert.getByRole("button", { name: "Läs in listan på nytt" }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect
      .poll(() =>
        table(/^Uppföljda/)
          .getByRole("row")
          .filter({ hasText: name })
          .count(),
      )
      .toBe(1);
  });

  it("shows the follow-up on the participant's record", async () => {
    await table(/^Uppföljda/)
      .getByRole("link", { name: personName })
      .click();
    await page.waitForURL((u) => u.pathname === `/deltagare/${enrolmentId}`);
    const exit = page.getByRole("region", { name: "Avslut" });
    await expect.poll(() => exit.getByText(`Uppföljning 6 mån, ${addMonths(exitDate, 6)}: Nådd ${today}: Studier`).count()).toBe(1);
    await expect.poll(() => exit.getByRole("button", { name: `Registrera uppföljning 24 månader för ${personName}` }).count()).toBe(1);
    await settle();
    await expectNoViolations(page, "participant record with follow-ups");
    await exit.screenshot({ path: join(screenshotDir, "follow-up-record.png") });
  });
});

describe("the list in English", () => {
  // The link crawl stops before it reaches this page, so it is checked here in the other language.
  it("reads and passes axe in English", async () => {
    await page.goto(`${server.url}/projekt/${projectId}/uppfoljning`);
    await page.getByRole("heading", { level: 1, name: "Uppföljning efter avslut" }).waitFor();
    await page.getByRole("combobox", { name: /Språk/ }).selectOption("en");
    await page.getByRole("heading", { level: 1, name: "Follow-up after exit" }).waitFor();
    await expect.poll(() => table(/^Followed up: 2/).count()).toBe(1);
    await settle();
    await expectNoViolations(page, "follow-up list (English)");
    await page.getByRole("combobox", { name: /Språk/ }).selectOption("sv");
    await page.getByRole("heading", { level: 1, name: "Uppföljning efter avslut" }).waitFor();
    await settle();
  });
});

describe("a statistician is not offered the list of persons", () => {
  it("has no link to it and the page shows no persons", async () => {
    await browser.clearCookies();
    await signInThroughForm(page, server.url, "statistik@stegvis.demo");
    await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
    await page.goto(`${server.url}/projekt/${projectId}/rapporter`);
    await page.getByRole("heading", { level: 1, name: "Rapporter" }).waitFor();
    await page.getByRole("heading", { name: "Uppföljning efter avslut" }).waitFor();
    await settle();
    expect(await page.getByRole("link", { name: /ska följas upp/ }).count()).toBe(0);
    await page.goto(`${server.url}/projekt/${projectId}`);
    await settle();
    expect(await page.getByRole("link", { name: "Uppföljning efter avslut" }).count()).toBe(0);
    await page.goto(`${server.url}/projekt/${projectId}/uppfoljning`);
    await page.getByText("Listan innehåller personuppgifter och visas bara för projektledare och coacher i projektet.").waitFor();
    expect(await page.getByRole("table").count()).toBe(0);
  });
});
