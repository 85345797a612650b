#!/usr/bin/env node
// Compile the server's TypeScript into one ES module (dist/server/stegvis.mjs) so that
// `stegvis start` does not transform every source file at each start. The packages in
// node_modules stay outside the bundle. bin/stegvis.mjs uses the bundle only while it is newer
// than every source file, and the sources through tsx otherwise.
import { build } from "esbuild";

await build({
  entryPoints: ["server/cli/index.ts"],
  outfile: "dist/server/stegvis.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  legalComments: "none",
});
