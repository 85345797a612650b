import type { FastifyInstance } from "fastify";
import { AuditPage, AuditQuery } from "../../../schemas/audit.ts";
import { ErrorBody } from "../../../schemas/common.ts";
import { typed } from "../../app.ts";
import { requireAccess } from "../../auth/can.ts";
import { searchAuditLog } from "./queries.ts";

export async function auditRoutes(api: FastifyInstance) {
  const { db } = api.deps.handle;
  typed(api).get(
    "/admin/audit",
    {
      schema: {
        tags: ["admin: audit log"],
        summary: "Search the audit log (admins)",
        querystring: AuditQuery,
        response: { 200: AuditPage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => {
      requireAccess(req.actor, "audit.read", "system");
      const { total, rows } = await searchAuditLog(db, req.query);
      // Searching the log shows who did what to whom, so the search itself is logged.
      const { page, pageSize, ...filters } = req.query;
      await req.audit({ action: "audit.search", details: { filters } });
      return {
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
        entries: rows.map((e) => ({
          id: String(e.id),
          at: new Date(e.at).toISOString(),
          actorId: e.actor_id,
          actorLabel: e.actor_label,
          action: e.action,
          subjectType: e.subject_type,
          subjectId: e.subject_id,
          projectId: e.project_id,
          clientAddress: e.client_address,
          outcome: e.outcome,
          details: e.details,
        })),
      };
    },
  );
}
