// Largest Contentful Paint of the caseload page in headless Chromium: the real app (`stegvis
// start` on PostgreSQL, production build of the web app) opened by a signed-in manager in a
// fresh browser profile each run, so nothing is cached; the page counts as painted when the
// browser reports its last LCP candidate after the caseload table has rendered.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { chromium } from "playwright-core";
import { BENCH_MAIN_PROJECT, BENCH_MANAGER, BENCH_PASSWORD, log, median, round } from "./common.ts";
import { signIn, startServer } from "./servers.ts";

export interface LcpResult {
  project: string;
  runsMs: number[];
  lcpMs: number;
  /** Time from navigation until the first caseload row was in the page. */
  firstRowMs: number;
  loadAverage: { before: number[]; after: number[] };
}

const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function measureLcp(opts: { databaseUrl: string; runs: number }): Promise<LcpResult> {
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  const project = (await client.query<{ id: string }>("SELECT id FROM projects WHERE slug = $1", [BENCH_MAIN_PROJECT])).rows[0];
  await client.end();
  if (!project) throw new Error(`project ${BENCH_MAIN_PROJECT} not found: load the data with bench:data first`);

  const before = loadavg().map((x) => round(x, 2));
  const app = await startServer("app", { DATABASE_URL: opts.databaseUrl, NODE_ENV: "production" });
  const runsMs: number[] = [];
  const firstRows: number[] = [];
  try {
    for (let run = -1; run < opts.runs; run++) {
      // A fresh profile each run: no cached scripts, styles or answers.
      const profile = mkdtempSync(join(tmpdir(), "stegvis-lcp-"));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        headless: true,
        locale: "sv-SE",
        viewport: { width: 1280, height: 900 },
        args: chromiumArgs,
      });
      try {
        const { cookie } = await signIn(app.url, BENCH_MANAGER, BENCH_PASSWORD);
        const [name, ...rest] = cookie.split(";")[0]?.split("=") ?? [];
        await context.addCookies([{ name: name as string, value: rest.join("="), url: app.url }]);
        const page = context.pages()[0] ?? (await context.newPage());
        const t0 = Date.now();
        await page.goto(`${app.url}/projekt/${project.id}/deltagare`);
        await page.locator("table tbody tr").first().waitFor({ timeout: 60_000 });
        const firstRow = Date.now() - t0;
        // Give the browser a moment to report candidates painted with the table, then read the last.
        await page.waitForTimeout(500);
        const lcp = await page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              new PerformanceObserver((list) => {
                const entries = list.getEntries();
                resolve(entries[entries.length - 1]?.startTime ?? Number.NaN);
              }).observe({ type: "largest-contentful-paint", buffered: true });
              setTimeout(() => resolve(Number.NaN), 5000);
            }),
        );
        if (!Number.isFinite(lcp)) throw new Error("the browser reported no Largest Contentful Paint");
        if (run >= 0) {
          runsMs.push(Math.round(lcp));
          firstRows.push(firstRow);
          log(`caseload LCP run ${run + 1}/${opts.runs}: ${Math.round(lcp)} ms (first row after ${firstRow} ms)`);
        }
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await app.stop();
  }
  return {
    project: BENCH_MAIN_PROJECT,
    runsMs,
    lcpMs: median(runsMs),
    firstRowMs: median(firstRows),
    loadAverage: { before, after: loadavg().map((x) => round(x, 2)) },
  };
}
