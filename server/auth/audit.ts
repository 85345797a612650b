import { CompiledQuery, type Insertable } from "kysely";
import type { AuditOutcome } from "../../schemas/audit.ts";
import type { Db } from "../db/client.ts";
import type { AuditLogTable } from "../db/types.ts";
import type { Actor } from "./actor.ts";

export interface AuditEvent {
  action: string;
  outcome?: AuditOutcome;
  subjectType?: string;
  subjectId?: string;
  projectId?: string;
  /** Field names, before/after values, reasons. Never passwords, tokens or secrets. */
  details?: Record<string, unknown>;
}

export interface AuditContext {
  actor: Actor | null;
  /** Used when there is no actor, e.g. the e-mail address of a failed login, or "system". */
  actorLabel?: string;
  clientAddress?: string | null;
}

/** What every service that changes data is given: who acts, and from where (for the audit log). */
export interface ServiceContext {
  actor: Actor;
  clientAddress?: string | null;
}

/** The row of one entry, as both `writeAudit` and the queue insert it. */
type AuditRow = Omit<Insertable<AuditLogTable>, "id" | "at" | "details"> & { details: string | null };

const rowOf = (ctx: AuditContext, event: AuditEvent): AuditRow => ({
  actor_id: ctx.actor?.kind === "user" ? ctx.actor.userId : null,
  actor_label: ctx.actor?.kind === "user" ? ctx.actor.email : (ctx.actorLabel ?? "system"),
  action: event.action,
  subject_type: event.subjectType ?? null,
  subject_id: event.subjectId ?? null,
  project_id: event.projectId ?? null,
  client_address: ctx.clientAddress ?? null,
  outcome: event.outcome ?? "ok",
  details: event.details ? JSON.stringify(event.details) : null,
});

/**
 * A read that shows several persons writes one `person.read` entry per person with the person as
 * subject, so the audit search by subject finds it in each person's access log; `section` and the
 * details say where they were shown.
 */
export function auditPersonsShown(
  audit: (event: AuditEvent) => Promise<void>,
  personIds: Iterable<string>,
  where: { projectId: string; section: string; details?: Record<string, unknown> },
): Promise<void> {
  const unique = [...new Set(personIds)];
  return Promise.all(
    unique.map((id) =>
      audit({ action: "person.read", subjectType: "person", subjectId: id, projectId: where.projectId, details: { section: where.section, ...where.details } }),
    ),
  ).then(() => undefined);
}

/** Append one entry to the audit log. The table refuses UPDATE and DELETE. */
export async function writeAudit(db: Db, ctx: AuditContext, event: AuditEvent): Promise<void> {
  await db.insertInto("audit_log").values(rowOf(ctx, event)).execute();
}

/** Append several entries by the same actor in one statement (nothing when there are none). */
export async function writeAuditMany(db: Db, ctx: AuditContext, events: AuditEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    await db
      .insertInto("audit_log")
      .values(events.slice(i, i + 1000).map((e) => rowOf(ctx, e)))
      .execute();
  }
}

const insertMany = `INSERT INTO audit_log (actor_id, actor_label, action, subject_type, subject_id, project_id, client_address, outcome, details)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::jsonb[])`;

/**
 * Audit entries written outside a transaction of their own, committed together: while one
 * insert is on its way, the entries that arrive wait and go in the next one, in one statement
 * and one commit. Each caller's promise settles when its entry is committed (or the insert
 * failed), so a response that waits for it is never sent before its entry is in the log.
 */
export class AuditQueue {
  #pending: { row: AuditRow; done: (err?: unknown) => void }[] = [];
  #busy = false;

  constructor(private readonly db: Db) {}

  write(ctx: AuditContext, event: AuditEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ row: rowOf(ctx, event), done: (err) => (err ? reject(err) : resolve()) });
      if (!this.#busy) void this.#drain();
    });
  }

  async #drain() {
    this.#busy = true;
    while (this.#pending.length) {
      const batch = this.#pending.splice(0, 500);
      const col = <K extends keyof AuditRow>(k: K) => batch.map((b) => b.row[k]);
      try {
        await this.db.executeQuery(
          CompiledQuery.raw(insertMany, [
            col("actor_id"),
            col("actor_label"),
            col("action"),
            col("subject_type"),
            col("subject_id"),
            col("project_id"),
            col("client_address"),
            col("outcome"),
            col("details"),
          ]),
        );
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.done(err);
      }
    }
    this.#busy = false;
  }
}
