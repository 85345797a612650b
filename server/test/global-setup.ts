import { ensureTemplate, testDbKind } from "./template.ts";

export default async function setup() {
  const t = Date.now();
  await ensureTemplate();
  console.log(`[test] database: ${testDbKind()} (template ready in ${Date.now() - t} ms)`);
}
