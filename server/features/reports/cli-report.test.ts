import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "../../db/client.ts";
import { aProject } from "../../test/factories.ts";
import { buildReportsFixture } from "../../test/reports-fixture.ts";
import { pgliteTemplateDir, root, testDbKind, tmpRoot } from "../../test/template.ts";
import { docxStrings, pdfStrings, xlsxSheets } from "./doc-text.ts";

const run = promisify(execFile);
let dir: string;
let env: NodeJS.ProcessEnv;

// The command line on its own copy of the migrated template, with the small report fixture in a project.
beforeAll(async () => {
  if (testDbKind() !== "pglite") return;
  dir = mkdtempSync(join(tmpRoot, "cli-report-"));
  cpSync(pgliteTemplateDir, dir, { recursive: true });
  const handle = await openPglite(dir);
  const project = await aProject(handle.db, { slug: "rapportprov" });
  await buildReportsFixture(handle.db, project.id, null);
  await handle.db
    .insertInto("report_texts")
    .values({ project_id: project.id, year: 2025, section: "summary", body: "Ett år med många studiestarter." })
    .execute();
  await handle.close();
  env = { ...process.env, STEGVIS_DATA_DIR: dir, DATABASE_URL: "", NODE_ENV: "development" };
}, 60_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const stegvis = (args: string[]) =>
  run(process.execPath, [join(root, "bin/stegvis.mjs"), ...args], { env, cwd: root }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );

describe.skipIf(testDbKind() !== "pglite")("stegvis report annual in every format", () => {
  const base = ["report", "annual", "--project", "rapportprov", "--from", "2025-01-01", "--to", "2025-06-30"];
  it("writes XLSX, PDF and DOCX files, the documents with the year's texts", async () => {
    const xlsxPath = join(dir, "r.xlsx");
    expect((await stegvis([...base, "--format", "xlsx", "--out", xlsxPath])).code).toBe(0);
    const sheets = await xlsxSheets(readFileSync(xlsxPath));
    // Tova, Hampus, Saga and Vera; Elis is not counted.
    expect(sheets.get("Kön per intag")?.at(-1)?.at(-1)).toBe(4);
    const pdfPath = join(dir, "r.pdf");
    expect((await stegvis([...base, "--format", "pdf", "--out", pdfPath])).code).toBe(0);
    expect(pdfStrings(readFileSync(pdfPath)).join("")).toContain("många studiestarter");
    const docxPath = join(dir, "r.docx");
    expect((await stegvis([...base, "--format", "docx", "--out", docxPath, "--publish"])).code).toBe(0);
    const paras = await docxStrings(readFileSync(docxPath));
    expect(paras).toContain("Ett år med många studiestarter.");
    expect(paras).toContain("Unika deltagare: <5");
  }, 300_000);

  it("asks for --out for the binary formats", async () => {
    const r = await stegvis([...base, "--format", "pdf"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--out");
  }, 60_000);
});
