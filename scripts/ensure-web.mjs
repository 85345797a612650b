#!/usr/bin/env node
// Before `npm start`: build the web app when it has never been built or its sources are newer
// than the build, so a fresh clone needs only `npm install && npm start`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const built = "web/dist/index.html";
const newest = (dir) => {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};
const sourcesChanged = () => {
  const out = statSync(built).mtimeMs;
  return (
    ["web/src", "schemas"].some((d) => existsSync(d) && newest(d) > out) ||
    ["web/index.html", "web/vite.config.ts"].some((f) => existsSync(f) && statSync(f).mtimeMs > out)
  );
};

if (existsSync(built) && !sourcesChanged()) process.exit(0);
if (!existsSync("node_modules/vite/bin/vite.js")) {
  console.warn(
    existsSync(built)
      ? "The web app sources changed, but Vite is not installed; serving the existing build."
      : "The web app is not built and Vite is not installed: run `npm install` (with dev dependencies) and `npm run build`.",
  );
  process.exit(0);
}
console.log("Bygger webbappen …");
const res = spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
  stdio: "inherit",
});
process.exit(res.status ?? 1);
