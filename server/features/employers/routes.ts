import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ErrorBody, Id, IdParams } from "../../../schemas/common.ts";
import {
  Contact,
  ContactLogEntry,
  CreateContactInput,
  CreateContactLogInput,
  CreateEmployerInput,
  CreateWorkplaceInput,
  Employer,
  EmployerDetail,
  EmployerList,
  EmployerSearch,
  MergeEmployersInput,
  MergeResult,
  SuggestInput,
  SuggestionList,
  UpdateContactInput,
  UpdateContactLogInput,
  UpdateEmployerInput,
  UpdateWorkplaceInput,
  WeeklyContacts,
  WeeklyContactsQuery,
  Workplace,
} from "../../../schemas/employers.ts";
import { typed } from "../../app.ts";
import { requireUser, serviceContext } from "../../auth/can.ts";
import { todayInSweden } from "../participants/dates.ts";
import { employerInOrganisation, requireProjectEmployers } from "./access.ts";
import { filterChoices, placementsOf, searchEmployers, suggestEmployers, weeklyContacts } from "./queries.ts";
import {
  createContact,
  createEmployer,
  createWorkplace,
  listContactLog,
  listContacts,
  listWorkplaces,
  logContact,
  mergeEmployers,
  presentEmployer,
  updateContact,
  updateContactLog,
  updateEmployer,
  updateWorkplace,
} from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["employers"];
const EmployerParams = z.object({ id: Id, employerId: Id });
const WorkplaceParams = EmployerParams.extend({ workplaceId: Id });
const ContactParams = EmployerParams.extend({ contactId: Id });
const ContactLogParams = EmployerParams.extend({ entryId: Id });

/**
 * The employer network. Employers belong to the organisation and are shared by its projects;
 * every route goes through a project (`/projects/:id/…`) whose coaches and managers may read
 * and write them, and whose managers may merge duplicates.
 */
export async function employerRoutes(api: FastifyInstance) {
  const r = typed(api);
  const { db } = api.deps.handle;

  // POST, because the search text may be anything a user types, and stays out of URLs and logs.
  r.post(
    "/projects/:id/employers/search",
    {
      schema: {
        tags,
        summary: "The organisation's employers, filtered by text, trades, sector, status, area and earlier outcomes",
        params: IdParams,
        body: EmployerSearch,
        response: { 200: EmployerList, ...errors },
      },
    },
    async (req) => {
      const org = await requireProjectEmployers(db, req.actor, req.params.id, "person.read");
      const employers = await searchEmployers(db, org, req.body);
      return { employers, ...(await filterChoices(db, org)) };
    },
  );

  r.post(
    "/projects/:id/employers",
    { schema: { tags, summary: "Register an employer", params: IdParams, body: CreateEmployerInput, response: { 201: Employer, ...errors } } },
    async (req, reply) => {
      const org = await requireProjectEmployers(db, req.actor, req.params.id, "person.write");
      return reply.code(201).send(await createEmployer(db, serviceContext(req), org, req.params.id, req.body));
    },
  );

  r.post(
    "/projects/:id/employers/suggest",
    {
      schema: {
        tags,
        summary: "Employers with earlier successful placements in the given trades, best first",
        params: IdParams,
        body: SuggestInput,
        response: { 200: SuggestionList, ...errors },
      },
    },
    async (req) => {
      const org = await requireProjectEmployers(db, req.actor, req.params.id, "person.read");
      return { suggestions: await suggestEmployers(db, org, req.body.trades) };
    },
  );

  r.get(
    "/projects/:id/employer-contacts/weekly",
    {
      schema: {
        tags,
        summary: "Employer contacts per coach per week in the project",
        params: IdParams,
        querystring: WeeklyContactsQuery,
        response: { 200: WeeklyContacts, ...errors },
      },
    },
    async (req) => {
      await requireProjectEmployers(db, req.actor, req.params.id, "person.read");
      return weeklyContacts(db, req.params.id, req.query.weeks, todayInSweden());
    },
  );

  r.get(
    "/projects/:id/employers/:employerId",
    {
      schema: {
        tags,
        summary: "An employer with workplaces, contact people, contact log and placements (contact people and named participants are logged)",
        params: EmployerParams,
        response: { 200: EmployerDetail, ...errors },
      },
    },
    async (req) => {
      const org = await requireProjectEmployers(db, req.actor, req.params.id, "person.read");
      const actor = requireUser(req.actor);
      const employer = presentEmployer(await employerInOrganisation(db, org, req.params.employerId));
      const [workplaces, contacts, contactLog, placed] = [
        await listWorkplaces(db, employer.id),
        await listContacts(db, employer.id),
        await listContactLog(db, employer.id),
        await placementsOf(db, actor, employer.id),
      ];
      if (contacts.length > 0) {
        await req.audit({
          action: "employer.contact.read",
          subjectType: "employer",
          subjectId: employer.id,
          projectId: req.params.id,
          details: { contactIds: contacts.map((c) => c.id) },
        });
      }
      for (const s of placed.shown) {
        await req.audit({
          action: "person.read",
          subjectType: "person",
          subjectId: s.personId,
          projectId: s.projectId,
          details: { enrolmentId: s.enrolmentId, section: "employer placements", employerId: employer.id },
        });
      }
      return {
        ...employer,
        workplaces,
        contacts,
        contactLog,
        placements: placed.placements,
        placementCounts: { total: placed.placements.length, hidden: placed.hidden },
      };
    },
  );

  r.patch(
    "/projects/:id/employers/:employerId",
    {
      schema: { tags, summary: "Change an employer (with version)", params: EmployerParams, body: UpdateEmployerInput, response: { 200: Employer, ...errors } },
    },
    async (req) => {
      const org = await requireProjectEmployers(db, req.actor, req.params.id, "person.write");
      await employerInOrganisation(db, org, req.params.employerId);
      return updateEmployer(db, serviceContext(req), org, req.params.id, req.params.employerId, req.body);
    },
  );

  r.post(
    "/projects/:id/employers/:employerId/workplaces",
    { schema: { tags, summary: "Add a workplace", params: EmployerParams, body: CreateWorkplaceInput, response: { 201: Workplace, ...errors } } },
    async (req, reply) => {
      const org = await requireProjectEmployers(db, req.actor, req.params.id, "person.write");
      await employerInOrganisation(db, org, req.params.employerId);
      return reply.code(201).send(await createWorkplace(db, serviceContext(req), req.params.id, req.params.employerId, req.body));
    },
  );

  r.patch(
    "/projects/:id/employers/:employerId/workplaces/:workplaceId",
    {
      schema: {
        tags,
        summary: "Change a workplace (with version; fields left out stay, null clears)",
        params: WorkplaceParams,
        body: UpdateWorkplaceInput,
        response: { 200: Workplace, ...errors },
      },
    },
    async (req) => {
      const org = await requireProjectEmployers(db, req.actor, req.params.id, "person.write");
      await employerInOrganisation(db, org, req.params.employerId);
      return updateWorkplace(db, serviceContext(req), req.params.id, req.params.employerId, req.params.workplaceId, req.body);
    },
  );

  r.post(
    "/projects/:id/employers/:employerId/contacts",
    {
      schema: {
        tags,
        summary: "Add a contact person or supervisor (logged)",
        params: EmployerParams,
        body: CreateContactInput,
        response: { 201: Contact, ...errors },
      },
    },
    async (req, reply) => {
      const org = await requireProjectEmployers(db, req.actor, req.params.id, "person.write");
      await employerInOrganisation(db, org, req.params.employerId);
      return reply.code(201).send(await createContact(db, serviceContext(req), req.params.id, req.params.employerId, req.body));
    },
  );

  r.patch(
    "/projects/:id/employers/:employerId/contacts/:contactId",
    {
      schema: {
        tags,
        summary: "Change a contact person or supervisor (with version; logged)",
        params: ContactParams,
        body: UpdateContactInput,
        response: { 200: Contact, ...errors },
      },
    },
    async (req) => {
      const org = await requireProjectEmployers(db, req.actor, req.params.id, "person.write");
      await employerInOrganisation(db, org, req.params.employerId);
      return updateContact(db, serviceContext(req), req.params.id, req.params.employerId, req.params.contactId, req.body);
    },
  );

  r.post(
    "/projects/:id/employers/:employerId/contact-log",
    {
      schema: {
        tags,
        summary: "Log a call, visit, e-mail or event with the employer",
        params: EmployerParams,
        body: CreateContactLogInput,
        response: { 201: ContactLogEntry, ...errors },
      },
    },
    async (req, reply) => {
      const org = await requireProjectEmployers(db, req.actor, req.params.id, "person.write");
      await employerInOrganisation(db, org, req.params.employerId);
      return reply.code(201).send(await logContact(db, serviceContext(req), req.params.id, req.params.employerId, req.body));
    },
  );

  r.patch(
    "/projects/:id/employers/:employerId/contact-log/:entryId",
    {
      schema: {
        tags,
        summary: "Correct a logged contact of the project (with version; logged with before and after)",
        params: ContactLogParams,
        body: UpdateContactLogInput,
        response: { 200: ContactLogEntry, ...errors },
      },
    },
    async (req) => {
      const org = await requireProjectEmployers(db, req.actor, req.params.id, "person.write");
      await employerInOrganisation(db, org, req.params.employerId);
      return updateContactLog(db, serviceContext(req), req.params.id, req.params.employerId, req.params.entryId, req.body);
    },
  );

  r.post(
    "/projects/:id/employers/:employerId/merge",
    {
      schema: {
        tags,
        summary: "Merge a duplicate into this employer: workplaces, contacts, contact log and placements move (managers; logged)",
        params: EmployerParams,
        body: MergeEmployersInput,
        response: { 200: MergeResult, ...errors },
      },
    },
    async (req) => {
      const org = await requireProjectEmployers(db, req.actor, req.params.id, "project.manage");
      await employerInOrganisation(db, org, req.params.employerId);
      return mergeEmployers(db, serviceContext(req), org, req.params.id, req.params.employerId, req.body);
    },
  );
}
