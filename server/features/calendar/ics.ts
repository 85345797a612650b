import { createEvents, type EventAttributes } from "ics";
import { AppError } from "../../errors.ts";

export const PRODUCT_ID = "stegvis/calendar";

/** What an ICS event may say: a title and status chosen by the caller, never more. */
export interface IcsEvent {
  uid: string;
  startsAt: string;
  endsAt: string;
  title: string;
  description?: string;
  cancelled: boolean;
}

/**
 * An iCalendar file. Times are written in UTC (…Z), so every calendar program places them
 * right whatever its own time zone; Swedish times were turned into instants when saved.
 */
export function icsCalendar(events: IcsEvent[], calName: string): string {
  const attributes: EventAttributes[] = events.map((e) => ({
    uid: e.uid,
    start: Date.parse(e.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: Date.parse(e.endsAt),
    endInputType: "utc",
    endOutputType: "utc",
    title: e.title,
    ...(e.description && { description: e.description }),
    status: e.cancelled ? "CANCELLED" : "CONFIRMED",
    busyStatus: e.cancelled ? "FREE" : "BUSY",
    classification: "PRIVATE",
    productId: PRODUCT_ID,
  }));
  if (attributes.length === 0) {
    // The library refuses an empty list; an empty calendar is still a valid answer for a feed.
    return [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "CALSCALE:GREGORIAN",
      `PRODID:${PRODUCT_ID}`,
      "METHOD:PUBLISH",
      `X-WR-CALNAME:${calName}`,
      "END:VCALENDAR",
      "",
    ].join("\r\n");
  }
  const { error, value } = createEvents(attributes, { productId: PRODUCT_ID, method: "PUBLISH", calName });
  if (error || !value) throw new AppError("internal", "Kalenderfilen kunde inte skapas.");
  return value;
}
