import { fakerSV as faker } from "@faker-js/faker";
import type { Role } from "../../schemas/auth.ts";
import { systemActor } from "../auth/actor.ts";
import { writeAudit } from "../auth/audit.ts";
import type { Db } from "../db/client.ts";
import { createProject, createTeam } from "../features/projects/service.ts";
import { createUser, setMembership } from "../features/users/service.ts";
import { seedDemoActivities } from "./demo-activities.ts";
import { seedDemoEmployers } from "./demo-employers.ts";
import { seedDemoGroups } from "./demo-groups.ts";
import { seedDemoMeetings } from "./demo-meetings.ts";
import { seedDemoParticipants } from "./demo-participants.ts";
import { seedDemoPlans } from "./demo-plan.ts";
import { seedDemoRatings } from "./demo-ratings.ts";
import { seedDemoReports } from "./demo-reports.ts";

export const DEMO_PASSWORD = "stegvis-demo";

export const DEMO_LOGINS = [
  { email: "admin@stegvis.demo", description: "administratör" },
  { email: "ledare@stegvis.demo", description: "projektledare i alla tre projekten" },
  { email: "coach@stegvis.demo", description: "coach i projektet Steget (unga vuxna)" },
  { email: "statistik@stegvis.demo", description: "statistiker (bara sammanställd statistik)" },
  { email: "deltagare@stegvis.demo", description: "deltagare i projektet Steget" },
] as const;

/**
 * A fictional municipality with a labour-market unit and three projects shaped like the
 * programmes the customers run. Every person is invented (faker, Swedish locale).
 */
export async function seedDemo(db: Db, { production = process.env.NODE_ENV === "production" } = {}) {
  if (production) throw new Error("Demodata skapas inte i produktion (NODE_ENV=production).");
  const exists = await db.selectFrom("users").select("id").where("email", "=", "admin@stegvis.demo").executeTakeFirst();
  if (exists) return { created: false };
  faker.seed(20261125);
  const ctx = { actor: systemActor("demo-seed") };

  const org = await db.insertInto("organisations").values({ name: "Älvby kommun" }).returning("id").executeTakeFirstOrThrow();
  const unit = await db.insertInto("units").values({ organisation_id: org.id, name: "Arbetsmarknadsenheten" }).returning("id").executeTakeFirstOrThrow();

  const steget = await createProject(db, ctx, {
    unitId: unit.id,
    slug: "steget",
    name: "Steget – unga vuxna",
    description:
      "För unga vuxna 19–29 år som varken arbetar eller studerar. Intag flera gånger per år med gruppträffar tre gånger i veckan i fyra veckor och en enskild träff i veckan, därefter individuellt stöd mot praktik, studier och arbete.",
    plannedMonths: 15,
    targetGroup: { minAge: 19, maxAge: 29, note: "Bor i kommunen, står långt från arbetsmarknaden.", districts: [], incomes: [] },
  });
  const individ = await createProject(db, ctx, {
    unitId: unit.id,
    slug: "individspar",
    name: "Individuellt spår",
    description: "Individuell coachning för personer 25–55 år som har ekonomiskt bistånd och inte kan delta i gruppverksamhet.",
    plannedMonths: 12,
    targetGroup: { minAge: 25, maxAge: 55, note: "Aktuell för ekonomiskt bistånd (försörjningsstöd).", districts: [], incomes: ["forsorjningsstod"] },
  });
  const nystart = await createProject(db, ctx, {
    unitId: unit.id,
    slug: "nystart",
    name: "Ny start – nyanlända",
    description:
      "Sex månader för nyanlända med sammansatt problematik. Start med sex veckors gruppaktivitet (språkträning, digital träning och hälsa), därefter egen arbetsmarknadskonsulent.",
    plannedMonths: 6,
    targetGroup: { minAge: 18, maxAge: 64, note: "Nyanländ, aktuell för försörjningsstöd.", districts: ["Centrum", "Strandängen", "Bergsdal"], incomes: [] },
  });
  for (const [project, teams] of [
    [steget, ["Team Norr", "Team Söder"]],
    [individ, ["Team Väster"]],
    [nystart, ["Team Språk", "Team Arbete"]],
  ] as const) {
    for (const t of teams) await createTeam(db, ctx, project.id, t);
  }

  const mk = async (email: string, name: string, isAdmin = false) =>
    createUser(db, ctx, { email, name, password: DEMO_PASSWORD, isAdmin }, { allowWeakPassword: true });
  const grant = async (userId: string, projectId: string, role: Role, sensitiveAccess = false) =>
    setMembership(db, ctx, userId, { projectId, role, sensitiveAccess });

  const person = () => `${faker.person.firstName()} ${faker.person.lastName()}`;
  await mk("admin@stegvis.demo", person(), true);
  const ledare = await mk("ledare@stegvis.demo", person());
  for (const p of [steget, individ, nystart]) await grant(ledare.id, p.id, "manager", true);
  const coach = await mk("coach@stegvis.demo", person());
  await grant(coach.id, steget.id, "coach", true);
  const stat = await mk("statistik@stegvis.demo", person());
  for (const p of [steget, individ, nystart]) await grant(stat.id, p.id, "statistician");
  const deltagare = await mk("deltagare@stegvis.demo", person());
  await grant(deltagare.id, steget.id, "participant");

  // Colleagues, so lists and member pages look like a working unit.
  const coachesOf: Record<string, string[]> = { [steget.id]: [coach.id], [individ.id]: [], [nystart.id]: [] };
  for (const [project, n] of [
    [steget, 3],
    [individ, 2],
    [nystart, 2],
  ] as const) {
    for (let i = 0; i < n; i++) {
      const first = faker.person.firstName();
      const last = faker.person.lastName();
      const email = `${first}.${last}.${i}.${project.slug}@stegvis.demo`
        .toLowerCase()
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[^a-z0-9.@-]/g, "");
      const u = await mk(email, `${first} ${last}`);
      await grant(u.id, project.id, "coach", i === 0);
      coachesOf[project.id]?.push(u.id);
    }
  }
  const actor = systemActor("demo-seed");
  await seedDemoParticipants(db, faker, actor, { id: steget.id, slug: steget.slug, minAge: 19, maxAge: 29, plannedMonths: 15 }, coachesOf[steget.id] ?? [], 45);
  await seedDemoParticipants(
    db,
    faker,
    actor,
    { id: individ.id, slug: individ.slug, minAge: 25, maxAge: 55, plannedMonths: 12 },
    coachesOf[individ.id] ?? [],
    18,
  );
  await seedDemoParticipants(
    db,
    faker,
    actor,
    { id: nystart.id, slug: nystart.slug, minAge: 20, maxAge: 60, plannedMonths: 6 },
    coachesOf[nystart.id] ?? [],
    24,
  );
  await seedDemoActivities(db, actor, [steget.id, individ.id, nystart.id]);
  await seedDemoPlans(db, faker, actor);
  await seedDemoEmployers(db, faker, org.id, coachesOf);
  await seedDemoGroups(db, faker, actor, steget.id, coachesOf[steget.id] ?? []);
  await seedDemoRatings(db, faker, actor, steget.id, org.id);
  await seedDemoReports(db, steget.id);
  await seedDemoMeetings(db, faker, actor, coach.id, ledare.id);
  await writeAudit(db, ctx, { action: "system.seed_demo", details: { organisation: "Älvby kommun" } });
  return { created: true };
}
