import type { Faker } from "@faker-js/faker";
import type { MeetingForm } from "../../schemas/meetings.ts";
import type { SystemActor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { createMeeting } from "../features/meetings/service.ts";
import "../features/meetings/tables.ts";
import { addDays, todayInSweden } from "../features/participants/dates.ts";

/** Invented agreed tasks and journal notes; the benchmark data draw from them too. */
export const AGREED_TASKS = [
  "Uppdatera CV och skicka till coachen.",
  "Söka två jobb som lagerarbetare.",
  "Ringa Vuxenutbildningen om kursstart.",
  "Gå på studiebesöket på torsdag.",
  "Ta med id-handling till nästa möte.",
  "Prova morgonrutinen tre dagar i veckan.",
];
export const NOTE_TEXTS = [
  "Samtal om mål för de närmaste månaderna. Deltagaren vill pröva arbete inom handel och har bra erfarenhet från sommarjobb. Vi kom överens om att börja med CV.",
  "Uppföljning av praktiksökandet. Två arbetsplatser kontaktade, en har svarat positivt. Nästa steg är ett besök tillsammans.",
  "Deltagaren berättar att sömnen har blivit bättre sedan rutinen med morgonpromenad började. Motivationen är hög inför praktiken.",
  "Genomgång av studievägar. Deltagaren är intresserad av undersköterskeutbildning och vill veta mer om studiemedel.",
];

/** The same date, or the Monday after when it falls on a weekend. */
function weekday(date: string): string {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 6 ? addDays(date, 2) : day === 0 ? addDays(date, 1) : date;
}

/**
 * Individual meetings and journal notes for the demo coach's participants: past meetings with
 * attendance recorded, upcoming ones this week and next, signed notes and one correction, so
 * the meeting, note and calendar pages show every state.
 */
export async function seedDemoMeetings(db: Db, faker: Faker, actor: SystemActor, coachId: string, managerId: string) {
  const ctx = { actor };
  const today = todayInSweden();
  const enrolments = await db
    .selectFrom("enrolments")
    .select(["id", "start_date"])
    .where("coach_id", "=", coachId)
    .where("exit_date", "is", null)
    .where("start_date", "<=", addDays(today, -21))
    .orderBy("start_date")
    .limit(8)
    .execute();
  const forms: MeetingForm[] = ["on_site", "on_site", "video", "phone", "home_visit", "workplace"];
  let corrected = false;
  for (const [i, e] of enrolments.entries()) {
    // Three weekly meetings behind us, each with what happened.
    for (const weeksAgo of [3, 2, 1]) {
      const date = weekday(addDays(today, -7 * weeksAgo + (i % 3) - 1));
      if (date < e.start_date || date >= today) continue;
      await createMeeting(db, ctx, e.id, {
        date,
        time: `${String(9 + (i % 6)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`,
        durationMinutes: faker.helpers.arrayElement([45, 60, 60, 90]),
        form: faker.helpers.arrayElement(forms),
        staffIds: i === 0 && weeksAgo === 1 ? [coachId, managerId] : [coachId],
        // Every state shows in the demo: the first two participants missed or cancelled one each.
        attendance:
          weeksAgo === 2 && i < 2
            ? i === 0
              ? "no_show"
              : "cancelled"
            : faker.helpers.weightedArrayElement([
                { weight: 7, value: "attended" as const },
                { weight: 2, value: "cancelled" as const },
                { weight: 1, value: "no_show" as const },
              ]),
        agreedTasks: faker.helpers.arrayElement(AGREED_TASKS),
      });
    }
    // Two ahead, a week apart: one in the coming days and one the week after.
    for (const ahead of [i % 5, (i % 5) + 7]) {
      await createMeeting(db, ctx, e.id, {
        date: ahead === 0 ? today : weekday(addDays(today, ahead)),
        time: ahead === 0 ? "16:00" : `${String(9 + (i % 6)).padStart(2, "0")}:00`,
        durationMinutes: 60,
        form: faker.helpers.arrayElement(forms),
        staffIds: [coachId],
        note: i % 3 === 0 ? "Videolänk skickas dagen innan." : null,
      });
    }

    // Signed journal notes written after the past meetings; the first participant has one corrected.
    const notes = i < 5 ? 2 : 1;
    for (let n = 0; n < notes; n++) {
      const at = new Date(`${addDays(today, -14 + n * 7 - (i % 3))}T${String(10 + n).padStart(2, "0")}:15:00Z`);
      const note = await db
        .insertInto("journal_notes")
        .values({
          enrolment_id: e.id,
          author_id: coachId,
          body: NOTE_TEXTS[(i + n) % NOTE_TEXTS.length] ?? "",
          status: "signed",
          signed_at: new Date(at.getTime() + 20 * 60_000),
          created_at: at,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (!corrected) {
        corrected = true;
        const later = new Date(at.getTime() + 26 * 3600_000);
        await db
          .insertInto("journal_notes")
          .values({
            enrolment_id: e.id,
            author_id: coachId,
            body: "Rättelse: arbetsplatserna som kontaktades var tre, inte två. Den tredje har inte svarat ännu.",
            status: "signed",
            signed_at: new Date(later.getTime() + 5 * 60_000),
            corrects_id: note.id,
            created_at: later,
            updated_at: later,
          })
          .execute();
      }
    }
  }
  // A draft, which only the coach sees until it is signed.
  const first = enrolments[0];
  if (first)
    await db
      .insertInto("journal_notes")
      .values({ enrolment_id: first.id, author_id: coachId, body: "Utkast: förbereda frågor inför trepartssamtalet med arbetsgivaren." })
      .execute();
}
