import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, openPostgres } from "../../db/client.ts";
import { type CliDatabase, cliDatabase } from "../../test/cli.ts";
import { aProject } from "../../test/factories.ts";
import { tmpRoot } from "../../test/template.ts";

let cli: CliDatabase;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  cli = await cliDatabase("cli-import");
  env = cli.env;
});
afterAll(async () => {
  await cli?.cleanup();
});
const stegvis = (args: string[], extra: NodeJS.ProcessEnv = {}) => cli.stegvis(args, extra);

const examples = join(import.meta.dirname, "examples");

describe("stegvis import and export", () => {
  it("refuses the broken example with every problem, imports the valid one once, and exports it again", async () => {
    // A project to import into, made directly in the database the command will open.
    expect((await stegvis(["migrate"])).code).toBe(0);
    const handle = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL, { max: 1 }) : await openPglite(env.STEGVIS_DATA_DIR);
    await aProject(handle.db, { slug: "steget" });
    await handle.close();

    const broken = await stegvis(["import", "steget", join(examples, "broken")]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("enrolments.csv, rad 4, kolumn income_at_entry");
    expect(broken.stderr).toContain("enrolments.csv, rad 6, kolumn personnummer");
    expect(broken.stderr).toContain("activities.csv, rad 3, kolumn end_date");
    expect(broken.stderr).toContain("activities.csv, rad 6, kolumn enrolment_ref");
    expect(broken.stderr).toContain("extensions.csv, rad 2, kolumn reason");
    expect(broken.stderr).toContain("Inget importerades: 5 problem");

    const valid = await stegvis(["import", "steget", join(examples, "valid")]);
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stdout).toContain("inskrivningar 5 nya / 0 fanns redan");

    const created = await stegvis(["import", "--project", "nytt-projekt", "--create-project", "Nytt projekt", join(examples, "valid")]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain("nytt-projekt");
    // The same persons in the same organisation are linked, not created again.
    expect(created.stdout).toContain("personer 0 nya / 4 kopplade");

    const dir = mkdtempSync(join(tmpRoot, "cli-export-"));
    try {
      expect((await stegvis(["export", "--project", "steget", "--out", join(dir, "csv")])).code).toBe(0);
      const enrolments = readFileSync(join(dir, "csv", "enrolments.csv"), "utf8");
      expect(enrolments).toContain("IN-005;P-04;;Viktor;Åberg;man;1996-05-19;Intag 2;2024-09-20;lss;2024-10-14;15;hogskola");
      // The folder the export wrote imports back as it is: nothing new.
      const back = await stegvis(["import", "steget", join(dir, "csv")]);
      expect(back.code, back.stderr).toBe(0);
      expect(back.stdout).toContain("inskrivningar 0 nya / 5 fanns redan");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
