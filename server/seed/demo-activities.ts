import type { SystemActor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { createActivity, updateActivity } from "../features/activities/service.ts";
import { withPlacements } from "../features/activities/tables.ts";
import { addDays, todayInSweden } from "../features/participants/dates.ts";

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * Activities for the demo participants who are enrolled now, in every state the pages show:
 * an internship under way with half its checklist ticked and an overdue month follow-up, one
 * just started, an internship that ended and became a wage-subsidy job (with the new-planning
 * task still open), long Supported Education studies with the support warning, health activities
 * and a planned validation. Chosen in name order, so the same persons get the same activities.
 */
export async function seedDemoActivities(db: Db, actor: SystemActor, projectIds: string[]) {
  const ctx = { actor };
  const today = todayInSweden();
  const x = withPlacements(db);
  for (const projectId of projectIds) {
    const staff = await db
      .selectFrom("project_memberships")
      .select("user_id")
      .where("project_id", "=", projectId)
      .where("role", "in", ["coach", "manager"])
      .orderBy("role")
      .orderBy("user_id")
      .executeTakeFirst();
    const enrolments = await db
      .selectFrom("enrolments as e")
      .innerJoin("persons as p", "p.id", "e.person_id")
      .select(["e.id", "e.start_date", "e.coach_id"])
      .where("e.project_id", "=", projectId)
      .where("e.exit_date", "is", null)
      .where("e.start_date", "<=", addDays(today, -3))
      .orderBy("p.sort_name")
      .orderBy("e.start_date")
      .limit(12)
      .execute();

    for (const [i, e] of enrolments.entries()) {
      const coachId = e.coach_id ?? staff?.user_id ?? null;
      const from = (daysAgo: number) => later(addDays(today, -daysAgo), e.start_date);
      /** Tick the first `n` steps, a couple of days apart from `start`, never after today. */
      const tick = async (activityId: string, start: string, n: number) => {
        if (!coachId) return;
        const items = await x.selectFrom("checklist_items").select("id").where("activity_id", "=", activityId).orderBy("position").limit(n).execute();
        for (const [k, item] of items.entries()) {
          const doneOn = addDays(start, Math.min(2 * k - 2 * n, 0));
          await x
            .updateTable("checklist_items")
            .set({ done_on: earlier(later(doneOn, e.start_date), today), done_by: coachId, done_at: new Date() })
            .where("id", "=", item.id)
            .execute();
        }
      };
      /** Record the follow-ups already due, except the last `leaveOpen` of them. */
      const followUp = async (activityId: string, leaveOpen: number) => {
        if (!coachId) return;
        const due = await x
          .selectFrom("placement_follow_ups")
          .select(["id", "due_date"])
          .where("activity_id", "=", activityId)
          .where("due_date", "<", today)
          .orderBy("due_date")
          .execute();
        for (const [k, f] of due.slice(0, Math.max(0, due.length - leaveOpen)).entries())
          await x
            .updateTable("placement_follow_ups")
            .set({
              done_on: f.due_date,
              how: k % 2 === 0 ? "phone" : "visit",
              notes: k % 2 === 0 ? "Kommer i tid och trivs med arbetsuppgifterna." : "Handledaren nöjd; vill pröva fler arbetsuppgifter.",
              done_by: coachId,
            })
            .where("id", "=", f.id)
            .execute();
      };

      switch (i % 6) {
        case 0: {
          const visit = from(55);
          await createActivity(db, ctx, e.id, { type: "studiebesok", startDate: visit, endDate: visit, status: "ended", coachId });
          const start = from(40);
          const a = await createActivity(db, ctx, e.id, {
            type: "praktik",
            startDate: start,
            endDate: addDays(start, 90),
            extent: { unit: "percent", value: 50 },
            purpose: "Pröva arbete inom lager och logistik",
            status: "ongoing",
            coachId,
            details: {
              kind: "internship",
              workplace: "Älvby Lagerservice AB, Industrivägen 4",
              supervisorName: "Handledare på lagret",
              purpose: "try_trade",
              activitySupportDecision: true,
            },
          });
          await tick(a.id, start, 12);
          await followUp(a.id, 1);
          break;
        }
        case 1: {
          const start = from(5);
          const a = await createActivity(db, ctx, e.id, {
            type: "praktik",
            startDate: start,
            endDate: addDays(start, 60),
            extent: { unit: "hours_per_week", value: 20 },
            status: "ongoing",
            coachId,
            details: {
              kind: "internship",
              workplace: "Förskolan Solrosen, Skolgatan 12",
              supervisorName: "Förskollärare",
              purpose: "build_routines",
              activitySupportDecision: null,
            },
          });
          await tick(a.id, start, 7);
          break;
        }
        case 2: {
          const start = from(80);
          const a = await createActivity(db, ctx, e.id, {
            type: "praktik",
            startDate: start,
            endDate: addDays(start, 120),
            extent: { unit: "percent", value: 75 },
            status: "ongoing",
            coachId,
            details: {
              kind: "internship",
              workplace: "Restaurang Kajen, Hamnplan 1",
              supervisorName: "Kökschef",
              purpose: "prepare_employment",
              activitySupportDecision: true,
            },
          });
          await tick(a.id, start, 15);
          await followUp(a.id, 0);
          const end = later(addDays(today, -12), addDays(start, 1));
          await updateActivity(db, ctx, a.id, { version: a.version, status: "ended", endDate: end });
          await createActivity(db, ctx, e.id, {
            type: "anstallning",
            startDate: addDays(end, 1),
            extent: { unit: "percent", value: 100 },
            status: "ongoing",
            coachId,
            details: { kind: "employment", form: "wage_subsidy", employer: "external", monthlyWageCost: 26000, monthlyStateSubsidy: 20000, topUpPercent: 20 },
          });
          break;
        }
        case 3: {
          await createActivity(db, ctx, e.id, {
            type: "studier",
            startDate: from(300),
            extent: { unit: "percent", value: 100 },
            status: "ongoing",
            coachId,
            details: { kind: "studies", provider: "Älvby lärcentrum", level: "upper_secondary", supportedEducation: true },
          });
          break;
        }
        case 4: {
          await createActivity(db, ctx, e.id, {
            type: "friskvard",
            startDate: from(30),
            extent: { unit: "hours_per_week", value: 2 },
            status: "ongoing",
            coachId,
          });
          await createActivity(db, ctx, e.id, {
            type: "validering",
            startDate: addDays(today, 14),
            endDate: addDays(today, 28),
            status: "planned",
            coachId,
            details: { kind: "validation", field: "Restaurang och storkök", result: null },
          });
          break;
        }
        default: {
          const start = from(100);
          const a = await createActivity(db, ctx, e.id, {
            type: "praktik",
            startDate: start,
            endDate: addDays(start, 30),
            status: "ongoing",
            coachId,
            details: {
              kind: "internship",
              workplace: "Älvby bibliotek",
              supervisorName: null,
              purpose: "assess_work_capacity",
              activitySupportDecision: false,
            },
          });
          await tick(a.id, start, 9);
          await followUp(a.id, 0);
          const end = earlier(later(addDays(start, 30), addDays(today, -40)), today);
          await updateActivity(db, ctx, a.id, { version: a.version, status: "interrupted", endDate: end, interruptedReason: "Sjukskriven, återupptas senare" });
        }
      }
    }
  }
}
