import type { FastifyInstance, FastifyReply } from "fastify";
import { ErrorBody, IdParams } from "../../../schemas/common.ts";
import {
  AnnualReport,
  AnnualReportQuery,
  DisSusFormQuery,
  DisSusForms,
  DisSusFormsQuery,
  DisSusQuery,
  DisSusSummary,
  EsfQuery,
  EsfReport,
  ReportSettings,
  ReportText,
  ReportTexts,
  SectionParams,
  UpdateReportSettingsInput,
  UpdateReportTextInput,
  YearParams,
} from "../../../schemas/reports.ts";
import { typed } from "../../app.ts";
import type { Actor } from "../../auth/actor.ts";
import { can, requireAccess, requireUser, serviceContext } from "../../auth/can.ts";
import { AppError, forbidden } from "../../errors.ts";
import { requireEnrolmentAccess } from "../participants/access.ts";
import { annualReport } from "./annual.ts";
import { annualReportFile } from "./annual-output.ts";
import { disSusForm, disSusForms, disSusFormsSheets, disSusSummary, projectName } from "./dis-sus.ts";
import { disSusFormPdf, disSusFormsPdf } from "./dis-sus-pdf.ts";
import { type Sheet, tableSheet, toCsv, toXlsx } from "./documents.ts";
import { esfReport, esfSheets } from "./esf.ts";
import { extraReportRoutes } from "./routes-extra.ts";
import { getReportSettings, getReportTexts, updateReportSettings, updateReportText } from "./settings.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const MIME = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

/** Send a file download; it bypasses the JSON schema serializer and is built from the validated report. */
export function sendFile(reply: FastifyReply, format: keyof typeof MIME, name: string, body: string | Buffer) {
  return reply
    .type(MIME[format])
    .header("content-disposition", `attachment; filename="${name}.${format}"`)
    .header("cache-control", "no-store")
    .serializer((x: unknown) => x as string)
    .send(body as never);
}

/** Statisticians and reports marked for publication see suppressed figures only. */
export function suppressFor(actor: Actor | null, projectId: string, publish: boolean | undefined) {
  const user = requireUser(actor);
  return Boolean(publish) || user.grants.get(projectId)?.role === "statistician";
}

/** Settings that shape every report: managers of the project, or administrators. */
function requireManagerOrAdmin(actor: Actor | null, projectId: string) {
  const user = requireUser(actor);
  if (!user.isAdmin && !can(user, "project.manage", { projectId })) throw forbidden();
}

export async function reportRoutes(api: FastifyInstance) {
  const { db } = api.deps.handle;
  // Counts from the daily record may come from a read replica (REPORTS_DATABASE_URL); what a
  // user has just typed on the report pages (texts, goals, economy, follow-ups) is read from the primary.
  const recordDb = api.deps.reports?.db ?? db;
  const r = typed(api);
  r.get(
    "/projects/:id/reports/annual",
    {
      schema: {
        tags: ["reports"],
        summary:
          "The annual report: JSON in the shape of reports.md, CSV, XLSX (a sheet per table), or the whole report document with the narrative sections as PDF or DOCX; statisticians get small cells suppressed",
        params: IdParams,
        querystring: AnnualReportQuery,
        response: { 200: AnnualReport, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "report.aggregate", { projectId: req.params.id });
      const { from, to, intake, team, format, publish } = req.query;
      if (intake) {
        const i = await db.selectFrom("intakes").select("id").where("id", "=", intake).where("project_id", "=", req.params.id).executeTakeFirst();
        if (!i) throw new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { intake: "Intaget hör inte till projektet." } });
      }
      if (team) {
        const tm = await db.selectFrom("teams").select("id").where("id", "=", team).where("project_id", "=", req.params.id).executeTakeFirst();
        if (!tm) throw new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { team: "Teamet hör inte till projektet." } });
      }
      const suppress = suppressFor(req.actor, req.params.id, publish);
      const { threshold } = await getReportSettings(db, req.params.id);
      const report = await annualReport(recordDb, { projectId: req.params.id, from, to, intakeId: intake, teamId: team, suppress, threshold });
      await req.audit({
        action: "report.annual",
        projectId: req.params.id,
        details: { from, to, intake: intake ?? null, team: team ?? null, format, suppress },
      });
      const name = `arsrapport-${report.project}-${from}-${to}`;
      if (format !== "json") return sendFile(reply, format, name, await annualReportFile(db, req.params.id, report, format));
      return report;
    },
  );

  // ----- settings -----
  r.get(
    "/projects/:id/reports/settings",
    {
      schema: {
        tags: ["reports"],
        summary: "The project's report settings: small-cell threshold and follow-up points",
        params: IdParams,
        response: { 200: ReportSettings, ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req.actor);
      if (!can(user, "report.aggregate", { projectId: req.params.id }) && !can(user, "person.read", { projectId: req.params.id })) {
        if (!user.isAdmin) throw forbidden();
        requireAccess(user, "project.read", { projectId: req.params.id });
      }
      return getReportSettings(db, req.params.id);
    },
  );
  r.put(
    "/projects/:id/reports/settings",
    {
      schema: {
        tags: ["reports"],
        summary: "Change the small-cell threshold and follow-up points (the project's managers, administrators)",
        params: IdParams,
        body: UpdateReportSettingsInput,
        response: { 200: ReportSettings, ...errors },
      },
    },
    async (req) => {
      requireManagerOrAdmin(req.actor, req.params.id);
      const exists = await db.selectFrom("projects").select("id").where("id", "=", req.params.id).executeTakeFirst();
      if (!exists) throw new AppError("not_found", "Projektet finns inte.");
      return updateReportSettings(db, serviceContext(req), req.params.id, req.body);
    },
  );

  // ----- narrative sections -----
  r.get(
    "/projects/:id/reports/texts/:year",
    {
      schema: { tags: ["reports"], summary: "The annual report's narrative sections of a year", params: YearParams, response: { 200: ReportTexts, ...errors } },
    },
    async (req) => {
      requireAccess(req.actor, "report.aggregate", { projectId: req.params.id });
      return getReportTexts(db, req.params.id, req.params.year);
    },
  );
  r.put(
    "/projects/:id/reports/texts/:year/:section",
    {
      schema: {
        tags: ["reports"],
        summary: "Write one narrative section (the project's managers); version 0 for a first text, a stale version answers 409",
        params: SectionParams,
        body: UpdateReportTextInput,
        response: { 200: ReportText, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "project.manage", { projectId: req.params.id });
      const ctx = serviceContext(req);
      const text = await updateReportText(db, { ...ctx, actor: { ...ctx.actor, kind: "user" } }, req.params.id, req.params.year, req.params.section, req.body);
      if (!text) throw new AppError("not_found", "Avsnittet finns inte.");
      return text;
    },
  );

  // ----- DIS / SUS -----
  r.get(
    "/projects/:id/reports/dis-sus",
    {
      schema: {
        tags: ["reports"],
        summary: "DIS/SUS: change of income source and level from start to exit (JSON, CSV, XLSX); statisticians get small cells suppressed",
        params: IdParams,
        querystring: DisSusQuery,
        response: { 200: DisSusSummary, ...errors },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "report.aggregate", { projectId: req.params.id });
      const { from, to, format, publish } = req.query;
      const suppress = suppressFor(req.actor, req.params.id, publish);
      const { threshold } = await getReportSettings(db, req.params.id);
      const report = await disSusSummary(recordDb, { projectId: req.params.id, from, to, suppress, threshold });
      await req.audit({ action: "report.dis_sus", projectId: req.params.id, details: { from, to, format, suppress } });
      const name = `dis-sus-${report.project}-${from}-${to}`;
      if (format === "csv") return sendFile(reply, "csv", name, toCsv(report.tables.map(tableSheet), report.notes));
      if (format === "xlsx") return sendFile(reply, "xlsx", name, await toXlsx(report.tables.map(tableSheet), report.notes));
      return report;
    },
  );
  r.get(
    "/projects/:id/reports/dis-sus/forms",
    {
      schema: {
        tags: ["reports"],
        summary:
          "DIS/SUS: the start and exit forms of a period for registration as JSON, CSV, XLSX or a print-ready PDF (a cover page, then one page per form); person data: managers and coaches; every form is logged. Without consent to SUS registration a form is listed, not exported",
        params: IdParams,
        querystring: DisSusFormsQuery,
        response: { 200: DisSusForms, ...errors },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "person.read", { projectId: req.params.id });
      const { from, to, format } = req.query;
      const forms = await disSusForms(recordDb, { projectId: req.params.id, from, to });
      await auditPersons(
        req,
        "report.dis_sus.forms",
        req.params.id,
        forms.forms.map((f) => f.enrolmentId),
        { from, to, format },
      );
      const name = `dis-blanketter-${forms.project}-${from}-${to}`;
      if (format === "csv") return sendFile(reply, "csv", name, toCsv(disSusFormsSheets(forms)));
      if (format === "xlsx") return sendFile(reply, "xlsx", name, await toXlsx(disSusFormsSheets(forms)));
      if (format === "pdf") return sendFile(reply, "pdf", name, await disSusFormsPdf(forms, await projectName(db, req.params.id)));
      return forms;
    },
  );
  r.get(
    "/enrolments/:id/dis-sus/pdf",
    {
      schema: {
        tags: ["reports"],
        summary:
          "DIS/SUS: one enrolment's start or exit form as a one-page PDF (logged). 409 when the enrolment has no exit (exit form), no standing consent to SUS registration, or is not counted in statistics",
        params: IdParams,
        querystring: DisSusFormQuery,
        response: errors,
      },
    },
    async (req, reply) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const form = await disSusForm(db, e.id, req.query.kind);
      const pdf = await disSusFormPdf(form, await projectName(db, e.project_id));
      await req.audit({
        action: "report.dis_sus.form",
        projectId: e.project_id,
        subjectType: "enrolment",
        subjectId: e.id,
        details: { kind: form.kind, date: form.date },
      });
      // The file name holds no name or personnummer: only which form it is.
      return sendFile(reply, "pdf", form.kind === "start" ? "dis-uppgifter-vid-start" : "dis-avslutningsblankett", pdf);
    },
  );

  // ----- ESF -----
  r.get(
    "/projects/:id/reports/esf",
    {
      schema: {
        tags: ["reports"],
        summary:
          "ESF participant data of a period, one row per participant with consent to ESF reporting (person data: managers and coaches; every row is logged)",
        params: IdParams,
        querystring: EsfQuery,
        response: { 200: EsfReport, ...errors },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "person.read", { projectId: req.params.id });
      const { from, to, format } = req.query;
      const report = await esfReport(recordDb, { projectId: req.params.id, from, to });
      await auditPersons(
        req,
        "report.esf",
        req.params.id,
        report.rows.map((x) => x.enrolmentId),
        { from, to, format },
      );
      const name = `esf-${report.project}-${from}-${to}`;
      if (format === "csv") return sendFile(reply, "csv", name, toCsv(esfSheets(report)));
      if (format === "xlsx") return sendFile(reply, "xlsx", name, await toXlsx(esfSheets(report)));
      return report;
    },
  );

  await extraReportRoutes(api);
}

/** A person-level export: one entry for the export, and one per enrolment whose data left the system. */
export async function auditPersons(
  req: { audit: (e: Parameters<FastifyInstanceAudit>[0]) => Promise<void> },
  action: string,
  projectId: string,
  enrolmentIds: string[],
  details: Record<string, unknown>,
) {
  await req.audit({ action, projectId, details: { ...details, enrolments: enrolmentIds.length } });
  for (const id of new Set(enrolmentIds)) await req.audit({ action: `${action}.person`, projectId, subjectType: "enrolment", subjectId: id, details });
}
type FastifyInstanceAudit = (e: import("../../auth/audit.ts").AuditEvent) => Promise<void>;

export type { Sheet };
