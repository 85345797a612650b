import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoViolations, launchBrowser, screenshot, signInThroughForm, startStegvis, swedishDay } from "./harness.ts";

// The demo coach of Steget registers an employer with a workplace and a supervisor, books a study
// visit, runs an internship there with its checklist and follow-ups, ends it with an employment at
// the same employer, sees the outcome in the employer's placement history and on find-a-place,
// and takes the new-planning task from the work list.
let server: Awaited<ReturnType<typeof startStegvis>>;
let browser: BrowserContext;
let page: Page;
let enrolmentId: string;
let personName: string;
let projectId: string;
let employerUrl: string;
const EMPLOYER = "Verkstaden Nålen AB";
const WORKPLACE = "Nålens verkstad";
const SUPERVISOR = "Tove Lindqvist";

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
  projectId = (await server.db.selectFrom("projects").select("id").where("slug", "=", "steget").executeTakeFirstOrThrow()).id;
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
  it("registers the employer, its workplace and the supervisor, and corrects them", async () => {
    await page.goto(`${server.url}/projekt/${projectId}/arbetsgivare/ny`);
    await settle();
    await page.getByLabel("Namn").fill(EMPLOYER);
    await page.getByLabel("Organisationsnummer").fill("5560360793");
    await page.getByLabel("Sektor").selectOption("private");
    await page.getByLabel("Branscher").fill("Cykelreparation, Verkstad");
    await page.getByRole("button", { name: "Spara arbetsgivare" }).click();
    await page.waitForURL(/\/arbetsgivare\/[0-9a-f-]{36}$/);
    employerUrl = page.url();
    await settle();

    const workplaceForm = page.getByRole("form", { name: "Lägg till arbetsplats" });
    await workplaceForm.getByLabel("Arbetsplatsens namn").fill("Nålens gamla verkstad");
    await workplaceForm.getByLabel("Gatuadress").fill("Smedjegatan 12");
    await workplaceForm.getByLabel("Postnummer").fill("72213");
    await workplaceForm.getByLabel("Postort").fill("Älvby");
    await workplaceForm.getByRole("button", { name: "Lägg till arbetsplats" }).click();
    await expect.poll(() => page.getByRole("table", { name: "1 arbetsplats" }).count()).toBe(1);
    // Renaming the workplace keeps its address.
    await page.getByRole("button", { name: "Ändra arbetsplats: Nålens gamla verkstad" }).click();
    const editWorkplace = page.getByRole("form", { name: "Ändra arbetsplats: Nålens gamla verkstad" });
    await expectNoViolations(page, "workplace edit form");
    await editWorkplace.getByLabel("Arbetsplatsens namn").fill(WORKPLACE);
    await editWorkplace.getByRole("button", { name: "Spara" }).click();
    await expect.poll(() => editWorkplace.count()).toBe(0);
    await page.getByRole("rowheader", { name: WORKPLACE }).waitFor();
    await page.getByRole("cell", { name: "Smedjegatan 12, 722 13 Älvby" }).waitFor();

    const contactForm = page.getByRole("form", { name: "Lägg till person" });
    await contactForm.getByLabel("Namn").fill(SUPERVISOR);
    await contactForm.getByLabel("Roll").fill("Mekaniker");
    await contactForm.getByLabel("Arbetsplats").selectOption({ label: WORKPLACE });
    await contactForm.getByLabel("Personen är handledare").check();
    await contactForm.getByRole("button", { name: "Lägg till person" }).click();
    await expect.poll(() => page.getByRole("table", { name: "1 person" }).count()).toBe(1);
    await page.getByRole("button", { name: `Ändra person: ${SUPERVISOR}` }).click();
    const editContact = page.getByRole("form", { name: `Ändra person: ${SUPERVISOR}` });
    await expectNoViolations(page, "contact edit form");
    await editContact.getByLabel("Roll").fill("Verkstadsansvarig");
    await editContact.getByRole("button", { name: "Spara" }).click();
    await expect.poll(() => editContact.count()).toBe(0);
    await page.getByRole("cell", { name: "Verkstadsansvarig" }).waitFor();

    const logForm = page.getByRole("form", { name: "Logga kontakt" });
    await logForm.getByLabel("Typ av kontakt").selectOption("call");
    await logForm.getByLabel("Datum").fill(day(-40));
    await logForm.getByLabel("Resultat").fill("Kan ta emot en praktikant.");
    await logForm.getByRole("button", { name: "Logga kontakt" }).click();
    await expect.poll(() => page.getByRole("table", { name: "1 kontakt" }).count()).toBe(1);
    await page.getByRole("button", { name: /^Rätta kontakt: / }).click();
    const editLog = page.getByRole("form", { name: /^Rätta kontakt: / });
    await expectNoViolations(page, "contact-log correction form");
    await editLog.getByLabel("Typ av kontakt").selectOption("visit");
    await editLog.getByLabel("Resultat").fill("Besök: kan ta emot en praktikant i verkstaden.");
    await editLog.getByRole("button", { name: "Spara" }).click();
    await expect.poll(() => editLog.count()).toBe(0);
    await page.getByRole("cell", { name: "Besök: kan ta emot en praktikant i verkstaden." }).waitFor();
  });

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
      // The placement is with the employer just registered: its workplace, supervisor and trade follow from it.
      await page.getByLabel("Arbetsgivare i nätverket").selectOption({ label: EMPLOYER });
      await expect.poll(() => page.getByLabel("Arbetsplats i nätverket").locator("option").count()).toBeGreaterThan(1);
      await page.getByLabel("Arbetsplats i nätverket").selectOption({ label: WORKPLACE });
      await page.getByLabel("Handledare i nätverket").selectOption({ label: SUPERVISOR });
      await page.getByLabel("Bransch", { exact: true }).selectOption("cykelreparation");
      await page.getByLabel("Arbetsplats", { exact: true }).fill("Älvby Cykelverkstad, Verkstadsgatan 2");
      await page.getByLabel("Handledare", { exact: true }).fill("Verkstadens handledare");
      await page.getByLabel("Praktikens syfte").selectOption("try_trade");
      await page.getByRole("radio", { name: "Ja" }).check();
    });
    await page.getByRole("heading", { level: 4, name: "Checklista (0 av 18 klara)" }).waitFor();
    await expect.poll(() => page.getByText("Försenad").count()).toBeGreaterThan(0);
    await expectNoViolations(page, "activities page with an internship");
  });

  it("ticks checklist items, which show the day and who ticked them", async () => {
    for (const name of ["Kontakta arbetsplatser och boka besök", "Träff 4: studiebesök på arbetsplatsen tillsammans med deltagaren", "Praktiken startar"]) {
      await page.getByRole("checkbox", { name }).click();
      await page.getByRole("checkbox", { name, checked: true }).waitFor();
    }
    await page.getByRole("heading", { level: 4, name: "Checklista (3 av 18 klara)" }).waitFor();
    await expect.poll(() => page.getByText(/^Klart \d{4}-\d{2}-\d{2} \(/).count()).toBe(3);
    // A tick can be taken back.
    await page.getByRole("checkbox", { name: "Praktiken startar" }).click();
    await page.getByRole("heading", { level: 4, name: "Checklista (2 av 18 klara)" }).waitFor();
    // A step that does not apply to a workshop is set aside.
    await page.getByRole("button", { name: /^Gäller inte: Utdrag ur belastningsregistret/ }).click();
    await page.getByRole("heading", { level: 4, name: "Checklista (3 av 18 klara)" }).waitFor();
    await page.getByText(/^Gäller inte, markerat \d{4}-\d{2}-\d{2} \(/).waitFor();
    await expectNoViolations(page, "checklist with a step set aside");
  });

  it("lists the open checklist and the overdue follow-up on the work list", async () => {
    await page.getByRole("link", { name: "Mina uppgifter" }).click();
    await page.waitForURL(/\/uppgifter/);
    await settle();
    const checklistRow = page
      .getByRole("table", { name: /med steg kvar$/ })
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: personName }) })
      .filter({ hasText: "Praktik/arbetsträning" });
    await checklistRow.waitFor();
    await checklistRow.getByText("15 av 18").waitFor();
    const followUpRow = page
      .getByRole("table", { name: /^\d+ uppföljningar? som/ })
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: personName }) })
      .filter({ hasText: "Försenad" });
    await expect.poll(() => followUpRow.count()).toBeGreaterThan(0);
    await page.goto(`${server.url}/deltagare/${enrolmentId}/aktiviteter`);
    await page.getByRole("heading", { level: 1, name: "Insatser" }).waitFor();
    await settle();
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
    // The follow-up ticked its step of the checklist.
    await page.getByRole("checkbox", { name: "Besök eller ring arbetsplatsen efter ungefär en månad", checked: true }).waitFor();
    await page.getByRole("heading", { level: 4, name: "Checklista (4 av 18 klara)" }).waitFor();
    await screenshot(page, "activities-internship");
  });

  it("ends the internship and starts an employment at the same employer with the top-up worked out", async () => {
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
      await page.getByLabel("Anställningsform", { exact: true }).selectOption("wage_subsidy");
      await page.getByRole("radio", { name: "Extern arbetsgivare" }).check();
      await page.getByLabel("Lönekostnad per månad (kr)").fill("25000");
      await page.getByLabel("Statligt stöd per månad (kr)").fill("21000");
      await page.getByLabel("Arbetsgivare i nätverket").selectOption({ label: EMPLOYER });
    });
    // 20 % of 25 000 is 5 000, but only 4 000 remains after the state subsidy.
    await page.getByText(/^4\s000\skr per månad \(20 % av lönekostnaden är 5\s000\skr; högst det som återstår efter statligt stöd, 4\s000\skr\)/).waitFor();
    await expectNoViolations(page, "activities page with an employment and a task");
    await screenshot(page, "activities-employment");
  });

  it("sees the internship that led to the employment in the employer's placement history", async () => {
    await page.goto(employerUrl);
    await settle();
    const placements = page.getByRole("table", { name: /placeringar?$/ });
    const internship = placements.getByRole("row").filter({ hasText: "Praktik/arbetsträning" }).filter({ hasText: personName });
    await internship.waitFor();
    await internship.getByRole("cell", { name: "Anställning", exact: true }).waitFor();
    expect(await placements.getByRole("row").filter({ hasText: personName }).count()).toBe(2);
    await expectNoViolations(page, "employer page after the placement");
  });

  it("finds the employer among the suggestions for the trade", async () => {
    await page.goto(`${server.url}/projekt/${projectId}/arbetsgivare/hitta-plats`);
    await settle();
    await page.getByLabel("Branscher").fill("cykelreparation");
    await page.getByRole("button", { name: "Föreslå arbetsgivare" }).click();
    const row = page
      .getByRole("table", { name: /förslag$/ })
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: EMPLOYER }) });
    await row.waitFor();
    await expectNoViolations(page, "find a place with a suggestion");
  });

  it("sees the new-planning task on the work list and completes it there", async () => {
    await page.goto(`${server.url}/deltagare/${enrolmentId}/aktiviteter`);
    await page.getByRole("heading", { level: 1, name: "Insatser" }).waitFor();
    await settle();
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
    await mpage.getByRole("button", { name: "Upp: flytta steg 19 uppåt" }).click();
    await mpage.getByRole("row", { name: /^18 Skyddskläder och skor utlämnade/ }).waitFor();
    await mpage.getByRole("button", { name: "Ta ur bruk: steg 11" }).click();
    await mpage.getByRole("row", { name: /^11 Hälsointyg.*Ur bruk/ }).waitFor();
    await mpage.getByRole("textbox", { name: "Antal" }).first().fill("5");
    await mpage.getByRole("button", { name: "Spara uppföljningar" }).click();
    await mpage.getByText("Uppföljningarna är sparade.").waitFor();
    await mpage.getByText("Uppföljning 1: 5 dagar efter start").waitFor();
    const support = mpage.getByRole("form", { name: "Stöd och kommunens andel" });
    // Bad input is named at its field, and nothing is saved.
    await support.getByLabel("Längsta stöd (månader)").fill("");
    await support.getByLabel("Kommunens andel av lönekostnaden (%)").fill("");
    await support.getByRole("button", { name: "Spara stöd och andel" }).click();
    await support.getByText("Ange antal månader").waitFor();
    await support.getByText("Ange andelen i procent").waitFor();
    expect(await mpage.getByText("Stöd och andel är sparade.").count()).toBe(0);
    await support.getByLabel("Längsta stöd (månader)").fill("6");
    await support.getByLabel("Kommunens andel av lönekostnaden (%)").fill("25");
    await support.getByRole("button", { name: "Spara stöd och andel" }).click();
    await mpage.getByText("Stöd och andel är sparade.").waitFor();
    await expectNoViolations(mpage, "checklist templates, manager");
    await screenshot(mpage, "checklist-templates");
  });
});
