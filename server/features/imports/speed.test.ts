import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProject, aUser, signIn } from "../../test/factories.ts";
import { expectStatus } from "../../test/participants.ts";
import { upload } from "./testing.ts";

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** 10,000 invented enrolments (one person each) with an activity apiece, as one semicolon CSV pair. */
function bigFiles(n: number) {
  const e = [
    "enrolment_ref;person_ref;first_name;last_name;gender;birth_date;intake;referral_date;referring_party;start_date;planned_months;education_level;main_income_at_entry;income_at_entry;end_date;exit_status;exit_kind;income_at_exit",
  ];
  const a = ["activity_ref;enrolment_ref;type;start_date;end_date;extent_percent;employer"];
  for (let i = 0; i < n; i++) {
    const month = String((i % 12) + 1).padStart(2, "0");
    const exited = i % 3 === 0;
    e.push(
      [
        `E${i}`,
        `P${i}`,
        `Förnamn${i}`,
        `Efternamn${i % 997}`,
        ["kvinna", "man", "annat"][i % 3],
        `19${70 + (i % 30)}-${month}-1${i % 9}`,
        `Intag ${(i % 4) + 1}`,
        `2023-${month}-01`,
        ["AF", "SKE", "FK", "Egen"][i % 4],
        `2023-${month}-15`,
        "12",
        "gymnasieskola",
        "försörjningsstöd",
        "Kom:75+Egen:25",
        exited ? "2024-03-01" : "",
        exited ? "anställning" : "",
        exited ? "slutligt" : "",
        exited ? "Egen:100" : "",
      ].join(";"),
    );
    a.push([`A${i}`, `E${i}`, "praktik", `2023-${month}-20`, "2024-02-01", "50", `Arbetsplats ${i % 50}`].join(";"));
  }
  return [
    { name: "enrolments.csv", data: `${e.join("\n")}\n` },
    { name: "activities.csv", data: `${a.join("\n")}\n` },
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
