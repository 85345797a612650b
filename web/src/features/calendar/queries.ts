import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { CalendarWeek, CreatedFeed, type CreateFeedInput, FeedStatus } from "../../../../schemas/meetings.ts";
import { apiGet, apiSend, apiSendNoContent } from "../../api.ts";

export const calendarQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: ["calendar", from, to],
    queryFn: () => apiGet("/calendar", CalendarWeek, { from, to }),
    placeholderData: keepPreviousData,
  });

export const feedQuery = queryOptions({ queryKey: ["calendar", "feed"], queryFn: () => apiGet("/calendar/feed", FeedStatus) });
export const createFeed = (input: CreateFeedInput) => apiSend("POST", "/calendar/feed", input, CreatedFeed);
export const revokeFeed = () => apiSendNoContent("DELETE", "/calendar/feed");

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDaysIso(date: string, n: number): string {
  const d = day(date);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

/** The Monday of the week a date falls in. */
export function mondayOf(date: string): string {
  const weekday = (day(date).getUTCDay() + 6) % 7;
  return addDaysIso(date, -weekday);
}

/** ISO 8601 week number, as Swedish calendars count weeks. */
export function isoWeek(date: string): number {
  const thursday = day(addDaysIso(mondayOf(date), 3));
  const firstThursday = day(addDaysIso(mondayOf(`${thursday.getUTCFullYear()}-01-04`), 3));
  return 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
}
