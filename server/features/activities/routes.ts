import type { FastifyInstance } from "fastify";
import { Activity, ActivityList, CreateActivityInput, TaskList, UpdateActivityInput } from "../../../schemas/activities.ts";
import { ErrorBody, IdParams } from "../../../schemas/common.ts";
import { typed } from "../../app.ts";
import { serviceContext } from "../../auth/can.ts";
import { notFound } from "../../errors.ts";
import { requireEnrolmentAccess, requireSignedIn } from "../participants/access.ts";
import { createActivity, listActivities, listTasks, updateActivity } from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["activities"];

export async function activityRoutes(api: FastifyInstance) {
  const r = typed(api);
  const { db } = api.deps.handle;

  r.get(
    "/enrolments/:id/activities",
    { schema: { tags, summary: "The enrolment's activities (logged)", params: IdParams, response: { 200: ActivityList, ...errors } } },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const activities = await listActivities(db, e.id);
      await req.audit({
        action: "person.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, section: "activities" },
      });
      return { activities };
    },
  );

  r.post(
    "/enrolments/:id/activities",
    {
      schema: {
        tags,
        summary: "Add an activity: internship, employment, studies, validation …",
        params: IdParams,
        body: CreateActivityInput,
        response: { 201: Activity, ...errors },
      },
    },
    async (req, reply) => {
      await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      return reply.code(201).send(await createActivity(db, serviceContext(req), req.params.id, req.body));
    },
  );

  r.patch(
    "/activities/:id",
    {
      schema: {
        tags,
        summary: "Change an activity (with version); ending it gives the coach a new-planning task",
        params: IdParams,
        body: UpdateActivityInput,
        response: { 200: Activity, ...errors },
      },
    },
    async (req) => {
      requireSignedIn(req.actor);
      const a = await db.selectFrom("activities").select("enrolment_id").where("id", "=", req.params.id).executeTakeFirst();
      if (!a) throw notFound("Insatsen");
      await requireEnrolmentAccess(db, req.actor, a.enrolment_id, "person.write");
      return updateActivity(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.get(
    "/enrolments/:id/tasks",
    {
      schema: {
        tags,
        summary: "The coach's tasks for the enrolment, e.g. new planning after an activity ended (logged)",
        params: IdParams,
        response: { 200: TaskList, ...errors },
      },
    },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const tasks = await listTasks(db, e.id);
      await req.audit({
        action: "person.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, section: "tasks" },
      });
      return { tasks };
    },
  );
}
