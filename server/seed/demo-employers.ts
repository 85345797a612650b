import type { Faker } from "@faker-js/faker";
import { sql } from "kysely";
import type { Db } from "../db/client.ts";
import { addDays, todayInSweden } from "../features/participants/dates.ts";
import "../features/employers/tables.ts";

type Sector = "municipal" | "region" | "state" | "private" | "non_profit";

/** Luhn check digit over nine digits, to make valid fictional organisation numbers. */
function organisationNumber(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}

// Invented employers in trades where the programmes' participants are often placed.
const EMPLOYERS: { name: string; sector: Sector; trades: string[]; workplaces: [string, string, string][]; status?: "resting" }[] = [
  {
    name: "Älvby kommun, Kostenheten",
    sector: "municipal",
    trades: ["restaurang", "storkök"],
    workplaces: [
      ["Storköket Norr", "Norrmalm", "Skolvägen 4"],
      ["Köket på Ekgården", "Centrum", "Ekgatan 12"],
    ],
  },
  {
    name: "Älvby kommun, Äldreomsorgen",
    sector: "municipal",
    trades: ["vård och omsorg", "äldreomsorg"],
    workplaces: [["Solbackens äldreboende", "Söder", "Solbacken 1"]],
  },
  { name: "Lagerhuset i Älvby AB", sector: "private", trades: ["lager", "logistik"], workplaces: [["Centrallagret", "Industriområdet", "Lastvägen 20"]] },
  { name: "Kafé Kanelen", sector: "private", trades: ["kafé", "restaurang"], workplaces: [["Kafé Kanelen", "Centrum", "Storgatan 8"]] },
  {
    name: "Återbruket ekonomisk förening",
    sector: "non_profit",
    trades: ["butik", "återbruk"],
    workplaces: [["Återbruket Väster", "Väster", "Verkstadsgatan 3"]],
  },
  { name: "Grönytor Mälardal AB", sector: "private", trades: ["grönyteskötsel", "trädgård"], workplaces: [["Förrådet", "Industriområdet", "Lastvägen 31"]] },
  { name: "Bilverkstaden Motorhuset", sector: "private", trades: ["fordon", "verkstad"], workplaces: [["Motorhuset", "Väster", "Smedjegatan 9"]] },
  {
    name: "Region Mälarlanda, Lasarettet",
    sector: "region",
    trades: ["lokalvård", "vård och omsorg"],
    workplaces: [["Lasarettet Älvby", "Söder", "Lasarettsvägen 2"]],
  },
  { name: "Livsmedelsbutiken Torget", sector: "private", trades: ["butik", "handel"], workplaces: [["Butiken vid torget", "Centrum", "Torget 1"]] },
  { name: "Städkompaniet i Älvby AB", sector: "private", trades: ["lokalvård", "städ"], workplaces: [["Kontoret", "Norrmalm", "Norra vägen 15"]] },
  {
    name: "Statens fastighetsförvaltning, Älvby",
    sector: "state",
    trades: ["fastighetsskötsel"],
    workplaces: [["Driftcentralen", "Centrum", "Slottsgatan 5"]],
    status: "resting",
  },
  { name: "Byggkompaniet Älvby AB", sector: "private", trades: ["bygg", "måleri"], workplaces: [["Snickeriet", "Industriområdet", "Lastvägen 44"]] },
];

const ROLES = ["Enhetschef", "Butikschef", "Kökschef", "Platschef", "HR-ansvarig", "Arbetsledare"];
const OUTCOMES = [
  "Kan ta emot en praktikant efter sommaren.",
  "Vill veta mer om lönebidrag.",
  "Inget behov just nu, hör av er i höst.",
  "Bokade studiebesök med en deltagare.",
  "Träffades på företagsfrukosten; intresserad av handledarutbildning.",
];

/**
 * A dozen fictional employers in the organisation, with workplaces, contact people and
 * supervisors, some contact-log entries by the projects' coaches, and a few internships and
 * employments of the demo participants placed at them.
 */
export async function seedDemoEmployers(db: Db, faker: Faker, organisationId: string, coachesOf: Record<string, string[]>) {
  const today = todayInSweden();
  const employerIds: { id: string; trade: string | null; workplaceId: string; supervisorId: string }[] = [];
  let serial = 12_345;
  for (const spec of EMPLOYERS) {
    const e = await db
      .insertInto("employers")
      .values({
        organisation_id: organisationId,
        name: spec.name,
        organisation_number: organisationNumber(`${spec.sector === "municipal" ? "212" : "556"}${String(serial++).padStart(6, "0")}`),
        sector: spec.sector,
        trades: spec.trades,
        status: spec.status ?? "active",
        notes: faker.helpers.maybe(() => "Tar gärna emot deltagare som vill prova yrket.", { probability: 0.3 }) ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    let first: { workplaceId: string; supervisorId: string } | undefined;
    for (const [name, district, street] of spec.workplaces) {
      const w = await db
        .insertInto("employer_workplaces")
        .values({
          employer_id: e.id,
          name,
          street,
          postal_code: `72${faker.number.int({ min: 210, max: 599 })}`.replace(/^(\d{3})(\d{2})$/, "$1 $2"),
          postal_town: "Älvby",
          district,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const contact = await db
        .insertInto("employer_contacts")
        .values({
          employer_id: e.id,
          workplace_id: w.id,
          name: `${faker.person.firstName()} ${faker.person.lastName()}`,
          role: faker.helpers.arrayElement(ROLES),
          phone: `021-${faker.string.numeric(2)} ${faker.string.numeric(2)} ${faker.string.numeric(2)}`,
          email: `kontakt${serial}@exempel.se`,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const supervisor = await db
        .insertInto("employer_contacts")
        .values({
          employer_id: e.id,
          workplace_id: w.id,
          name: `${faker.person.firstName()} ${faker.person.lastName()}`,
          role: "Handledare",
          is_supervisor: true,
          // About six in ten have had supervisor training; the workshop's supervisor has not, so the demo shows both.
          supervisor_trained_on:
            spec.name === "Bilverkstaden Motorhuset"
              ? null
              : (faker.helpers.maybe(() => addDays(today, -faker.number.int({ min: 30, max: 500 })), { probability: 0.6 }) ?? null),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      first ??= { workplaceId: w.id, supervisorId: supervisor.id };
      // Contacts with the employer over the last two months, by the coaches of the projects.
      for (const [projectId, coaches] of Object.entries(coachesOf)) {
        if (coaches.length === 0) continue;
        for (let i = 0; i < faker.number.int({ min: 0, max: 3 }); i++) {
          await db
            .insertInto("employer_contact_log")
            .values({
              employer_id: e.id,
              project_id: projectId,
              kind: faker.helpers.arrayElement(["call", "visit", "email", "event"] as const),
              occurred_on: addDays(today, -faker.number.int({ min: 0, max: 60 })),
              coach_id: faker.helpers.arrayElement(coaches),
              contact_id: faker.helpers.maybe(() => contact.id, { probability: 0.7 }) ?? null,
              outcome: faker.helpers.arrayElement(OUTCOMES),
            })
            .execute();
        }
      }
    }
    // The placements are in the employer's first trade, so "find a place" has successes per trade to show.
    if (first) employerIds.push({ id: e.id, trade: spec.trades[0] ?? null, ...first });
  }

  // Place some participants who started long enough ago: an internship, sometimes followed by an employment.
  const enrolments = await db
    .selectFrom("enrolments as en")
    .innerJoin("projects as p", "p.id", "en.project_id")
    .innerJoin("units as u", "u.id", "p.unit_id")
    .innerJoin("persons as pe", "pe.id", "en.person_id")
    .select(["en.id", "en.start_date", "en.exit_date", "en.coach_id"])
    .where("u.organisation_id", "=", organisationId)
    .where("en.start_date", "<=", addDays(today, -120))
    // Ties broken by the (seeded) names, so the same participants are placed on every seeding.
    .orderBy("en.start_date")
    .orderBy(sql`pe.sort_name COLLATE "C"`)
    .orderBy("pe.birth_date")
    .limit(24)
    .execute();
  for (const [i, en] of enrolments.entries()) {
    if (i % 2 === 1) continue;
    const place = employerIds[i % employerIds.length];
    if (!place) continue;
    const start = addDays(en.start_date, 30);
    const limit = en.exit_date ?? today;
    const plannedEnd = addDays(start, 90);
    // biome-ignore lint/complexity/useMathMinMax: ISO dates are compared as strings.
    const end = plannedEnd < limit ? plannedEnd : limit;
    if (end <= start) continue;
    const done = end < today;
    const way = faker.helpers.arrayElement(["ended", "employment", "interrupted"] as const);
    await db
      .insertInto("activities")
      .values({
        enrolment_id: en.id,
        type_code: "praktik",
        start_date: start,
        end_date: done ? end : null,
        extent_unit: "percent",
        extent_value: faker.helpers.arrayElement([25, 50, 75]),
        purpose: "Pröva yrket och bygga rutiner",
        status: done ? (way === "interrupted" ? "interrupted" : "ended") : "ongoing",
        interrupted_reason: done && way === "interrupted" ? "Arbetsuppgifterna passade inte" : null,
        coach_id: en.coach_id,
        employer_id: place.id,
        workplace_id: place.workplaceId,
        supervisor_id: place.supervisorId,
        trade: place.trade,
        details: JSON.stringify({
          kind: "internship",
          workplace: null,
          supervisorName: null,
          purpose: "try_trade",
          activitySupportDecision: true,
        }),
      })
      .execute();
    if (done && way === "employment" && !en.exit_date) {
      await db
        .insertInto("activities")
        .values({
          enrolment_id: en.id,
          type_code: "anstallning",
          // biome-ignore lint/complexity/useMathMinMax: ISO dates are compared as strings.
          start_date: addDays(end, 1) < today ? addDays(end, 1) : today,
          status: "ongoing",
          coach_id: en.coach_id,
          employer_id: place.id,
          workplace_id: place.workplaceId,
          trade: place.trade,
          details: JSON.stringify({
            kind: "employment",
            form: "wage_subsidy",
            employer: "external",
            monthlyWageCost: 28_000,
            monthlyStateSubsidy: 18_000,
            topUpPercent: 20,
          }),
        })
        .execute();
    }
  }
}
