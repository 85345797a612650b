import type { FastifyInstance } from "fastify";
import { ErrorBody, IdParams } from "../../../schemas/common.ts";
import { Mapping, MappingSensitive, MappingVersionQuery, SaveMappingInput } from "../../../schemas/mapping.ts";
import { CompareQuery, PdfQuery, PlanComparison, PlanOverview, PlanRevision, RevisionParams, SavePlanInput } from "../../../schemas/plan.ts";
import { typed } from "../../app.ts";
import { can, requireAccess, serviceContext } from "../../auth/can.ts";
import { requireEnrolmentAccess } from "../participants/access.ts";
import { getMapping, getSensitive, saveMapping } from "./mapping.ts";
import { planPdf } from "./pdf.ts";
import { comparePlan, getRevision, planOverview, saveRevision } from "./plan.ts";
import { planPrintOf } from "./print.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function mappingPlanRoutes(api: FastifyInstance) {
  const r = typed(api);
  const { db } = api.deps.handle;

  // ---------- mapping ----------

  r.get(
    "/enrolments/:id/mapping",
    {
      schema: {
        tags: ["mapping"],
        summary: "The mapping without its sensitive sections: the current version or ?version=n (logged)",
        params: IdParams,
        querystring: MappingVersionQuery,
        response: { 200: Mapping, ...errors },
      },
    },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const mapping = await getMapping(db, e.id, {
        number: req.query.version,
        canSeeSensitive: can(req.actor, "person.sensitive", { projectId: e.project_id }),
      });
      await req.audit({
        action: "person.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, section: "mapping", version: mapping.number },
      });
      return mapping;
    },
  );

  r.get(
    "/enrolments/:id/mapping/sensitive",
    {
      schema: {
        tags: ["mapping"],
        summary: "The health and violence sections of the mapping (current or ?version=n); needs the sensitive-data permission; every opening is logged",
        params: IdParams,
        querystring: MappingVersionQuery,
        response: { 200: MappingSensitive, ...errors },
      },
    },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.sensitive");
      const result = await getSensitive(db, e.id, req.query.version);
      await req.audit({
        action: "person.sensitive.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, section: "mapping", sections: ["health", "violence"], version: result.number },
      });
      return result;
    },
  );

  r.put(
    "/enrolments/:id/mapping",
    {
      schema: {
        tags: ["mapping"],
        summary: "Save the mapping as a new version (with the version it is based on); the sensitive sections need the sensitive-data permission",
        params: IdParams,
        body: SaveMappingInput,
        response: { 200: Mapping, ...errors },
      },
    },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      if (req.body.sensitive !== undefined) requireAccess(req.actor, "person.sensitive", { projectId: e.project_id });
      const number = await saveMapping(db, serviceContext(req), e, req.body);
      return getMapping(db, e.id, { number, canSeeSensitive: can(req.actor, "person.sensitive", { projectId: e.project_id }) });
    },
  );

  // ---------- plan ----------

  r.get(
    "/enrolments/:id/plan",
    {
      schema: {
        tags: ["plan"],
        summary: "The current plan, its revisions and the open new-planning tasks (logged)",
        params: IdParams,
        response: { 200: PlanOverview, ...errors },
      },
    },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const plan = await planOverview(db, e.id);
      await req.audit({
        action: "person.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, section: "plan", revision: plan.version },
      });
      return plan;
    },
  );

  r.get(
    "/enrolments/:id/plan/revisions/:number",
    {
      schema: { tags: ["plan"], summary: "One saved revision of the plan (logged)", params: RevisionParams, response: { 200: PlanRevision, ...errors } },
    },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const revision = await getRevision(db, e.id, req.params.number);
      await req.audit({
        action: "person.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, section: "plan", revision: revision.number },
      });
      return revision;
    },
  );

  r.post(
    "/enrolments/:id/plan/revisions",
    {
      schema: {
        tags: ["plan"],
        summary: "Save a new revision of the plan (with the revision it is based on); may close new-planning tasks",
        params: IdParams,
        body: SavePlanInput,
        response: { 201: PlanRevision, ...errors },
      },
    },
    async (req, reply) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      return reply.code(201).send(await saveRevision(db, serviceContext(req), e, req.body));
    },
  );

  r.get(
    "/enrolments/:id/plan/compare",
    {
      schema: {
        tags: ["plan"],
        summary: "Two revisions side by side: goals and sub-goals added, removed or changed (logged)",
        params: IdParams,
        querystring: CompareQuery,
        response: { 200: PlanComparison, ...errors },
      },
    },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const comparison = await comparePlan(db, e.id, req.query.from, req.query.to);
      await req.audit({
        action: "person.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, section: "plan", compared: [req.query.from, req.query.to] },
      });
      return comparison;
    },
  );

  r.get(
    "/enrolments/:id/plan/pdf",
    {
      schema: {
        tags: ["plan"],
        summary: "The plan as a PDF for the participant, current revision or ?revision=n (logged as an export)",
        params: IdParams,
        querystring: PdfQuery,
        response: errors,
      },
    },
    async (req, reply) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const print = await planPrintOf(db, e.id, req.query.revision);
      const pdf = await planPdf(print);
      await req.audit({
        action: "plan.pdf",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, revision: print.revision },
      });
      // The file name holds no name or personnummer: only the enrolment's plan and revision.
      return (
        reply
          .type("application/pdf")
          .header("content-disposition", `attachment; filename="plan-version-${print.revision}.pdf"`)
          .header("cache-control", "no-store")
          // A Buffer goes out as it is; the response schemas only describe the JSON errors.
          .send(pdf as never)
      );
    },
  );
}
