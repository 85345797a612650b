// Synthetic participants for the benchmarks: fictional people (Swedish names from faker's
// Swedish locale), each with referrals and one or more enrolments whose history is drawn
// from plausible shares: exits with exit incomes, temporary exits and re-enrolments,
// extensions, pauses, withdrawn consents; and what happens during each enrolment
// (activities, meetings, plan revisions, notes: see enrolment-life.ts).
import { randomUUID } from "node:crypto";
import { fakerSV } from "@faker-js/faker";
import type { CodeListName } from "../schemas/codes.ts";
import { defaultCodes } from "../server/features/codes/defaults.ts";
import { educations, entryIncomes, exitIncomes, exitStatuses, parties } from "../server/features/imports/invented.ts";
import { plannedEnd } from "../server/features/participants/dates.ts";
import { personnummerFor, swedishSortKey } from "../server/features/participants/identity.ts";
import type { EmployerRef } from "./employers.ts";
import { activityTypes, EnrolmentLife } from "./enrolment-life.ts";
import { addDays, type Batch, daysBetween, minDate, Rand } from "./rows.ts";

export interface ProjectSpec {
  slug: string;
  name: string;
  plannedMonths: number;
  minAge: number;
  maxAge: number;
  /** Share of first enrolments that land in this project. */
  weight: number;
  withIntakes: boolean;
}

export const projectSpecs: ProjectSpec[] = [
  { slug: "bench-nystart", name: "Nystart", plannedMonths: 12, minAge: 18, maxAge: 64, weight: 0.4, withIntakes: true },
  { slug: "bench-ungdomsspar", name: "Ungdomsspåret", plannedMonths: 6, minAge: 16, maxAge: 29, weight: 0.25, withIntakes: true },
  { slug: "bench-individspar", name: "Individspåret", plannedMonths: 12, minAge: 20, maxAge: 64, weight: 0.2, withIntakes: false },
  { slug: "bench-steget", name: "Steget vidare", plannedMonths: 9, minAge: 18, maxAge: 64, weight: 0.15, withIntakes: true },
];

export interface WorldProject extends ProjectSpec {
  id: string;
  intakes: { id: string; start: string }[];
  coachIds: string[];
}

export interface World {
  today: string;
  organisationId: string;
  projects: WorldProject[];
  /** The organisation's employer network, where internships and employments are placed. */
  employers: EmployerRef[];
}

const languages = [
  ["svenska", 55],
  ["arabiska", 12],
  ["somaliska", 8],
  ["tigrinja", 5],
  ["dari", 5],
  ["ukrainska", 5],
  ["persiska", 4],
  ["engelska", 3],
  ["polska", 3],
] as const;
const nextInstances = ["Arbetsförmedlingen", "Vuxenutbildningen", "Socialtjänsten", "Försäkringskassan", "Ingen", "Egen försörjning"];
const extensionReasons = [
  ["slutfora", 45],
  ["halsa", 25],
  ["overlamning", 20],
  ["annat", 10],
] as const;
const pauseReasons = ["Sjukskriven en period.", "Föräldraledig.", "Vård av barn.", "Resa till hemlandet.", "Avvaktar beslut från Försäkringskassan."];
const declineReasons = ["Har fått plats i en annan insats.", "Tackade nej.", "Bedöms inte ha nytta av insatsen just nu."];

/** Every code the generator writes must be in the default code lists the projects get. */
export function checkCodes() {
  const lists: [CodeListName, readonly (readonly [string, number])[]][] = [
    ["referring_party", parties],
    ["income_type", entryIncomes],
    ["income_type", exitIncomes],
    ["education_level", educations],
    ["exit_status", exitStatuses],
    ["extension_reason", extensionReasons],
    ["activity_type", activityTypes],
  ];
  for (const [list, codes] of lists) {
    const known = new Set(defaultCodes[list].map(([code]) => code));
    const missing = codes.map(([code]) => code).filter((c) => !known.has(c));
    if (missing.length) throw new Error(`the generator uses codes that the default ${list} list lacks: ${missing.join(", ")}`);
  }
}

/** Name pools drawn once from faker, so a million people cost a million look-ups, not faker calls. */
export function namePools(seed: number) {
  fakerSV.seed(seed);
  const uniq = (f: () => string, n: number) => [...new Set(Array.from({ length: n }, f))];
  return {
    female: uniq(() => fakerSV.person.firstName("female"), 3000),
    male: uniq(() => fakerSV.person.firstName("male"), 3000),
    last: uniq(() => fakerSV.person.lastName(), 20000),
    streets: uniq(() => fakerSV.location.street(), 4000),
    cities: uniq(() => fakerSV.location.city(), 60).slice(0, 12),
    staff: uniq(() => fakerSV.person.fullName(), 20000),
  };
}
export type Pools = ReturnType<typeof namePools>;

const ascii = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z]/g, "");

/** Intakes of one project: one every six weeks for four years, the last one still to start. */
export function intakesFor(project: ProjectSpec, projectId: string, today: string, batch: Batch): { id: string; start: string }[] {
  if (!project.withIntakes) return [];
  const out: { id: string; start: string }[] = [];
  for (let start = addDays(today, -4 * 365), n = 1; start <= addDays(today, 21); start = addDays(start, 42), n++) {
    const id = randomUUID();
    const weeks = project.slug === "bench-ungdomsspar" ? 6 : 4;
    batch.add("intakes", [id, projectId, `Intag ${n} (${start.slice(0, 7)})`, start, 3, 2, weeks, 1, n % 5 === 0 ? "distance" : "on_site"]);
    out.push({ id, start });
  }
  return out;
}

/**
 * Makes the people. One instance runs over all persons in order, so personnummer stay unique
 * (a counter per birth date) and the random stream is reproducible from the seed.
 */
export class PersonFactory {
  readonly #rand: Rand;
  readonly #pools: Pools;
  readonly #world: World;
  readonly #serials = new Map<string, number>();
  readonly #life: EnrolmentLife;
  #n = 0;

  constructor(world: World, pools: Pools, seed: number) {
    this.#world = world;
    this.#pools = pools;
    this.#rand = new Rand(seed);
    this.#life = new EnrolmentLife(world.today, world.employers, seed);
  }

  /** One person with their whole history, appended to the batch. */
  person(batch: Batch) {
    const r = this.#rand;
    const { today, projects } = this.#world;
    const n = ++this.#n;
    const gender = r.weighted([
      ["kvinna", 48],
      ["man", 48],
      ["annat", 4],
    ] as const);
    const first = r.pick(
      gender === "kvinna" ? this.#pools.female : gender === "man" ? this.#pools.male : r.chance(0.5) ? this.#pools.female : this.#pools.male,
    );
    const last = r.pick(this.#pools.last);
    const project = r.weighted(projects.map((p) => [p, p.weight] as const));
    const start = this.#startIn(project);
    const age = r.int(project.minAge, project.maxAge);
    const birthDate = addDays(start, -Math.round(age * 365.25) - r.int(1, 360));
    const protectedIdentity = r.chance(0.015);
    let pnr: string | null = null;
    if (!protectedIdentity && !r.chance(0.02)) {
      const k = this.#serials.get(birthDate) ?? 0;
      this.#serials.set(birthDate, k + 1);
      // The second-last digit is odd for men and even for women.
      if (k < 450) pnr = personnummerFor(birthDate, (k + 50) * 2 + (gender === "man" ? 1 : 0));
    }
    const language = r.weighted(languages);
    const personId = randomUUID();
    batch.add("persons", [
      personId,
      this.#world.organisationId,
      first,
      last,
      swedishSortKey(last, first),
      gender,
      birthDate,
      pnr,
      protectedIdentity,
      r.chance(0.9) ? `07${r.pick(["0", "2", "3", "6", "9"])}-${r.int(100, 999)} ${r.int(10, 99)} ${r.int(10, 99)}` : null,
      r.chance(0.7) && !protectedIdentity ? `${ascii(first)}.${ascii(last)}${n % 1000}@deltagare.stegvis.demo` : null,
      protectedIdentity ? null : `${r.pick(this.#pools.streets)} ${r.int(1, 80)}`,
      protectedIdentity ? null : `${r.int(120, 989)} ${r.int(10, 99)}`,
      r.pick(this.#pools.cities),
      language,
      language !== "svenska" && r.chance(0.35),
    ]);

    // Some people are only referred: pending, on the waiting list or declined.
    if (r.chance(0.06)) {
      const decision = r.weighted([
        ["pending", 3],
        ["waiting_list", 3],
        ["declined", 4],
      ] as const);
      const referredOn = decision === "declined" ? addDays(today, -r.int(10, 1400)) : addDays(today, -r.int(1, 40));
      const decided = decision !== "pending";
      batch.add("referrals", [
        randomUUID(),
        project.id,
        personId,
        referredOn,
        r.weighted(parties),
        null,
        decision,
        decided ? minDate(addDays(referredOn, r.int(1, 10)), today) : null,
        decision === "declined" ? r.pick(declineReasons) : null,
      ]);
      return;
    }

    let exit = this.#enrol(batch, personId, project, start, true);
    // A temporary exit (and now and then a final one) is followed by a new period.
    for (let again = 0; exit && again < 2; again++) {
      if (!(exit.final ? r.chance(0.06) : r.chance(0.7))) break;
      const restart = addDays(exit.date, r.int(30, 240));
      if (restart > addDays(today, 14)) break;
      exit = this.#enrol(batch, personId, project, restart, r.chance(0.5), 6);
    }
    // A few people also take part in a second project.
    if (r.chance(0.05)) {
      const other = r.pick(projects.filter((p) => p !== project));
      this.#enrol(batch, personId, other, this.#startIn(other), true);
    }
  }

  #startIn(project: WorldProject): string {
    const r = this.#rand;
    if (project.intakes.length) return addDays(r.pick(project.intakes).start, r.int(0, 7));
    return addDays(this.#world.today, -r.int(-14, 4 * 365));
  }

  /** One enrolment (with its referral when `referred`); returns its exit, if any. */
  #enrol(
    batch: Batch,
    personId: string,
    project: WorldProject,
    start: string,
    referred: boolean,
    months = project.plannedMonths,
  ): { date: string; final: boolean } | null {
    const r = this.#rand;
    const { today } = this.#world;
    const id = randomUUID();
    const party = referred ? r.weighted(parties) : "egen";
    let referralId: string | null = null;
    if (referred) {
      referralId = randomUUID();
      const referredOn = addDays(start, -r.int(7, 45));
      const contact = r.chance(0.5) ? `${r.pick(this.#pools.female)} ${r.pick(this.#pools.last)}` : null;
      batch.add("referrals", [referralId, project.id, personId, referredOn, party, contact, "accepted", addDays(referredOn, r.int(1, 6)), null]);
    }

    let end = plannedEnd(start, months);
    const elapsed = daysBetween(start, today);
    const planned = daysBetween(start, end);
    let exit: { date: string; final: boolean } | null = null;
    let extend: string | null = null;
    if (elapsed > planned) {
      const outcome = r.weighted([
        ["exit", 88],
        ["extended", 8],
        ["overdue", 4],
      ] as const);
      if (outcome === "exit" || (outcome === "extended" && elapsed - planned > 300)) {
        // Some of those who have left had been extended first and left during the extension.
        const moved = addDays(end, r.pick([60, 90, 120]));
        if (r.chance(0.06) && moved < today) {
          extend = moved;
          exit = { date: addDays(end, r.int(1, daysBetween(end, moved))), final: true };
        } else exit = { date: addDays(start, Math.round(planned * (0.4 + 0.6 * r.next()))), final: r.chance(0.85) };
      } else if (outcome === "extended") extend = addDays(today, r.int(30, 150));
    } else if (elapsed > 15 && r.chance(0.15)) {
      exit = { date: addDays(start, r.int(14, elapsed - 1)), final: r.chance(0.8) };
    } else if (elapsed > 60 && r.chance(0.04)) {
      extend = addDays(end, r.pick([90, 120, 180]));
    }
    if (extend) {
      const decidedOn = minDate(addDays(end, -r.int(5, 30)), today);
      batch.add("extensions", [id, decidedOn, end, extend, r.weighted(extensionReasons), r.chance(0.3) ? "Behöver mer tid i praktiken." : null]);
      end = extend;
    }

    const main = r.weighted(entryIncomes);
    const second = r.chance(0.35) ? r.weighted(entryIncomes) : null;
    const coach = !exit && r.chance(0.04) ? null : r.pick(project.coachIds);
    const intake = project.intakes.length ? (project.intakes.findLast((i) => i.start <= start)?.id ?? null) : null;
    const notCounted = r.chance(0.005);
    const status = exit ? r.weighted(exitStatuses) : null;
    batch.add("enrolments", [
      id,
      project.id,
      personId,
      intake,
      referralId,
      coach,
      start,
      months,
      end,
      party,
      r.weighted(educations),
      r.chance(0.6),
      r.chance(0.45),
      r.chance(0.35),
      main,
      exit?.date ?? null,
      exit ? (exit.final ? status : "annat") : null,
      exit ? exit.final : null,
      exit ? r.pick(nextInstances) : null,
      notCounted,
      notCounted ? "Deltog bara vid första träffen." : null,
    ]);
    if (second && second !== main) {
      const split = r.chance(0.5) ? [75, 25] : [50, 50];
      batch.add("enrolment_incomes", [id, "entry", main, split[0] as number]);
      batch.add("enrolment_incomes", [id, "entry", second, split[1] as number]);
    } else batch.add("enrolment_incomes", [id, "entry", main, 100]);
    if (exit) {
      const a = r.weighted(exitIncomes);
      const b = r.chance(0.25) ? r.weighted(exitIncomes) : a;
      if (a === b) batch.add("enrolment_incomes", [id, "exit", a, 100]);
      else {
        batch.add("enrolment_incomes", [id, "exit", a, 50]);
        batch.add("enrolment_incomes", [id, "exit", b, 50]);
      }
    }

    const withdrawn = exit && r.chance(0.04) ? exit.date : null;
    batch.add("consents", [id, "information_exchange", "Arbetsförmedlingen", start, withdrawn]);
    if (r.chance(0.9)) batch.add("consents", [id, "sus_registration", "Samordningsförbundet", start, null]);
    if (r.chance(0.25)) batch.add("consents", [id, "follow_up_contact", "Projektet", start, null]);
    if (project.slug === "bench-nystart" && r.chance(0.3)) batch.add("consents", [id, "esf_reporting", "Svenska ESF-rådet", start, null]);

    // Pauses: most in the past, about a third of those on open enrolments going on today.
    const until = exit ? exit.date : today;
    const span = daysBetween(start, until);
    if (span > 30 && r.chance(0.07)) {
      const current = !exit && r.chance(0.35);
      const from = current ? addDays(today, -r.int(1, Math.min(20, span - 1))) : addDays(start, r.int(7, span - 20));
      const to = current ? addDays(today, r.int(7, 45)) : minDate(addDays(from, r.int(7, 60)), until);
      batch.add("pauses", [id, from, to, r.pick(pauseReasons)]);
    }
    this.#life.add(batch, { id, project, start, exit: exit?.date ?? null, coachId: coach });
    return exit;
  }
}
