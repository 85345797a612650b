import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, DEMO_PASSWORD, describeViolations, launchBrowser, startStegvis } from "./harness.ts";

let server: Awaited<ReturnType<typeof startStegvis>>;
beforeAll(async () => {
  server = await startStegvis();
});
afterAll(async () => {
  await server?.stop();
});

/** Follow every same-origin link from the start page as a signed-in user and run axe on each page. */
async function crawl(email: string, locale: string, max: number) {
  const browser = await launchBrowser(locale);
  try {
    const login = await browser.request.post(`${server.url}/api/auth/login`, { data: { email, password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    const page = browser.pages()[0] ?? (await browser.newPage());
    const seen = new Set<string>();
    const queue = [`${server.url}/`];
    const problems: string[] = [];
    while (queue.length && seen.size < max) {
      const url = (queue.shift() as string).split("#")[0] as string;
      if (seen.has(url)) continue;
      seen.add(url);
      await page.goto(url, { waitUntil: "networkidle" });
      const v = await axeViolations(page);
      if (v.length) problems.push(describeViolations(new URL(url).pathname, v));
      for (const href of await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href))) {
        if (href.startsWith(server.url) && !href.includes("/api/") && !seen.has(href.split("#")[0] as string)) queue.push(href);
      }
    }
    return { pages: seen.size, problems };
  } finally {
    await browser.close();
  }
}

describe("every page reached by links passes axe (WCAG 2.1 A/AA)", () => {
  // Every kind of page is reached within the first pages of a crawl (breadth first); the rest
  // are more users, audit entries and participants of the same kind, so a sample is enough.
  for (const [email, locale, max] of [
    ["admin@stegvis.demo", "sv-SE", 20],
    ["ledare@stegvis.demo", "sv-SE", 30],
    ["coach@stegvis.demo", "sv-SE", 25],
    ["statistik@stegvis.demo", "sv-SE", 20],
    ["ledare@stegvis.demo", "en-GB", 20],
  ] as const) {
    it(`as ${email} (${locale})`, async () => {
      const { pages, problems } = await crawl(email, locale, max);
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(problems.join("\n")).toBe("");
    }, 240_000);
  }
});
