import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { Code, CodeLists, CodeQuery, CreateCodeInput, UpdateCodeInput } from "../../../schemas/codes.ts";
import { ErrorBody, IdParams } from "../../../schemas/common.ts";
import {
  Caseload,
  CaseloadQuery,
  CreateIntakeInput,
  CreateReferralInput,
  DecideReferralInput,
  DuplicateCheckInput,
  DuplicateMatches,
  Intake,
  IntakeList,
  Person,
  PersonnummerReveal,
  Referral,
  ReferralList,
  ReferralQuery,
  UpdateIntakeInput,
  UpdatePersonInput,
  UpdateReferralInput,
} from "../../../schemas/participants.ts";
import { typed } from "../../app.ts";
import { requireAccess, requireUser, serviceContext } from "../../auth/can.ts";
import { notFound } from "../../errors.ts";
import { createCode, listCodes, presentCode, updateCode } from "../codes/service.ts";
import { requirePersonAccess, requireReferralAccess } from "./access.ts";
import { caseload } from "./caseload.ts";
import { createIntake, getIntake, listIntakes, updateIntake } from "./intakes.ts";
import { findDuplicates, findPerson, organisationOfProject, presentPerson, updatePerson } from "./persons.ts";
import { createReferral, decideReferral, getReferral, listReferrals, updateReferral } from "./referrals.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const collator = new Intl.Collator("sv");
const CodeParams = z.object({ id: z.uuid({ error: "Ogiltigt id" }), codeId: z.uuid({ error: "Ogiltigt id" }) });

export async function participantRoutes(api: FastifyInstance) {
  const r = typed(api);
  const { db } = api.deps.handle;

  // ----- code lists -----
  r.get(
    "/projects/:id/codes",
    {
      schema: { tags: ["code lists"], summary: "The project's code lists", params: IdParams, querystring: CodeQuery, response: { 200: CodeLists, ...errors } },
    },
    async (req) => {
      requireAccess(req.actor, "project.read", { projectId: req.params.id });
      return { codes: (await listCodes(db, req.params.id, req.query.list)).map(presentCode) };
    },
  );
  r.post(
    "/projects/:id/codes",
    { schema: { tags: ["code lists"], summary: "Add a code (managers)", params: IdParams, body: CreateCodeInput, response: { 201: Code, ...errors } } },
    async (req, reply) => {
      requireAccess(req.actor, "project.manage", { projectId: req.params.id });
      return reply.code(201).send(await createCode(db, serviceContext(req), req.params.id, req.body));
    },
  );
  r.patch(
    "/projects/:id/codes/:codeId",
    {
      schema: {
        tags: ["code lists"],
        summary: "Rename, remap or retire a code (managers; with version)",
        params: CodeParams,
        body: UpdateCodeInput,
        response: { 200: Code, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "project.manage", { projectId: req.params.id });
      return updateCode(db, serviceContext(req), req.params.id, req.params.codeId, req.body);
    },
  );

  // ----- intakes -----
  r.get(
    "/projects/:id/intakes",
    { schema: { tags: ["intakes"], summary: "Intakes of a project, newest first", params: IdParams, response: { 200: IntakeList, ...errors } } },
    async (req) => {
      requireAccess(req.actor, "project.read", { projectId: req.params.id });
      return { intakes: await listIntakes(db, req.params.id) };
    },
  );
  r.post(
    "/projects/:id/intakes",
    { schema: { tags: ["intakes"], summary: "Create an intake (managers)", params: IdParams, body: CreateIntakeInput, response: { 201: Intake, ...errors } } },
    async (req, reply) => {
      requireAccess(req.actor, "project.manage", { projectId: req.params.id });
      return reply.code(201).send(await createIntake(db, serviceContext(req), req.params.id, req.body));
    },
  );
  r.patch(
    "/intakes/:id",
    {
      schema: {
        tags: ["intakes"],
        summary: "Change an intake (managers; with version)",
        params: IdParams,
        body: UpdateIntakeInput,
        response: { 200: Intake, ...errors },
      },
    },
    async (req) => {
      requireUser(req.actor);
      const intake = await getIntake(db, req.params.id);
      requireAccess(req.actor, "project.manage", { projectId: intake.projectId });
      return updateIntake(db, serviceContext(req), req.params.id, req.body);
    },
  );

  // ----- staff to choose as responsible coach -----
  r.get(
    "/projects/:id/coaches",
    {
      schema: {
        tags: ["projects"],
        summary: "Coaches and managers who can be responsible for a participant",
        params: IdParams,
        response: { 200: z.object({ coaches: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.string() })) }), ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "person.read", { projectId: req.params.id });
      const rows = await db
        .selectFrom("project_memberships as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(["u.id", "u.name", "m.role"])
        .where("m.project_id", "=", req.params.id)
        .where("m.role", "in", ["coach", "manager"])
        .where("u.active", "=", true)
        .execute();
      return { coaches: rows.sort((a, b) => collator.compare(a.name, b.name)) };
    },
  );

  // ----- persons -----
  r.post(
    "/projects/:id/persons/duplicates",
    {
      schema: {
        tags: ["persons"],
        summary: "Persons already registered with this personnummer, or name and birth date (link, not merge)",
        params: IdParams,
        body: DuplicateCheckInput,
        response: { 200: DuplicateMatches, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "person.write", { projectId: req.params.id });
      const orgId = await organisationOfProject(db, req.params.id);
      const matches = await findDuplicates(db, orgId, req.params.id, req.body);
      await req.audit({ action: "person.duplicate_check", projectId: req.params.id, details: { matches: matches.map((m) => m.personId) } });
      return { matches };
    },
  );
  r.get(
    "/persons/:id",
    { schema: { tags: ["persons"], summary: "A person (personnummer masked)", params: IdParams, response: { 200: Person, ...errors } } },
    async (req) => {
      const projectId = await requirePersonAccess(db, req.actor, req.params.id, "person.read");
      const p = await findPerson(db, req.params.id);
      if (!p) throw notFound("Personen");
      await req.audit({ action: "person.read", subjectType: "person", subjectId: p.id, projectId });
      return presentPerson(p);
    },
  );
  r.get(
    "/persons/:id/personnummer",
    { schema: { tags: ["persons"], summary: "Open the full personnummer (logged)", params: IdParams, response: { 200: PersonnummerReveal, ...errors } } },
    async (req) => {
      const projectId = await requirePersonAccess(db, req.actor, req.params.id, "person.read");
      const p = await db.selectFrom("persons").select("personnummer").where("id", "=", req.params.id).executeTakeFirstOrThrow();
      await req.audit({ action: "person.personnummer.read", subjectType: "person", subjectId: req.params.id, projectId });
      return { personnummer: p.personnummer };
    },
  );
  r.patch(
    "/persons/:id",
    {
      schema: { tags: ["persons"], summary: "Change a person (with version)", params: IdParams, body: UpdatePersonInput, response: { 200: Person, ...errors } },
    },
    async (req) => {
      const projectId = await requirePersonAccess(db, req.actor, req.params.id, "person.write");
      return updatePerson(db, serviceContext(req), req.params.id, projectId, req.body);
    },
  );

  // ----- referrals -----
  r.get(
    "/projects/:id/referrals",
    {
      schema: {
        tags: ["referrals"],
        summary: "Referrals; ?decision=waiting_list is the waiting list",
        params: IdParams,
        querystring: ReferralQuery,
        response: { 200: ReferralList, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "person.read", { projectId: req.params.id });
      const referrals = await listReferrals(db, req.params.id, req.query.decision);
      await req.audit({ action: "referral.list", projectId: req.params.id, details: { decision: req.query.decision ?? null, persons: referrals.length } });
      return { referrals };
    },
  );
  r.post(
    "/projects/:id/referrals",
    {
      schema: {
        tags: ["referrals"],
        summary: "Register a referral, with a new or an existing person",
        params: IdParams,
        body: CreateReferralInput,
        response: { 201: Referral, ...errors },
      },
    },
    async (req, reply) => {
      requireAccess(req.actor, "person.write", { projectId: req.params.id });
      return reply.code(201).send(await createReferral(db, serviceContext(req), req.params.id, req.body));
    },
  );
  r.get(
    "/referrals/:id",
    { schema: { tags: ["referrals"], summary: "One referral", params: IdParams, response: { 200: Referral, ...errors } } },
    async (req) => {
      const ref = await requireReferralAccess(db, req.actor, req.params.id, "person.read");
      await req.audit({ action: "referral.read", subjectType: "person", subjectId: ref.person_id, projectId: ref.project_id });
      return getReferral(db, req.params.id);
    },
  );
  r.patch(
    "/referrals/:id",
    {
      schema: {
        tags: ["referrals"],
        summary: "Correct a referral (with version); the target-group check runs again. Date, party, district and income only before the decision",
        params: IdParams,
        body: UpdateReferralInput,
        response: { 200: Referral, ...errors },
      },
    },
    async (req) => {
      await requireReferralAccess(db, req.actor, req.params.id, "person.write");
      return updateReferral(db, serviceContext(req), req.params.id, req.body);
    },
  );
  r.post(
    "/referrals/:id/decision",
    {
      schema: {
        tags: ["referrals"],
        summary: "Decide a referral: accepted, declined (with reason) or waiting list; outside the target group only a manager may accept, with a reason",
        params: IdParams,
        body: DecideReferralInput,
        response: { 200: Referral, ...errors },
      },
    },
    async (req) => {
      await requireReferralAccess(db, req.actor, req.params.id, "person.write");
      return decideReferral(db, serviceContext(req), req.params.id, req.body);
    },
  );

  // ----- caseload (POST: the search may hold a name or personnummer, which must not be in a URL) -----
  r.post(
    "/projects/:id/caseload",
    {
      schema: {
        tags: ["enrolments"],
        summary: "The caseload: filter, search, Swedish order, paged",
        params: IdParams,
        body: CaseloadQuery,
        response: { 200: Caseload, ...errors },
      },
    },
    async (req) => {
      requireAccess(req.actor, "person.read", { projectId: req.params.id });
      const actor = requireUser(req.actor);
      const result = await caseload(db, req.params.id, actor.userId, req.body);
      await req.audit({ action: "caseload.read", projectId: req.params.id, details: { rows: result.rows.length, searched: Boolean(req.body.q) } });
      return result;
    },
  );
}
