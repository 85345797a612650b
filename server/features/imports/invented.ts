// Invented participants in the import format: the large file of the import's speed test and
// of the import benchmark (bench/import.ts). Fictional people with Swedish names from faker's
// Swedish locale, one enrolment each, drawn from plausible shares; the same seed and day give
// the same rows.
import { base, Faker, sv } from "@faker-js/faker";
import type { Gender } from "../../../schemas/participants.ts";
import { addDays, plannedEnd, todayInSweden } from "../participants/dates.ts";
import { personnummerFor } from "../participants/identity.ts";
import type { ActivityRecord, EnrolmentRecord, Income } from "./records.ts";

export type Weighted<T> = readonly (readonly [T, number])[];

// Codes of the default code lists of a new project, with the shares they are drawn with; the
// benchmark data (bench/generate.ts) draws from the same shares.
export const parties: Weighted<string> = [
  ["af", 34],
  ["ske", 24],
  ["fk", 10],
  ["egen", 8],
  ["region", 7],
  ["bist", 5],
  ["sol", 4],
  ["lss", 3],
  ["ov", 3],
  ["skola", 2],
];
export const entryIncomes: Weighted<string> = [
  ["forsorjningsstod", 35],
  ["aktivitetsstod", 20],
  ["aktivitetsersattning", 12],
  ["familj_ingen", 10],
  ["a_kassa", 8],
  ["sjukpenning", 7],
  ["studiemedel", 6],
  ["lon", 2],
];
export const exitIncomes: Weighted<string> = [
  ["lon", 30],
  ["forsorjningsstod", 22],
  ["aktivitetsstod", 18],
  ["studiemedel", 14],
  ["aktivitetsersattning", 8],
  ["familj_ingen", 8],
];
export const educations: Weighted<string> = [
  ["grundskola", 28],
  ["gymnasieskola", 22],
  ["gymnasium_praktiskt", 14],
  ["gymnasium_teoretiskt", 10],
  ["gymnasium_introduktion_anpassad", 14],
  ["hogskola", 12],
];
export const exitStatuses: Weighted<string> = [
  ["anstallning", 20],
  ["anstallning_stod", 14],
  ["studier", 12],
  ["studier_yrke", 5],
  ["af", 16],
  ["fk_aktivitetsersattning", 5],
  ["fk_annan", 3],
  ["ske", 6],
  ["vard_behandling", 5],
  ["annan_kommunal", 5],
  ["flyttat", 4],
  ["ej_avhord", 2],
  ["annat", 3],
];
const notCountedReasons = ["Avbröt under första veckan.", "Inskriven i fel projekt.", "Deltar med annan finansiering."];
const months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

function seeded(seed: number): Faker {
  const faker = new Faker({ locale: [sv, base] });
  faker.seed(seed);
  return faker;
}

/**
 * `count` enrolments of as many invented persons, as the import reads them (codes, not labels).
 * About four in five start in one of the intakes held every six weeks over the last three years
 * (named "Intag 12, mars 2025"), the rest on a day of their own; most were referred first;
 * about three in four have ended, most of them finally, with an exit status and the income at
 * exit; a few are not counted in the statistics. Almost everyone has a personnummer, with a
 * birth number of 001–099 only: the benchmark data (bench/generate.ts) use 100–999, so an
 * invented file never names a person of a benchmark database. No coach is named, so any
 * project can take the file.
 */
export function inventedEnrolments(count: number, { seed = 7, today = todayInSweden() }: { seed?: number; today?: string } = {}): EnrolmentRecord[] {
  const faker = seeded(seed);
  const pick = <T>(xs: Weighted<T>): T => faker.helpers.weightedArrayElement(xs.map(([value, weight]) => ({ value, weight })));
  const chance = (p: number) => faker.number.float({ min: 0, max: 1 }) < p;
  const int = (min: number, max: number) => faker.number.int({ min, max });

  const intakes: { name: string; start: string }[] = [];
  for (let start = addDays(today, -3 * 365), n = 1; start <= today; start = addDays(start, 42), n++)
    intakes.push({ name: `Intag ${n}, ${months[Number(start.slice(5, 7)) - 1]} ${start.slice(0, 4)}`, start });

  const incomes = (list: Weighted<string>): Income[] => {
    if (chance(0.75)) return [{ code: pick(list), share: 100 }];
    const first = pick(list);
    let second = pick(list);
    while (second === first) second = pick(list);
    const share = faker.helpers.arrayElement([50, 75]);
    return [
      { code: first, share },
      { code: second, share: 100 - share },
    ];
  };

  const birthNumbers = new Map<string, number>();
  const out: EnrolmentRecord[] = [];
  for (let i = 1; i <= count; i++) {
    const gender = pick<Gender>([
      ["kvinna", 48],
      ["man", 48],
      ["annat", 4],
    ]);
    const sex = gender === "kvinna" ? "female" : gender === "man" ? "male" : faker.helpers.arrayElement(["female", "male"] as const);
    const intake = chance(0.8) ? faker.helpers.arrayElement(intakes) : null;
    const startDate = intake ? addDays(intake.start, int(0, 7)) : addDays(today, -int(0, 3 * 365));
    const plannedMonths = pick([
      [12, 5],
      [6, 3],
      [9, 2],
    ]);
    const birthDate = addDays(startDate, -Math.round(int(18, 64) * 365.25) - int(0, 364));
    let personnummer: string | null = null;
    if (chance(0.98)) {
      // Women have an even second-last digit, men an odd one; 49 of each per birth date.
      const k = birthNumbers.get(birthDate) ?? 0;
      birthNumbers.set(birthDate, k + 1);
      if (k < 49) personnummer = personnummerFor(birthDate, 2 * (k + 1) - (gender === "man" ? 1 : 0));
    }
    const referred = chance(0.9);
    const educationLevel = chance(0.95) ? pick(educations) : null;
    const incomesEntry = incomes(entryIncomes);
    const mainIncome = incomesEntry.reduce<Income | undefined>((best, x) => (!best || x.share > best.share ? x : best), undefined)?.code ?? null;
    const planned = plannedEnd(startDate, plannedMonths);
    const started = addDays(startDate, 30) < today;
    const exited = started && chance(planned < today ? 0.9 : 0.3);
    const lastDay = addDays(today, -1);
    const endDate = exited ? ([addDays(startDate, int(30, plannedMonths * 31 + 60)), lastDay].sort()[0] ?? lastDay) : null;
    const counted = chance(0.985);
    out.push({
      enrolmentRef: `INS-${String(i).padStart(6, "0")}`,
      personRef: `P-${String(i).padStart(6, "0")}`,
      person: { personnummer, firstName: faker.person.firstName(sex), lastName: faker.person.lastName(), gender, birthDate },
      intake: intake?.name ?? null,
      referralDate: referred ? addDays(startDate, -int(3, 60)) : null,
      referringParty: referred ? pick(parties) : null,
      startDate,
      plannedMonths,
      educationLevel,
      educationCompleted: educationLevel ? chance(0.7) : null,
      hadEmployment: chance(0.45),
      hadInternship: chance(0.3),
      mainIncome,
      incomesEntry,
      endDate,
      exitStatus: endDate ? pick(exitStatuses) : null,
      exitFinal: endDate ? chance(0.88) : null,
      incomesExit: endDate ? incomes(exitIncomes) : [],
      counted,
      notCountedReason: counted ? null : faker.helpers.arrayElement(notCountedReasons),
      coach: null,
    });
  }
  return out;
}

/** One internship (praktik) per enrolment at an invented workplace, inside the enrolment's period. */
export function inventedActivities(enrolments: EnrolmentRecord[], { seed = 11 }: { seed?: number } = {}): ActivityRecord[] {
  const faker = seeded(seed);
  return enrolments.map((e, i) => {
    const start = addDays(e.startDate, faker.number.int({ min: 0, max: 21 }));
    const startDate = e.endDate && start > e.endDate ? e.startDate : start;
    const end = addDays(startDate, faker.number.int({ min: 28, max: 120 }));
    return {
      activityRef: `AKT-${String(i + 1).padStart(6, "0")}`,
      enrolmentRef: e.enrolmentRef,
      type: "praktik",
      startDate,
      endDate: e.endDate && end > e.endDate ? e.endDate : end,
      extentPercent: faker.helpers.arrayElement([25, 50, 75, 100]),
      employer: faker.company.name(),
      employmentForm: null,
      provider: null,
      note: null,
    };
  });
}
