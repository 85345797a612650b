import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoViolations, launchBrowser, screenshot, signInThroughForm, startStegvis, swedishDay } from "./harness.ts";

// A coach enters a participant's group ratings from the paper form; the manager sends a
// questionnaire and reads the results; the team's self-evaluation days side by side.
let server: Awaited<ReturnType<typeof startStegvis>>;
let browser: BrowserContext;
let page: Page;
let projectId: string;
let enrolmentId: string;

const settle = () => page.waitForLoadState("networkidle");

beforeAll(async () => {
  server = await startStegvis();
  projectId = (await server.db.selectFrom("projects").select("id").where("slug", "=", "steget").executeTakeFirstOrThrow()).id;
  // An active participant without ratings yet.
  const rated = server.db.selectFrom("rating_scores").select("enrolment_id");
  enrolmentId = (
    await server.db
      .selectFrom("enrolments")
      .select("id")
      .where("project_id", "=", projectId)
      .where("exit_date", "is", null)
      .where("start_date", "<=", swedishDay(-14))
      .where("id", "not in", rated)
      .orderBy("start_date")
      .executeTakeFirstOrThrow()
  ).id;
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const fillItems = async (values: string[]) => {
  for (const [i, name] of ["Relation", "Mål och ämnen", "Arbetssätt eller metod", "Helhet"].entries())
    await page.getByLabel(name, { exact: true }).fill(values[i] ?? "");
};

describe("ratings and questionnaires", () => {
  it("a coach registers GSRS scores, gets the item named when a value has two decimals, and sees the alert and the chart", async () => {
    await signInThroughForm(page, server.url, "coach@stegvis.demo");
    await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
    await page.goto(`${server.url}/deltagare/${enrolmentId}`);
    await settle();
    await page.getByRole("navigation", { name: "Deltagarens delar" }).getByRole("link", { name: "Skattningar och enkäter" }).click();
    await page.waitForURL((u) => u.pathname.endsWith("/skattningar"));
    await settle();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Skattningar och enkäter");
    await page.getByLabel("Tillfälle", { exact: true }).selectOption("group_session");
    await page.getByLabel("Benämning av tillfället").fill("Egenmakt");
    await fillItems(["9", "9,25", "9", "9"]);
    await page.getByRole("button", { name: "Spara skattningen" }).click();
    await expect.poll(() => page.getByText("”Mål och ämnen” får ha högst 1 decimal.").count()).toBe(1);
    await fillItems(["9", "9", "9", "9"]);
    await page.getByRole("button", { name: "Spara skattningen" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Total 36 – under gränsen" }).count()).toBe(1);
    await fillItems(["9,5", "9,2", "9,6", "9,8"]);
    await page.getByRole("button", { name: "Spara skattningen" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Total 38,1" }).count()).toBe(1);
    await settle();
    const chart = page.getByRole("img", { name: /GSRS – skattning av gruppträffen: total över tid/ });
    await expect.poll(() => chart.count()).toBe(1);
    const table = page.getByRole("table", { name: /GSRS – skattning av gruppträffen: 2 skattningar/ });
    await expect.poll(() => table.getByRole("row").count()).toBe(3);
    await expect.poll(() => table.getByText("Ja, under gränsen").count()).toBe(1);
    await expectNoViolations(page, "participant ratings");
    await screenshot(page, "ratings-participant");
    // The first form was misread: correct it, and the alert goes away.
    await table
      .getByRole("button", { name: /^Rätta skattningen från/ })
      .first()
      .click();
    await expect.poll(() => page.getByRole("heading", { name: /^Rätta skattningen från/ }).count()).toBe(1);
    await page.getByLabel("Relation", { exact: true }).fill("9,5");
    await page.getByRole("button", { name: "Spara rättelsen" }).click();
    await expect.poll(() => table.getByText("Ja, under gränsen").count()).toBe(0);
    await expect.poll(() => table.getByText("36,5").count()).toBe(1);
    await expectNoViolations(page, "participant ratings after a correction");
  });

  it("a manager writes a questionnaire, sends it, and reads a round's results", async () => {
    await browser.clearCookies();
    await signInThroughForm(page, server.url, "ledare@stegvis.demo");
    await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
    await page.goto(`${server.url}/projekt/${projectId}`);
    await settle();
    await page.getByRole("link", { name: "Enkäter och skattningar", exact: true }).click();
    await page.waitForURL((u) => u.pathname.endsWith("/enkater"));
    await settle();
    await expect.poll(() => page.getByRole("table", { name: "GSRS – skattning av gruppträffen per månad" }).count()).toBe(1);
    const create = page.getByRole("form", { name: "Ny enkät" });
    await create.getByLabel("Rubrik").fill("Halvtidsavstämning");
    await create.getByLabel("Frågan").fill("Hur nöjd är du med stödet hittills?");
    await create.getByRole("button", { name: "Lägg till fråga" }).click();
    await create.getByLabel("Frågetyp").nth(1).selectOption("yes_no");
    await create.getByLabel("Frågan").nth(1).fill("Har du en praktikplats i sikte?");
    await create.getByRole("button", { name: "Spara enkäten" }).click();
    await expect.poll(() => page.getByText("Enkäten ”Halvtidsavstämning” är sparad.").count()).toBe(1);
    const send = page.getByRole("form", { name: "Skicka en enkät" });
    await send.getByLabel("Enkät", { exact: true }).selectOption({ label: "Halvtidsavstämning" });
    await send.getByRole("button", { name: "Skicka" }).click();
    await expect.poll(() => send.getByText("Ange en rubrik för utskicket").count()).toBe(1);
    await send.getByLabel("Utskickets namn").fill("Grupp vecka 8");
    await send.getByRole("button", { name: "Välj alla" }).click();
    await send.getByRole("button", { name: "Skicka" }).click();
    await expect.poll(() => send.getByRole("status").count()).toBe(1);
    await expect.poll(() => page.getByRole("table", { name: "Utskick av Halvtidsavstämning" }).getByText("Grupp vecka 8", { exact: true }).count()).toBe(1);
    await page.getByRole("link", { name: "Resultat för Vårens grupp" }).click();
    await settle();
    const results = page.getByRole("region", { name: /Resultat: Uppföljning efter gruppen – Vårens grupp/ });
    await expect.poll(() => results.getByRole("table", { name: /antal svar, lägsta, medel och högsta/ }).count()).toBe(1);
    await expect.poll(() => results.getByRole("table", { name: "Fick du det stöd du behövde? – svar per kön" }).getByRole("row").count()).toBe(5);
    await expect.poll(() => results.getByText("Fler studiebesök hos arbetsgivare").count()).toBeGreaterThan(0);
    await expectNoViolations(page, "questionnaires with results");
    await screenshot(page, "ratings-questionnaires");
  });

  it("a manager corrects the questionnaire's title and sends it to a group", async () => {
    await page.getByRole("button", { name: "Ändra enkäten ”Halvtidsavstämning”" }).click();
    const change = page.getByRole("form", { name: "Ändra enkäten ”Halvtidsavstämning”" });
    await change.getByLabel("Rubrik").fill("Halvtidsavstämning i gruppen");
    await expectNoViolations(page, "questionnaire being corrected");
    await change.getByRole("button", { name: "Spara ändringarna" }).click();
    await expect.poll(() => page.getByText("Enkäten ”Halvtidsavstämning i gruppen” är ändrad.").count()).toBe(1);
    const send = page.getByRole("form", { name: "Skicka en enkät" });
    await send.getByLabel("Enkät", { exact: true }).selectOption({ label: "Halvtidsavstämning i gruppen" });
    await send.getByLabel("Utskickets namn").fill("Startgruppen");
    await send.getByLabel("Skicka till en grupp").selectOption({ label: "Startgrupp höst" });
    await send.getByRole("button", { name: "Skicka" }).click();
    const rounds = page.getByRole("table", { name: "Utskick av Halvtidsavstämning i gruppen" });
    await expect.poll(() => rounds.getByText("Startgruppen (gruppen Startgrupp höst)").count()).toBe(1);
    const sent = await server.db
      .selectFrom("questionnaire_rounds as r")
      .innerJoin("questionnaire_recipients as x", "x.round_id", "r.id")
      .select("x.enrolment_id")
      .where("r.title", "=", "Startgruppen")
      .execute();
    expect(sent.length).toBeGreaterThan(0);
    await expectNoViolations(page, "questionnaire sent to a group");
  });

  it("shows the latest self-evaluation day beside the previous one, and takes an anonymous answer", async () => {
    await page.goto(`${server.url}/projekt/${projectId}/sjalvvardering`);
    await settle();
    const compare = page.getByRole("table", { name: /Självvärdering våren jämförd med Självvärdering hösten/ });
    await expect.poll(() => compare.getByRole("row").count()).toBe(6);
    const answer = page.getByRole("form", { name: "Lämna ett svar" });
    for (const q of ["Deltagarnas utveckling", "Samarbete och samverkan", "Arbetssätt och metoder", "Förutsättningar", "Tilltro till att nå målen"])
      await answer.getByRole("group", { name: q }).getByLabel("Värde 0–10").selectOption("8");
    await answer.getByRole("group", { name: "Förutsättningar" }).getByLabel("Kommentar").fill("Lokalerna räcker inte till grupperna.");
    await answer.getByRole("button", { name: "Spara svaret" }).click();
    await expect.poll(() => page.getByText("Lokalerna räcker inte till grupperna.").count()).toBe(1);
    await expectNoViolations(page, "self-evaluation");
    await screenshot(page, "ratings-self-evaluation");
    await page.getByRole("button", { name: "Rätta dagen ”Självvärdering våren”" }).click();
    const fix = page.getByRole("form", { name: "Rätta självvärderingsdagen" });
    await fix.getByLabel("Rubrik").fill("Självvärdering våren, heldag");
    await expectNoViolations(page, "self-evaluation day being corrected");
    await fix.getByRole("button", { name: "Spara rättelsen" }).click();
    await expect.poll(() => page.getByRole("link", { name: "Självvärdering våren, heldag" }).count()).toBe(1);
  });

  it("shows the statistician aggregates only, with small numbers hidden and no free text", async () => {
    const round = await server.db.selectFrom("questionnaire_rounds").select("id").where("title", "=", "Vårens grupp").executeTakeFirstOrThrow();
    await browser.clearCookies();
    await signInThroughForm(page, server.url, "statistik@stegvis.demo");
    await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
    await page.goto(`${server.url}/projekt/${projectId}/enkater?omgang=${round.id}`);
    await settle();
    await expect.poll(() => page.getByText("Du ser bara sammanställningar.", { exact: false }).count()).toBe(1);
    await expect.poll(() => page.getByText("<5").count()).toBeGreaterThan(0);
    expect(await page.getByText("Fler studiebesök hos arbetsgivare").count()).toBe(0);
    expect(await page.getByRole("form", { name: "Ny enkät" }).count()).toBe(0);
    await expectNoViolations(page, "questionnaire results for the statistician");
    await screenshot(page, "ratings-statistician");
  });

  it("lets the admin record the licence", async () => {
    await browser.clearCookies();
    await signInThroughForm(page, server.url, "admin@stegvis.demo");
    await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
    await page.goto(`${server.url}/admin/projekt`);
    await settle();
    const form = page.getByRole("form", { name: "Registrera eller förnya licens" });
    await form.getByLabel("Giltig till och med").fill("2030-12-31");
    await form.getByRole("button", { name: "Spara licensen" }).click();
    await expect.poll(() => page.getByRole("table", { name: "Licens per organisation" }).getByText("2030-12-31").count()).toBe(1);
    await expectNoViolations(page, "admin licence");
    await screenshot(page, "ratings-admin-licence");
    await page.getByRole("button", { name: "Ändra ORS – skattning av måendet" }).click();
    const scale = page.getByRole("form", { name: "Ändra skalan" });
    await expect.poll(() => scale.getByLabel("Lägsta värde per fråga").isDisabled()).toBe(true);
    await scale.getByLabel("Namn på engelska").fill("ORS – outcome rating scale");
    await expectNoViolations(page, "rating scale being changed");
    await scale.getByRole("button", { name: "Spara skalan" }).click();
    await expect.poll(() => page.getByText("Skalan ORS – skattning av måendet är sparad.").count()).toBe(1);
  });
});
