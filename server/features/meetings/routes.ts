import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ErrorBody, IdParams } from "../../../schemas/common.ts";
import { CreateMeetingInput, Meeting, MeetingList, UpdateMeetingInput } from "../../../schemas/meetings.ts";
import { typed } from "../../app.ts";
import { serviceContext } from "../../auth/can.ts";
import { notFound } from "../../errors.ts";
import { icsCalendar } from "../calendar/ics.ts";
import { initialsOf } from "../calendar/sources.ts";
import { requireEnrolmentAccess, requireSignedIn } from "../participants/access.ts";
import { createMeeting, getMeeting, listMeetings, updateMeeting } from "./service.ts";
import "./tables.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["meetings"];

const formLabel: Record<Meeting["form"], string> = {
  on_site: "på plats",
  video: "video",
  phone: "telefon",
  home_visit: "hembesök",
  workplace: "på arbetsplatsen",
};

export async function meetingRoutes(api: FastifyInstance) {
  const r = typed(api);
  const { db } = api.deps.handle;

  /** The meeting's enrolment, checked for `action` like the enrolment itself. */
  async function meetingAccess(actor: Parameters<typeof requireSignedIn>[0], id: string, action: "person.read" | "person.write") {
    requireSignedIn(actor);
    const m = await db.selectFrom("meetings").select("enrolment_id").where("id", "=", id).executeTakeFirst();
    if (!m) throw notFound("Mötet");
    return requireEnrolmentAccess(db, actor, m.enrolment_id, action);
  }

  r.get(
    "/enrolments/:id/meetings",
    {
      schema: { tags, summary: "The enrolment's individual meetings, past and upcoming (logged)", params: IdParams, response: { 200: MeetingList, ...errors } },
    },
    async (req) => {
      const e = await requireEnrolmentAccess(db, req.actor, req.params.id, "person.read");
      const list = await listMeetings(db, e.id, e.project_id);
      await req.audit({
        action: "person.read",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, section: "meetings" },
      });
      return list;
    },
  );

  r.post(
    "/enrolments/:id/meetings",
    {
      schema: {
        tags,
        summary: "Book an individual meeting (date and time in Swedish time)",
        params: IdParams,
        body: CreateMeetingInput,
        response: { 201: Meeting, ...errors },
      },
    },
    async (req, reply) => {
      await requireEnrolmentAccess(db, req.actor, req.params.id, "person.write");
      return reply.code(201).send(await createMeeting(db, serviceContext(req), req.params.id, req.body));
    },
  );

  r.patch(
    "/meetings/:id",
    {
      schema: {
        tags,
        summary: "Change a meeting or record attendance (with version)",
        params: IdParams,
        body: UpdateMeetingInput,
        response: { 200: Meeting, ...errors },
      },
    },
    async (req) => {
      await meetingAccess(req.actor, req.params.id, "person.write");
      return updateMeeting(db, serviceContext(req), req.params.id, req.body);
    },
  );

  r.get(
    "/meetings/:id/ics",
    {
      schema: {
        tags,
        summary: "The meeting as an iCalendar file for Outlook and similar (logged); the title carries the participant's initials at most",
        params: IdParams,
        response: { 200: z.string(), ...errors },
      },
    },
    async (req, reply) => {
      const e = await meetingAccess(req.actor, req.params.id, "person.read");
      const m = await getMeeting(db, req.params.id);
      const person = await db
        .selectFrom("persons")
        .select(["first_name", "last_name", "protected_identity"])
        .where("id", "=", e.person_id)
        .executeTakeFirstOrThrow();
      const initials = person.protected_identity ? "" : initialsOf(person.first_name, person.last_name);
      const body = icsCalendar(
        [
          {
            uid: `${m.id}@stegvis`,
            startsAt: m.startsAt,
            endsAt: m.endsAt,
            title: initials ? `Enskild träff (Stegvis) ${initials}` : "Enskild träff (Stegvis)",
            description: `Form: ${formLabel[m.form]}`,
            cancelled: m.attendance === "cancelled",
          },
        ],
        "Stegvis",
      );
      await req.audit({
        action: "meeting.ics",
        subjectType: "person",
        subjectId: e.person_id,
        projectId: e.project_id,
        details: { enrolmentId: e.id, meetingId: m.id },
      });
      return reply
        .header("content-type", "text/calendar; charset=utf-8")
        .header("content-disposition", `attachment; filename="mote-${m.date}.ics"`)
        .header("cache-control", "no-store")
        .send(body);
    },
  );
}
