import { ensureDemoTemplate, ensureTemplate } from "../server/test/template.ts";

export default async function setup() {
  const t = Date.now();
  await ensureTemplate();
  await ensureDemoTemplate();
  console.log(`[e2e] demo database template ready in ${Date.now() - t} ms`);
}
