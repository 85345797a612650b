import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoViolations, launchBrowser, signInThroughForm, startStegvis } from "./harness.ts";

// Two people correct the same participant at once; the one who saves second is told what changed.
let server: Awaited<ReturnType<typeof startStegvis>>;
let first: BrowserContext;
let second: BrowserContext;
let coach: Page;
let manager: Page;
let projectId: string;

async function signedIn(context: BrowserContext, email: string): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await signInThroughForm(page, server.url, email);
  await page.waitForURL((u) => !u.pathname.startsWith("/logga-in"));
  return page;
}

async function open(page: Page, path: string) {
  await page.goto(`${server.url}${path}`);
  await page.waitForLoadState("networkidle");
}

beforeAll(async () => {
  server = await startStegvis();
  projectId = (await server.db.selectFrom("projects").select("id").where("slug", "=", "steget").executeTakeFirstOrThrow()).id;
  first = await launchBrowser();
  second = await launchBrowser();
  coach = await signedIn(first, "coach@stegvis.demo");
  manager = await signedIn(second, "ledare@stegvis.demo");
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await server?.stop();
});

describe("corrections of a participant's record", () => {
  it("a pause corrected in two browsers: the second save shows what changed, and saves after a reload", async () => {
    const { enrolment_id: id } = await server.db
      .selectFrom("pauses as pa")
      .innerJoin("enrolments as e", "e.id", "pa.enrolment_id")
      .select("pa.enrolment_id")
      .where("e.project_id", "=", projectId)
      .where("e.exit_date", "is", null)
      .executeTakeFirstOrThrow();
    await open(coach, `/deltagare/${id}`);
    await open(manager, `/deltagare/${id}`);
    for (const page of [coach, manager]) await page.getByRole("button", { name: /^Ändra uppehållet/ }).click();

    await coach.getByLabel("Skäl", { exact: true }).fill("Sjukskriven, rättat av coachen.");
    await coach.getByRole("button", { name: "Spara rättelsen" }).click();
    await coach.getByText("Uppehållet är rättat.").waitFor();
    await expectNoViolations(coach, "participant page after a corrected pause");

    await manager.getByLabel("Skäl", { exact: true }).fill("Sjukskriven, rättat av ledaren.");
    await manager.getByRole("button", { name: "Spara rättelsen" }).click();
    const alert = manager.getByRole("alert").filter({ hasText: "Uppgifterna har ändrats under tiden" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("rättat av coachen");
    await expectNoViolations(manager, "pause correction with a conflict");

    await manager.getByRole("button", { name: "Läs in på nytt" }).click();
    await expect.poll(() => manager.getByLabel("Skäl", { exact: true }).inputValue()).toBe("Sjukskriven, rättat av coachen.");
    await manager.getByLabel("Skäl", { exact: true }).fill("Sjukskriven, rättat av ledaren.");
    await manager.getByRole("button", { name: "Spara rättelsen" }).click();
    await manager.getByText("Uppehållet är rättat.").waitFor();
    const pause = await server.db.selectFrom("pauses").select("reason").where("enrolment_id", "=", id).executeTakeFirstOrThrow();
    expect(pause.reason).toBe("Sjukskriven, rättat av ledaren.");
  });

  it("removes a pause after asking", async () => {
    const { enrolment_id: id } = await server.db
      .selectFrom("pauses as pa")
      .innerJoin("enrolments as e", "e.id", "pa.enrolment_id")
      .select("pa.enrolment_id")
      .where("e.project_id", "=", projectId)
      .orderBy("pa.enrolment_id", "desc")
      .executeTakeFirstOrThrow();
    const before = await server.db.selectFrom("pauses").select("id").where("enrolment_id", "=", id).execute();
    await open(coach, `/deltagare/${id}`);
    await coach
      .getByRole("button", { name: /^Ta bort uppehållet/ })
      .first()
      .click();
    await coach.getByRole("button", { name: "Ta bort uppehållet", exact: true }).waitFor();
    await expectNoViolations(coach, "remove a pause");
    await coach.getByRole("button", { name: "Ta bort uppehållet", exact: true }).click();
    await coach.getByText("Uppehållet är borttaget.").waitFor();
    expect(await server.db.selectFrom("pauses").select("id").where("enrolment_id", "=", id).execute()).toHaveLength(before.length - 1);
  });

  it("corrects an extension", async () => {
    const { enrolment_id: id } = await server.db
      .selectFrom("extensions as x")
      .innerJoin("enrolments as e", "e.id", "x.enrolment_id")
      .select("x.enrolment_id")
      .where("e.project_id", "=", projectId)
      .executeTakeFirstOrThrow();
    await open(coach, `/deltagare/${id}`);
    await coach
      .getByRole("button", { name: /^Ändra förlängningen/ })
      .first()
      .click();
    await coach.getByLabel("Anteckning").fill("Beslutet kom per post.");
    await expectNoViolations(coach, "extension correction");
    await coach.getByRole("button", { name: "Spara rättelsen" }).click();
    await coach.getByText("Förlängningen är rättad.").waitFor();
    expect(await coach.getByRole("cell", { name: "Beslutet kom per post." }).count()).toBe(1);
  });

  it("corrects an exit and then undoes it: the enrolment runs again", async () => {
    // An exit of someone with no later period in the project and no follow-up recorded.
    const exited = await server.db
      .selectFrom("enrolments as e")
      .select(["e.id", "e.person_id", "e.start_date"])
      .where("e.project_id", "=", projectId)
      .where("e.exit_date", "is not", null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("enrolments as later")
              .select("later.id")
              .whereRef("later.person_id", "=", "e.person_id")
              .whereRef("later.project_id", "=", "e.project_id")
              .whereRef("later.start_date", ">", "e.start_date"),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom("follow_ups as f").select("f.id").whereRef("f.enrolment_id", "=", "e.id"))))
      .executeTakeFirstOrThrow();
    await open(coach, `/deltagare/${exited.id}`);
    await coach.getByRole("button", { name: "Rätta avslutet" }).click();
    await coach.getByLabel("Nästa instans").fill("Arbetsförmedlingen, rättat");
    await expectNoViolations(coach, "exit correction");
    await coach.getByRole("button", { name: "Spara rättelsen" }).click();
    await coach.getByText("Avslutet är rättat.").waitFor();

    await coach.getByRole("button", { name: "Ångra avslutet" }).click();
    await coach.getByRole("button", { name: "Ta bort avslutet" }).waitFor();
    await expectNoViolations(coach, "undo the exit");
    await coach.getByRole("button", { name: "Ta bort avslutet" }).click();
    await coach.getByText("Avslutet är borttaget. Inskrivningen pågår igen.").waitFor();
    await coach.getByText("Deltagaren är inte avslutad.").waitFor();
    const row = await server.db.selectFrom("enrolments").select(["exit_date", "version"]).where("id", "=", exited.id).executeTakeFirstOrThrow();
    expect(row.exit_date).toBeNull();
  });

  it("changes the enrolment's planned time, and a stale form in the other browser shows the change", async () => {
    const { id } = await server.db
      .selectFrom("enrolments")
      .select("id")
      .where("project_id", "=", projectId)
      .where("exit_date", "is", null)
      .orderBy("start_date", "desc")
      .executeTakeFirstOrThrow();
    await open(coach, `/deltagare/${id}`);
    await open(manager, `/deltagare/${id}`);
    for (const page of [coach, manager]) await page.getByRole("button", { name: "Ändra inskrivningen" }).click();
    await expectNoViolations(coach, "enrolment form");
    await coach.getByLabel("Planerad tid i månader").fill("9");
    await coach.getByRole("button", { name: "Spara", exact: true }).click();
    await coach.getByText("Inskrivningen är ändrad.").waitFor();
    await manager.getByLabel("Planerad tid i månader").fill("12");
    await manager.getByRole("button", { name: "Spara", exact: true }).click();
    const alert = manager.getByRole("alert").filter({ hasText: "Uppgifterna har ändrats under tiden" });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Planerad tid i månader: \d+ → 9/);
  });

  it("corrects a referral before its decision and an intake's name", async () => {
    const { id } = await server.db
      .selectFrom("referrals")
      .select("id")
      .where("project_id", "=", projectId)
      .where("decision", "=", "pending")
      .executeTakeFirstOrThrow();
    await open(coach, `/projekt/${projectId}/aktualiseringar/${id}`);
    await coach.getByRole("button", { name: "Ändra aktualiseringen" }).click();
    await coach.getByLabel("Kontaktperson hos parten").fill("Ny handläggare");
    await expectNoViolations(coach, "referral correction");
    await coach.getByRole("button", { name: "Spara", exact: true }).click();
    await coach.getByText("Aktualiseringen är ändrad.").waitFor();
    await coach.getByText("Ny handläggare").waitFor();

    await open(manager, `/projekt/${projectId}/intag`);
    await manager
      .getByRole("button", { name: /^Ändra intaget/ })
      .first()
      .click();
    await manager
      .getByRole("form", { name: /^Ändra intaget/ })
      .getByLabel("Namn")
      .fill("Vårintaget (rättat)");
    await expectNoViolations(manager, "intake change");
    await manager.getByRole("button", { name: "Spara", exact: true }).click();
    await manager.getByText("Intaget Vårintaget (rättat) är ändrat.").waitFor();
  });
});
