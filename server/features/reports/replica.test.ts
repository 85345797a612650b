import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.ts";
import { loadConfig } from "../../config.ts";
import { buildAnnualFixture, PERIOD } from "../../test/annual-fixture.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";

/** Records the kind of every query sent through the handle it is plugged into. */
class QueryLog implements KyselyPlugin {
  kinds: string[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.kinds.push(args.node.kind);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

// The "replica" here is the primary seen through a query log: what matters is which handle a
// route reads from. The streaming replica itself is exercised by the benchmark in bench/replica.ts.
let t: TestApp;
let app: Awaited<ReturnType<typeof buildApp>>;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
const log = new QueryLog();
beforeAll(async () => {
  t = await makeTestApp();
  app = await buildApp({ handle: t.handle, reports: { ...t.handle, db: t.db.withPlugin(log) }, config: t.config });
  await app.ready();
  cast = await aProjectWithStaff(app, t.db);
  await buildAnnualFixture(t.db, cast.project);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe("REPORTS_DATABASE_URL", () => {
  it("sends the annual report's counts to the reports handle and writes the audit row on the primary", async () => {
    log.kinds = [];
    const res = await cast.as.manager.get(`/api/projects/${cast.project.id}/reports/annual?from=${PERIOD.from}&to=${PERIOD.to}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().summary.uniqueParticipants).toBeGreaterThan(0);
    expect(log.kinds.length).toBeGreaterThan(0);
    expect(log.kinds.every((k) => k === "SelectQueryNode" || k === "RawNode")).toBe(true);
    const audit = await t.db.selectFrom("audit_log").select("action").where("action", "=", "report.annual").execute();
    expect(audit.length).toBe(1);
  });

  it("reads what a manager has just typed (the report texts) from the primary", async () => {
    log.kinds = [];
    const year = PERIOD.from.slice(0, 4);
    const res = await cast.as.manager.get(`/api/projects/${cast.project.id}/reports/texts/${year}`);
    expect(res.statusCode).toBe(200);
    expect(log.kinds).toEqual([]);
  });

  it("is refused without a PostgreSQL primary, with a message that says what to set", () => {
    expect(() => loadConfig({ REPORTS_DATABASE_URL: "postgres://replica/stegvis" })).toThrow(/REPORTS_DATABASE_URL.*DATABASE_URL/s);
    expect(loadConfig({ DATABASE_URL: "postgres://primary/stegvis", REPORTS_DATABASE_URL: "postgres://replica/stegvis" }).reportsDatabaseUrl).toBe(
      "postgres://replica/stegvis",
    );
  });
});
