// Import of 10,000 enrolments from an XLSX file: `stegvis import --create-project` run as a
// process, as a user runs it, against COPY of the same rows into the same tables of a new
// project, in one transaction, through pg-copy-streams. Every run imports into a new empty
// project, and everything a run wrote is deleted again before the next one.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { CreateProjectInput } from "../schemas/projects.ts";
import { systemActor } from "../server/auth/actor.ts";
import { openPostgres } from "../server/db/client.ts";
import { exportTables, toXlsx } from "../server/features/imports/export.ts";
import { inventedEnrolments } from "../server/features/imports/invented.ts";
import type { EnrolmentRecord, Income } from "../server/features/imports/records.ts";
import { plannedEnd } from "../server/features/participants/dates.ts";
import { swedishSortKey } from "../server/features/participants/identity.ts";
import { createProject } from "../server/features/projects/service.ts";
import { assertBenchDatabase, log, median, rootDir, round } from "./common.ts";
import { postgresLoader } from "./copy.ts";
import { copyLine, type Value } from "./rows.ts";
import { cleanEnv } from "./servers.ts";

export interface ImportResult {
  enrolments: number;
  fileBytes: number;
  /** Rows one import writes, per table (the same for the app and for COPY). */
  rowsWritten: Record<string, number>;
  runsPerSide: number;
  app: {
    /** Wall clock from spawning `node bin/stegvis.mjs import` until it exited. */
    msPerRun: number[];
    medianMs: number;
    /** The import's own time as the command reports it (reading, checking and writing; 0.1 s steps). */
    serviceMsPerRun: number[];
    serviceMedianMs: number;
    /** Largest resident memory of the command seen while it ran (sampled every 100 ms). */
    peakRssMb: number;
  };
  copy: { msPerRun: number[]; medianMs: number };
  ratio: number;
  loadAverage: { before: number[]; after: number[] };
}

const ENROLMENTS = 10_000;
const SLUG_PREFIX = "bench-import-";
const PROJECT_NAME = "Importmätning";
const ACTOR = systemActor("cli");

/** Tables the import writes, in an order that respects their foreign keys, with the columns COPY fills. */
const copyColumns = {
  import_batches: ["id", "project_id", "actor_id", "actor_label", "files", "counts"],
  intakes: ["id", "project_id", "name", "start_date"],
  persons: ["id", "organisation_id", "first_name", "last_name", "sort_name", "gender", "birth_date", "personnummer"],
  referrals: ["id", "project_id", "person_id", "referred_on", "referring_party_code", "decision", "decided_on"],
  enrolments: [
    "id",
    "project_id",
    "person_id",
    "intake_id",
    "referral_id",
    "coach_id",
    "start_date",
    "planned_months",
    "planned_end_date",
    "referring_party_code",
    "education_level_code",
    "education_completed",
    "has_had_employment",
    "has_had_internship",
    "main_income_code",
    "main_income_overridden",
    "exit_date",
    "exit_status_code",
    "exit_final",
    "not_counted",
    "not_counted_reason",
  ],
  enrolment_incomes: ["enrolment_id", "phase", "income_code", "share"],
  import_refs: ["project_id", "kind", "ref", "record_id", "batch_id"],
  audit_log: ["at", "actor_id", "actor_label", "action", "subject_type", "subject_id", "project_id", "client_address", "outcome", "details"],
} as const;
type CopyTable = keyof typeof copyColumns;

/**
 * The rows the import writes for these records into a project, as COPY text per table, with
 * new ids: a batch, the new intakes, one person per person_ref, a referral where there is a
 * referral date, the enrolments with their entry and exit incomes, the spreadsheet ids, one
 * audit entry for the import and one per person.
 */
function copyRows(records: EnrolmentRecord[], projectId: string, organisationId: string, files: unknown): Record<CopyTable, string[]> {
  const out: Record<CopyTable, string[]> = {
    import_batches: [],
    intakes: [],
    persons: [],
    referrals: [],
    enrolments: [],
    enrolment_incomes: [],
    import_refs: [],
    audit_log: [],
  };
  const add = (table: CopyTable, values: Value[]) => out[table].push(copyLine(values));
  const batchId = randomUUID();
  const now = new Date().toISOString();
  const intakes = new Map<string, { id: string; name: string; start: string }>();
  for (const r of records) {
    if (!r.intake) continue;
    const i = intakes.get(r.intake.toLowerCase()) ?? { id: randomUUID(), name: r.intake, start: r.startDate };
    if (r.startDate < i.start) i.start = r.startDate;
    intakes.set(r.intake.toLowerCase(), i);
  }
  const counts = {
    rows: { enrolments: records.length, activities: 0, extensions: 0 },
    persons: { new: records.length, linked: 0 },
    enrolments: { new: records.length, unchanged: 0 },
    referrals: records.filter((r) => r.referralDate).length,
    intakes: { new: intakes.size, names: [...intakes.values()].map((i) => i.name) },
    activities: { new: 0, unchanged: 0 },
    extensions: { new: 0, unchanged: 0 },
  };
  add("import_batches", [batchId, projectId, null, ACTOR.label, JSON.stringify(files), JSON.stringify(counts)]);
  for (const i of intakes.values()) add("intakes", [i.id, projectId, i.name, i.start]);
  const audit = (action: string, subjectType: string, subjectId: string, details: unknown): Value[] => [
    now,
    null,
    ACTOR.label,
    action,
    subjectType,
    subjectId,
    projectId,
    null,
    "ok",
    JSON.stringify(details),
  ];
  add("audit_log", audit("import.apply", "import_batch", batchId, { files, counts }));
  const incomes = (enrolmentId: string, phase: "entry" | "exit", xs: Income[]) => {
    for (const x of xs) add("enrolment_incomes", [enrolmentId, phase, x.code, x.share]);
  };
  for (const r of records) {
    const personId = randomUUID();
    const enrolmentId = randomUUID();
    const referralId = r.referralDate && r.referringParty ? randomUUID() : null;
    const f = r.person;
    add("persons", [personId, organisationId, f.firstName, f.lastName, swedishSortKey(f.lastName, f.firstName), f.gender, f.birthDate, f.personnummer]);
    if (referralId) add("referrals", [referralId, projectId, personId, r.referralDate, r.referringParty, "accepted", r.startDate]);
    add("enrolments", [
      enrolmentId,
      projectId,
      personId,
      r.intake ? (intakes.get(r.intake.toLowerCase())?.id ?? null) : null,
      referralId,
      null,
      r.startDate,
      r.plannedMonths,
      plannedEnd(r.startDate, r.plannedMonths),
      r.referringParty,
      r.educationLevel,
      r.educationCompleted,
      r.hadEmployment,
      r.hadInternship,
      r.mainIncome,
      false,
      r.endDate,
      r.exitStatus,
      r.exitFinal,
      !r.counted,
      r.notCountedReason,
    ]);
    incomes(enrolmentId, "entry", r.incomesEntry);
    incomes(enrolmentId, "exit", r.incomesExit);
    add("import_refs", [projectId, "person", r.personRef, personId, batchId]);
    add("import_refs", [projectId, "enrolment", r.enrolmentRef, enrolmentId, batchId]);
    add("audit_log", audit("person.import", "person", personId, { batchId, enrolments: 1, personCreated: true }));
  }
  return out;
}

/** Rows in the tables the import writes that belong to one project (persons: those it created). */
async function projectCounts(client: pg.Client, projectId: string, since: string): Promise<Record<string, number>> {
  const { rows } = await client.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM import_batches WHERE project_id = $1) AS import_batches,
            (SELECT count(*)::int FROM intakes WHERE project_id = $1) AS intakes,
            (SELECT count(*)::int FROM persons p WHERE p.created_at >= $2 AND p.id IN (SELECT person_id FROM enrolments WHERE project_id = $1)) AS persons,
            (SELECT count(*)::int FROM referrals WHERE project_id = $1) AS referrals,
            (SELECT count(*)::int FROM enrolments WHERE project_id = $1) AS enrolments,
            (SELECT count(*)::int FROM enrolment_incomes i JOIN enrolments e ON e.id = i.enrolment_id WHERE e.project_id = $1) AS enrolment_incomes,
            (SELECT count(*)::int FROM import_refs WHERE project_id = $1) AS import_refs,
            (SELECT count(*)::int FROM audit_log WHERE at >= $2 AND project_id = $1) AS audit_log`,
    [projectId, since],
  );
  return rows[0] ?? {};
}

/**
 * Rows of the tables the benchmark writes, to show that it leaves the data as it found them.
 * The audit log is left out: other benchmarks may write to it meanwhile (its rows of these
 * projects are deleted by project).
 */
async function tableCounts(client: pg.Client): Promise<Record<string, number>> {
  const tables = ["projects", "codes", "intakes", "persons", "referrals", "enrolments", "enrolment_incomes", "import_batches", "import_refs"];
  const { rows } = await client.query<Record<string, number>>(`SELECT ${tables.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(", ")}`);
  return rows[0] ?? {};
}

/**
 * Delete a benchmark project and everything in it, children first. Persons go only when this
 * run created them and no other project refers to them. The transaction runs as a replica
 * would (session_replication_role, superuser only), so that neither the append-only trigger of
 * the audit log nor foreign-key checks fire: enrolments.referral_id has no index, and checking
 * each deleted referral would read every enrolment. Nothing but this session is affected; no
 * table is locked beyond the deleted rows, so other work on the database carries on.
 */
async function removeProject(client: pg.Client, projectId: string, since: string) {
  const projectTables = (
    await client.query<{ tbl: string; col: string }>(
      `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid = 'projects'::regclass AND cardinality(c.conkey) = 1`,
    )
  ).rows;
  await client.query("BEGIN");
  try {
    const persons = (
      await client.query<{ id: string }>(
        "SELECT person_id AS id FROM enrolments WHERE project_id = $1 UNION SELECT person_id FROM referrals WHERE project_id = $1",
        [projectId],
      )
    ).rows.map((r) => r.id);
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query("DELETE FROM audit_log WHERE at >= $2 AND project_id = $1", [projectId, since]);
    await client.query("DELETE FROM import_refs WHERE project_id = $1", [projectId]);
    await client.query("DELETE FROM import_batches WHERE project_id = $1", [projectId]);
    for (const t of ["enrolment_incomes", "activities", "extensions"])
      await client.query(`DELETE FROM ${t} WHERE enrolment_id IN (SELECT id FROM enrolments WHERE project_id = $1)`, [projectId]);
    await client.query("DELETE FROM enrolments WHERE project_id = $1", [projectId]);
    await client.query("DELETE FROM referrals WHERE project_id = $1", [projectId]);
    await client.query(
      `DELETE FROM persons p WHERE p.id = ANY($1::uuid[]) AND p.created_at >= $2
          AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.person_id = p.id)`,
      [persons, since],
    );
    for (const { tbl, col } of projectTables) await client.query(`DELETE FROM ${tbl} WHERE ${col} = $1`, [projectId]);
    await client.query("DELETE FROM projects WHERE id = $1", [projectId]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  }
}

/** Run the command to its end; wall clock from spawn to exit, and the largest memory seen meanwhile. */
async function runCommand(args: string[], env: Record<string, string>): Promise<{ ms: number; stdout: string; stderr: string; peakRssMb: number }> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { cwd: rootDir, env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => (stdout += d));
  child.stderr?.on("data", (d) => (stderr += d));
  let peakKb = 0;
  const sample = setInterval(() => {
    try {
      const hwm = Number(readFileSync(`/proc/${child.pid}/status`, "utf8").match(/^VmHWM:\s+(\d+) kB/m)?.[1] ?? 0);
      peakKb = Math.max(peakKb, hwm);
    } catch {
      // gone already
    }
  }, 100);
  const timer = setTimeout(() => child.kill("SIGKILL"), 600_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const ms = performance.now() - t0;
  clearInterval(sample);
  clearTimeout(timer);
  if (code !== 0) throw new Error(`stegvis ${args.slice(1).join(" ")} exited with ${code}:\n${stderr.slice(-3000)}`);
  return { ms, stdout, stderr, peakRssMb: round(peakKb / 1024, 0) };
}

export async function measureImport(opts: { databaseUrl: string; runs: number }): Promise<ImportResult> {
  assertBenchDatabase(opts.databaseUrl);
  // `npm start` compiles the server before it starts (prestart); an installed `stegvis` runs that bundle.
  const built = spawnSync(process.execPath, [join(rootDir, "scripts", "build-server.mjs")], { cwd: rootDir, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`building the server failed: ${built.stderr}`);

  const g0 = performance.now();
  const records = inventedEnrolments(ENROLMENTS);
  const xlsx = await toXlsx(exportTables({ enrolments: records, activities: [], extensions: [] }));
  const file = join(tmpdir(), `stegvis-bench-import-${process.pid}.xlsx`);
  writeFileSync(file, xlsx);
  const files = [{ kind: "xlsx", bytes: xlsx.length, sha256: createHash("sha256").update(xlsx).digest("hex") }];
  log(
    `import: ${ENROLMENTS.toLocaleString("en")} invented enrolments written as XLSX (${round(xlsx.length / 1024 ** 2)} MB) in ${Math.round(performance.now() - g0)} ms`,
  );

  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  const handle = await openPostgres(opts.databaseUrl, { max: 1 });
  const dbNow = async () => (await client.query<{ t: string }>("SELECT now()::text AS t")).rows[0]?.t as string;
  const projectOf = async (slug: string) =>
    (
      await client.query<{ id: string; organisation_id: string }>(
        "SELECT p.id, u.organisation_id FROM projects p JOIN units u ON u.id = p.unit_id WHERE p.slug = $1",
        [slug],
      )
    ).rows[0];
  try {
    // Projects left behind by an interrupted run go first.
    for (const p of (await client.query<{ id: string }>("SELECT id FROM projects WHERE slug LIKE $1", [`${SLUG_PREFIX}%`])).rows)
      await removeProject(client, p.id, "-infinity");
    const countsBefore = await tableCounts(client);
    const unit = (await client.query<{ id: string }>("SELECT id FROM units ORDER BY created_at LIMIT 1")).rows[0];
    if (!unit) throw new Error("the benchmark database has no unit: load the data with bench:data first");

    const viaApp = async (slug: string) => {
      const since = await dbNow();
      const out = await runCommand([join(rootDir, "bin", "stegvis.mjs"), "import", "--project", slug, "--create-project", PROJECT_NAME, file], {
        DATABASE_URL: opts.databaseUrl,
        NODE_ENV: "production",
      });
      const seconds = out.stdout.match(/ på ([\d.]+) s:/)?.[1];
      if (!seconds) throw new Error(`the import did not report its time:\n${out.stdout}\n${out.stderr}`);
      const project = await projectOf(slug);
      if (!project) throw new Error(`the import did not create the project ${slug}`);
      const written = await projectCounts(client, project.id, since);
      await removeProject(client, project.id, since);
      return { ms: out.ms, serviceMs: Number(seconds) * 1000, peakRssMb: out.peakRssMb, written };
    };
    const viaCopy = async (slug: string) => {
      const since = await dbNow();
      // The project as the command makes it, before the clock starts: COPY fills it.
      await createProject(handle.db, { actor: ACTOR }, CreateProjectInput.parse({ unitId: unit.id, slug, name: PROJECT_NAME }));
      const project = await projectOf(slug);
      if (!project) throw new Error(`could not create the project ${slug}`);
      const rows = copyRows(records, project.id, project.organisation_id, files);
      const texts = Object.entries(rows).map(([table, lines]) => [table as CopyTable, lines.length ? `${lines.join("\n")}\n` : ""] as const);
      const t0 = performance.now();
      const loader = await postgresLoader(opts.databaseUrl, { durable: true });
      await loader.query("BEGIN");
      for (const [table, text] of texts) await loader.copy(table, copyColumns[table], text);
      await loader.query("COMMIT");
      await loader.close();
      const ms = performance.now() - t0;
      const written = await projectCounts(client, project.id, since);
      await removeProject(client, project.id, since);
      return { ms, written };
    };

    // One of each to warm up, and to check that both write the same rows.
    const a = await viaApp(`${SLUG_PREFIX}app-0`);
    const c = await viaCopy(`${SLUG_PREFIX}copy-0`);
    // Creating the project writes one audit entry on both sides.
    const key = (w: Record<string, number>) => JSON.stringify(Object.entries(w).sort());
    if (key(a.written) !== key(c.written)) throw new Error(`the import and COPY wrote different rows: ${key(a.written)} vs ${key(c.written)}`);
    if (a.written.enrolments !== ENROLMENTS || a.written.persons !== ENROLMENTS)
      throw new Error(`the import wrote ${a.written.enrolments} enrolments and ${a.written.persons} new persons, not ${ENROLMENTS}`);
    log(`import warm-up: app ${Math.round(a.ms)} ms (import ${a.serviceMs} ms), COPY ${Math.round(c.ms)} ms; rows ${key(a.written)}`);

    const before = loadavg().map((x) => round(x, 2));
    const appMs: number[] = [];
    const serviceMs: number[] = [];
    const copyMs: number[] = [];
    let peakRssMb = a.peakRssMb;
    for (let i = 1; i <= opts.runs; i++) {
      const app = await viaApp(`${SLUG_PREFIX}app-${i}`);
      if (key(app.written) !== key(a.written)) throw new Error(`run ${i}: the import wrote ${key(app.written)}, not ${key(a.written)}`);
      appMs.push(Math.round(app.ms));
      serviceMs.push(app.serviceMs);
      peakRssMb = Math.max(peakRssMb, app.peakRssMb);
      const copy = await viaCopy(`${SLUG_PREFIX}copy-${i}`);
      copyMs.push(Math.round(copy.ms));
      log(`import run ${i}/${opts.runs}: app ${appMs.at(-1)} ms (import ${app.serviceMs} ms), COPY ${copyMs.at(-1)} ms`);
    }
    const after = loadavg().map((x) => round(x, 2));

    // The benchmark data as bench:data made them, with the planner's statistics and visibility map fresh.
    const countsAfter = await tableCounts(client);
    if (key(countsBefore) !== key(countsAfter)) throw new Error(`rows left behind: ${key(countsBefore)} before, ${key(countsAfter)} after`);
    await client.query(`VACUUM (ANALYZE) ${Object.keys(copyColumns).join(", ")}, projects, codes`);

    const appMedian = median(appMs);
    const copyMedian = median(copyMs);
    return {
      enrolments: ENROLMENTS,
      fileBytes: xlsx.length,
      rowsWritten: a.written,
      runsPerSide: opts.runs,
      app: { msPerRun: appMs, medianMs: appMedian, serviceMsPerRun: serviceMs, serviceMedianMs: median(serviceMs), peakRssMb },
      copy: { msPerRun: copyMs, medianMs: copyMedian },
      ratio: round(appMedian / copyMedian, 1),
      loadAverage: { before, after },
    };
  } finally {
    rmSync(file, { force: true });
    await handle.close();
    await client.end();
  }
}
