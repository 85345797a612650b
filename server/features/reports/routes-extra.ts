import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ErrorBody, IdParams } from "../../../schemas/common.ts";
import {
  CreateFollowUpInput,
  EconomyLine,
  EconomyParams,
  EconomyQuery,
  EconomyReport,
  EconomyYear,
  EnrolmentFollowUps,
  FollowUp,
  FollowUpList,
  FollowUpQuery,
  FollowUpResults,
  GoalParams,
  GoalsReport,
  UpdateEconomyInput,
  UpdateGoalInput,
  YearParams,
  YearQuery,
} from "../../../schemas/reports.ts";
import { typed } from "../../app.ts";
import { requireAccess, serviceContext } from "../../auth/can.ts";
import { requireEnrolmentAccess } from "../participants/access.ts";
import { type Sheet, tableSheet, toCsv, toXlsx } from "./documents.ts";
import { enrolmentFollowUps, followUpList, followUpResults, recordFollowUp } from "./follow-up.ts";
import { economyReport, getEconomyYear, goalsReport, updateEconomyLine, updateGoal } from "./goals-economy.ts";
import { auditPersons, sendFile, suppressFor } from "./routes.ts";
import { getReportSettings } from "./settings.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const GoalSaved = z.object({ measure: z.string(), target: z.number(), manualActual: z.number().nullable(), version: z.number().int() });

export async function extraReportRoutes(api: FastifyInstance) {
  const { db } = api.deps.handle;
  const recordDb = api.deps.reports?.db ?? db;
  const r = typed(api);

  // ----- effect goals -----
  r.get(
    "/projects/:id/reports/goals",
    {
      schema: {
        tags: ["reports"],
        summary: "The project's effect goals of a year against the actuals (JSON, CSV, XLSX)",
        params: IdParams,
        querystring: YearQuery,
        response: { 200: GoalsReport, ...errors },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "report.aggregate", { projectId: req.params.id });
      const { year, format, publish } = req.query;
      const suppress = suppressFor(req.actor, req.params.id, publish);
      const { threshold } = await getReportSettings(db, req.params.id);
      const report = await goalsReport(db, { projectId: req.params.id, year, suppress, threshold });
      await req.audit({ action: "report.goals", projectId: req.params.id, details: { year, format, suppress } });
      const sheet: Sheet = {
        name: `Effektmål ${year}`,
        columns: ["Mål", "Målvärde", "Utfall", "Enhet", "Underlag"],
        rows: report.goals.map((g) => [g.label, g.target, g.actual, g.unit === "percent" ? "%" : "personer", g.basis]),
      };
      if (format === "csv") return sendFile(reply, "csv", `effektmal-${report.project}-${year}`, toCsv([sheet]));
      if (format === "xlsx") return sendFile(reply, "xlsx", `effektmal-${report.project}-${year}`, await toXlsx([sheet]));
      return report;
    },
  );
  r.put(
    "/projects/:id/goals/:year/:measure",
    {
      schema: {
        tags: ["reports"],
        summary: "Set a goal's target (and, for measures the record cannot count, the actual) — the project's managers; version 0 for a new goal",
        params: GoalParams,
        body: UpdateGoalInput,
        response: { 200: GoalSaved, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "project.manage", { projectId: req.params.id });
      return updateGoal(db, serviceContext(req), req.params.id, req.params.year, req.params.measure, req.body);
    },
  );

  // ----- economy -----
  r.get(
    "/projects/:id/economy/:year",
    { schema: { tags: ["reports"], summary: "Budget and outcome of a year, per cost type", params: YearParams, response: { 200: EconomyYear, ...errors } } },
    async (req) => {
      requireAccess(req.actor, "report.aggregate", { projectId: req.params.id });
      return getEconomyYear(db, req.params.id, req.params.year);
    },
  );
  r.put(
    "/projects/:id/economy/:year/:costType",
    {
      schema: {
        tags: ["reports"],
        summary: "Enter budget and outcome of a cost type and year (the project's managers); version 0 for a new line",
        params: EconomyParams,
        body: UpdateEconomyInput,
        response: { 200: EconomyLine, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "project.manage", { projectId: req.params.id });
      const line = await updateEconomyLine(db, serviceContext(req), req.params.id, req.params.year, req.params.costType, req.body);
      if (!line) throw new Error("economy line vanished");
      return line;
    },
  );
  r.get(
    "/projects/:id/reports/economy",
    {
      schema: {
        tags: ["reports"],
        summary: "Economy: budget and outcome per cost type and year, deviation, totals and cost per participant (JSON, CSV, XLSX)",
        params: IdParams,
        querystring: EconomyQuery,
        response: { 200: EconomyReport, ...errors },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "report.aggregate", { projectId: req.params.id });
      const { fromYear, toYear, format } = req.query;
      const suppress = suppressFor(req.actor, req.params.id, undefined);
      const { threshold } = await getReportSettings(db, req.params.id);
      const report = await economyReport(db, { projectId: req.params.id, fromYear, toYear, suppress, threshold });
      await req.audit({ action: "report.economy", projectId: req.params.id, details: { fromYear, toYear, format } });
      const name = `ekonomi-${report.project}-${fromYear}-${toYear}`;
      if (format === "csv") return sendFile(reply, "csv", name, toCsv(report.tables.map(tableSheet), report.notes));
      if (format === "xlsx") return sendFile(reply, "xlsx", name, await toXlsx(report.tables.map(tableSheet), report.notes));
      return report;
    },
  );

  // ----- follow-up -----
  r.get(
    "/projects/:id/reports/follow-up/due",
    {
      schema: {
        tags: ["reports"],
        summary: "Persons due for follow-up in a period and overdue ones (person data: managers and coaches; logged)",
        params: IdParams,
        querystring: FollowUpQuery,
        response: { 200: FollowUpList, ...errors },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "person.read", { projectId: req.params.id });
      const { from, to, format } = req.query;
      const { followUpMonths } = await getReportSettings(db, req.params.id);
      const list = await followUpList(db, { projectId: req.params.id, from, to, months: followUpMonths });
      await auditPersons(
        req,
        "report.follow_up.list",
        req.params.id,
        list.items.map((x) => x.enrolmentId),
        { from, to, format },
      );
      const state = { done: "Uppföljd", overdue: "Försenad", due: "Kommande" } as const;
      const sheet: Sheet = {
        name: "Uppföljning",
        columns: ["Namn", "Avslutad", "Månader", "Ska följas upp", "Läge", "Uppföljd", "Nådd", "Status"],
        rows: list.items.map((x) => [x.name, x.exitDate, x.months, x.dueDate, state[x.state], x.doneOn, x.reached, x.status]),
      };
      const name = `uppfoljning-${list.project}-${from}-${to}`;
      if (format === "csv") return sendFile(reply, "csv", name, toCsv([sheet]));
      if (format === "xlsx") return sendFile(reply, "xlsx", name, await toXlsx([sheet]));
      return list;
    },
  );
  r.get(
    "/projects/:id/reports/follow-up",
    {
      schema: {
        tags: ["reports"],
        summary: "Follow-up results: status at each follow-up point by gender and the response rate (JSON, CSV, XLSX)",
        params: IdParams,
        querystring: FollowUpQuery,
        response: { 200: FollowUpResults, ...errors },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "report.aggregate", { projectId: req.params.id });
      const { from, to, format, publish } = req.query;
      const suppress = suppressFor(req.actor, req.params.id, publish);
      const { threshold, followUpMonths } = await getReportSettings(db, req.params.id);
      const report = await followUpResults(recordDb, { projectId: req.params.id, from, to, months: followUpMonths, suppress, threshold });
      await req.audit({ action: "report.follow_up", projectId: req.params.id, details: { from, to, format, suppress } });
      const name = `uppfoljning-resultat-${report.project}-${from}-${to}`;
      const notes = [`Svarsfrekvens: ${report.responseRate === null ? "–" : `${report.responseRate} %`}`, ...report.notes];
      if (format === "csv") return sendFile(reply, "csv", name, toCsv(report.tables.map(tableSheet), notes));
      if (format === "xlsx") return sendFile(reply, "xlsx", name, await toXlsx(report.tables.map(tableSheet), notes));
      return report;
    },
  );
  r.get(
    "/enrolments/:id/exit-follow-ups",
    {
      schema: {
        tags: ["reports"],
        summary: "An enrolment's follow-up points after its final exit, with what was recorded (person data; logged)",
        params: IdParams,
        response: { 200: EnrolmentFollowUps, ...errors },
      },
    },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const { followUpMonths } = await getReportSettings(db, e.project_id);
      const result = await enrolmentFollowUps(db, e.id, followUpMonths);
      await req.audit({ action: "follow_up.read", subjectType: "enrolment", subjectId: e.id, projectId: e.project_id });
      return result;
    },
  );
  r.post(
    "/enrolments/:id/exit-follow-ups",
    {
      schema: {
        tags: ["reports"],
        summary: "Record a follow-up after a final exit: the status then, or that the person could not be reached",
        params: IdParams,
        body: CreateFollowUpInput,
        response: { 201: FollowUp, ...errors },
      },
    },
    async (req, reply) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      const ctx = serviceContext(req);
      const { followUpMonths } = await getReportSettings(db, e.project_id);
      return reply.code(201).send(await recordFollowUp(db, { ...ctx, actor: { ...ctx.actor, kind: "user" } }, e, req.body, followUpMonths));
    },
  );
}
