#!/usr/bin/env node
// Compile the server's TypeScript into one ES module (dist/server/stegvis.mjs) so that
// `stegvis start` does not transform every source file at each start. The packages in
// node_modules stay outside the bundle. bin/stegvis.mjs uses the bundle only while it is newer
// than every source file, and the sources through tsx otherwise.
import { rmSync } from "node:fs";
import { build } from "esbuild";

// Split into chunks, so that a command loads only what it imports when it runs (`--help`
// loads no server, `import` no routes); old chunks are removed first.
rmSync("dist/server", { recursive: true, force: true });
await build({
  entryPoints: [{ in: "server/cli/index.ts", out: "stegvis" }],
  outdir: "dist/server",
  outExtension: { ".js": ".mjs" },
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  legalComments: "none",
});
