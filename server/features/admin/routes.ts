import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  CreateTeamInput,
  CreateUnitInput,
  CreateUserInput,
  MembershipParams,
  OrgStructure,
  ResetPasswordInput,
  SetMembershipInput,
  Team,
  Unit,
  UpdateUserInput,
  UserDetail,
  UserList,
  UserQuery,
} from "../../../schemas/admin.ts";
import { ErrorBody, IdParams } from "../../../schemas/common.ts";
import { CreateProjectInput, Project, ProjectList, UpdateProjectInput } from "../../../schemas/projects.ts";
import { typed } from "../../app.ts";
import { requireAccess, serviceContext } from "../../auth/can.ts";
import { AppError } from "../../errors.ts";
import { presentProjects } from "../projects/present.ts";
import { findProjectsByIds } from "../projects/queries.ts";
import { createProject, createTeam, updateProject } from "../projects/service.ts";
import { searchUsers } from "../users/queries.ts";
import { createUser, getUser, removeMembership, resetUserTotp, setMembership, setUserPassword, updateUser } from "../users/service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const collator = new Intl.Collator("sv");

export async function adminRoutes(api: FastifyInstance) {
  const r = typed(api);
  const { db } = api.deps.handle;
  const users = ["admin: users"];
  const projects = ["admin: projects"];

  r.get("/admin/users", { schema: { tags: users, summary: "Search users", querystring: UserQuery, response: { 200: UserList, ...errors } } }, async (req) => {
    requireAccess(req.actor, "admin.users", "system");
    const rows = await searchUsers(db, req.query.q);
    rows.sort((a, b) => collator.compare(a.name, b.name));
    return {
      users: rows.map((u) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        isAdmin: u.is_admin,
        active: u.active,
        totpEnabled: u.totp_secret != null,
        lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
        version: u.version,
      })),
    };
  });

  r.post(
    "/admin/users",
    { schema: { tags: users, summary: "Create a user", body: CreateUserInput, response: { 201: UserDetail, ...errors } } },
    async (req, reply) => {
      requireAccess(req.actor, "admin.users", "system");
      return reply.code(201).send(await createUser(db, serviceContext(req), req.body));
    },
  );

  r.get(
    "/admin/users/:id",
    { schema: { tags: users, summary: "One user with project roles", params: IdParams, response: { 200: UserDetail, ...errors } } },
    async (req) => {
      requireAccess(req.actor, "admin.users", "system");
      return getUser(db, req.params.id);
    },
  );

  r.patch(
    "/admin/users/:id",
    {
      schema: {
        tags: users,
        summary: "Change name, admin flag or active (with version; 409 when stale)",
        params: IdParams,
        body: UpdateUserInput,
        response: { 200: UserDetail, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "admin.users", "system");
      return updateUser(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.post(
    "/admin/users/:id/password",
    {
      schema: {
        tags: users,
        summary: "Set a new password; the user's sessions end",
        params: IdParams,
        body: ResetPasswordInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "admin.users", "system");
      await setUserPassword(db, serviceContext(req), req.params.id, req.body.password);
      return reply.code(204).send(null);
    },
  );

  r.post(
    "/admin/users/:id/totp/reset",
    { schema: { tags: users, summary: "Turn off a user's two-factor (lost phone)", params: IdParams, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      requireAccess(req.actor, "admin.users", "system");
      await resetUserTotp(db, serviceContext(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.put(
    "/admin/users/:id/memberships/:projectId",
    {
      schema: {
        tags: users,
        summary: "Give or change a user's role in a project",
        params: MembershipParams,
        body: SetMembershipInput.omit({ projectId: true }),
        response: { 200: UserDetail, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "admin.users", "system");
      return setMembership(db, serviceContext(req), req.params.id, { projectId: req.params.projectId, ...req.body });
    },
  );

  r.delete(
    "/admin/users/:id/memberships/:projectId",
    { schema: { tags: users, summary: "Remove a user from a project", params: MembershipParams, response: { 200: UserDetail, ...errors } } },
    async (req) => {
      requireAccess(req.actor, "admin.users", "system");
      return removeMembership(db, serviceContext(req), req.params.id, req.params.projectId);
    },
  );

  r.get("/admin/structure", { schema: { tags: projects, summary: "Organisations and units", response: { 200: OrgStructure, ...errors } } }, async (req) => {
    requireAccess(req.actor, "admin.projects", "system");
    const organisations = await db.selectFrom("organisations").select(["id", "name"]).orderBy("name").execute();
    const units = await db.selectFrom("units").select(["id", "organisation_id", "name"]).orderBy("name").execute();
    return { organisations, units: units.map((u) => ({ id: u.id, organisationId: u.organisation_id, name: u.name })) };
  });

  r.post(
    "/admin/units",
    { schema: { tags: projects, summary: "Add a unit to an organisation", body: CreateUnitInput, response: { 201: Unit, ...errors } } },
    async (req, reply) => {
      requireAccess(req.actor, "admin.projects", "system");
      const org = await db.selectFrom("organisations").select("id").where("id", "=", req.body.organisationId).executeTakeFirst();
      if (!org) throw new AppError("invalid_input", "Organisationen finns inte.", { fields: { organisationId: "Välj en organisation som finns." } });
      const dup = await db.selectFrom("units").select("id").where("organisation_id", "=", org.id).where("name", "=", req.body.name).executeTakeFirst();
      if (dup) throw new AppError("conflict", "Det finns redan en enhet med det namnet.", { fields: { name: "Namnet används redan." } });
      const unit = await db
        .insertInto("units")
        .values({ organisation_id: org.id, name: req.body.name })
        .returning(["id", "organisation_id", "name"])
        .executeTakeFirstOrThrow();
      await req.audit({ action: "unit.create", subjectType: "unit", subjectId: unit.id, details: { name: unit.name } });
      return reply.code(201).send({ id: unit.id, organisationId: unit.organisation_id, name: unit.name });
    },
  );

  r.get("/admin/projects", { schema: { tags: projects, summary: "All projects", response: { 200: ProjectList, ...errors } } }, async (req) => {
    requireAccess(req.actor, "admin.projects", "system");
    return { projects: await presentProjects(db, await findProjectsByIds(db, "all")) };
  });

  r.post(
    "/admin/projects",
    { schema: { tags: projects, summary: "Create a project", body: CreateProjectInput, response: { 201: Project, ...errors } } },
    async (req, reply) => {
      requireAccess(req.actor, "admin.projects", "system");
      return reply.code(201).send(await createProject(db, serviceContext(req), req.body));
    },
  );

  r.patch(
    "/admin/projects/:id",
    {
      schema: {
        tags: projects,
        summary: "Change a project (with version; 409 when stale)",
        params: IdParams,
        body: UpdateProjectInput,
        response: { 200: Project, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "admin.projects", "system");
      return updateProject(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.post(
    "/admin/projects/:id/teams",
    { schema: { tags: projects, summary: "Add a team to a project", params: IdParams, body: CreateTeamInput, response: { 201: Team, ...errors } } },
    async (req, reply) => {
      requireAccess(req.actor, "admin.projects", "system");
      return reply.code(201).send(await createTeam(db, serviceContext(req), req.params.id, req.body.name));
    },
  );
}
