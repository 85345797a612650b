// Where start-up time goes: the steps of `stegvis start` on an embedded database folder, timed
// one by one in a fresh process. Prints one JSON line; run by bench/startup.ts.
const t0 = performance.now();
const phases: Record<string, number> = {};
let last = t0;
const lap = (name: string) => {
  const now = performance.now();
  phases[name] = Math.round(now - last);
  last = now;
};

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: startup-phases.ts <data folder>");
await import("@electric-sql/pglite");
lap("load PGlite");
const { buildApp } = await import("../server/app.ts");
const { openPglite } = await import("../server/db/client.ts");
const { migrate } = await import("../server/db/migrate.ts");
const { ensureDefaultCodes } = await import("../server/features/codes/service.ts");
const { loadConfig } = await import("../server/config.ts");
lap("load and compile the server code");
const handle = await openPglite(dataDir);
lap("open the database");
await migrate(handle);
for (const p of await handle.db.selectFrom("projects").select("id").execute()) await ensureDefaultCodes(handle.db, p.id);
lap("migration and code-list checks");
const app = await buildApp({ handle, config: loadConfig({ STEGVIS_LOG_LEVEL: "warn", STEGVIS_DATA_DIR: dataDir }) });
await app.ready();
lap("build the app (plugins, routes, schemas)");
await app.listen({ port: 0, host: "127.0.0.1" });
lap("listen");
await app.close();
await handle.close();
process.stdout.write(`${JSON.stringify({ phases, totalMs: Math.round(last - t0) })}\n`);

export {};
