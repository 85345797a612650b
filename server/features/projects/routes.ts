import type { FastifyInstance } from "fastify";
import { ErrorBody, IdParams } from "../../../schemas/common.ts";
import { Project, ProjectList, ProjectMembers, UpdateTargetGroupInput } from "../../../schemas/projects.ts";
import { typed } from "../../app.ts";
import { requireAccess, requireUser, serviceContext } from "../../auth/can.ts";
import { presentProjects } from "./present.ts";
import { findProjectMembers, findProjectsByIds } from "./queries.ts";
import { getProject, updateProject } from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["projects"];
const collator = new Intl.Collator("sv");

export async function projectRoutes(api: FastifyInstance) {
  const r = typed(api);
  const { db } = api.deps.handle;

  r.get("/projects", { schema: { tags, summary: "Projects I work in (admins: all)", response: { 200: ProjectList, ...errors } } }, async (req) => {
    const actor = requireUser(req.actor);
    const rows = await findProjectsByIds(db, actor.isAdmin ? "all" : [...actor.grants.keys()]);
    return { projects: await presentProjects(db, rows) };
  });

  r.get("/projects/:id", { schema: { tags, summary: "One project", params: IdParams, response: { 200: Project, ...errors } } }, async (req) => {
    requireAccess(req.actor, "project.read", { projectId: req.params.id });
    return getProject(db, req.params.id);
  });

  r.put(
    "/projects/:id/target-group",
    {
      schema: {
        tags,
        summary: "Set the project's target group (managers; with version, 409 when stale)",
        params: IdParams,
        body: UpdateTargetGroupInput,
        response: { 200: Project, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "project.manage", { projectId: req.params.id });
      return updateProject(db, serviceContext(req), req.params.id, { version: req.body.version, targetGroup: req.body.targetGroup });
    },
  );

  r.get(
    "/projects/:id/members",
    {
      schema: {
        tags,
        summary: "Staff and participants with an account in the project (managers)",
        params: IdParams,
        response: { 200: ProjectMembers, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "project.members.read", { projectId: req.params.id });
      const rows = await findProjectMembers(db, req.params.id);
      rows.sort((a, b) => collator.compare(a.name, b.name));
      return { members: rows.map((m) => ({ userId: m.id, name: m.name, email: m.email, role: m.role })) };
    },
  );
}
