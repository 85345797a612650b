import { createHash, randomBytes } from "node:crypto";
import type { CalendarEvent, CalendarQuery, CalendarWeek, CreatedFeed, CreateFeedInput, FeedStatus } from "../../../schemas/meetings.ts";
import { CreateFeedInput as CreateFeedSchema } from "../../../schemas/meetings.ts";
import type { ProjectGrant, UserActor } from "../../auth/actor.ts";
import { writeAudit } from "../../auth/audit.ts";
import { can, projectsWhere } from "../../auth/can.ts";
import { findMemberships } from "../../auth/queries.ts";
import type { Db } from "../../db/client.ts";
import { forbidden, notFound } from "../../errors.ts";
import "../meetings/tables.ts";
import { fromStockholm } from "../meetings/time.ts";
import { addDays } from "../participants/dates.ts";
import { icsCalendar } from "./ics.ts";
import { eventsOf, initialsOf, type SourceEvent, withLocalTimes } from "./sources.ts";

interface UserCtx {
  actor: UserActor;
  clientAddress?: string | null;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The calendar belongs to staff: a user who may read participants in at least one project. */
export function requireCalendarUser(actor: UserActor) {
  if (projectsWhere(actor, "person.read").length === 0) throw forbidden("Kalendern är till för coacher och projektledare i ett projekt.");
}

/** Midnight at the start of a Swedish date (midnight always exists: the clocks change at 02:00/03:00). */
const startOfDay = (date: string) => fromStockholm(date, "00:00") as Date;

/**
 * The user's own entries between two Swedish dates (both included). The participant's name is
 * shown only where the user may read the person now; every person shown is logged as read.
 */
export async function calendarRange(db: Db, ctx: UserCtx, { from, to }: CalendarQuery): Promise<CalendarWeek> {
  requireCalendarUser(ctx.actor);
  const events = await eventsOf(db, ctx.actor.userId, startOfDay(from), startOfDay(addDays(to, 1)));
  const shown = new Map<string, string>();
  const presented: CalendarEvent[] = events.map((e) => {
    const visible = e.subject && can(ctx.actor, "person.read", { projectId: e.projectId });
    if (visible && e.subject) shown.set(e.subject.personId, e.projectId);
    const { subject, ...rest } = e;
    return {
      ...rest,
      ...withLocalTimes(e),
      participant: visible && subject ? { enrolmentId: subject.enrolmentId, name: `${subject.firstName} ${subject.lastName}` } : null,
    };
  });
  for (const [personId, projectId] of shown)
    await writeAudit(db, ctx, { action: "person.read", subjectType: "person", subjectId: personId, projectId, details: { section: "calendar", from, to } });
  return { from, to, events: presented };
}

// ---------- the secret feed ----------

export async function feedStatus(db: Db, userId: string): Promise<FeedStatus> {
  const row = await db.selectFrom("calendar_feeds").select(["created_at", "title_detail"]).where("user_id", "=", userId).executeTakeFirst();
  return row
    ? { active: true, createdAt: new Date(row.created_at).toISOString(), titleDetail: row.title_detail }
    : { active: false, createdAt: null, titleDetail: null };
}

/** A new secret address; any earlier one stops working. The token is shown this once and stored only as a hash. */
export async function createFeed(db: Db, ctx: UserCtx, raw: CreateFeedInput): Promise<CreatedFeed> {
  requireCalendarUser(ctx.actor);
  const input = CreateFeedSchema.parse(raw);
  const token = randomBytes(32).toString("base64url");
  const replaced = await db.transaction().execute(async (tx) => {
    const old = await tx.deleteFrom("calendar_feeds").where("user_id", "=", ctx.actor.userId).executeTakeFirst();
    await tx
      .insertInto("calendar_feeds")
      .values({ user_id: ctx.actor.userId, token_hash: sha256(token), title_detail: input.titleDetail })
      .execute();
    return Number(old.numDeletedRows) > 0;
  });
  await writeAudit(db, ctx, {
    action: "calendar.feed.create",
    subjectType: "user",
    subjectId: ctx.actor.userId,
    details: { titleDetail: input.titleDetail, replaced },
  });
  return { ...(await feedStatus(db, ctx.actor.userId)), path: `/api/ics/${token}.ics` };
}

export async function revokeFeed(db: Db, ctx: UserCtx): Promise<void> {
  const res = await db.deleteFrom("calendar_feeds").where("user_id", "=", ctx.actor.userId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound("Kalenderprenumerationen");
  await writeAudit(db, ctx, { action: "calendar.feed.revoke", subjectType: "user", subjectId: ctx.actor.userId });
}

/** The feed's own words: no name, no place, no note — at most the initials, if the owner chose them. */
export const FEED_TITLE = "Möte (Stegvis)";

export function feedTitle(e: SourceEvent, detail: "none" | "initials"): string {
  const base = e.kind === "meeting" ? FEED_TITLE : `${e.title} (Stegvis)`;
  if (detail !== "initials" || !e.subject || e.subject.protectedIdentity) return base;
  const initials = initialsOf(e.subject.firstName, e.subject.lastName);
  return initials ? `${base} ${initials}` : base;
}

/**
 * The calendar behind a secret address, from 30 days back to 180 days ahead, or null when the
 * address is unknown, revoked or its owner is deactivated. It asks no session: the token is the
 * key. Entries of projects the owner no longer works in are left out.
 */
export async function feedCalendar(db: Db, token: string, clientAddress: string | null): Promise<string | null> {
  const row = await db
    .selectFrom("calendar_feeds as f")
    .innerJoin("users as u", "u.id", "f.user_id")
    .select(["f.user_id", "f.title_detail", "u.active", "u.email", "u.name", "u.is_admin"])
    .where("f.token_hash", "=", sha256(token.replace(/\.ics$/, "")))
    .executeTakeFirst();
  if (!row?.active) return null;
  const grants = new Map<string, ProjectGrant>(
    (await findMemberships(db, row.user_id)).map((m) => [m.project_id, { role: m.role, sensitiveAccess: m.sensitive_access }]),
  );
  const owner: UserActor = {
    kind: "user",
    userId: row.user_id,
    email: row.email,
    name: row.name,
    isAdmin: row.is_admin,
    locale: "sv",
    totpEnabled: true,
    mustEnrollTotp: false,
    grants,
    sessionTokenHash: "",
    csrfToken: "",
  };
  const now = Date.now();
  const events = (await eventsOf(db, row.user_id, new Date(now - 30 * 86_400_000), new Date(now + 180 * 86_400_000))).filter((e) =>
    can(owner, "person.read", { projectId: e.projectId }),
  );
  await writeAudit(
    db,
    { actor: null, actorLabel: "calendar feed", clientAddress },
    { action: "calendar.feed.read", subjectType: "user", subjectId: row.user_id, details: { events: events.length, titleDetail: row.title_detail } },
  );
  return icsCalendar(
    events.map((e) => ({
      uid: `${e.id}@stegvis`,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      title: feedTitle(e, row.title_detail),
      cancelled: e.attendance === "cancelled",
    })),
    "Stegvis",
  );
}
