import type { TimelineEvent } from "../../../schemas/participants.ts";
import type { Db } from "../../db/client.ts";
import "./tables.ts";
import { toStockholm } from "./time.ts";

const formLabel = { on_site: "på plats", video: "video", phone: "telefon", home_visit: "hembesök", workplace: "på arbetsplatsen" } as const;
const attendanceLabel = { attended: "genomförd", cancelled: "inställd", no_show: "uteblev" } as const;

/**
 * The person's meetings and signed notes in the project, for the participant timeline. A note
 * shows only that it was signed and by whom, never its text; drafts are not shown.
 */
export async function meetingAndNoteEvents(db: Db, personId: string, projectId: string): Promise<TimelineEvent[]> {
  const [meetings, notes] = await Promise.all([
    db
      .selectFrom("meetings as m")
      .innerJoin("enrolments as e", "e.id", "m.enrolment_id")
      .select(["m.enrolment_id", "m.starts_at", "m.form", "m.attendance"])
      .where("e.person_id", "=", personId)
      .where("e.project_id", "=", projectId)
      .execute(),
    db
      .selectFrom("journal_notes as n")
      .innerJoin("enrolments as e", "e.id", "n.enrolment_id")
      .innerJoin("users as u", "u.id", "n.author_id")
      .select(["n.enrolment_id", "n.signed_at", "n.corrects_id", "u.name as author_name"])
      .where("e.person_id", "=", personId)
      .where("e.project_id", "=", projectId)
      .where("n.status", "=", "signed")
      .execute(),
  ]);
  const now = Date.now();
  const events: TimelineEvent[] = meetings.map((m) => {
    const start = new Date(m.starts_at);
    const local = toStockholm(start);
    const upcoming = start.getTime() > now;
    return {
      date: local.date,
      kind: "meeting",
      title: upcoming ? "Bokad enskild träff" : "Enskild träff",
      detail: [`kl. ${local.time}`, formLabel[m.form], m.attendance ? attendanceLabel[m.attendance] : null].filter(Boolean).join(", "),
      enrolmentId: m.enrolment_id,
    };
  });
  for (const n of notes) {
    if (!n.signed_at) continue;
    events.push({
      date: toStockholm(new Date(n.signed_at)).date,
      kind: "note",
      title: n.corrects_id ? "Rättelse av anteckning signerad" : "Anteckning signerad",
      detail: n.author_name,
      enrolmentId: n.enrolment_id,
    });
  }
  return events;
}
