#!/usr/bin/env node
// The `stegvis` command. Runs the precompiled server (dist/server/stegvis.mjs, made by
// scripts/build-server.mjs before `npm start`) when it is newer than every source file, and
// otherwise the TypeScript sources directly through tsx.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import v8 from "node:v8";

// Between full collections V8 lets the heap grow to about four times what is live; under steady
// load that made the server's memory two to three times its live data. Growing by at most two
// and a half times keeps it near 250 MB instead of 330 MB under the benchmark's load, at the same
// throughput and a few milliseconds more at the 99th percentile (BENCHMARKS.md).
// A flag given on the command line (`node --heap-growing-percent=<n> bin/stegvis.mjs …`) wins.
if (!process.execArgv.some((a) => a.includes("heap-growing-percent"))) v8.setFlagsFromString("--heap-growing-percent=150");

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "dist", "server", "stegvis.mjs");

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const bundleIsFresh = () =>
  process.env.STEGVIS_FROM_SOURCE !== "1" &&
  existsSync(bundle) &&
  statSync(bundle).mtimeMs >= Math.max(newestSource(join(root, "server")), newestSource(join(root, "schemas")));

if (bundleIsFresh()) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../server/cli/index.ts");
}
