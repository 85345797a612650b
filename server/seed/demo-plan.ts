import { randomUUID } from "node:crypto";
import type { Faker } from "@faker-js/faker";
import type { Goal, GoalStatus, SubGoal } from "../../schemas/plan.ts";
import type { SystemActor } from "../auth/actor.ts";
import { writeAudit } from "../auth/audit.ts";
import type { Db } from "../db/client.ts";
import { addDays, todayInSweden } from "../features/participants/dates.ts";
import "../features/plan/tables.ts";

// Invented mapping texts and plan goals, combined at random so the demo participants differ.
const TRADES = ["restaurang", "lager", "butik", "äldreomsorg", "städ", "bygg", "fordon", "förskola", "kontor", "lokalvård", "café", "trädgård"];
const GOALS = [
  "Vill ha ett arbete på heltid inom något praktiskt.",
  "Vill börja studera på komvux och bli undersköterska.",
  "Vill komma igång med fasta rutiner och sedan pröva praktik.",
  "Vill få ett arbete där svenskan kan utvecklas på plats.",
];
const SITUATIONS = [
  "Bor i egen lägenhet, har varit utan sysselsättning i två år.",
  "Bor hos föräldrar, har avbrutit gymnasiet.",
  "Bor med partner och två barn, har försörjningsstöd.",
  "Har nyligen flyttat till kommunen och har få kontakter här.",
];
const COMPETENCES = [
  "Körkort B, erfarenhet av lagerarbete.",
  "Gymnasieexamen, sommarjobb i äldreomsorgen.",
  "Arbetat i kök i tre år.",
  "Grundskola, god datorvana.",
];
const NEEDS = [
  "Stöd att skriva CV och personligt brev.",
  "Stöd i kontakt med myndigheter.",
  "Hjälp att hitta en praktikplats nära hemmet.",
  "Språkstöd på arbetsplatsen.",
];

/** Invented goals with their sub-goals; the benchmark data draw from them too. */
export interface GoalTemplate {
  title: string;
  subGoals: { title: string; owner: SubGoal["owner"]; ownerName?: string }[];
}
export const GOAL_TEMPLATES: GoalTemplate[] = [
  {
    title: "Få en praktikplats inom önskad bransch",
    subGoals: [
      { title: "Göra studiebesök på två arbetsplatser", owner: "coach" },
      { title: "Uppdatera CV", owner: "participant" },
      { title: "Skriva under beslut om aktivitetsstöd", owner: "other", ownerName: "Arbetsförmedlingen" },
    ],
  },
  {
    title: "Komma igång med studier",
    subGoals: [
      { title: "Träffa studie- och yrkesvägledare", owner: "other", ownerName: "Vuxenutbildningen" },
      { title: "Söka kurs till nästa termin", owner: "participant" },
    ],
  },
  {
    title: "Fungerande vardag och rutiner",
    subGoals: [
      { title: "Komma till gruppträffarna tre dagar i veckan", owner: "participant" },
      { title: "Boka tid hos vårdcentralen", owner: "participant" },
    ],
  },
  {
    title: "Förbättra svenskan i arbetslivet",
    subGoals: [
      { title: "Delta i språkcafé varje vecka", owner: "participant" },
      { title: "Öva inför anställningsintervju", owner: "coach" },
    ],
  },
  { title: "Ta körkort B", subGoals: [{ title: "Klara teoriprovet", owner: "participant" }] },
];
/** How a goal moves on from one revision to the next. */
export const NEXT: Record<GoalStatus, GoalStatus> = { not_started: "ongoing", ongoing: "reached", reached: "reached", dropped: "dropped" };

const stamp = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, "0")}:15:00+01:00`);

function firstGoals(faker: Faker, startDate: string): Goal[] {
  return faker.helpers.arrayElements(GOAL_TEMPLATES, { min: 1, max: 3 }).map((g, i) => ({
    id: randomUUID(),
    title: g.title,
    owner: "participant",
    ownerName: null,
    dueDate: addDays(startDate, 120 + i * 60),
    status: "ongoing",
    comment: null,
    subGoals: g.subGoals.map((s, j) => ({
      id: randomUUID(),
      title: s.title,
      owner: s.owner,
      ownerName: s.ownerName ?? null,
      dueDate: addDays(startDate, 45 + j * 30),
      status: "not_started",
      comment: null,
    })),
  }));
}

/** The next revision: some sub-goals move on, one may be dropped, and sometimes a goal is added. */
function revise(faker: Faker, goals: Goal[], startDate: string): Goal[] {
  const next: Goal[] = goals.map((g) => ({
    ...g,
    subGoals: g.subGoals.map((s) => (faker.datatype.boolean(0.6) ? { ...s, status: NEXT[s.status] } : s)),
  }));
  const last = next.at(-1);
  if (last && faker.datatype.boolean(0.3)) last.status = "dropped";
  if (last && faker.datatype.boolean(0.3)) last.comment = "Deltagaren vill prioritera ett annat mål just nu.";
  if (faker.datatype.boolean(0.4)) {
    const extra = faker.helpers.arrayElement(GOAL_TEMPLATES.filter((t) => !next.some((g) => g.title === t.title)));
    if (extra)
      next.push({
        id: randomUUID(),
        title: extra.title,
        owner: "participant",
        ownerName: null,
        dueDate: addDays(startDate, 300),
        status: "not_started",
        comment: null,
        subGoals: [],
      });
  }
  return next;
}

/**
 * Mappings (one or two versions) and plans (one to three revisions) for most enrolments that
 * have started, dated in the weeks after the start and saved by the enrolment's coach.
 */
export async function seedDemoPlans(db: Db, faker: Faker, actor: SystemActor) {
  const today = todayInSweden();
  const enrolments = await db
    .selectFrom("enrolments")
    .select(["id", "start_date", "exit_date", "coach_id"])
    .where("start_date", "<=", addDays(today, -14))
    .orderBy("start_date")
    .orderBy("id")
    .execute();
  let mappings = 0;
  let plans = 0;
  for (const e of enrolments) {
    if (!faker.datatype.boolean(0.85)) continue;
    const end = e.exit_date && e.exit_date < today ? e.exit_date : today;
    const at = (days: number) => {
      // Dates as YYYY-MM-DD compare as text; nothing is dated after the exit or today.
      const d = addDays(e.start_date, days);
      return [d, end].sort()[0] ?? end;
    };
    const mapped = at(10);
    const sections = {
      goals: faker.helpers.arrayElement(GOALS),
      interests: "Tycker om att arbeta med händerna och träffa människor.",
      situation: faker.helpers.arrayElement(SITUATIONS),
      competences: faker.helpers.arrayElement(COMPETENCES),
      resources: "Motiverad och har stöd av familjen.",
      needs: faker.helpers.arrayElement(NEEDS),
      network: "Några vänner i kommunen, kontakt med socialtjänsten.",
      housing: faker.helpers.arrayElement(["Egen hyresrätt.", "Andrahandskontrakt.", "Bor hos släkting."]),
      economy: faker.helpers.arrayElement(["Försörjningsstöd.", "Aktivitetsstöd.", "Sjukersättning på deltid."]),
    };
    const violence = faker.helpers.weightedArrayElement([
      { weight: 6, value: "no" as const },
      { weight: 2, value: "yes" as const },
      { weight: 1, value: "declined" as const },
      { weight: 1, value: null },
    ]);
    const versions = faker.datatype.boolean(0.5) ? 2 : 1;
    for (let v = 1; v <= versions; v++) {
      await db
        .insertInto("mapping_versions")
        .values({
          enrolment_id: e.id,
          number: v,
          sections: JSON.stringify(v === 1 ? sections : { ...sections, needs: `${sections.needs} Behöver också stöd med ekonomin.` }),
          trades: faker.helpers.arrayElements(TRADES, { min: 1, max: 3 }),
          health: faker.datatype.boolean(0.5) ? "Besvär med sömnen, har kontakt med vårdcentralen." : null,
          violence_answer: violence,
          violence_note: violence === "yes" ? "Har fått information om kvinnofridsmottagningen och stödsamtal." : null,
          violence_asked_on: violence ? mapped : null,
          created_by: e.coach_id,
          created_at: stamp(v === 1 ? mapped : at(40), 10),
        })
        .execute();
    }
    mappings++;
    if (!faker.datatype.boolean(0.9)) continue;
    let goals = firstGoals(faker, e.start_date);
    const revisions = faker.helpers.arrayElement([1, 2, 2, 3]);
    for (let r = 1; r <= revisions; r++) {
      if (r > 1) goals = revise(faker, goals, e.start_date);
      await db
        .insertInto("plan_revisions")
        .values({
          enrolment_id: e.id,
          number: r,
          goals: JSON.stringify(goals),
          reason:
            r === 1 ? "Första planeringen efter kartläggningen" : faker.helpers.arrayElement(["Uppföljning av planen", "Praktiken avslutades", "Nya önskemål"]),
          created_by: e.coach_id,
          created_at: stamp(at(14 + (r - 1) * 45), 13),
        })
        .execute();
    }
    plans++;
  }
  await writeAudit(db, { actor }, { action: "system.seed_demo_plans", details: { mappings, plans } });
}
