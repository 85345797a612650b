#!/usr/bin/env node
// `npm test`: the whole suite. Unit and API tests on PGlite; again on PostgreSQL when
// TEST_DATABASE_URL is set; then the browser journeys when Chromium is installed (the participant's
// own journeys on PostgreSQL too, when TEST_DATABASE_URL is set).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

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

const journeysOnPostgres = ["e2e/participant-journey.spec.ts", "e2e/mapping-plan.spec.ts", "e2e/meetings-notes.spec.ts", "e2e/activities.spec.ts"];

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(chromium)) {
  const built = step("Build the web app", ["node_modules/vite/bin/vite.js", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);
  if (built) step("Browser journeys in Chromium (Playwright + axe-core)", [...vitest, "--config", "vitest.e2e.config.ts"], { CHROMIUM_PATH: chromium });
  // The participant's own journeys again on PostgreSQL, so the pages are proven on both databases.
  if (built && process.env.TEST_DATABASE_URL) {
    step("Participant journeys in Chromium on PostgreSQL", [...vitest, "--config", "vitest.e2e.config.ts", ...journeysOnPostgres], {
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
