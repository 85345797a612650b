// Shared by the data generator and the benchmark runner: options, names, the benchmark
// accounts, machine facts and small statistics helpers.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const rootDir = join(benchDir, "..");
export const resultsDir = join(benchDir, "results");

/** The two accounts the benchmarks sign in with; made through the real user service. */
export const BENCH_PASSWORD = "Mätning-av-Stegvis-på-riktigt-7";
export const BENCH_MANAGER = "bench.ledare@stegvis.demo";
export const BENCH_COACH = "bench.coach@stegvis.demo";
/** The project the caseload is measured on: the largest one. */
export const BENCH_MAIN_PROJECT = "bench-nystart";

/** 10000 → "10k", 1000000 → "1m": used in database names, folders and file names. */
export function sizeLabel(persons: number): string {
  if (persons >= 1_000_000 && persons % 1_000_000 === 0) return `${persons / 1_000_000}m`;
  if (persons >= 1_000 && persons % 1_000 === 0) return `${persons / 1_000}k`;
  return String(persons);
}

export function defaultDatabaseUrl(persons: number): string {
  return process.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/stegvis_bench_${sizeLabel(persons)}`;
}

export function defaultDataDir(persons: number): string {
  return join(benchDir, ".data", `pglite-${sizeLabel(persons)}`);
}

/** Only databases whose name says they are for benchmarks may be dropped and created again. */
export function assertBenchDatabase(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!/^[a-z0-9_]*bench[a-z0-9_]*$/.test(name)) {
    throw new Error(`Refusing to reset database "${name}": its name must contain "bench" (e.g. stegvis_bench_100k).`);
  }
  return name;
}

/** The password is never written to the results. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  os: string;
}

export function machine(): Machine {
  const list = cpus();
  let os = `${process.platform} ${process.arch}`;
  try {
    const release = readFileSync("/etc/os-release", "utf8").match(/^PRETTY_NAME="?([^"\n]+)"?/m)?.[1];
    if (release) os = `${release} (${process.arch})`;
  } catch {
    // not Linux: the platform name will do
  }
  return { cores: list.length, cpu: list[0]?.model.trim() ?? "unknown", memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10, node: process.version, os };
}

export function gitCommit(): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: rootDir, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "server", "schemas", "web/src"], { cwd: rootDir, encoding: "utf8" }).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return "unknown";
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lay written files out as the project's formatter does, so `npm run check` stays clean. */
export function formatFiles(files: string[]) {
  const biome = join(rootDir, "node_modules", "@biomejs", "biome", "bin", "biome");
  if (existsSync(biome)) spawnSync(process.execPath, [biome, "format", "--write", ...files], { cwd: rootDir, stdio: "ignore" });
}

export function writeResult(name: string, data: unknown) {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  formatFiles([file]);
}

export function readResults<T>(prefix: string): T[] {
  if (!existsSync(resultsDir)) return [];
  return readdirSync(resultsDir)
    .filter((f) => f.startsWith(prefix) && f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(resultsDir, f), "utf8")) as T);
}

export function log(message: string) {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)}  ${message}\n`);
}
