import type { FastifyInstance } from "fastify";
import { Task } from "../../../schemas/activities.ts";
import { ErrorBody, IdParams } from "../../../schemas/common.ts";
import {
  AddTemplateItemInput,
  ChecklistItem,
  ChecklistList,
  ChecklistTemplate,
  ChecklistTemplateList,
  FollowUp,
  FollowUpList,
  FollowUpSettings,
  RecordFollowUpInput,
  ReorderTemplateInput,
  TickInput,
  TypeParams,
  UpdateFollowUpSettingsInput,
  UpdateTemplateItemInput,
  WorkList,
  WorkListQuery,
} from "../../../schemas/placements.ts";
import { typed } from "../../app.ts";
import { requireAccess, serviceContext } from "../../auth/can.ts";
import { requireEnrolmentAccess, requireSignedIn } from "../participants/access.ts";
import {
  addTemplateItem,
  enrolmentOfChecklistItem,
  listChecklists,
  listTemplates,
  projectOfTemplateItem,
  reorderTemplate,
  tickItem,
  updateTemplateItem,
} from "./checklists.ts";
import { enrolmentOfFollowUp, getFollowUpSettings, listFollowUps, recordFollowUp, setFollowUpSettings } from "./followups.ts";
import { completeTask, enrolmentOfTask, workList } from "./tasks.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["checklists and follow-ups"];

/** Checklists, placement follow-ups, completing tasks and the coach's work list. */
export async function placementRoutes(api: FastifyInstance) {
  const r = typed(api);
  const { db } = api.deps.handle;

  // ----- checklist templates (no personal data; staff read, managers edit) -----

  r.get(
    "/projects/:id/checklist-templates",
    { schema: { tags, summary: "The checklist of every activity type in the project", params: IdParams, response: { 200: ChecklistTemplateList, ...errors } } },
    async (req) => {
      requireAccess(req.actor, "person.read", { projectId: req.params.id });
      return { templates: await listTemplates(db, req.params.id) };
    },
  );

  r.post(
    "/projects/:id/checklist-templates/:type/items",
    {
      schema: {
        tags,
        summary: "Add a step at the end of a type's checklist (managers; with the template's version)",
        params: TypeParams,
        body: AddTemplateItemInput,
        response: { 201: ChecklistTemplate, ...errors },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "project.manage", { projectId: req.params.id });
      return reply.code(201).send(await addTemplateItem(db, serviceContext(req), req.params.id, req.params.type, req.body));
    },
  );

  r.put(
    "/projects/:id/checklist-templates/:type/order",
    {
      schema: {
        tags,
        summary: "Put a type's checklist steps in a new order (managers; with the template's version)",
        params: TypeParams,
        body: ReorderTemplateInput,
        response: { 200: ChecklistTemplate, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "project.manage", { projectId: req.params.id });
      return reorderTemplate(db, serviceContext(req), req.params.id, req.params.type, req.body);
    },
  );

  r.patch(
    "/checklist-template-items/:id",
    {
      schema: {
        tags,
        summary: "Rename a template step, or take it out of use (managers; with the template's version)",
        params: IdParams,
        body: UpdateTemplateItemInput,
        response: { 200: ChecklistTemplate, ...errors },
      },
    },
    async (req) => {
      requireSignedIn(req.actor);
      const projectId = await projectOfTemplateItem(db, req.params.id);
      requireAccess(req.actor, "project.manage", { projectId });
      return updateTemplateItem(db, serviceContext(req), req.params.id, req.body);
    },
  );

  // ----- an enrolment's checklists -----

  r.get(
    "/enrolments/:id/checklists",
    { schema: { tags, summary: "The checklists of the enrolment's activities (logged)", params: IdParams, response: { 200: ChecklistList, ...errors } } },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const checklists = await listChecklists(db, e.id);
      await req.audit({
        action: "person.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, section: "checklists" },
      });
      return { checklists };
    },
  );

  r.patch(
    "/checklist-items/:id",
    {
      schema: {
        tags,
        summary: "Tick a checklist step with the day and the user, or untick it (with version)",
        params: IdParams,
        body: TickInput,
        response: { 200: ChecklistItem, ...errors },
      },
    },
    async (req) => {
      requireSignedIn(req.actor);
      await requireEnrolmentAccess(db, req.actor, await enrolmentOfChecklistItem(db, req.params.id), "person.write");
      return tickItem(db, serviceContext(req), req.params.id, req.body);
    },
  );

  // ----- follow-ups at the workplace -----

  r.get(
    "/projects/:id/follow-up-settings",
    { schema: { tags, summary: "When the project follows up internships and employments", params: IdParams, response: { 200: FollowUpSettings, ...errors } } },
    async (req) => {
      requireAccess(req.actor, "person.read", { projectId: req.params.id });
      return getFollowUpSettings(db, req.params.id);
    },
  );

  r.put(
    "/projects/:id/follow-up-settings",
    {
      schema: {
        tags,
        summary: "Change when new placements are followed up (managers; with version, 0 for the defaults)",
        params: IdParams,
        body: UpdateFollowUpSettingsInput,
        response: { 200: FollowUpSettings, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "project.manage", { projectId: req.params.id });
      return setFollowUpSettings(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.get(
    "/enrolments/:id/follow-ups",
    { schema: { tags, summary: "The follow-ups of the enrolment's placements (logged)", params: IdParams, response: { 200: FollowUpList, ...errors } } },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const followUps = await listFollowUps(db, e.id);
      await req.audit({
        action: "person.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, section: "follow-ups" },
      });
      return { followUps };
    },
  );

  r.patch(
    "/follow-ups/:id",
    {
      schema: {
        tags,
        summary: "Record a follow-up as done: the day, visit or phone, and notes (with version)",
        params: IdParams,
        body: RecordFollowUpInput,
        response: { 200: FollowUp, ...errors },
      },
    },
    async (req) => {
      requireSignedIn(req.actor);
      await requireEnrolmentAccess(db, req.actor, await enrolmentOfFollowUp(db, req.params.id), "person.write");
      return recordFollowUp(db, serviceContext(req), req.params.id, req.body);
    },
  );

  // ----- tasks and the work list -----

  r.post(
    "/tasks/:id/done",
    { schema: { tags, summary: "Mark a task, e.g. new planning, as done", params: IdParams, response: { 200: Task, ...errors } } },
    async (req) => {
      requireSignedIn(req.actor);
      await requireEnrolmentAccess(db, req.actor, await enrolmentOfTask(db, req.params.id), "person.write");
      return completeTask(db, serviceContext(req), req.params.id);
    },
  );

  r.get(
    "/projects/:id/work-list",
    {
      schema: {
        tags,
        summary: "Open tasks, open checklist steps and due follow-ups of the user's participants, or the project's (logged)",
        params: IdParams,
        querystring: WorkListQuery,
        response: { 200: WorkList, ...errors },
      },
    },
    async (req) => {
      const { actor } = serviceContext(req);
      requireAccess(actor, "person.read", { projectId: req.params.id });
      const { personIds, ...list } = await workList(db, req.params.id, actor.userId, req.query.scope);
      await req.audit({ action: "worklist.read", projectId: req.params.id, details: { scope: req.query.scope, persons: personIds } });
      return list;
    },
  );
}
