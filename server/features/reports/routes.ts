import type { FastifyInstance } from "fastify";
import { ErrorBody, IdParams } from "../../../schemas/common.ts";
import { AnnualReport, AnnualReportQuery } from "../../../schemas/reports.ts";
import { typed } from "../../app.ts";
import { requireAccess, requireUser } from "../../auth/can.ts";
import { AppError } from "../../errors.ts";
import { annualReport, annualReportCsv } from "./annual.ts";

export async function reportRoutes(api: FastifyInstance) {
  const { db } = api.deps.handle;
  typed(api).get(
    "/projects/:id/reports/annual",
    {
      schema: {
        tags: ["reports"],
        summary: "The annual report's statistics tables (JSON in the shape of reports.md, or CSV); statisticians get small cells suppressed",
        params: IdParams,
        querystring: AnnualReportQuery,
        response: { 200: AnnualReport, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "report.aggregate", { projectId: req.params.id });
      const actor = requireUser(req.actor);
      const { from, to, intake, team, format, publish } = req.query;
      if (intake) {
        const i = await db.selectFrom("intakes").select("id").where("id", "=", intake).where("project_id", "=", req.params.id).executeTakeFirst();
        if (!i) throw new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { intake: "Intaget hör inte till projektet." } });
      }
      if (team) {
        const tm = await db.selectFrom("teams").select("id").where("id", "=", team).where("project_id", "=", req.params.id).executeTakeFirst();
        if (!tm) throw new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { team: "Teamet hör inte till projektet." } });
      }
      // Statisticians and the steering group see only suppressed figures.
      const suppress = Boolean(publish) || actor.grants.get(req.params.id)?.role === "statistician";
      const report = await annualReport(db, { projectId: req.params.id, from, to, intakeId: intake, teamId: team, suppress });
      await req.audit({
        action: "report.annual",
        projectId: req.params.id,
        details: { from, to, intake: intake ?? null, team: team ?? null, format, suppress },
      });
      if (format === "csv") {
        return (
          reply
            .type("text/csv; charset=utf-8")
            .header("content-disposition", `attachment; filename="arsrapport-${report.project}-${from}-${to}.csv"`)
            // The CSV bypasses the JSON schema serializer; it is built from the same validated report.
            .serializer((x: unknown) => x as string)
            .send(annualReportCsv(report) as unknown as AnnualReport)
        );
      }
      return report;
    },
  );
}
