import type { FastifyInstance } from "fastify";
import { ErrorBody, IdParams } from "../../../schemas/common.ts";
import {
  ConsentInput,
  CreateEnrolmentInput,
  Enrolment,
  ExitInput,
  ExtendInput,
  ParticipantPage,
  ParticipantTimeline,
  PauseInput,
  RemoveInput,
  UpdateEnrolmentInput,
  UpdateExitInput,
  UpdateExtensionInput,
  UpdatePauseInput,
  WithdrawConsentInput,
} from "../../../schemas/participants.ts";
import { typed } from "../../app.ts";
import { requireAccess, requireUser, serviceContext } from "../../auth/can.ts";
import { notFound } from "../../errors.ts";
import { requireEnrolmentAccess, requireSignedIn } from "./access.ts";
import { enrolmentOfPart, removeExtension, removePause, undoExit, updateExit, updateExtension, updatePause } from "./corrections.ts";
import { addConsent, createEnrolment, exitEnrolment, extendEnrolment, pauseEnrolment, updateEnrolment, withdrawConsent } from "./enrolments.ts";
import { participantPage } from "./page.ts";
import { participantTimeline } from "./timeline.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["enrolments"];

export async function enrolmentRoutes(api: FastifyInstance) {
  const r = typed(api);
  const { db } = api.deps.handle;

  r.post(
    "/projects/:id/enrolments",
    {
      schema: {
        tags,
        summary: "Enrol a person (from an accepted referral, or again after an exit)",
        params: IdParams,
        body: CreateEnrolmentInput,
        response: { 201: Enrolment, ...errors },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "person.write", { projectId: req.params.id });
      return reply.code(201).send(await createEnrolment(db, serviceContext(req), req.params.id, req.body));
    },
  );

  r.get(
    "/enrolments/:id",
    {
      schema: {
        tags,
        summary: "The participant page: person, enrolment, other periods, current plan and activities (logged)",
        params: IdParams,
        response: { 200: ParticipantPage, ...errors },
      },
    },
    async (req) => {
      const page = await participantPage(db, requireUser(req.actor), req.params.id);
      const e = page.enrolment;
      // The page is sent only once its entry in the audit log is committed.
      await req.audit({ action: "person.read", subjectType: "person", subjectId: e.personId, projectId: e.projectId, details: { enrolmentId: e.id } });
      return page;
    },
  );

  r.get(
    "/enrolments/:id/timeline",
    {
      schema: {
        tags,
        summary: "The person's events in the enrolment's project, across all their periods (logged)",
        params: IdParams,
        response: { 200: ParticipantTimeline, ...errors },
      },
    },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const events = await participantTimeline(db, e.person_id, e.project_id);
      await req.audit({
        action: "person.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, part: "timeline" },
      });
      return { events };
    },
  );

  r.patch(
    "/enrolments/:id",
    { schema: { tags, summary: "Change an enrolment (with version)", params: IdParams, body: UpdateEnrolmentInput, response: { 200: Enrolment, ...errors } } },
    async (req) => {
      await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      return updateEnrolment(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.post(
    "/enrolments/:id/extensions",
    { schema: { tags, summary: "Extend the planned end, with a reason", params: IdParams, body: ExtendInput, response: { 200: Enrolment, ...errors } } },
    async (req) => {
      await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      return extendEnrolment(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.post(
    "/enrolments/:id/pauses",
    { schema: { tags, summary: "Record a pause; the clock stops", params: IdParams, body: PauseInput, response: { 200: Enrolment, ...errors } } },
    async (req) => {
      await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      return pauseEnrolment(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.post(
    "/enrolments/:id/exit",
    {
      schema: {
        tags,
        summary: "Exit: date, status, final or temporary, income at exit, next instance",
        params: IdParams,
        body: ExitInput,
        response: { 200: Enrolment, ...errors },
      },
    },
    async (req) => {
      await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      return exitEnrolment(db, serviceContext(req), req.params.id, req.body);
    },
  );

  // ----- corrections: each carries the enrolment's version -----

  /** 401 first, then 404 for a record that does not exist, then the enrolment's project decides. */
  const partAccess = async (actor: Parameters<typeof requireSignedIn>[0], table: "pauses" | "extensions", id: string) => {
    requireSignedIn(actor);
    await requireEnrolmentAccess(db, actor, await enrolmentOfPart(db, table, id), "person.write");
  };

  r.patch(
    "/pauses/:id",
    {
      schema: {
        tags,
        summary: "Correct a pause (with the enrolment's version)",
        params: IdParams,
        body: UpdatePauseInput,
        response: { 200: Enrolment, ...errors },
      },
    },
    async (req) => {
      await partAccess(req.actor, "pauses", req.params.id);
      return updatePause(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.delete(
    "/pauses/:id",
    {
      schema: {
        tags,
        summary: "Remove a pause recorded by mistake (with the enrolment's version)",
        params: IdParams,
        body: RemoveInput,
        response: { 200: Enrolment, ...errors },
      },
    },
    async (req) => {
      await partAccess(req.actor, "pauses", req.params.id);
      return removePause(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.patch(
    "/extensions/:id",
    {
      schema: {
        tags,
        summary: "Correct an extension (with the enrolment's version); the planned end follows",
        params: IdParams,
        body: UpdateExtensionInput,
        response: { 200: Enrolment, ...errors },
      },
    },
    async (req) => {
      await partAccess(req.actor, "extensions", req.params.id);
      return updateExtension(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.delete(
    "/extensions/:id",
    {
      schema: {
        tags,
        summary: "Remove an extension recorded by mistake (with the enrolment's version); the planned end goes back",
        params: IdParams,
        body: RemoveInput,
        response: { 200: Enrolment, ...errors },
      },
    },
    async (req) => {
      await partAccess(req.actor, "extensions", req.params.id);
      return removeExtension(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.patch(
    "/enrolments/:id/exit",
    { schema: { tags, summary: "Correct the exit (with version)", params: IdParams, body: UpdateExitInput, response: { 200: Enrolment, ...errors } } },
    async (req) => {
      await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      return updateExit(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.delete(
    "/enrolments/:id/exit",
    {
      schema: {
        tags,
        summary: "Undo an exit recorded by mistake (with version); refused when it would overlap a later period",
        params: IdParams,
        body: RemoveInput,
        response: { 200: Enrolment, ...errors },
      },
    },
    async (req) => {
      await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      return undoExit(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.post(
    "/enrolments/:id/consents",
    { schema: { tags, summary: "Record a consent", params: IdParams, body: ConsentInput, response: { 200: Enrolment, ...errors } } },
    async (req) => {
      await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      return addConsent(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.post(
    "/consents/:id/withdraw",
    {
      schema: {
        tags,
        summary: "Withdraw a consent; takes effect at once",
        params: IdParams,
        body: WithdrawConsentInput,
        response: { 200: Enrolment, ...errors },
      },
    },
    async (req) => {
      requireSignedIn(req.actor);
      const c = await db.selectFrom("consents").select("enrolment_id").where("id", "=", req.params.id).executeTakeFirst();
      if (!c) throw notFound("Samtycket");
      await requireEnrolmentAccess(db, req.actor, c.enrolment_id, "person.write");
      return withdrawConsent(db, serviceContext(req), req.params.id, req.body);
    },
  );
}
