import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ErrorBody, IdParams } from "../../../schemas/common.ts";
import {
  AddMemberInput,
  AttendanceRegister,
  CreateGroupInput,
  CreateSessionInput,
  Group,
  GroupList,
  GroupMember,
  GroupSession,
  GroupStatistics,
  MemberCandidates,
  ParticipantGroups,
  PatternPreview,
  PatternPreviewInput,
  RegenerateInput,
  RegenerateResult,
  SaveAttendanceInput,
  UpdateGroupInput,
  UpdateMemberInput,
  UpdateSessionInput,
} from "../../../schemas/groups.ts";
import { typed } from "../../app.ts";
import type { Actor } from "../../auth/actor.ts";
import { auditPersonsShown } from "../../auth/audit.ts";
import { can, type ProjectAction, requireAccess, serviceContext } from "../../auth/can.ts";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import { requireEnrolmentAccess, requireSignedIn } from "../participants/access.ts";
import { attendanceRegister, saveAttendance, sessionGroup } from "./attendance.ts";
import { groupsOfEnrolment } from "./calendar.ts";
import { addMember, findMemberGroup, memberCandidates, removeMember, updateMember } from "./members.ts";
import { sessionsOfPattern } from "./pattern.ts";
import { createGroup, createSession, findGroupRow, getGroup, listGroups, regenerateSessions, updateGroup, updateSession } from "./service.ts";
import { groupStatistics } from "./statistics.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["groups"];

/** A group is reached through its project: load it, then ask for `action` there. */
async function requireGroupAccess(db: Db, actor: Actor | null, groupId: string, action: ProjectAction) {
  requireSignedIn(actor);
  const g = await findGroupRow(db, groupId);
  if (!g) throw notFound("Gruppen");
  requireAccess(actor, action, { projectId: g.project_id });
  return g;
}

async function requireSessionAccess(db: Db, actor: Actor | null, sessionId: string, action: ProjectAction) {
  requireSignedIn(actor);
  const g = await sessionGroup(db, sessionId);
  if (!g) throw notFound("Gruppträffen");
  requireAccess(actor, action, { projectId: g.project_id });
  return g;
}

export async function groupRoutes(api: FastifyInstance) {
  const r = typed(api);
  const { db } = api.deps.handle;

  r.get(
    "/projects/:id/groups",
    { schema: { tags, summary: "The project's groups (no persons)", params: IdParams, response: { 200: GroupList, ...errors } } },
    async (req) => {
      const projectId = req.params.id;
      if (!can(req.actor, "person.read", { projectId })) requireAccess(req.actor, "report.aggregate", { projectId });
      return { groups: await listGroups(db, projectId) };
    },
  );

  r.post(
    "/projects/:id/groups/preview",
    {
      schema: {
        tags,
        summary: "The sessions a pattern would give, before anything is saved",
        params: IdParams,
        body: PatternPreviewInput,
        response: { 200: PatternPreview, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "person.write", { projectId: req.params.id });
      return { sessions: sessionsOfPattern(req.body.pattern) };
    },
  );

  r.post(
    "/projects/:id/groups",
    {
      schema: { tags, summary: "Create a group, with sessions from a pattern", params: IdParams, body: CreateGroupInput, response: { 201: Group, ...errors } },
    },
    async (req, reply) => {
      requireAccess(req.actor, "person.write", { projectId: req.params.id });
      return reply.code(201).send(await createGroup(db, serviceContext(req), req.params.id, req.body));
    },
  );

  r.get(
    "/groups/:id",
    { schema: { tags, summary: "A group with its sessions and participants (logged)", params: IdParams, response: { 200: Group, ...errors } } },
    async (req) => {
      const g = await requireGroupAccess(db, req.actor, req.params.id, "person.read");
      const group = await getGroup(db, g.id);
      await req.audit({
        action: "group.read",
        subjectType: "group",
        subjectId: g.id,
        projectId: g.project_id,
        details: { persons: group.memberList.length },
      });
      await auditPersonsShown(
        req.audit.bind(req),
        group.memberList.map((m) => m.personId),
        { projectId: g.project_id, section: "group", details: { groupId: g.id } },
      );
      return group;
    },
  );

  r.patch(
    "/groups/:id",
    { schema: { tags, summary: "Change a group's details (with version)", params: IdParams, body: UpdateGroupInput, response: { 200: Group, ...errors } } },
    async (req) => {
      await requireGroupAccess(db, req.actor, req.params.id, "person.write");
      return updateGroup(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.put(
    "/groups/:id/pattern",
    {
      schema: {
        tags,
        summary: "A new session pattern: replaces future sessions nobody has edited or registered attendance for",
        params: IdParams,
        body: RegenerateInput,
        response: { 200: RegenerateResult, ...errors },
      },
    },
    async (req) => {
      await requireGroupAccess(db, req.actor, req.params.id, "person.write");
      return regenerateSessions(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.post(
    "/groups/:id/sessions",
    {
      schema: { tags, summary: "Add one session outside the pattern", params: IdParams, body: CreateSessionInput, response: { 201: GroupSession, ...errors } },
    },
    async (req, reply) => {
      await requireGroupAccess(db, req.actor, req.params.id, "person.write");
      return reply.code(201).send(await createSession(db, serviceContext(req), req.params.id, req.body));
    },
  );

  r.patch(
    "/group-sessions/:id",
    {
      schema: {
        tags,
        summary: "Move, cancel or set the theme of one session (with version)",
        params: IdParams,
        body: UpdateSessionInput,
        response: { 200: GroupSession, ...errors },
      },
    },
    async (req) => {
      await requireSessionAccess(db, req.actor, req.params.id, "person.write");
      return updateSession(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.get(
    "/groups/:id/candidates",
    { schema: { tags, summary: "Enrolments that can be added to the group (logged)", params: IdParams, response: { 200: MemberCandidates, ...errors } } },
    async (req) => {
      const g = await requireGroupAccess(db, req.actor, req.params.id, "person.read");
      const candidates = await memberCandidates(db, g.id);
      await req.audit({
        action: "group.candidates.read",
        subjectType: "group",
        subjectId: g.id,
        projectId: g.project_id,
        details: { rows: candidates.length },
      });
      await auditPersonsShown(
        req.audit.bind(req),
        candidates.map((c) => c.personId),
        { projectId: g.project_id, section: "group_candidates", details: { groupId: g.id } },
      );
      return { candidates };
    },
  );

  r.post(
    "/groups/:id/members",
    { schema: { tags, summary: "Add a participant to the group", params: IdParams, body: AddMemberInput, response: { 201: GroupMember, ...errors } } },
    async (req, reply) => {
      await requireGroupAccess(db, req.actor, req.params.id, "person.write");
      return reply.code(201).send(await addMember(db, serviceContext(req), req.params.id, req.body));
    },
  );

  r.patch(
    "/group-members/:id",
    {
      schema: {
        tags,
        summary: "Change a participant's period in the group (with version)",
        params: IdParams,
        body: UpdateMemberInput,
        response: { 200: GroupMember, ...errors },
      },
    },
    async (req) => {
      requireSignedIn(req.actor);
      const g = await findMemberGroup(db, req.params.id);
      if (!g) throw notFound("Gruppdeltagaren");
      requireAccess(req.actor, "person.write", { projectId: g.project_id });
      return updateMember(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.delete(
    "/group-members/:id",
    {
      schema: { tags, summary: "Take away a participant added by mistake (only without attendance)", params: IdParams, response: { 204: z.null(), ...errors } },
    },
    async (req, reply) => {
      requireSignedIn(req.actor);
      const g = await findMemberGroup(db, req.params.id);
      if (!g) throw notFound("Gruppdeltagaren");
      requireAccess(req.actor, "person.write", { projectId: g.project_id });
      await removeMember(db, serviceContext(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    "/group-sessions/:id/attendance",
    { schema: { tags, summary: "The attendance register of a session (logged)", params: IdParams, response: { 200: AttendanceRegister, ...errors } } },
    async (req) => {
      const g = await requireSessionAccess(db, req.actor, req.params.id, "person.read");
      const register = await attendanceRegister(db, req.params.id);
      await req.audit({
        action: "group.attendance.read",
        subjectType: "group",
        subjectId: g.id,
        projectId: g.project_id,
        details: { sessionId: req.params.id, persons: register.rows.length },
      });
      await auditPersonsShown(
        req.audit.bind(req),
        register.rows.map((x) => x.personId),
        { projectId: g.project_id, section: "group_attendance", details: { groupId: g.id, sessionId: req.params.id } },
      );
      return register;
    },
  );

  r.put(
    "/group-sessions/:id/attendance",
    {
      schema: {
        tags,
        summary: "Register attendance for some or all participants (with the session's version)",
        params: IdParams,
        body: SaveAttendanceInput,
        response: { 200: AttendanceRegister, ...errors },
      },
    },
    async (req) => {
      await requireSessionAccess(db, req.actor, req.params.id, "person.write");
      return saveAttendance(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.get(
    "/groups/:id/statistics",
    {
      schema: {
        tags,
        summary: "Attendance rates per person, per session and overall; aggregates only for statisticians",
        params: IdParams,
        response: { 200: GroupStatistics, ...errors },
      },
    },
    async (req) => {
      requireSignedIn(req.actor);
      const g = await findGroupRow(db, req.params.id);
      if (!g) throw notFound("Gruppen");
      const full = can(req.actor, "person.read", { projectId: g.project_id });
      if (!full) requireAccess(req.actor, "report.aggregate", { projectId: g.project_id });
      const stats = await groupStatistics(db, g.id, !full);
      if (full) {
        await req.audit({
          action: "group.statistics.read",
          subjectType: "group",
          subjectId: g.id,
          projectId: g.project_id,
          details: { persons: stats.persons.length },
        });
        await auditPersonsShown(
          req.audit.bind(req),
          stats.persons.map((p) => p.personId),
          { projectId: g.project_id, section: "group_statistics", details: { groupId: g.id } },
        );
      }
      return stats;
    },
  );

  r.get(
    "/group-participation/:id",
    {
      schema: {
        tags,
        summary: "One enrolment's groups and attendance (logged); the id is the enrolment's",
        params: IdParams,
        response: { 200: ParticipantGroups, ...errors },
      },
    },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const groups = await groupsOfEnrolment(db, e.id);
      await req.audit({
        action: "person.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, section: "groups" },
      });
      return { groups };
    },
  );
}
