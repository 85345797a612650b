import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoViolations, launchBrowser, screenshot, signInThroughForm, startStegvis, swedishDay } from "./harness.ts";

// The demo coach of Steget books a study visit, runs an internship with its checklist and
// follow-ups, ends it with an employment and takes the new-planning task from the work list.
let server: Awaited<ReturnType<typeof startStegvis>>;
let browser: BrowserContext;
let page: Page;
let enrolmentId: string;
let personName: string;

const day = swedishDay;
const settle = () => page.waitForLoadState("networkidle");

beforeAll(async () => {
  server = await startStegvis();
  const coach = await server.db.selectFrom("users").select("id").where("email", "=", "coach@stegvis.demo").executeTakeFirstOrThrow();
  // A participant of the demo coach, enrolled for a while, with no activities yet.
  const e = await server.db
    .selectFrom("enrolments as e")
    .innerJoin("projects as p", "p.id", "e.project_id")
    .innerJoin("persons as s", "s.id", "e.person_id")
    .select(["e.id", "s.first_name", "s.last_name"])
    .where("p.slug", "=", "steget")
    .where("e.exit_date", "is", null)
    .where("e.start_date", "<=", day(-60))
    .where((eb) => eb.not(eb.exists(eb.selectFrom("activities as a").select("a.id").whereRef("a.enrolment_id", "=", "e.id"))))
    .orderBy("s.sort_name")
    .executeTakeFirstOrThrow();
  enrolmentId = e.id;
  // The demo gives most of the coach's own participants activities already; this one becomes theirs.
  await server.db.updateTable("enrolments").set({ coach_id: coach.id }).where("id", "=", e.id).execute();
  personName = `${e.first_name} ${e.last_name}`;
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  await signInThroughForm(page, server.url, "coach@stegvis.demo");
  await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function addActivity(fill: () => Promise<void>) {
  await page.getByRole("button", { name: "Lägg till insats" }).click();
  await fill();
  await page.getByRole("button", { name: "Spara insats" }).click();
  await page.getByText("Insatsen är sparad.").waitFor();
}

describe("a coach follows a placement through its checklist and follow-ups", () => {
  it("opens the participant's activities from the record", async () => {
    await page.goto(`${server.url}/deltagare/${enrolmentId}`);
    await settle();
    await page.getByRole("navigation", { name: "Deltagarens delar" }).getByRole("link", { name: "Insatser" }).click();
    await page.waitForURL(/\/aktiviteter$/);
    await page.getByRole("heading", { level: 1, name: "Insatser" }).waitFor();
    await page.getByText("Inga pågående eller planerade insatser.").waitFor();
    await expectNoViolations(page, "activities page, empty");
  });

  it("refuses an end before the start, then books a study visit", async () => {
    await page.getByRole("button", { name: "Lägg till insats" }).click();
    await page.getByLabel("Typ av insats").selectOption({ label: "Studiebesök" });
    await page.getByLabel("Startdatum").fill(day(3));
    await page.getByLabel("Slutdatum").fill(day(2));
    await page.getByRole("button", { name: "Spara insats" }).click();
    await page.getByText(/Slutdatum kan inte vara före startdatum/).waitFor();
    await expectNoViolations(page, "activity form with an error");
    await page.getByLabel("Slutdatum").fill(day(3));
    await page.getByRole("button", { name: "Spara insats" }).click();
    await page.getByText("Insatsen är sparad.").waitFor();
    await page.getByRole("heading", { level: 3, name: /^Studiebesök, / }).waitFor();
  });

  it("starts an internship, which gets its checklist and follow-ups", async () => {
    await addActivity(async () => {
      await page.getByLabel("Typ av insats").selectOption({ label: "Praktik/arbetsträning" });
      await page.getByLabel("Startdatum").fill(day(-35));
      await page.getByLabel("Slutdatum").fill(day(40));
      await page.getByRole("radio", { name: "Pågår" }).check();
      await page.getByLabel("Omfattning anges i").selectOption("percent");
      await page.getByLabel("Omfattning", { exact: true }).fill("50");
      // The placement is with an employer of the network: its workplace and supervisor follow from it.
      await page.getByLabel("Arbetsgivare i nätverket").selectOption({ label: "Bilverkstaden Motorhuset" });
      await expect.poll(() => page.getByLabel("Arbetsplats i nätverket").locator("option").count()).toBeGreaterThan(1);
      await page.getByLabel("Arbetsplats i nätverket").selectOption({ index: 1 });
      await page.getByLabel("Handledare i nätverket").selectOption({ index: 1 });
      await page.getByLabel("Arbetsplats", { exact: true }).fill("Älvby Cykelverkstad, Verkstadsgatan 2");
      await page.getByLabel("Handledare", { exact: true }).fill("Verkstadens handledare");
      await page.getByLabel("Praktikens syfte").selectOption("try_trade");
      await page.getByRole("radio", { name: "Ja" }).check();
    });
    await page.getByRole("heading", { level: 4, name: "Checklista (0 av 15 klara)" }).waitFor();
    await expect.poll(() => page.getByText("Försenad").count()).toBeGreaterThan(0);
    await expectNoViolations(page, "activities page with an internship");
  });

  it("ticks checklist items, which show the day and who ticked them", async () => {
    for (const name of ["Kontakta arbetsplatser och boka besök", "Träff 4: studiebesök på arbetsplatsen tillsammans med deltagaren", "Praktiken startar"]) {
      await page.getByRole("checkbox", { name }).click();
      await page.getByRole("checkbox", { name, checked: true }).waitFor();
    }
    await page.getByRole("heading", { level: 4, name: "Checklista (3 av 15 klara)" }).waitFor();
    await expect.poll(() => page.getByText(/^Klart \d{4}-\d{2}-\d{2} \(/).count()).toBe(3);
    // A tick can be taken back.
    await page.getByRole("checkbox", { name: "Praktiken startar" }).click();
    await page.getByRole("heading", { level: 4, name: "Checklista (2 av 15 klara)" }).waitFor();
  });

  it("records the one-month follow-up as a visit", async () => {
    await page.getByRole("button", { name: "Registrera uppföljning: 1 månad efter start" }).click();
    await page.getByLabel("Datum för uppföljningen").fill(day(-4));
    await page.getByRole("radio", { name: "besök" }).check();
    await page.getByLabel("Anteckningar").last().fill("Trivs i verkstaden, vill lära sig mer om elcyklar.");
    await expectNoViolations(page, "follow-up form");
    await page.getByRole("button", { name: "Spara uppföljning" }).click();
    await page.getByText("Uppföljningen är registrerad.").waitFor();
    await page.getByText(/^Gjord \d{4}-\d{2}-\d{2}, besök/).waitFor();
    await screenshot(page, "activities-internship");
  });

  it("ends the internship and starts an employment with the top-up worked out", async () => {
    await page.getByRole("button", { name: "Avsluta Praktik/arbetsträning" }).click();
    await page.getByLabel("Slutdatum").fill(day(-1));
    await page.getByRole("button", { name: "Avsluta insatsen" }).click();
    await page.getByText(/Insatsen är avslutad/).waitFor();
    await page.getByRole("heading", { level: 2, name: "Att göra" }).waitFor();
    await page.getByText(/Praktik\/arbetsträning .* avslutades .* Gör en ny planering\./).waitFor();
    await addActivity(async () => {
      await page.getByLabel("Typ av insats").selectOption({ label: "Anställning" });
      await page.getByLabel("Startdatum").fill(day(0));
      await page.getByRole("radio", { name: "Pågår" }).check();
      await page.getByLabel("Anställningsform").selectOption("wage_subsidy");
      await page.getByRole("radio", { name: "Extern arbetsgivare" }).check();
      await page.getByLabel("Lönekostnad per månad (kr)").fill("25000");
      await page.getByLabel("Statligt stöd per månad (kr)").fill("21000");
    });
    // 20 % of 25 000 is 5 000, but only 4 000 remains after the state subsidy.
    await page.getByText(/^4\s000\skr per månad \(20 % av lönekostnaden är 5\s000\skr; högst det som återstår efter statligt stöd, 4\s000\skr\)/).waitFor();
    await expectNoViolations(page, "activities page with an employment and a task");
    await screenshot(page, "activities-employment");
  });

  it("sees the new-planning task on the work list and completes it there", async () => {
    await page.getByRole("link", { name: "Mina uppgifter" }).click();
    await page.waitForURL(/\/uppgifter/);
    await page.getByRole("heading", { level: 1, name: "Mina uppgifter" }).waitFor();
    await settle();
    const row = page
      .getByRole("row")
      .filter({ hasText: "Gör en ny planering" })
      .filter({ has: page.getByRole("link", { name: personName }) });
    await row.waitFor();
    await expectNoViolations(page, "work list");
    await screenshot(page, "work-list");
    await row.getByRole("button", { name: `Markera som klar: ny planering för ${personName}` }).click();
    await page.getByText("Uppgiften är markerad som klar.").waitFor();
    expect(
      await page
        .getByRole("row")
        .filter({ hasText: "Gör en ny planering" })
        .filter({ has: page.getByRole("link", { name: personName }) })
        .count(),
    ).toBe(0);
    await page.getByRole("link", { name: personName }).first().click();
    await page.waitForURL(/\/aktiviteter$/);
    await page.getByRole("heading", { level: 1, name: "Insatser" }).waitFor();
    await settle();
    expect(await page.getByRole("heading", { level: 2, name: "Att göra" }).count()).toBe(0);
  });

  it("shows the project's checklists to the coach without edit buttons", async () => {
    const projectId = (await server.db.selectFrom("projects").select("id").where("slug", "=", "steget").executeTakeFirstOrThrow()).id;
    await page.goto(`${server.url}/projekt/${projectId}/checklistor`);
    await page.getByRole("heading", { level: 1, name: "Checklistor och uppföljningar" }).waitFor();
    await settle();
    expect(await page.getByRole("button", { name: "Lägg till steg" }).count()).toBe(0);
    await expectNoViolations(page, "checklist templates, read only");
  });
});

describe("a manager adapts the internship checklist and the follow-ups", () => {
  let manager: BrowserContext;
  let mpage: Page;
  beforeAll(async () => {
    manager = await launchBrowser();
    mpage = manager.pages()[0] ?? (await manager.newPage());
    await signInThroughForm(mpage, server.url, "ledare@stegvis.demo");
    await mpage.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
  }, 60_000);
  afterAll(async () => {
    await manager?.close();
  });

  it("adds, moves and retires steps, and changes when placements are followed up", async () => {
    const projectId = (await server.db.selectFrom("projects").select("id").where("slug", "=", "steget").executeTakeFirstOrThrow()).id;
    await mpage.goto(`${server.url}/projekt/${projectId}/checklistor`);
    await mpage.getByRole("heading", { level: 1, name: "Checklistor och uppföljningar" }).waitFor();
    await mpage.waitForLoadState("networkidle");
    await mpage.getByRole("textbox", { name: "Nytt steg sist i listan" }).fill("Skyddskläder och skor utlämnade");
    await mpage.getByRole("button", { name: "Lägg till steg" }).click();
    await mpage.getByText("Checklistan är sparad.").waitFor();
    await mpage.getByRole("cell", { name: "Skyddskläder och skor utlämnade" }).waitFor();
    await mpage.getByRole("button", { name: "Upp: flytta steg 16 uppåt" }).click();
    await mpage.getByRole("row", { name: /^15 Skyddskläder och skor utlämnade/ }).waitFor();
    await mpage.getByRole("button", { name: "Ta ur bruk: steg 9" }).click();
    await mpage.getByRole("row", { name: /^9 Hälsointyg.*Ur bruk/ }).waitFor();
    await mpage.getByRole("textbox", { name: "Antal" }).first().fill("5");
    await mpage.getByRole("button", { name: "Spara uppföljningar" }).click();
    await mpage.getByText("Uppföljningarna är sparade.").waitFor();
    await mpage.getByText("Uppföljning 1: 5 dagar efter start").waitFor();
    await expectNoViolations(mpage, "checklist templates, manager");
    await screenshot(mpage, "checklist-templates");
  });
});
