import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { TimelineEvent } from "../../../schemas/participants.ts";
import type { Db } from "../../db/client.ts";
import { activityTimelineEvents } from "../activities/timeline.ts";
import { groupSessionEvents } from "../groups/calendar.ts";
import { meetingAndNoteEvents } from "../meetings/timeline.ts";
import { mappingPlanEvents } from "../plan/timeline.ts";
import { todayInSweden } from "./dates.ts";
import { purposeLabel } from "./page.ts";
import { decisionLabel } from "./referrals.ts";

/** A feature's events of one person in one project. */
export type TimelineSource = (db: Db, personId: string, projectId: string, today: string) => Promise<TimelineEvent[]>;

/**
 * Every feature that puts events on a participant's timeline. The participant's own steps
 * (referral, enrolment, consents, extensions, pauses, exit) come first; a new feature adds its
 * query function here.
 */
const sources: TimelineSource[] = [lifecycleEvents, activityTimelineEvents, mappingPlanEvents, groupSessionEvents, meetingAndNoteEvents];

/** Within one day: the referral before the enrolment, the exit last. */
const order: Record<TimelineEvent["kind"], number> = {
  referral: 0,
  referral_decision: 1,
  enrolment: 2,
  re_enrolment: 2,
  consent_given: 3,
  extension: 4,
  pause: 5,
  activity_start: 5,
  activity_end: 5,
  mapping: 5,
  plan_revision: 5,
  group_session: 5,
  meeting: 6,
  note: 6,
  consent_withdrawn: 6,
  exit: 7,
};

/** The person's events in the project, across all their periods, oldest first. */
export async function participantTimeline(db: Db, personId: string, projectId: string): Promise<TimelineEvent[]> {
  const today = todayInSweden();
  const events = (await Promise.all(sources.map((source) => source(db, personId, projectId, today)))).flat();
  return events.sort((a, b) => (a.date === b.date ? order[a.kind] - order[b.kind] : a.date < b.date ? -1 : 1));
}

/** Referral, decision, enrolments and exits, consents, extensions and pauses: one statement. */
async function lifecycleEvents(db: Db, personId: string, projectId: string): Promise<TimelineEvent[]> {
  const row = await db
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom("enrolments as e")
          .leftJoin("codes as xs", (j) =>
            j.onRef("xs.project_id", "=", "e.project_id").on("xs.list", "=", "exit_status").onRef("xs.code", "=", "e.exit_status_code"),
          )
          .select(["e.id", "e.start_date", "e.exit_date", "e.exit_final", "e.exit_status_code", "xs.label as exit_label"])
          .where("e.person_id", "=", personId)
          .where("e.project_id", "=", projectId)
          .orderBy("e.start_date"),
      ).as("periods"),
      jsonArrayFrom(
        eb
          .selectFrom("referrals as r")
          .leftJoin("codes as rp", (j) =>
            j.onRef("rp.project_id", "=", "r.project_id").on("rp.list", "=", "referring_party").onRef("rp.code", "=", "r.referring_party_code"),
          )
          .select(["r.referred_on", "r.referring_party_code", "rp.label as party_label", "r.decision", "r.decided_on", "r.decline_reason"])
          .where("r.person_id", "=", personId)
          .where("r.project_id", "=", projectId),
      ).as("referrals"),
      jsonArrayFrom(
        eb
          .selectFrom("consents as c")
          .innerJoin("enrolments as e", "e.id", "c.enrolment_id")
          .select(["c.enrolment_id", "c.purpose", "c.receiving_party", "c.given_on", "c.withdrawn_on"])
          .where("e.person_id", "=", personId)
          .where("e.project_id", "=", projectId),
      ).as("consents"),
      jsonArrayFrom(
        eb
          .selectFrom("extensions as x")
          .innerJoin("enrolments as e", "e.id", "x.enrolment_id")
          .leftJoin("codes as xr", (j) =>
            j.onRef("xr.project_id", "=", "e.project_id").on("xr.list", "=", "extension_reason").onRef("xr.code", "=", "x.reason_code"),
          )
          .select(["x.enrolment_id", "x.decided_on", "x.new_planned_end", "x.reason_code", "xr.label as reason_label"])
          .where("e.person_id", "=", personId)
          .where("e.project_id", "=", projectId),
      ).as("extensions"),
      jsonArrayFrom(
        eb
          .selectFrom("pauses as p")
          .innerJoin("enrolments as e", "e.id", "p.enrolment_id")
          .select(["p.enrolment_id", "p.from_date", "p.to_date", "p.reason"])
          .where("e.person_id", "=", personId)
          .where("e.project_id", "=", projectId),
      ).as("pauses"),
    ])
    .executeTakeFirstOrThrow();

  const events: TimelineEvent[] = [];
  for (const r of row.referrals) {
    events.push({ date: r.referred_on, kind: "referral", title: "Aktualiserad", detail: r.party_label ?? r.referring_party_code, enrolmentId: null });
    if (r.decided_on && r.decision !== "pending")
      events.push({
        date: r.decided_on,
        kind: "referral_decision",
        title: `Beslut: ${decisionLabel[r.decision]}`,
        detail: r.decline_reason,
        enrolmentId: null,
      });
  }
  row.periods.forEach((p, i) => {
    events.push({
      date: p.start_date,
      kind: i === 0 ? "enrolment" : "re_enrolment",
      title: i === 0 ? "Inskriven" : "Inskriven igen",
      detail: null,
      enrolmentId: p.id,
    });
    if (p.exit_date)
      events.push({
        date: p.exit_date,
        kind: "exit",
        title: p.exit_final ? "Avslutad" : "Tillfälligt avslutad",
        detail: p.exit_label ?? p.exit_status_code ?? "",
        enrolmentId: p.id,
      });
  });
  for (const c of row.consents) {
    events.push({
      date: c.given_on,
      kind: "consent_given",
      title: `Samtycke: ${purposeLabel[c.purpose]}`,
      detail: c.receiving_party,
      enrolmentId: c.enrolment_id,
    });
    if (c.withdrawn_on)
      events.push({
        date: c.withdrawn_on,
        kind: "consent_withdrawn",
        title: `Samtycke återkallat: ${purposeLabel[c.purpose]}`,
        detail: c.receiving_party,
        enrolmentId: c.enrolment_id,
      });
  }
  for (const x of row.extensions)
    events.push({
      date: x.decided_on,
      kind: "extension",
      title: `Förlängd till ${x.new_planned_end}`,
      detail: x.reason_label ?? x.reason_code,
      enrolmentId: x.enrolment_id,
    });
  for (const p of row.pauses)
    events.push({ date: p.from_date, kind: "pause", title: `Uppehåll ${p.from_date}–${p.to_date}`, detail: p.reason, enrolmentId: p.enrolment_id });
  return events;
}
