import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { ErrorBody } from "../../../schemas/common.ts";
import { CalendarQuery, CalendarWeek, CreatedFeed, CreateFeedInput, FeedStatus, FeedTokenParams } from "../../../schemas/meetings.ts";
import { typed } from "../../app.ts";
import { serviceContext } from "../../auth/can.ts";
import { AppError } from "../../errors.ts";
import { calendarRange, createFeed, feedCalendar, feedStatus, requireCalendarUser, revokeFeed } from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ["calendar"];

/** The path of the secret feed; it answers without a session (the token is the key). */
export const FEED_ROUTE = "/api/ics/:token";

export async function calendarRoutes(api: FastifyInstance) {
  const r = typed(api);
  const { db } = api.deps.handle;

  r.get(
    "/calendar",
    {
      schema: {
        tags,
        summary:
          "The signed-in user's own calendar between two dates (meetings, and group sessions when that source is added); participants named only to those who may read them (logged)",
        querystring: CalendarQuery,
        response: { 200: CalendarWeek, ...errors },
      },
    },
    async (req) => calendarRange(db, serviceContext(req), req.query),
  );

  r.get(
    "/calendar/feed",
    { schema: { tags, summary: "Whether the user has a calendar subscription address", response: { 200: FeedStatus, ...errors } } },
    async (req) => {
      const ctx = serviceContext(req);
      requireCalendarUser(ctx.actor);
      return feedStatus(db, ctx.actor.userId);
    },
  );

  r.post(
    "/calendar/feed",
    {
      schema: {
        tags,
        summary: "Create a new secret subscription address (any earlier one stops working); shown once",
        body: CreateFeedInput,
        response: { 201: CreatedFeed, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await createFeed(db, serviceContext(req), req.body)),
  );

  r.delete("/calendar/feed", { schema: { tags, summary: "Revoke the subscription address", response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    const ctx = serviceContext(req);
    requireCalendarUser(ctx.actor);
    await revokeFeed(db, ctx);
    return reply.code(204).send(null);
  });

  r.get(
    FEED_ROUTE.replace(/^\/api/, ""),
    {
      schema: {
        tags,
        summary: "The secret calendar feed (iCalendar). No session needed; no personal data beyond the owner's choice (initials at most)",
        params: FeedTokenParams,
        response: { 200: z.string(), 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const body = await feedCalendar(db, req.params.token, req.ip);
      if (body === null) throw new AppError("not_found", "Prenumerationsadressen finns inte eller har återkallats.");
      return reply.header("content-type", "text/calendar; charset=utf-8").header("cache-control", "no-store").send(body);
    },
  );
}
