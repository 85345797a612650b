import { sql } from "kysely";
import type { AuditQuery } from "../../../schemas/audit.ts";
import type { Db } from "../../db/client.ts";

/** One page of the audit log, newest first, and the number of entries matching the filters. */
export async function searchAuditLog(db: Db, f: AuditQuery) {
  let q = db.selectFrom("audit_log");
  if (f.actor) q = q.where("actor_label", "ilike", `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.action) q = q.where("action", "like", `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.subjectId) q = q.where("subject_id", "=", f.subjectId);
  if (f.outcome) q = q.where("outcome", "=", f.outcome);
  // Dates are calendar days in Swedish time, "to" inclusive.
  if (f.from) q = q.where("at", ">=", sql<Date>`(${f.from}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`);
  if (f.to) q = q.where("at", "<", sql<Date>`((${f.to}::date + 1)::timestamp) AT TIME ZONE 'Europe/Stockholm'`);
  const total = await q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: total.n, rows };
}
