import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { buildApp } from "../server/app.ts";
import { testConfig } from "../server/config.ts";
import { cloneDatabase } from "../server/test/app.ts";
import { demoTemplateDir, demoTemplateName, tmpRoot } from "../server/test/template.ts";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const DEMO_PASSWORD = "stegvis-demo";
export const screenshotDir = join(tmpRoot, "screenshots");

/**
 * The real server on a free port, on its own copy of the demo database: a PGlite folder, or a
 * PostgreSQL database when the suite runs with STEGVIS_TEST_DB=postgres.
 */
export async function startStegvis() {
  const { handle, drop } = await demoDatabase();
  const app = await buildApp({ handle, config: testConfig() });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    db: handle.db,
    stop: async () => {
      await app.close();
      await drop();
    },
  };
}

function demoDatabase() {
  return cloneDatabase({ pgliteDir: demoTemplateDir, postgresName: demoTemplateName() }, "e2e");
}

export async function launchBrowser(locale = "sv-SE"): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpRoot, "chromium-")), {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    locale,
    viewport: { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/** WCAG 2.1 A/AA violations axe-core finds on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const res = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return res.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** Plain text of violations for a readable test failure. */
export function describeViolations(where: string, vs: AxeViolation[]): string {
  return vs
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(" ")} — ${n.failureSummary}`).join("\n")}`)
    .join("\n");
}

/** Fails the test with a readable list when axe finds anything on the page as it is now. */
export async function expectNoViolations(page: Page, where: string) {
  // A dialog or menu that is still fading in shows blended colours; check the page as it rests.
  await page
    .waitForFunction(
      () => document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY),
      undefined,
      { timeout: 3000 },
    )
    .catch(() => undefined);
  const v = await axeViolations(page);
  if (v.length) throw new Error(describeViolations(where, v));
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

export async function signInThroughForm(page: Page, base: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${base}/logga-in`);
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
}

/** A calendar date `offset` days from today in Sweden, as the app counts days (YYYY-MM-DD). */
export function swedishDay(offset = 0): string {
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}
