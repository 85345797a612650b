import type { FastifyInstance } from "fastify";
import { calendarRoutes } from "../calendar/routes.ts";
import { noteRoutes } from "../notes/routes.ts";
import { meetingRoutes } from "./routes.ts";

/** Individual meetings, journal notes and the calendar with its feed, under /api. */
export async function meetingsNotesCalendarRoutes(api: FastifyInstance) {
  await meetingRoutes(api);
  await noteRoutes(api);
  await calendarRoutes(api);
}
