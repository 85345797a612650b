#!/usr/bin/env node
// `npm test`: the whole suite. Unit and API tests on PGlite; again on PostgreSQL when
// TEST_DATABASE_URL is set; then the browser journeys when Chromium is installed (the participant's
// own journeys on PostgreSQL too, when TEST_DATABASE_URL is set).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";

const vitest = ["node_modules/vitest/vitest.mjs", "run"];
const results = [];

function step(name, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const res = spawnSync(process.execPath, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const ok = res.status === 0;
  results.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

step("API and unit tests on PGlite", vitest, { STEGVIS_TEST_DB: "pglite" });

if (process.env.TEST_DATABASE_URL) {
  step("API and unit tests on PostgreSQL", vitest, { STEGVIS_TEST_DB: "postgres" });
} else {
  results.push({ name: "API and unit tests on PostgreSQL", ok: true, skipped: "TEST_DATABASE_URL is not set" });
}

/**
 * Browser journeys on a shared two-core machine sometimes wait past a timeout when the machine is
 * busy. A journey file that fails is run once more on its own; the step passes only if it then
 * passes, and the summary names every file that needed the second run.
 */
function browserJourneys(name, files, env) {
  const report = `.test-tmp/e2e-${results.length}.json`;
  const args = [...vitest, "--config", "vitest.e2e.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
  if (step(name, [...args, ...files], env)) return;
  let failed = [];
  try {
    const out = JSON.parse(readFileSync(report, "utf8"));
    failed = out.testResults.filter((t) => t.status === "failed").map((t) => relative(process.cwd(), t.name));
  } catch {
    return;
  }
  if (failed.length === 0) return;
  const first = results.pop();
  const again = step(`${name}: again, the files that failed (${failed.join(", ")})`, [...vitest, "--config", "vitest.e2e.config.ts", ...failed], env);
  const second = results.pop();
  results.push({
    name: `${name} — ${again ? "passed on a second run" : "failed twice"}: ${failed.join(", ")}`,
    ok: again,
    seconds: (Number(first.seconds) + Number(second.seconds)).toFixed(1),
  });
}

const journeysOnPostgres = ["e2e/participant-journey.spec.ts", "e2e/mapping-plan.spec.ts", "e2e/meetings-notes.spec.ts", "e2e/activities.spec.ts"];

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(chromium)) {
  const built = step("Build the web app", ["node_modules/vite/bin/vite.js", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);
  if (built) browserJourneys("Browser journeys in Chromium (Playwright + axe-core)", [], { CHROMIUM_PATH: chromium });
  // The participant's own journeys again on PostgreSQL, so the pages are proven on both databases.
  if (built && process.env.TEST_DATABASE_URL) {
    browserJourneys("Participant journeys in Chromium on PostgreSQL", journeysOnPostgres, {
      CHROMIUM_PATH: chromium,
      STEGVIS_TEST_DB: "postgres",
    });
  }
} else {
  results.push({ name: "Browser journeys", ok: true, skipped: `no Chromium at ${chromium} (install it with: apt-get install -y chromium)` });
}

console.log("\n=== Summary ===");
for (const r of results) {
  console.log(`${r.skipped ? "SKIPPED" : r.ok ? "passed " : "FAILED "}  ${r.name}${r.skipped ? ` — ${r.skipped}` : ` (${r.seconds} s)`}`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
