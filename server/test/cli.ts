import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { pgliteTemplateDir, root, testDatabaseUrl, testDbKind, tmpRoot } from "./template.ts";

const run = promisify(execFile);

export interface CliDatabase {
  /** The environment the command runs with: its own database and nothing else of the caller's. */
  env: NodeJS.ProcessEnv;
  /** Run `stegvis <args>` as its own process; a failure comes back as its exit code and output. */
  stegvis(args: string[], extra?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }>;
  cleanup(): Promise<void>;
}

/**
 * The command line runs as its own process on its own database: a copy of the migrated
 * template on PGlite, or a new empty database on PostgreSQL (the command migrates it itself).
 */
export async function cliDatabase(label: string): Promise<CliDatabase> {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  if (testDbKind() === "pglite") {
    const dir = mkdtempSync(join(tmpRoot, `${label}-`));
    cpSync(pgliteTemplateDir, dir, { recursive: true });
    env = { ...process.env, STEGVIS_DATA_DIR: dir, DATABASE_URL: "", NODE_ENV: "development" };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `stegvis_${label.replaceAll("-", "_")}_${process.pid}`;
    const dropAndMaybeCreate = async (create: boolean) => {
      const admin = new pg.Client({ connectionString: testDatabaseUrl() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      if (create) await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
    };
    await dropAndMaybeCreate(true);
    const u = new URL(testDatabaseUrl());
    u.pathname = `/${name}`;
    env = { ...process.env, DATABASE_URL: u.toString(), NODE_ENV: "development" };
    cleanup = () => dropAndMaybeCreate(false);
  }
  const stegvis = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    run(process.execPath, [join(root, "bin/stegvis.mjs"), ...args], { env: { ...env, ...extra }, cwd: root }).then(
      (r) => ({ code: 0, ...r }),
      (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
    );
  return { env, stegvis, cleanup };
}
