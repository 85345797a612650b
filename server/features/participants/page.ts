import type { ConsentPurpose, ParticipantPage, TimelineEvent } from "../../../schemas/participants.ts";
import type { Actor } from "../../auth/actor.ts";
import { can } from "../../auth/can.ts";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import { meetingAndNoteEvents } from "../meetings/timeline.ts";
import { todayInSweden } from "./dates.ts";
import { loadEnrolment, statusOf } from "./enrolment-view.ts";
import { findPerson, presentPerson } from "./persons.ts";
import { decisionLabel } from "./referrals.ts";

export const purposeLabel: Record<ConsentPurpose, string> = {
  information_exchange: "Informationsutbyte",
  sus_registration: "Registrering i SUS",
  esf_reporting: "Rapportering till ESF",
  follow_up_contact: "Kontakt för uppföljning",
  share_final_document: "Dela slutdokumentation",
};

/** Everything the participant page shows for one enrolment, with the person's timeline in the project. */
export async function participantPage(db: Db, actor: Actor, enrolmentId: string): Promise<ParticipantPage> {
  const enrolment = await loadEnrolment(db, enrolmentId);
  const personRow = await findPerson(db, enrolment.personId);
  if (!personRow) throw notFound("Personen");
  const projectId = enrolment.projectId;
  const [periods, referrals, consents, extensions, pauses, codes] = await Promise.all([
    db
      .selectFrom("enrolments")
      .select(["id", "start_date", "exit_date", "exit_final", "exit_status_code"])
      .where("person_id", "=", enrolment.personId)
      .where("project_id", "=", projectId)
      .orderBy("start_date")
      .execute(),
    db
      .selectFrom("referrals")
      .select(["id", "referred_on", "referring_party_code", "decision", "decided_on", "decline_reason"])
      .where("person_id", "=", enrolment.personId)
      .where("project_id", "=", projectId)
      .execute(),
    db
      .selectFrom("consents as c")
      .innerJoin("enrolments as e", "e.id", "c.enrolment_id")
      .select(["c.enrolment_id", "c.purpose", "c.receiving_party", "c.given_on", "c.withdrawn_on"])
      .where("e.person_id", "=", enrolment.personId)
      .where("e.project_id", "=", projectId)
      .execute(),
    db
      .selectFrom("extensions as x")
      .innerJoin("enrolments as e", "e.id", "x.enrolment_id")
      .select(["x.enrolment_id", "x.decided_on", "x.new_planned_end", "x.reason_code"])
      .where("e.person_id", "=", enrolment.personId)
      .where("e.project_id", "=", projectId)
      .execute(),
    db
      .selectFrom("pauses as p")
      .innerJoin("enrolments as e", "e.id", "p.enrolment_id")
      .select(["p.enrolment_id", "p.from_date", "p.to_date", "p.reason"])
      .where("e.person_id", "=", enrolment.personId)
      .where("e.project_id", "=", projectId)
      .execute(),
    db.selectFrom("codes").select(["list", "code", "label"]).where("project_id", "=", projectId).execute(),
  ]);
  const label = (list: string, code: string | null) => (code ? (codes.find((c) => c.list === list && c.code === code)?.label ?? code) : "");
  const pausesOf = (id: string) => pauses.filter((p) => p.enrolment_id === id).map((p) => ({ fromDate: p.from_date, toDate: p.to_date }));

  const events: TimelineEvent[] = [];
  for (const r of referrals) {
    events.push({ date: r.referred_on, kind: "referral", title: "Aktualiserad", detail: label("referring_party", r.referring_party_code), enrolmentId: null });
    if (r.decided_on && r.decision !== "pending")
      events.push({
        date: r.decided_on,
        kind: "referral_decision",
        title: `Beslut: ${decisionLabel[r.decision]}`,
        detail: r.decline_reason,
        enrolmentId: null,
      });
  }
  periods.forEach((p, i) => {
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
        detail: label("exit_status", p.exit_status_code),
        enrolmentId: p.id,
      });
  });
  for (const c of consents) {
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
  for (const x of extensions)
    events.push({
      date: x.decided_on,
      kind: "extension",
      title: `Förlängd till ${x.new_planned_end}`,
      detail: label("extension_reason", x.reason_code),
      enrolmentId: x.enrolment_id,
    });
  for (const p of pauses)
    events.push({ date: p.from_date, kind: "pause", title: `Uppehåll ${p.from_date}–${p.to_date}`, detail: p.reason, enrolmentId: p.enrolment_id });
  events.push(...(await meetingAndNoteEvents(db, enrolment.personId, projectId)));
  const order: Record<TimelineEvent["kind"], number> = {
    referral: 0,
    referral_decision: 1,
    enrolment: 2,
    re_enrolment: 2,
    consent_given: 3,
    extension: 4,
    pause: 5,
    consent_withdrawn: 6,
    meeting: 6,
    note: 6,
    exit: 7,
  };
  events.sort((a, b) => (a.date === b.date ? order[a.kind] - order[b.kind] : a.date < b.date ? -1 : 1));

  const today = todayInSweden();
  return {
    person: presentPerson(personRow),
    enrolment,
    otherEnrolments: periods
      .filter((p) => p.id !== enrolmentId)
      .reverse()
      .map((p) => ({ id: p.id, startDate: p.start_date, exitDate: p.exit_date, status: statusOf(p, pausesOf(p.id), today) })),
    timeline: events,
    canSeeSensitive: can(actor, "person.sensitive", { projectId }),
  };
}
