import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ErrorBody, IdParams } from "../../../schemas/common.ts";
import {
  EnrolmentQuestionnaires,
  EnrolmentRoundParams,
  Instrument,
  InstrumentInput,
  InstrumentList,
  InstrumentUpdate,
  Licence,
  LicenceInput,
  LicenceList,
  ProjectIdParams,
  Questionnaire,
  QuestionnaireInput,
  QuestionnaireList,
  QuestionnaireResponse,
  QuestionnaireUpdate,
  RatingSummary,
  RatingSummaryQuery,
  ResponseInput,
  ResponseUpdate,
  RoundIdParams,
  RoundInput,
  RoundResults,
  Score,
  ScoreInput,
  ScoreList,
  ScoreUpdate,
  SelfEvaluationAnswerInput,
  SelfEvaluationInput,
  SelfEvaluationList,
  SelfEvaluationResult,
  SelfEvaluationSummary,
  SelfEvaluationUpdate,
  SessionScores,
  SessionScoresQuery,
} from "../../../schemas/ratings.ts";
import { typed } from "../../app.ts";
import { auditPersonsShown } from "../../auth/audit.ts";
import { can, requireAccess, serviceContext } from "../../auth/can.ts";
import { AppError, notFound } from "../../errors.ts";
import { sessionGroup } from "../groups/attendance.ts";
import { findGroupRow } from "../groups/service.ts";
import { requireEnrolmentAccess, requireSignedIn } from "../participants/access.ts";
import { projectOf, requireAnyOf } from "./access.ts";
import { createInstrument, updateInstrument } from "./instruments.ts";
import {
  answerOnBehalf,
  createQuestionnaire,
  createRound,
  enrolmentQuestionnaires,
  listQuestionnaires,
  roundResults,
  updateQuestionnaire,
} from "./questionnaires.ts";
import {
  createScore,
  enrolmentOfScore,
  licenceOf,
  listInstruments,
  listLicences,
  listScores,
  organisationOfProjectId,
  saveLicence,
  updateScore,
} from "./scores.ts";
import { addSelfEvaluationAnswer, createSelfEvaluation, listSelfEvaluations, selfEvaluationResult, updateSelfEvaluation } from "./self-evaluation.ts";
import { sessionScores } from "./sessions.ts";
import { ratingSummary } from "./summary.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["ratings"];
const InstrumentParams = z.object({ instrumentId: z.uuid({ error: "Ogiltigt id" }) });
const OrganisationParams = z.object({ organisationId: z.uuid({ error: "Ogiltigt id" }) });

export async function ratingRoutes(api: FastifyInstance) {
  const r = typed(api);
  const { db } = api.deps.handle;

  // ----- instruments and licence -----
  r.get(
    "/projects/:projectId/rating-instruments",
    {
      schema: {
        tags,
        summary: "The rating scales (item names only) and the organisation's licence for them",
        params: ProjectIdParams,
        response: { 200: InstrumentList, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "project.read", { projectId: req.params.projectId });
      const organisationId = await organisationOfProjectId(db, req.params.projectId);
      return { instruments: await listInstruments(db), licence: await licenceOf(db, organisationId) };
    },
  );

  r.post(
    "/admin/rating-instruments",
    {
      schema: {
        tags,
        summary: "Add a rating scale: names, item names (never the licensed item wording), limits and rules",
        body: InstrumentInput,
        response: { 201: Instrument, ...errors },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "admin.projects", "system");
      return reply.code(201).send(await createInstrument(db, serviceContext(req), req.body));
    },
  );

  r.patch(
    "/admin/rating-instruments/:instrumentId",
    {
      schema: {
        tags,
        summary: "Change a rating scale (with version); its items and item scale stay once scores exist",
        params: InstrumentParams,
        body: InstrumentUpdate,
        response: { 200: Instrument, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "admin.projects", "system");
      return updateInstrument(db, serviceContext(req), req.params.instrumentId, req.body);
    },
  );

  r.get(
    "/admin/rating-licences",
    { schema: { tags, summary: "Each organisation's licence for the rating scales, and the scales themselves", response: { 200: LicenceList, ...errors } } },
    async (req) => {
      requireAccess(req.actor, "admin.projects", "system");
      return { licences: await listLicences(db), instruments: await listInstruments(db) };
    },
  );

  r.put(
    "/admin/organisations/:organisationId/rating-licence",
    {
      schema: {
        tags,
        summary: "Record or renew the organisation's licence for digital use of the scales (with version; null the first time)",
        params: OrganisationParams,
        body: LicenceInput,
        response: { 200: Licence, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "admin.projects", "system");
      return saveLicence(db, serviceContext(req), req.params.organisationId, req.body);
    },
  );

  // ----- scores -----
  r.get(
    "/enrolments/:id/rating-scores",
    {
      schema: {
        tags,
        summary: "The participant's GSRS, ORS and SRS scores with alerts and changes (logged)",
        params: IdParams,
        response: { 200: ScoreList, ...errors },
      },
    },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const scores = await listScores(db, e.id);
      await req.audit({
        action: "person.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, section: "rating_scores" },
      });
      return { scores };
    },
  );

  r.post(
    "/enrolments/:id/rating-scores",
    {
      schema: {
        tags,
        summary: "Enter a filled-in rating form; the server sums the total and flags alerts",
        params: IdParams,
        body: ScoreInput,
        response: { 201: Score, ...errors },
      },
    },
    async (req, reply) => {
      await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      return reply.code(201).send(await createScore(db, serviceContext(req), req.params.id, req.body));
    },
  );

  r.patch(
    "/rating-scores/:id",
    { schema: { tags, summary: "Correct a score (with version)", params: IdParams, body: ScoreUpdate, response: { 200: Score, ...errors } } },
    async (req) => {
      requireSignedIn(req.actor);
      const enrolmentId = await enrolmentOfScore(db, req.params.id);
      await requireEnrolmentAccess(db, req.actor, enrolmentId, "person.write");
      return updateScore(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.get(
    "/projects/:projectId/rating-summary",
    {
      schema: {
        tags,
        summary: "The project's scores of one scale per month or per group session: n, lowest, mean, highest, share under the limit",
        params: ProjectIdParams,
        querystring: RatingSummaryQuery,
        response: { 200: RatingSummary, ...errors },
      },
    },
    async (req) => {
      const { projectId } = req.params;
      requireAnyOf(req.actor, projectId, ["person.read", "report.aggregate"]);
      const full = can(req.actor, "person.read", { projectId });
      const { instrument, by, groupId } = req.query;
      if (!(await listInstruments(db)).some((i) => i.code === instrument))
        throw new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { instrument: "Okänd skattningsskala." } });
      if (groupId && (await findGroupRow(db, groupId))?.project_id !== projectId) throw notFound("Gruppen");
      return ratingSummary(db, projectId, instrument, { by: by ?? "month", suppressed: !full, groupId });
    },
  );

  r.get(
    "/group-sessions/:id/rating-scores",
    {
      schema: {
        tags,
        summary: "A group session's participants with the score each gave there (GSRS unless another scale is asked for; logged per person)",
        params: IdParams,
        querystring: SessionScoresQuery,
        response: { 200: SessionScores, ...errors },
      },
    },
    async (req) => {
      requireSignedIn(req.actor);
      const g = await sessionGroup(db, req.params.id);
      if (!g) throw notFound("Gruppträffen");
      requireAccess(req.actor, "person.read", { projectId: g.project_id });
      const result = await sessionScores(db, req.params.id, req.query.instrument);
      await auditPersonsShown(
        req.audit.bind(req),
        result.rows.map((r) => r.personId),
        { projectId: g.project_id, section: "rating_scores", details: { groupId: g.id, sessionId: req.params.id, instrument: result.instrument.code } },
      );
      return result;
    },
  );

  // ----- questionnaires -----
  r.get(
    "/projects/:projectId/questionnaires",
    { schema: { tags, summary: "The project's questionnaires and their rounds", params: ProjectIdParams, response: { 200: QuestionnaireList, ...errors } } },
    async (req) => {
      requireAnyOf(req.actor, req.params.projectId, ["person.read", "report.aggregate"]);
      return { questionnaires: await listQuestionnaires(db, req.params.projectId) };
    },
  );

  r.post(
    "/projects/:projectId/questionnaires",
    { schema: { tags, summary: "Create a questionnaire", params: ProjectIdParams, body: QuestionnaireInput, response: { 201: Questionnaire, ...errors } } },
    async (req, reply) => {
      requireAccess(req.actor, "project.manage", { projectId: req.params.projectId });
      return reply.code(201).send(await createQuestionnaire(db, serviceContext(req), req.params.projectId, req.body));
    },
  );

  r.patch(
    "/questionnaires/:id",
    {
      schema: {
        tags,
        summary: "Correct a questionnaire (with version); once answered, every question key stays",
        params: IdParams,
        body: QuestionnaireUpdate,
        response: { 200: Questionnaire, ...errors },
      },
    },
    async (req) => {
      requireSignedIn(req.actor);
      const projectId = await projectOf(db, "questionnaires", req.params.id, "Enkäten");
      requireAccess(req.actor, "project.manage", { projectId });
      return updateQuestionnaire(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.post(
    "/questionnaires/:id/rounds",
    {
      schema: {
        tags,
        summary: "Send the questionnaire to a group of participants or one person",
        params: IdParams,
        body: RoundInput,
        response: { 201: Questionnaire, ...errors },
      },
    },
    async (req, reply) => {
      requireSignedIn(req.actor);
      const projectId = await projectOf(db, "questionnaires", req.params.id, "Enkäten");
      requireAccess(req.actor, "project.manage", { projectId });
      return reply.code(201).send(await createRound(db, serviceContext(req), req.params.id, req.body));
    },
  );

  r.get(
    "/questionnaire-rounds/:roundId/results",
    {
      schema: {
        tags,
        summary: "Results of a round: n, lowest, mean, highest; yes/no by gender; free text only with access to the persons (logged)",
        params: RoundIdParams,
        response: { 200: RoundResults, ...errors },
      },
    },
    async (req) => {
      requireSignedIn(req.actor);
      const projectId = await projectOf(db, "questionnaire_rounds", req.params.roundId, "Utskicket");
      requireAnyOf(req.actor, projectId, ["person.read", "report.aggregate"]);
      const full = can(req.actor, "person.read", { projectId });
      const results = await roundResults(db, req.params.roundId, !full);
      if (full) await req.audit({ action: "questionnaire_results.read", subjectType: "questionnaire_round", subjectId: req.params.roundId, projectId });
      return results;
    },
  );

  r.get(
    "/enrolments/:id/questionnaires",
    {
      schema: {
        tags,
        summary: "The questionnaires sent to the participant, with their answers (logged)",
        params: IdParams,
        response: { 200: EnrolmentQuestionnaires, ...errors },
      },
    },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const result = await enrolmentQuestionnaires(db, e.id);
      await req.audit({
        action: "person.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, section: "questionnaires" },
      });
      return result;
    },
  );

  r.post(
    "/enrolments/:id/questionnaires/:roundId/response",
    {
      schema: {
        tags,
        summary: "Enter the participant's answers on their behalf",
        params: EnrolmentRoundParams,
        body: ResponseInput,
        response: { 201: QuestionnaireResponse, ...errors },
      },
    },
    async (req, reply) => {
      await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      return reply.code(201).send(await answerOnBehalf(db, serviceContext(req), req.params.roundId, req.params.id, req.body));
    },
  );

  r.put(
    "/enrolments/:id/questionnaires/:roundId/response",
    {
      schema: {
        tags,
        summary: "Correct the participant's answers (with version)",
        params: EnrolmentRoundParams,
        body: ResponseUpdate,
        response: { 200: QuestionnaireResponse, ...errors },
      },
    },
    async (req) => {
      await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      return answerOnBehalf(db, serviceContext(req), req.params.roundId, req.params.id, req.body);
    },
  );

  // ----- self-evaluation days -----
  r.get(
    "/projects/:projectId/self-evaluations",
    { schema: { tags, summary: "The project's self-evaluation days", params: ProjectIdParams, response: { 200: SelfEvaluationList, ...errors } } },
    async (req) => {
      requireAnyOf(req.actor, req.params.projectId, ["person.read", "report.aggregate"]);
      return { days: await listSelfEvaluations(db, req.params.projectId) };
    },
  );

  r.post(
    "/projects/:projectId/self-evaluations",
    {
      schema: {
        tags,
        summary: "Hold a self-evaluation day",
        params: ProjectIdParams,
        body: SelfEvaluationInput,
        response: { 201: SelfEvaluationSummary, ...errors },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "project.manage", { projectId: req.params.projectId });
      return reply.code(201).send(await createSelfEvaluation(db, serviceContext(req), req.params.projectId, req.body));
    },
  );

  r.get(
    "/self-evaluations/:id",
    {
      schema: {
        tags,
        summary: "Highest, mean and lowest per question with comments, beside the previous day",
        params: IdParams,
        response: { 200: SelfEvaluationResult, ...errors },
      },
    },
    async (req) => {
      requireSignedIn(req.actor);
      const projectId = await projectOf(db, "self_evaluations", req.params.id, "Självvärderingen");
      requireAnyOf(req.actor, projectId, ["person.read", "report.aggregate"]);
      return selfEvaluationResult(db, req.params.id);
    },
  );

  r.patch(
    "/self-evaluations/:id",
    {
      schema: {
        tags,
        summary: "Correct a self-evaluation day's title, date or period (with version)",
        params: IdParams,
        body: SelfEvaluationUpdate,
        response: { 200: SelfEvaluationSummary, ...errors },
      },
    },
    async (req) => {
      requireSignedIn(req.actor);
      const projectId = await projectOf(db, "self_evaluations", req.params.id, "Självvärderingen");
      requireAccess(req.actor, "project.manage", { projectId });
      return updateSelfEvaluation(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.post(
    "/self-evaluations/:id/answers",
    {
      schema: {
        tags,
        summary: "Add one anonymous answer of a team member or partner (who answered is not stored)",
        params: IdParams,
        body: SelfEvaluationAnswerInput,
        response: { 201: SelfEvaluationSummary, ...errors },
      },
    },
    async (req, reply) => {
      requireSignedIn(req.actor);
      const projectId = await projectOf(db, "self_evaluations", req.params.id, "Självvärderingen");
      requireAccess(req.actor, "person.write", { projectId });
      const day = await addSelfEvaluationAnswer(db, req.params.id, req.body);
      if (!day) throw notFound("Självvärderingen");
      return reply.code(201).send(day);
    },
  );
}
