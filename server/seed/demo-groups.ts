import type { Faker } from "@faker-js/faker";
import type { SystemActor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { addMember } from "../features/groups/members.ts";
import { createGroup, getGroup, updateSession } from "../features/groups/service.ts";
import { addDays, todayInSweden } from "../features/participants/dates.ts";
import "../features/groups/tables.ts";

const themes = ["empowerment", "working_life", "everyday_life", "empowerment", "working_life", "everyday_life"] as const;

/**
 * Two groups in a project: one that finished two months ago and one running now, each with the
 * participants enrolled at its start, themes on the sessions and attendance for those held.
 */
export async function seedDemoGroups(db: Db, faker: Faker, actor: SystemActor, projectId: string, leaderIds: string[]) {
  const ctx = { actor };
  const today = todayInSweden();
  const plans = [
    { name: "Startgrupp vår", start: addDays(today, -95), status: "finished" as const, location: "Teams-länk i kallelsen", size: 7 },
    { name: "Startgrupp höst", start: addDays(today, -12), status: "running" as const, location: "Kunskapens hus, sal 4", size: 8 },
  ];
  for (const [i, plan] of plans.entries()) {
    const lastDay = addDays(plan.start, 27);
    const enrolments = await db
      .selectFrom("enrolments")
      .select(["id", "start_date", "exit_date"])
      .where("project_id", "=", projectId)
      .where("start_date", "<=", plan.start)
      .where((eb) => eb.or([eb("exit_date", "is", null), eb("exit_date", ">=", lastDay)]))
      .orderBy("start_date", "desc")
      .limit(plan.size)
      .execute();
    const g = await createGroup(db, ctx, projectId, {
      name: plan.name,
      leaderIds: leaderIds.slice(0, 2),
      themePlan:
        "Vecka 1: egenmakt och mål. Vecka 2: arbetslivets rättigheter och skyldigheter. Vecka 3: vardagsliv, ekonomi och hälsa. Vecka 4: studiebesök och gästföreläsare.",
      mode: i === 0 ? "distance" : "on_site",
      location: plan.location,
      status: plan.status,
      pattern: { startDate: plan.start, weeks: 4, weekdays: [1, 3, 4], startTime: "09:00", durationMinutes: 120, skipDates: [] },
    });
    for (const e of enrolments) await addMember(db, ctx, g.id, { enrolmentId: e.id, fromDate: plan.start });
    const sessions = (await getGroup(db, g.id)).sessionList;
    for (const [n, s] of sessions.entries()) {
      const week = Math.floor(n / 3);
      if (n === sessions.length - 2) {
        await updateSession(db, ctx, s.id, {
          version: s.version,
          theme: "guest_lecturer",
          guestName: "Gästföreläsare från facket",
          guestOrganisation: "Facket",
        });
      } else if (n === 4) {
        await updateSession(db, ctx, s.id, { version: s.version, cancelled: true, cancelReason: "Ledarna på utbildning" });
        continue;
      } else {
        await updateSession(db, ctx, s.id, { version: s.version, theme: themes[week] ?? "other", themeNote: themes[week] ? null : "Studiebesök" });
      }
      if (s.date >= today) continue;
      const marks = enrolments.map((e) => {
        const roll = faker.number.float();
        return {
          session_id: s.id,
          enrolment_id: e.id,
          status: roll < 0.8 ? ("present" as const) : roll < 0.92 ? ("absent_notified" as const) : ("absent_unnotified" as const),
          recorded_by: leaderIds[0] ?? null,
        };
      });
      if (marks.length) await db.insertInto("group_attendance").values(marks).execute();
    }
  }
}
