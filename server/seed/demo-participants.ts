import type { Faker } from "@faker-js/faker";
import type { Gender } from "../../schemas/participants.ts";
import type { SystemActor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { addDays, todayInSweden } from "../features/participants/dates.ts";
import { createEnrolment, exitEnrolment, extendEnrolment, pauseEnrolment, withdrawConsent } from "../features/participants/enrolments.ts";
import { createIntake } from "../features/participants/intakes.ts";
import { createReferral, decideReferral } from "../features/participants/referrals.ts";

interface Project {
  id: string;
  slug: string;
  minAge: number;
  maxAge: number;
  plannedMonths: number;
}

type Fate = "pending" | "waiting" | "declined" | "active" | "paused" | "extended" | "exited" | "reenrolled" | "temporary_exit" | "ends_soon" | "upcoming";

const parties = ["af", "ske", "fk", "egen", "region", "bist", "sol", "lss", "ov"];
const incomes = ["forsorjningsstod", "aktivitetsstod", "aktivitetsersattning", "studiemedel", "familj_ingen", "a_kassa"];
const educations = ["grundskola", "gymnasieskola", "gymnasium_praktiskt", "gymnasium_teoretiskt", "gymnasium_introduktion_anpassad", "hogskola"];
const exitStatuses = ["anstallning", "anstallning_stod", "studier", "af", "fk_aktivitetsersattning", "ske", "annan_kommunal", "annat"];
const languages = ["svenska", "arabiska", "somaliska", "tigrinja", "dari", "persiska", "ukrainska", "engelska"];

/**
 * Participants in every state of the process, with dates relative to today so the demo always
 * looks current: waiting list, pending, declined, upcoming, active, paused, extended, close to
 * the planned end, exited (final and temporary) and re-enrolled.
 */
export async function seedDemoParticipants(db: Db, faker: Faker, actor: SystemActor, project: Project, coachIds: string[], count: number) {
  const ctx = { actor };
  const today = todayInSweden();
  const intakeIds: string[] = [];
  for (let i = 4; i >= 0; i--) {
    const start = addDays(today, -i * 75 - 10);
    const intake = await createIntake(db, ctx, project.id, {
      name: `Intag ${5 - i}`,
      startDate: start,
      groupSessionsPerWeek: project.slug === "individspar" ? null : 3,
      hoursPerSession: project.slug === "individspar" ? null : 2,
      weeks: project.slug === "nystart" ? 6 : project.slug === "individspar" ? null : 4,
      individualMeetingsPerWeek: 1,
      mode: i === 2 ? "distance" : "on_site",
    });
    intakeIds.push(intake.id);
  }
  const fates: Fate[] = [
    "pending",
    "waiting",
    "waiting",
    "declined",
    "upcoming",
    "paused",
    "extended",
    "exited",
    "exited",
    "reenrolled",
    "temporary_exit",
    "ends_soon",
  ];
  for (let n = 0; n < count; n++) {
    const fate: Fate = fates[n] ?? (faker.number.int(100) < 70 ? "active" : "exited");
    const gender: Gender = faker.helpers.weightedArrayElement([
      { weight: 48, value: "kvinna" },
      { weight: 48, value: "man" },
      { weight: 4, value: "annat" },
    ]);
    const sex = gender === "kvinna" ? "female" : gender === "man" ? "male" : undefined;
    const age = faker.number.int({ min: project.minAge, max: project.maxAge });
    const birthDate = addDays(today, -Math.round((age + faker.number.float({ min: 0.05, max: 0.95 })) * 365.25));
    const protectedIdentity = n % 23 === 22;
    const intakeIndex = fate === "upcoming" ? 4 : faker.number.int({ min: fate === "ends_soon" ? 0 : 1, max: 4 });
    const startDate = fate === "upcoming" ? addDays(today, 14) : addDays(today, -(4 - intakeIndex) * 75 - 10 + faker.number.int(5));
    const referredOn = [addDays(startDate, -faker.number.int({ min: 10, max: 40 })), today].sort()[0] ?? today;
    const referral = await createReferral(db, ctx, project.id, {
      person: {
        firstName: faker.person.firstName(sex),
        lastName: faker.person.lastName(),
        gender,
        birthDate,
        protectedIdentity,
        phone: protectedIdentity ? null : faker.phone.number(),
        email: protectedIdentity ? null : faker.internet.email().toLowerCase(),
        address: protectedIdentity ? null : faker.location.streetAddress(),
        postalCode: protectedIdentity ? null : faker.location.zipCode(),
        city: "Älvby",
        language: faker.helpers.arrayElement(languages),
        interpreterNeeded: project.slug === "nystart" && n % 2 === 0,
      },
      referredOn: fate === "pending" || fate === "waiting" ? addDays(today, -faker.number.int({ min: 1, max: 20 })) : referredOn,
      referringParty: faker.helpers.arrayElement(parties),
      contactPerson: `${faker.person.firstName()} ${faker.person.lastName()}`,
      note: null,
      // Älvby's (invented) districts; Nystart serves three of them, Individspår those on försörjningsstöd.
      district: faker.helpers.arrayElement(
        project.slug === "nystart" ? ["Centrum", "Strandängen", "Bergsdal"] : ["Centrum", "Strandängen", "Bergsdal", "Norra Älvby"],
      ),
      incomeCode:
        project.slug === "individspar" ? "forsorjningsstod" : faker.helpers.arrayElement(["forsorjningsstod", "a_kassa", "aktivitetsstod", "familj_ingen"]),
    });
    if (fate === "pending") continue;
    const decidedOn = fate === "waiting" ? today : addDays(referredOn, 5);
    if (fate === "waiting" || fate === "declined") {
      await decideReferral(db, ctx, referral.id, {
        version: referral.version,
        decision: fate === "waiting" ? "waiting_list" : "declined",
        decidedOn,
        declineReason: fate === "declined" ? "Personen har fått plats i en annan insats." : null,
      });
      continue;
    }
    await decideReferral(db, ctx, referral.id, {
      version: referral.version,
      decision: "accepted",
      decidedOn,
      overrideReason: referral.outsideTargetGroup ? "Bedöms ha nytta av insatsen trots åldern." : null,
    });
    const income = faker.helpers.arrayElement(incomes);
    const second = faker.helpers.arrayElement(incomes.filter((i) => i !== income));
    let e = await createEnrolment(db, ctx, project.id, {
      personId: referral.personId,
      referralId: referral.id,
      intakeId: intakeIds[intakeIndex] ?? null,
      coachId: n % 17 === 16 ? null : (coachIds[n % coachIds.length] ?? null),
      startDate,
      plannedMonths: fate === "ends_soon" ? 10 : project.plannedMonths,
      background: {
        educationLevel: faker.helpers.arrayElement(educations),
        educationCompleted: faker.datatype.boolean(),
        hasHadEmployment: faker.datatype.boolean(),
        hasHadInternship: faker.datatype.boolean(),
        incomes:
          n % 3 === 0
            ? [
                { code: income, share: 75 },
                { code: second, share: 25 },
              ]
            : [{ code: income, share: 100 }],
      },
      consents: [
        { purpose: "information_exchange", receivingParty: "Arbetsförmedlingen", givenOn: startDate },
        { purpose: "sus_registration", receivingParty: "Samordningsförbundet", givenOn: startDate },
        ...(n % 4 === 0 ? [{ purpose: "follow_up_contact" as const, receivingParty: "Projektet", givenOn: startDate }] : []),
      ],
    });
    if (fate === "paused") {
      e = await pauseEnrolment(db, ctx, e.id, {
        version: e.version,
        fromDate: addDays(today, -7),
        toDate: addDays(today, 21),
        reason: "Sjukskriven en period.",
      });
    }
    if (fate === "extended") {
      e = await extendEnrolment(db, ctx, e.id, {
        version: e.version,
        decidedOn: addDays(today, -3),
        newPlannedEnd: addDays(e.plannedEndDate, 90),
        reason: "slutfora",
        note: "Avslutar sin praktik.",
      });
    }
    if (fate === "exited" || fate === "reenrolled" || fate === "temporary_exit") {
      const exitDate = addDays(startDate, faker.number.int({ min: 40, max: 120 }));
      const exit = exitDate < today ? exitDate : addDays(today, -1);
      e = await exitEnrolment(db, ctx, e.id, {
        version: e.version,
        exitDate: exit,
        exitStatus: fate === "temporary_exit" ? "annat" : faker.helpers.arrayElement(exitStatuses),
        final: fate !== "temporary_exit",
        incomes: [{ code: faker.helpers.arrayElement(["lon", "studiemedel", "aktivitetsstod", "forsorjningsstod"]), share: 100 }],
        nextInstance: faker.helpers.arrayElement(["Arbetsförmedlingen", "Ingen", "Vuxenutbildningen"]),
      });
      if (n % 5 === 0 && e.consents[0]) await withdrawConsent(db, ctx, e.consents[0].id, { version: e.consents[0].version, withdrawnOn: exit });
      if (fate === "reenrolled") {
        await createEnrolment(db, ctx, project.id, {
          personId: referral.personId,
          intakeId: intakeIds[4] ?? null,
          coachId: coachIds[0] ?? null,
          startDate: [addDays(exit, 30), today].sort()[0] ?? today,
          plannedMonths: 6,
          referringParty: "egen",
          background: { educationLevel: "gymnasieskola", educationCompleted: true, incomes: [{ code: "forsorjningsstod", share: 100 }] },
        });
      }
    }
  }
}
