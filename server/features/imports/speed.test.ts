import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProject, aUser, signIn } from "../../test/factories.ts";
import { expectStatus } from "../../test/participants.ts";
import { exportTables, toCsv } from "./export.ts";
import { inventedActivities, inventedEnrolments } from "./invented.ts";
import { upload } from "./testing.ts";

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Invented enrolments (one person each) with an internship apiece, as the pair of semicolon CSV files an export writes. */
function bigFiles(n: number) {
  const enrolments = inventedEnrolments(n);
  const tables = exportTables({ enrolments, activities: inventedActivities(enrolments), extensions: [] });
  return [
    { name: "enrolments.csv", data: toCsv(tables.enrolments) },
    { name: "activities.csv", data: toCsv(tables.activities) },
  ];
}

describe("a large import", () => {
  it("checks and writes 10,000 enrolments with activities in seconds", async () => {
    const project = await aProject(t.db);
    const manager = await aUser(t.db, { projects: [{ projectId: project.id, role: "manager" }] });
    const as = await signIn(t.app, manager.email);
    const files = bigFiles(10_000);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const out = expectStatus(await upload(as, project.id, files), 201);
    const seconds = (performance.now() - started) / 1000;
    // The embedded database runs in this process, so its CPU time is the import's cost even
    // when a busy machine stretches the wall-clock time.
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    console.info(`import of 10,000 enrolments + 10,000 activities: ${seconds.toFixed(1)} s wall-clock, ${cpuSeconds.toFixed(1)} s CPU`);
    expect(out.counts.enrolments.new).toBe(10_000);
    expect(out.counts.activities.new).toBe(10_000);
    expect(cpuSeconds).toBeLessThan(15);
    expect(seconds).toBeLessThan(180);
    const again = Date.now();
    const second = expectStatus(await upload(as, project.id, files), 201);
    console.info(`the same file again (all rows matched, nothing written): ${((Date.now() - again) / 1000).toFixed(1)} s`);
    expect(second.counts.enrolments).toEqual({ new: 0, unchanged: 10_000 });
  }, 300_000);
});
