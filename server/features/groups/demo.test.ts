import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GroupList, GroupStatistics } from "../../../schemas/groups.ts";
import { DEMO_PASSWORD, seedDemo } from "../../seed/demo.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { signIn } from "../../test/factories.ts";

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  await seedDemo(t.db, { production: false });
}, 240_000);
afterAll(async () => {
  await t?.close();
});

describe("demo groups", () => {
  it("has a finished and a running group in Steget, with sessions, participants and attendance the coach can see", async () => {
    const steget = await t.db.selectFrom("projects").select("id").where("slug", "=", "steget").executeTakeFirstOrThrow();
    const coach = await signIn(t.app, "coach@stegvis.demo", DEMO_PASSWORD);
    const list: GroupList = (await coach.get(`/api/projects/${steget.id}/groups`)).json();
    expect(list.groups.map((g) => g.status).sort()).toEqual(["finished", "running"]);
    for (const g of list.groups) {
      expect(g.sessions).toBeGreaterThan(8);
      expect(g.members).toBeGreaterThanOrEqual(5);
      const stats: GroupStatistics = (await coach.get(`/api/groups/${g.id}/statistics`)).json();
      expect(stats.overall.registered).toBeGreaterThan(0);
      expect(stats.overall.rate).toBeGreaterThan(0.5);
    }
    const stat = await signIn(t.app, "statistik@stegvis.demo", DEMO_PASSWORD);
    const finished = list.groups.find((g) => g.status === "finished");
    const agg: GroupStatistics = (await stat.get(`/api/groups/${finished?.id}/statistics`)).json();
    expect(agg.perPerson).toBe(false);
    expect(agg.overall.suppressed).toBe(false);
  });
});
