import type { AuditOutcome } from "../../schemas/audit.ts";
import type { Db } from "../db/client.ts";
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

/** Append one entry to the audit log. The table refuses UPDATE and DELETE. */
export async function writeAudit(db: Db, ctx: AuditContext, event: AuditEvent): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_id: ctx.actor?.kind === "user" ? ctx.actor.userId : null,
      actor_label: ctx.actor?.kind === "user" ? ctx.actor.email : (ctx.actorLabel ?? "system"),
      action: event.action,
      subject_type: event.subjectType ?? null,
      subject_id: event.subjectId ?? null,
      project_id: event.projectId ?? null,
      client_address: ctx.clientAddress ?? null,
      outcome: event.outcome ?? "ok",
      details: event.details ? JSON.stringify(event.details) : null,
    })
    .execute();
}
