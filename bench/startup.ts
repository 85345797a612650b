// Start-up of `stegvis start` on an existing embedded database, and the size of the web app's
// initial JavaScript.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { benchDir, log, median, rootDir, round } from "./common.ts";
import { startServer } from "./servers.ts";

export interface StartupResult {
  pglite: string;
  dataDir: string;
  dataMb: number;
  runsMs: number[];
  medianMs: number;
  /** Median milliseconds of each step, measured in separate processes (without Node's own start). */
  phasesMs: Record<string, number>;
  loadAverage: { before: number[]; after: number[] };
}

/**
 * Spawn `node bin/stegvis.mjs start` on the folder, time it until /api/health answers 200, stop
 * it by its pid; several times, after one untimed start.
 */
export async function measureStartup(dataDir: string, runs: number): Promise<StartupResult> {
  if (!existsSync(join(dataDir, "PG_VERSION"))) throw new Error(`${dataDir} holds no embedded database: run bench:data with --data-dir first`);
  // `npm start` compiles the server before it starts (prestart); so does the benchmark.
  const built = spawnSync(process.execPath, [join(rootDir, "scripts", "build-server.mjs")], { cwd: rootDir, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`building the server failed: ${built.stderr}`);
  // One untimed start first: it applies any migration the folder lacks, which is not part of
  // starting on existing data, and brings the files into the operating system's cache.
  await (await startServer("app", { STEGVIS_DATA_DIR: dataDir }, { timeoutMs: 300_000 })).stop();
  const before = loadavg().map((x) => round(x, 2));
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const server = await startServer("app", { STEGVIS_DATA_DIR: dataDir }, { timeoutMs: 120_000 });
    runsMs.push(Math.round(server.readyMs));
    await server.stop();
    log(`start-up run ${i + 1}/${runs}: ${runsMs.at(-1)} ms`);
  }
  const after = loadavg().map((x) => round(x, 2));
  const phaseRuns: Record<string, number>[] = [];
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const res = spawnSync(process.execPath, ["--import", "tsx", join(benchDir, "startup-phases.ts"), dataDir], { cwd: rootDir, encoding: "utf8" });
    if (res.status !== 0) throw new Error(`start-up phases failed: ${res.stderr}`);
    phaseRuns.push((JSON.parse(res.stdout.trim().split("\n").at(-1) as string) as { phases: Record<string, number> }).phases);
  }
  const phasesMs = Object.fromEntries(Object.keys(phaseRuns[0] ?? {}).map((k) => [k, median(phaseRuns.map((p) => p[k] ?? 0))]));
  log(
    `start-up phases: ${Object.entries(phasesMs)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(", ")}`,
  );
  const du = spawnSync("du", ["-sb", dataDir], { encoding: "utf8" });
  const pglite = JSON.parse(readFileSync(join(rootDir, "node_modules", "@electric-sql", "pglite", "package.json"), "utf8")).version as string;
  return {
    pglite,
    dataDir: dataDir.replace(`${rootDir}/`, ""),
    dataMb: round(Number(du.stdout.split("\t")[0]) / 1024 ** 2, 0),
    runsMs,
    medianMs: median(runsMs),
    phasesMs,
    loadAverage: { before, after },
  };
}

export interface WebResult {
  built: "existing" | "now";
  builtAt: string;
  files: { file: string; bytes: number; gzipBytes: number }[];
  jsGzipKb: number;
  jsKb: number;
  cssGzipKb: number;
}

/**
 * The JavaScript a first visit must load: the entry script and every module it preloads, as
 * referenced by web/dist/index.html, gzipped (level 9, as a compressing proxy would send it).
 */
export function measureWeb({ rebuild = false } = {}): WebResult {
  const dist = join(rootDir, "web", "dist");
  const index = join(dist, "index.html");
  let built: WebResult["built"] = "existing";
  if (rebuild || !existsSync(index)) {
    log("building the web app");
    const res = spawnSync(
      process.execPath,
      [join(rootDir, "node_modules", "vite", "bin", "vite.js"), "build", "--config", "web/vite.config.ts", "--logLevel", "warn"],
      { cwd: rootDir, stdio: "inherit" },
    );
    if (res.status !== 0) throw new Error("the web app did not build");
    built = "now";
  }
  const html = readFileSync(index, "utf8");
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"[^>]*>/g)) refs.add(m[1] as string);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"[^>]*>/g)) refs.add(m[1] as string);
  for (const m of html.matchAll(/<link[^>]*href="([^"]+)"[^>]*rel="modulepreload"[^>]*>/g)) refs.add(m[1] as string);
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"[^>]*>/g)].map((m) => m[1] as string);
  const size = (ref: string) => {
    const buf = readFileSync(join(dist, ref.replace(/^\//, "")));
    return { file: ref, bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length };
  };
  const files = [...refs].filter((r) => !/^https?:/.test(r)).map(size);
  const cssFiles = css.filter((r) => !/^https?:/.test(r)).map(size);
  return {
    built,
    builtAt: statSync(index).mtime.toISOString(),
    files,
    jsKb: round(files.reduce((s, f) => s + f.bytes, 0) / 1024),
    jsGzipKb: round(files.reduce((s, f) => s + f.gzipBytes, 0) / 1024),
    cssGzipKb: round(cssFiles.reduce((s, f) => s + f.gzipBytes, 0) / 1024),
  };
}
