import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmployerDetail, EmployerList, WeeklyContacts } from "../../../schemas/employers.ts";
import { DEMO_PASSWORD, seedDemo } from "../../seed/demo.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { signIn } from "../../test/factories.ts";
import { expectStatus } from "../../test/participants.ts";

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  await seedDemo(t.db, { production: false });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe("demo employer network", () => {
  it("has a dozen employers with workplaces, contacts, contact log and placements the demo coach can see", async () => {
    const coach = await signIn(t.app, "coach@stegvis.demo", DEMO_PASSWORD);
    const steget = await t.db.selectFrom("projects").select("id").where("slug", "=", "steget").executeTakeFirstOrThrow();
    const list: EmployerList = expectStatus(await coach.post(`/api/projects/${steget.id}/employers/search`, {}), 200);
    expect(list.employers.length).toBeGreaterThanOrEqual(12);
    expect(list.employers.some((e) => e.status === "resting")).toBe(true);
    expect(list.employers.reduce((n, e) => n + e.placements, 0)).toBeGreaterThan(0);
    const first = list.employers.find((e) => e.placements > 0);
    const page: EmployerDetail = expectStatus(await coach.get(`/api/projects/${steget.id}/employers/${first?.id}`), 200);
    expect(page.workplaces.length).toBeGreaterThan(0);
    expect(page.contacts.some((c) => c.isSupervisor)).toBe(true);
    const weekly: WeeklyContacts = expectStatus(await coach.get(`/api/projects/${steget.id}/employer-contacts/weekly`), 200);
    expect(weekly.totals.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
