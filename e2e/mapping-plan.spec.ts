import { sql } from "kysely";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoViolations, launchBrowser, screenshot, signInThroughForm, startStegvis, swedishDay } from "./harness.ts";

// The demo coach of Steget maps a participant, writes a plan, revises it twice and compares.
let server: Awaited<ReturnType<typeof startStegvis>>;
let browser: BrowserContext;
let page: Page;
let enrolmentId: string;

const settle = () => page.waitForLoadState("networkidle");
const today = () => swedishDay(0);

beforeAll(async () => {
  server = await startStegvis();
  // An ongoing enrolment in Steget that has neither a mapping nor a plan yet.
  const row = await sql<{ id: string }>`
    SELECT e.id FROM enrolments e JOIN projects p ON p.id = e.project_id
    WHERE p.slug = 'steget' AND e.exit_date IS NULL AND e.start_date <= current_date
      AND NOT EXISTS (SELECT 1 FROM mapping_versions m WHERE m.enrolment_id = e.id)
      AND NOT EXISTS (SELECT 1 FROM plan_revisions r WHERE r.enrolment_id = e.id)
    ORDER BY e.start_date DESC, e.id LIMIT 1`.execute(server.db);
  const found = row.rows[0];
  if (!found) throw new Error("the demo data has no enrolment without a mapping and a plan");
  enrolmentId = found.id;
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  await signInThroughForm(page, server.url, "coach@stegvis.demo");
  await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a coach maps a participant and revises the plan", () => {
  it("fills the mapping, with the sensitive sections opened on purpose, and sees the version", async () => {
    await page.goto(`${server.url}/deltagare/${enrolmentId}/kartlaggning`);
    await settle();
    await page.getByRole("heading", { level: 1, name: "Kartläggning" }).waitFor();
    await expectNoViolations(page, "empty mapping");
    expect(await page.getByLabel("Hälsa", { exact: true }).count()).toBe(0);
    await page.getByLabel("Mål och framtidstankar").fill("Vill arbeta i restaurangkök.");
    await page.getByLabel("Intressen").fill("Matlagning.");
    const trades = page.getByRole("textbox", { name: "Branscher som deltagaren är intresserad av" });
    await trades.fill("Restaurang");
    await trades.press("Enter");
    await trades.fill("Lager");
    await trades.press("Enter");
    await page.getByLabel("Boende").fill("Egen hyresrätt.");
    await page.getByRole("button", { name: "Visa hälsa och våld" }).click();
    await settle();
    await page.getByLabel("Hälsa", { exact: true }).fill("Ont i knäna vid långa pass.");
    await page.getByRole("radio", { name: "Nej" }).check();
    await page.getByLabel("Datum då frågan ställdes").fill(today());
    await expectNoViolations(page, "mapping with sensitive sections open");
    await page.getByRole("button", { name: "Spara kartläggningen" }).click();
    await page.getByText("Kartläggningen är sparad som en ny version.").waitFor();
    await settle();
    await page.getByText("Version 1, sparad").first().waitFor();
    await screenshot(page, "mapping-saved");
    await expectNoViolations(page, "mapping saved");
    const saved = await server.db.selectFrom("mapping_versions").selectAll().where("enrolment_id", "=", enrolmentId).execute();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ trades: ["restaurang", "lager"], health: "Ont i knäna vid långa pass.", violence_answer: "no" });
  });

  it("writes a first plan with a goal and a sub-goal owned by another party", async () => {
    await page.getByRole("navigation", { name: /delar/i }).getByRole("link", { name: "Genomförandeplan" }).click();
    await page.waitForURL(/\/plan$/);
    await settle();
    await expectNoViolations(page, "empty plan");
    await page.getByRole("button", { name: "Lägg till mål" }).click();
    await page.getByLabel("Mål", { exact: true }).nth(0).fill("Få en praktikplats i ett restaurangkök");
    await page.getByRole("button", { name: "Lägg till delmål under mål 1" }).click();
    await page.getByLabel("Mål", { exact: true }).nth(1).fill("Skriva under beslut om aktivitetsstöd");
    await page.getByLabel("Ansvarig", { exact: true }).nth(1).selectOption("other");
    await page.getByLabel("Namn på ansvarig part").fill("Arbetsförmedlingen");
    await page.getByRole("button", { name: "Spara ny version av planen" }).click();
    await page.getByText("Planen är sparad som version 1.").waitFor();
    await settle();
  });

  it("revises the plan twice: a sub-goal reached, a goal added, then a comment", async () => {
    await page.getByLabel("Läge", { exact: true }).nth(1).selectOption("reached");
    await page.getByRole("button", { name: "Lägg till mål" }).click();
    await page.getByLabel("Mål", { exact: true }).nth(2).fill("Ta körkort B");
    await page.getByLabel("Anledning till ändringen").fill("Uppföljning efter studiebesök");
    await page.getByRole("button", { name: "Spara ny version av planen" }).click();
    await page.getByText("Planen är sparad som version 2.").waitFor();
    await settle();
    await page.getByLabel("Kommentar").nth(0).fill("Studiebesök på två kök är gjorda.");
    await page.getByRole("button", { name: "Spara ny version av planen" }).click();
    await page.getByText("Planen är sparad som version 3.").waitFor();
    await settle();
    await expectNoViolations(page, "plan with three versions");
  });

  it("compares version 1 with version 3 side by side, with the changes in words", async () => {
    await page.getByLabel("Jämför version", { exact: true }).selectOption("1");
    await page.getByLabel("med version").selectOption("3");
    await page.getByRole("button", { name: "Jämför", exact: true }).click();
    const table = page.getByRole("table", { name: "Version 1 jämförd med version 3" });
    await table.waitFor();
    const text = (await table.textContent()) ?? "";
    expect(text).toContain("Tillagt");
    expect(text).toContain("Ändrat");
    expect(text).toContain("Ta körkort B");
    expect(text).toContain("Ändrat: Läge");
    expect(text).toContain("Ändrat: Kommentar");
    await screenshot(page, "plan-compare");
    await expectNoViolations(page, "plan comparison");
  });

  it("downloads the plan as a PDF, and the download is logged", async () => {
    const href = await page.getByRole("link", { name: "Skriv ut planen (PDF)" }).getAttribute("href");
    expect(href).toBe(`/api/enrolments/${enrolmentId}/plan/pdf`);
    const res = await page.request.get(`${server.url}${href}`);
    expect(res.status()).toBe(200);
    expect((await res.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const logged = await server.db.selectFrom("audit_log").select("id").where("action", "=", "plan.pdf").execute();
    expect(logged).toHaveLength(1);
  });

  it("shows the mapping and the plan revisions on the participant's timeline", async () => {
    await page.goto(`${server.url}/deltagare/${enrolmentId}`);
    await settle();
    await screenshot(page, "participant-timeline");
    await page.getByText("Genomförandeplan reviderad (version 3)").waitFor({ timeout: 5000 });
    await page.getByText("Kartläggning gjord").waitFor();
    // Events of one day keep the order they happened in.
    const titles = await page.getByText(/^Genomförandeplan (upprättad|reviderad)/).allTextContents();
    expect(titles).toEqual(["Genomförandeplan upprättad", "Genomförandeplan reviderad (version 2)", "Genomförandeplan reviderad (version 3)"]);
  });

  it("sums up the current plan on the participant's overview", async () => {
    const now = page.getByRole("region", { name: "Just nu" });
    await now.getByText(/^Version 3, sparad \d{4}-\d{2}-\d{2}$/).waitFor();
    await now.getByText("Få en praktikplats i ett restaurangkök").waitFor();
    await now.getByText("1 av 1 delmål uppnådda").waitFor();
    await now.getByText("Ta körkort B").waitFor();
    await now.getByText("Inga pågående eller planerade insatser.").waitFor();
    await expectNoViolations(page, "participant overview with a plan");
  });
});
