import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemo } from "../../seed/demo.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { recoverHiddenCells } from "../../test/disclosure.ts";
import { annualReport } from "./annual.ts";

/*
 * The demo data's annual reports, snapshotted so that any silent change in a number fails.
 *
 * The demo seed places its dates relative to today (todayInSweden(), i.e. JavaScript's Date) and
 * draws everything else from a seeded faker. The report reads only the stored dates, never the
 * database's current_date. So the clock is fixed while seeding, and the reports cover a fixed
 * period: the same numbers on every day, on PGlite and on PostgreSQL.
 *
 * With "today" = 2025-06-16 the intakes start 2024-08-10, 2024-10-24, 2025-01-07, 2025-03-23 and
 * 2025-06-06, and the upcoming participants start on 2025-06-30, the period's last day.
 */
const TODAY = new Date("2025-06-16T10:00:00Z");
/** The report's JSON, with each list of plain values on one line so a changed number reads as one changed line. */
const json = (x: unknown) => JSON.stringify(x, null, 2).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_, inner: string) => `[${inner.replace(/\s*\n\s*/g, " ")}]`);
const PERIOD = { from: "2025-01-01", to: "2025-06-30" };

let t: TestApp;
let projects: { id: string; slug: string }[];
beforeAll(async () => {
  t = await makeTestApp();
  vi.setSystemTime(TODAY);
  try {
    await seedDemo(t.db, { production: false });
  } finally {
    vi.useRealTimers();
  }
  projects = await t.db.selectFrom("projects").select(["id", "slug"]).orderBy("slug").execute();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("annual report of the demo data", () => {
  it("seeded the three demo projects", () => {
    expect(projects.map((p) => p.slug)).toEqual(["individspar", "nystart", "steget"]);
  });

  for (const slug of ["individspar", "nystart", "steget"]) {
    it(`${slug}: every number of the report is as before`, async () => {
      const p = projects.find((x) => x.slug === slug) as { id: string };
      const report = await annualReport(t.db, { projectId: p.id, ...PERIOD, suppress: false });
      expect(report.summary.uniqueParticipants).toBeGreaterThan(0);
      expect(json(report)).toMatchSnapshot();
    });
  }

  it("steget for publication: as before, and no hidden cell can be recovered", async () => {
    const p = projects.find((x) => x.slug === "steget") as { id: string };
    const report = await annualReport(t.db, { projectId: p.id, ...PERIOD, suppress: true });
    expect(recoverHiddenCells(report)).toEqual([]);
    expect(json(report)).toMatchSnapshot();
  });

  it("the other demo projects for publication: no hidden cell can be recovered", async () => {
    for (const slug of ["individspar", "nystart"]) {
      const p = projects.find((x) => x.slug === slug) as { id: string };
      for (const period of [PERIOD, { from: "2024-01-01", to: "2025-12-31" }]) {
        const recovered = recoverHiddenCells(await annualReport(t.db, { projectId: p.id, ...period, suppress: true }));
        expect(recovered, `${slug} ${period.from}–${period.to}`).toEqual([]);
      }
    }
  });
});
