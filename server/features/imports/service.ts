import type { ExportFormat, ImportOutcome } from "../../../schemas/imports.ts";
import { type ServiceContext, writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { exportFile, exportTables } from "./export.ts";
import { loadProjectRecords } from "./load.ts";
import { readUploads, type UploadedFile } from "./read.ts";
import { validateImport } from "./validate.ts";
import { auditPersons, writePlan } from "./write.ts";

const emptyCounts: ImportOutcome["counts"] = {
  rows: { enrolments: 0, activities: 0, extensions: 0 },
  persons: { new: 0, linked: 0 },
  enrolments: { new: 0, unchanged: 0 },
  referrals: 0,
  intakes: { new: 0, names: [] },
  activities: { new: 0, unchanged: 0 },
  extensions: { new: 0, unchanged: 0 },
};

/**
 * Read and check the uploads; with `apply`, write everything in one transaction — or, if any
 * row has a problem, nothing. The audit log gets counts and checksums, never names or values.
 */
export async function importFiles(
  db: Db,
  ctx: ServiceContext,
  projectId: string,
  files: UploadedFile[],
  { apply }: { apply: boolean },
): Promise<ImportOutcome> {
  const started = performance.now();
  const read = await readUploads(files);
  // A missing file or column would make every row wrong; report that alone.
  const blocking = read.problems.some((p) => p.sheet === "file" || (p.row === 1 && p.value === null));
  const checked = blocking ? null : await validateImport(db, projectId, read.sheets);
  const problems = [...read.problems, ...(checked?.problems ?? [])];
  const counts = checked?.counts ?? emptyCounts;
  const ok = problems.length === 0 && checked !== null;
  let batchId: string | null = null;
  if (ok && apply && checked) batchId = await writePlan(db, ctx, checked.plan, read.files, counts);
  else
    await writeAudit(db, ctx, {
      action: apply ? "import.refused" : "import.preview",
      outcome: ok ? "ok" : "failed",
      projectId,
      details: { files: read.files, counts, problems: problems.length },
    });
  return {
    ok,
    applied: batchId !== null,
    batchId,
    problems,
    counts,
    sample: checked?.sample ?? [],
    milliseconds: Math.round(performance.now() - started),
  };
}

/** The project in the import format; every person in it gets an entry in the audit log. */
export async function exportProject(db: Db, ctx: ServiceContext, projectId: string, format: ExportFormat): Promise<Buffer> {
  const records = await loadProjectRecords(db, projectId);
  const data = await exportFile(records, format);
  await auditExport(db, ctx, projectId, format, records);
  return data;
}

/** The same tables, for writing a folder of CSV files (the command line). */
export async function exportProjectTables(db: Db, ctx: ServiceContext, projectId: string) {
  const records = await loadProjectRecords(db, projectId);
  await auditExport(db, ctx, projectId, "folder", records);
  return exportTables(records);
}

async function auditExport(db: Db, ctx: ServiceContext, projectId: string, format: string, records: Awaited<ReturnType<typeof loadProjectRecords>>) {
  const persons = [...new Set(records.enrolments.map((e) => e.personId))];
  const counts = {
    enrolments: records.enrolments.length,
    activities: records.activities.length,
    extensions: records.extensions.length,
    persons: persons.length,
  };
  await db.transaction().execute(async (tx) => {
    await writeAudit(tx, ctx, { action: "export.project", projectId, details: { format, counts } });
    await auditPersons(tx, ctx, projectId, "person.export", persons, { format });
  });
}
