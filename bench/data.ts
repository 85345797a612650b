// npm run bench:data -- --persons 100000 [--database-url postgres://…] [--data-dir <folder>]
//
// Creates (or resets) a benchmark database, migrates it, makes the organisation, projects
// (with their default code lists) and the two benchmark accounts through the real services,
// then loads staff, intakes, the employer network and the synthetic participants (with their
// activities, meetings, plans and notes) with COPY, in batches.
// With --data-dir the embedded PGlite database in that folder is loaded, otherwise PostgreSQL.

import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { systemActor } from "../server/auth/actor.ts";
import { writeAudit } from "../server/auth/audit.ts";
import { hashPassword } from "../server/auth/passwords.ts";
import { type DbHandle, openPglite, openPostgres } from "../server/db/client.ts";
import { migrate } from "../server/db/migrate.ts";
import { todayInSweden } from "../server/features/participants/dates.ts";
import { createProject } from "../server/features/projects/service.ts";
import { createUser, setMembership } from "../server/features/users/service.ts";
import {
  BENCH_COACH,
  BENCH_MAIN_PROJECT,
  BENCH_MANAGER,
  BENCH_PASSWORD,
  defaultDatabaseUrl,
  gitCommit,
  log,
  machine,
  redactUrl,
  round,
  sizeLabel,
  writeResult,
} from "./common.ts";
import { beginFrozenLoad, dropConstraintsForLoad, type Loader, pgliteLoader, postgresLoader, resetPgliteDir, resetPostgres } from "./copy.ts";
import { employerNetwork } from "./employers.ts";
import { checkCodes, intakesFor, namePools, projectSpecs, type World, type WorldProject } from "./generate.ts";
import type { BatchMessage, WorkerInput } from "./generate-worker.ts";
import { Batch, columns, participantTables, preludeTables, Rand, type Table } from "./rows.ts";

const { values: args } = parseArgs({
  options: {
    persons: { type: "string", default: "100000" },
    "database-url": { type: "string" },
    "data-dir": { type: "string" },
    batch: { type: "string", default: "20000" },
    seed: { type: "string", default: "7" },
  },
});
const persons = Number(args.persons);
if (!Number.isInteger(persons) || persons < 100) throw new Error("--persons must be a whole number of at least 100");
const batchSize = Number(args.batch);
const seed = Number(args.seed);
const dataDir = args["data-dir"];
const databaseUrl = dataDir ? undefined : (args["database-url"] ?? defaultDatabaseUrl(persons));
const target = dataDir ? `PGlite in ${dataDir}` : `PostgreSQL ${redactUrl(databaseUrl as string)}`;

checkCodes();
const started = performance.now();
log(`Loading ${persons.toLocaleString("en")} persons into ${target}`);

// 1. A fresh, migrated database.
let handle: DbHandle;
if (dataDir) {
  resetPgliteDir(dataDir);
  handle = await openPglite(dataDir);
} else {
  await resetPostgres(databaseUrl as string);
  handle = await openPostgres(databaseUrl as string, { max: 2 });
}
await migrate(handle);
const setupStarted = performance.now();

// 2. Organisation, projects and benchmark accounts through the services the app uses.
const ctx = { actor: systemActor("bench") };
const db = handle.db;
const org = await db.insertInto("organisations").values({ name: "Mätby kommun" }).returning("id").executeTakeFirstOrThrow();
const unit = await db.insertInto("units").values({ organisation_id: org.id, name: "Arbetsmarknadsenheten" }).returning("id").executeTakeFirstOrThrow();
const projects: { id: string; slug: string }[] = [];
for (const p of projectSpecs) {
  const made = await createProject(db, ctx, {
    unitId: unit.id,
    slug: p.slug,
    name: p.name,
    description: "Syntetiska deltagare för prestandamätning.",
    plannedMonths: p.plannedMonths,
    targetGroup: { minAge: p.minAge, maxAge: p.maxAge, note: null, districts: [], incomes: [] },
  });
  projects.push({ id: made.id, slug: p.slug });
}
const manager = await createUser(db, ctx, { email: BENCH_MANAGER, name: "Berit Lindqvist", password: BENCH_PASSWORD, isAdmin: false });
const coach = await createUser(db, ctx, { email: BENCH_COACH, name: "Conny Åberg", password: BENCH_PASSWORD, isAdmin: false });
for (const p of projects) await setMembership(db, ctx, manager.id, { projectId: p.id, role: "manager", sensitiveAccess: true });
const mainProject = projects.find((p) => p.slug === BENCH_MAIN_PROJECT);
if (!mainProject) throw new Error("the main benchmark project is missing");
await setMembership(db, ctx, coach.id, { projectId: mainProject.id, role: "coach", sensitiveAccess: true });
await writeAudit(db, ctx, { action: "bench.load", details: { persons, seed } });
await handle.close();
const setupSeconds = (performance.now() - setupStarted) / 1000;

// 3. Staff and intakes: coaches get about 200 enrolments each over the four years of history (some 50 open at a time);
// then the employer network, about one employer per 50 persons.
const loader: Loader = dataDir ? await pgliteLoader(dataDir) : await postgresLoader(databaseUrl as string);
const pools = namePools(seed);
const rand = new Rand(seed * 7919);
const today = todayInSweden();
const prelude = new Batch();
// Staff other than the benchmark accounts cannot sign in: their password is random and forgotten.
const staffHash = await hashPassword(randomBytes(24).toString("base64url"));
let staffNo = 0;
const worldProjects = projectSpecs.map((spec): WorldProject => {
  const id = projects.find((p) => p.slug === spec.slug)?.id as string;
  const coachIds: string[] = spec.slug === BENCH_MAIN_PROJECT ? [coach.id] : [];
  const wanted = Math.max(3, Math.ceil((persons * 1.12 * spec.weight) / 200));
  const team = (role: "coach" | "manager") => {
    const userId = randomUUID();
    const name = pools.staff[staffNo % pools.staff.length] as string;
    prelude.add("users", [userId, `personal${++staffNo}@${spec.slug}.stegvis.demo`, name, staffHash]);
    prelude.add("project_memberships", [userId, id, role, role === "manager" || rand.chance(0.8)]);
    return userId;
  };
  team("manager");
  while (coachIds.length < wanted) coachIds.push(team("coach"));
  return { ...spec, id, coachIds, intakes: intakesFor(spec, id, today, prelude) };
});
const world: World = {
  today,
  organisationId: org.id,
  projects: worldProjects,
  employers: employerNetwork({ organisationId: org.id, projects: worldProjects, today, persons, seed }, pools, prelude),
};

const rows = new Map<Table, number>();
const copySeconds = new Map<Table, number>();
let frozen = new Set<string>();
async function load(texts: Partial<Record<Table, string | Uint8Array[]>>, counts: Partial<Record<Table, number>>, tables: Table[]) {
  for (const t of tables) {
    const t0 = performance.now();
    await loader.copy(t, columns[t], texts[t] ?? [], { freeze: frozen.has(t) });
    copySeconds.set(t, (copySeconds.get(t) ?? 0) + (performance.now() - t0) / 1000);
    rows.set(t, (rows.get(t) ?? 0) + (counts[t] ?? 0));
  }
}
await load(
  Object.fromEntries(preludeTables.map((t) => [t, prelude.chunks(t)])),
  Object.fromEntries(preludeTables.map((t) => [t, prelude.count(t)])),
  preludeTables,
);

// 4. The participants, batch by batch, into tables without keys and indexes for the moment, in
// one transaction whose rows are written frozen. A worker thread makes the next batch while this
// one is being copied.
const loadStarted = performance.now();
const restoreConstraints = await dropConstraintsForLoad(loader, participantTables);
const frozenLoad = await beginFrozenLoad(loader, participantTables);
frozen = frozenLoad.frozen;
const workerInput: WorkerInput = { world, seed, persons, batchSize };
// Workers do not inherit the TypeScript loader: register it first, then load the worker module.
const workerUrl = new URL("./generate-worker.ts", import.meta.url).href;
const worker = new Worker(`import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(workerUrl)}); });`, {
  eval: true,
  workerData: workerInput,
});
const batches: BatchMessage[] = [];
let waiting: ((b: BatchMessage) => void) | undefined;
worker.on("message", (b: BatchMessage) => (waiting ? waiting(b) : batches.push(b)));
const failed = new Promise<never>((_, reject) => worker.once("error", reject));
const nextBatch = () => {
  const ready = batches.shift();
  return ready ? Promise.resolve(ready) : Promise.race([new Promise<BatchMessage>((r) => (waiting = r)), failed]);
};
let generateSeconds = 0;
let waitSeconds = 0;
worker.postMessage("next");
for (let done = 0; done < persons; ) {
  const w0 = performance.now();
  const batch = await nextBatch();
  waiting = undefined;
  waitSeconds += (performance.now() - w0) / 1000;
  if (done + batch.persons < persons) worker.postMessage("next");
  generateSeconds += batch.generateMs / 1000;
  await load(batch.texts, batch.counts, participantTables);
  done += batch.persons;
  const secs = (performance.now() - loadStarted) / 1000;
  const total = participantTables.reduce((s, t) => s + (rows.get(t) ?? 0), 0);
  log(`${done.toLocaleString("en")} persons, ${total.toLocaleString("en")} rows, ${Math.round(total / secs).toLocaleString("en")} rows/s`);
}
await worker.terminate();
await frozenLoad.commit();
const i0 = performance.now();
log("Building keys, indexes and foreign keys");
await restoreConstraints();
const indexSeconds = (performance.now() - i0) / 1000;
const loadSeconds = (performance.now() - loadStarted) / 1000;

// 5. Statistics for the planner (and, on PostgreSQL, the visibility map for index-only scans).
const a0 = performance.now();
await loader.query(loader.kind === "postgres" ? "VACUUM (ANALYZE)" : "ANALYZE");
const analyzeSeconds = (performance.now() - a0) / 1000;
const sizeBytes =
  loader.kind === "postgres" ? Number((await loader.query<{ size: string }>("SELECT pg_database_size(current_database())::text AS size"))[0]?.size) : undefined;
await loader.close();
const folderBytes = dataDir ? Number(execFileSync("du", ["-sb", dataDir], { encoding: "utf8" }).split("\t")[0]) : undefined;

const totalRows = [...rows.values()].reduce((a, b) => a + b, 0);
const copyTotal = [...copySeconds.values()].reduce((a, b) => a + b, 0);
const participantRows = participantTables.reduce((s, t) => s + (rows.get(t) ?? 0), 0);
const result = {
  kind: "load",
  driver: loader.kind,
  persons,
  label: sizeLabel(persons),
  date: new Date().toISOString(),
  commit: gitCommit(),
  machine: machine(),
  seed,
  rows: Object.fromEntries(rows),
  totalRows,
  seconds: {
    total: round((performance.now() - started) / 1000),
    setup: round(setupSeconds),
    load: round(loadSeconds),
    generate: round(generateSeconds),
    /** Time the loader waited for the generator: the part of generating that did not overlap COPY. */
    waitForRows: round(waitSeconds),
    copy: round(copyTotal),
    indexes: round(indexSeconds),
    analyze: round(analyzeSeconds),
  },
  rowsPerSecond: {
    /** Rows of the participant tables over the time spent inside COPY. */
    copy: Math.round(participantRows / participantTables.reduce((s, t) => s + (copySeconds.get(t) ?? 0), 0)),
    /** Rows over generation, COPY and the index build: what a user of bench:data waits for. */
    endToEnd: Math.round(participantRows / loadSeconds),
  },
  perTable: Object.fromEntries(
    participantTables.map((t) => [t, { rows: rows.get(t) ?? 0, rowsPerSecond: Math.round((rows.get(t) ?? 0) / (copySeconds.get(t) ?? 1)) }]),
  ),
  sizeMb: sizeBytes ? round(sizeBytes / 1024 ** 2, 0) : folderBytes ? round(folderBytes / 1024 ** 2, 0) : null,
  peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
};
writeResult(`load-${result.label}-${result.driver}`, result);
log(
  `Done in ${result.seconds.total} s: ${totalRows.toLocaleString("en")} rows; COPY ${result.rowsPerSecond.copy.toLocaleString("en")} rows/s, end to end ${result.rowsPerSecond.endToEnd.toLocaleString("en")} rows/s`,
);
log(
  `  generating ${result.seconds.generate} s (waited ${result.seconds.waitForRows} s), COPY ${result.seconds.copy} s, keys and indexes ${result.seconds.indexes} s, analyze ${result.seconds.analyze} s, size ${result.sizeMb} MB`,
);
for (const [t, r] of Object.entries(result.perTable))
  log(`  ${t.padEnd(18)} ${String(r.rows).padStart(10)} rows  ${String(r.rowsPerSecond).padStart(8)} rows/s`);
log(`Sign in as ${BENCH_MANAGER} or ${BENCH_COACH} with the password ${BENCH_PASSWORD}`);
