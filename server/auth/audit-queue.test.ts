import type { CompiledQuery } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client.ts";
import { makeTestApp, type TestApp } from "../test/app.ts";
import { aUser } from "../test/factories.ts";
import { AuditQueue } from "./audit.ts";

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** The test database, with every statement the queue sends counted (rows per insert), and a way to make the next one fail. */
function watched() {
  const inserts: number[] = [];
  let failNext = false;
  const db = {
    executeQuery: async (q: CompiledQuery) => {
      inserts.push((q.parameters[0] as unknown[]).length);
      if (failNext) {
        failNext = false;
        throw new Error("the database is gone");
      }
      return t.db.executeQuery(q);
    },
  } as unknown as Db;
  const failTheNext = () => {
    failNext = true;
  };
  return { db, inserts, failNext: failTheNext };
}

const rowsOf = (label: string) =>
  t.db
    .selectFrom("audit_log")
    .select(["action", "subject_id", "details", "client_address", "outcome"])
    .where("actor_label", "=", label)
    .orderBy("id")
    .execute();

describe("the audit queue", () => {
  it("commits the entries of concurrent requests together, and each caller's promise only after its entry is in the log", async () => {
    const u = await aUser(t.db);
    const actor = { kind: "system" as const, label: "system" };
    const w = watched();
    const queue = new AuditQueue(w.db);
    const writes = Array.from({ length: 25 }, (_, i) =>
      queue
        .write(
          { actor, actorLabel: u.email, clientAddress: "192.0.2.7" },
          { action: "person.read", subjectType: "person", subjectId: `p${i}`, details: { n: i } },
        )
        .then(async () => (await rowsOf(u.email)).some((r) => r.subject_id === `p${i}`)),
    );
    // Every caller found its own entry committed when its promise settled.
    expect(await Promise.all(writes)).toEqual(Array(25).fill(true));
    // The first entry went alone; the others, which arrived while it was on its way, went together.
    expect(w.inserts).toEqual([1, 24]);
    const rows = await rowsOf(u.email);
    expect(rows).toHaveLength(25);
    expect(rows[3]).toMatchObject({ action: "person.read", subject_id: "p3", details: { n: 3 }, client_address: "192.0.2.7", outcome: "ok" });
  });

  it("fails every caller of an insert that fails, and goes on with the next", async () => {
    const u = await aUser(t.db);
    const ctx = { actor: null, actorLabel: u.email };
    const w = watched();
    const queue = new AuditQueue(w.db);
    w.failNext();
    const first = queue.write(ctx, { action: "a.first" });
    const later = [queue.write(ctx, { action: "a.second" }), queue.write(ctx, { action: "a.third" })];
    await expect(first).rejects.toThrow("the database is gone");
    await Promise.all(later);
    expect((await rowsOf(u.email)).map((r) => r.action)).toEqual(["a.second", "a.third"]);
  });
});
