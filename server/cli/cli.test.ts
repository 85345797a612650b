import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteTemplateDir, root, testDatabaseUrl, testDbKind, tmpRoot } from "../test/template.ts";

const run = promisify(execFile);
let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;

// The command line runs as its own process on its own database: a copy of the migrated
// template on PGlite, or a new empty database on PostgreSQL (the CLI migrates it itself).
beforeAll(async () => {
  if (testDbKind() === "pglite") {
    const dir = mkdtempSync(join(tmpRoot, "cli-"));
    cpSync(pgliteTemplateDir, dir, { recursive: true });
    env = { ...process.env, STEGVIS_DATA_DIR: dir, DATABASE_URL: "", NODE_ENV: "development" };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `stegvis_cli_${process.pid}`;
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(testDatabaseUrl());
    u.pathname = `/${name}`;
    env = { ...process.env, DATABASE_URL: u.toString(), NODE_ENV: "development" };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: testDatabaseUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  }
});
afterAll(async () => {
  await cleanup?.();
});

const stegvis = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
  run(process.execPath, [join(root, "bin/stegvis.mjs"), ...args], { env: { ...env, ...extra }, cwd: root }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );

describe("the stegvis command", () => {
  it("prints help with every command", async () => {
    const r = await stegvis(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["start", "migrate", "seed-demo", "create-user"]) expect(r.stdout).toContain(c);
  });

  it("migrates, seeds the demo once, and creates a user with a project role", async () => {
    expect((await stegvis(["migrate"])).code).toBe(0);
    const seed = await stegvis(["seed-demo"]);
    expect(seed.code).toBe(0);
    expect(seed.stdout).toContain("coach@stegvis.demo");
    expect((await stegvis(["seed-demo"])).stdout).toContain("fanns redan");

    const weak = await stegvis(["create-user", "--email", "ny@kommun.se", "--name", "Ny Person"], { STEGVIS_NEW_PASSWORD: "kort" });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("STEGVIS_NEW_PASSWORD: Lösenordet måste ha minst 12 tecken");
    const noProject = await stegvis(["create-user", "--email", "ny@kommun.se", "--name", "Ny Person", "--project", "finns-ej", "--role", "coach"], {
      STEGVIS_NEW_PASSWORD: "Höstlöv-på-bron-314",
    });
    expect(noProject.stderr).toContain("--project");
    const ok = await stegvis(["create-user", "--email", "ny@kommun.se", "--name", "Ny Person", "--project", "steget", "--role", "coach"], {
      STEGVIS_NEW_PASSWORD: "Höstlöv-på-bron-314",
    });
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("ny@kommun.se");
    const again = await stegvis(["create-user", "--email", "ny@kommun.se", "--name", "Ny Person"], { STEGVIS_NEW_PASSWORD: "Höstlöv-på-bron-314" });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("används redan");
  }, 120_000);

  it("refuses the demo seed in production", async () => {
    const r = await stegvis(["seed-demo"], { NODE_ENV: "production" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("produktion");
  });

  it("names an unknown command", async () => {
    const r = await stegvis(["gör-något"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Okänt kommando");
  });
});
