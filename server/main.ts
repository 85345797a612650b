import { buildApp } from "./app.ts";
import { systemActor } from "./auth/actor.ts";
import { writeAudit } from "./auth/audit.ts";
import type { Config } from "./config.ts";
import { openDatabase, openPostgres } from "./db/client.ts";
import { scheduleEmbeddedMaintenance } from "./db/maintenance.ts";
import { migrate } from "./db/migrate.ts";
import { startNewPlanningSweep } from "./features/activities/new-planning.ts";
import { ensureDefaultCodes } from "./features/codes/service.ts";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "./seed/demo.ts";

/** Open the configured database, migrate, seed the demo on first start, and listen. */
export async function startServer(config: Config) {
  const started = Date.now();
  const handle = await openDatabase(config);
  const applied = await migrate(handle);
  // Projects from before a code list existed get its defaults.
  for (const p of await handle.db.selectFrom("projects").select("id").execute()) await ensureDefaultCodes(handle.db, p.id);
  let seeded = false;
  if (config.seedDemo && !config.production) {
    const orgs = await handle.db.selectFrom("organisations").select("id").limit(1).execute();
    if (orgs.length === 0) {
      await seedDemo(handle.db);
      seeded = true;
    }
  }
  const reports = config.reportsDatabaseUrl ? await openPostgres(config.reportsDatabaseUrl) : undefined;
  const app = await buildApp({ handle, reports, config });
  await app.listen({ port: config.port, host: config.host });
  const stopMaintenance = scheduleEmbeddedMaintenance(handle, (message, err) => (err ? app.log.error({ err }, message) : app.log.info(message)));
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  await writeAudit(handle.db, { actor: systemActor() }, { action: "system.start", details: { migrations: applied, demoSeeded: seeded } });

  const where = config.databaseUrl ? `PostgreSQL${reports ? " (rapporter från läsrepliken)" : ""}` : `PGlite (${config.dataDir})`;
  console.log(`Stegvis kör på ${url}  —  databas: ${where}  —  klar på ${Date.now() - started} ms`);
  if (applied.length) console.log(`Migreringar körda: ${applied.join(", ")}`);
  if (!config.production) {
    const hasDemo = await handle.db.selectFrom("users").select("id").where("email", "=", DEMO_LOGINS[0].email).executeTakeFirst();
    if (hasDemo) {
      console.log(`Demoinloggningar (lösenord: ${DEMO_PASSWORD}):`);
      for (const l of DEMO_LOGINS) console.log(`  ${l.email.padEnd(26)} ${l.description}`);
    }
  }

  // Activities whose end date passes give their coach a new-planning task even on days nobody reads the lists.
  const stopSweep = startNewPlanningSweep(handle.db);

  const stop = async () => {
    stopMaintenance?.();
    await stopSweep();
    await app.close();
    await reports?.close();
    await handle.close();
  };
  return { app, handle, url, stop };
}
