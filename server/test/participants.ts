import { fakerSV as faker } from "@faker-js/faker";
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import type { Enrolment, PersonInput, Referral } from "../../schemas/participants.ts";
import type { Db } from "../db/client.ts";
import { addDays, todayInSweden } from "../features/participants/dates.ts";
import { personnummerFor } from "../features/participants/identity.ts";
import type { Session } from "./factories.ts";

let serial = 0;

/** A date `n` days from today (negative: in the past), as 'YYYY-MM-DD'. */
export const daysFromToday = (n: number) => addDays(todayInSweden(), n);

/** A birth date that makes the person exactly `age` years old today (and for the next two months). */
export function birthDateForAge(age: number): string {
  const d = daysFromToday(-60);
  // 29 February exists only in leap years; the 28th keeps the age the same.
  return `${Number(d.slice(0, 4)) - age}${d.slice(4).replace("-02-29", "-02-28")}`;
}

/**
 * A valid personnummer, YYYYMMDD-NNNN: the three-digit birth number and the Luhn check digit
 * computed over YYMMDDNNN. Each call gives a new birth number, so numbers do not collide.
 */
export function aPersonnummer(birthDate: string, birthNumber = (serial++ % 998) + 1): string {
  return personnummerFor(birthDate, birthNumber);
}

/** The same number with a wrong check digit. */
export const withBadCheckDigit = (pnr: string) => `${pnr.slice(0, -1)}${(Number(pnr.slice(-1)) + 1) % 10}`;

/** A fictional person for a referral form, with a valid personnummer unless told otherwise. */
export function aPersonInput(overrides: Partial<PersonInput> & { age?: number } = {}): PersonInput {
  const { age = faker.number.int({ min: 20, max: 28 }), ...rest } = overrides;
  const birthDate = rest.birthDate ?? birthDateForAge(age);
  return {
    firstName: faker.person.firstName(),
    lastName: faker.person.lastName(),
    gender: faker.helpers.arrayElement(["kvinna", "man", "annat"] as const),
    personnummer: rest.protectedIdentity ? null : aPersonnummer(birthDate),
    ...rest,
  };
}

/** Assert the status, showing the body when it differs. */
export function expectStatus(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, `${res.statusCode}: ${res.body}`).toBe(status);
  return res.json();
}

export interface ReferralSpec {
  person?: Partial<PersonInput> & { age?: number };
  personId?: string;
  referredOn?: string;
  referringParty?: string;
  outsideTargetGroupNote?: string;
  district?: string;
  incomeCode?: string;
}

/** A referral registered by `as` (201), for a new fictional person unless `personId` is given. */
export async function aReferral(as: Session, projectId: string, spec: ReferralSpec = {}): Promise<Referral> {
  const res = await as.post(`/api/projects/${projectId}/referrals`, {
    ...(spec.personId ? { personId: spec.personId } : { person: aPersonInput(spec.person) }),
    referredOn: spec.referredOn ?? daysFromToday(-40),
    referringParty: spec.referringParty ?? "af",
    contactPerson: "Handläggare på AF",
    ...(spec.outsideTargetGroupNote && { outsideTargetGroupNote: spec.outsideTargetGroupNote }),
    ...(spec.district && { district: spec.district }),
    ...(spec.incomeCode && { incomeCode: spec.incomeCode }),
  });
  return expectStatus(res, 201);
}

export async function decide(
  as: Session,
  referral: Referral,
  decision: "accepted" | "declined" | "waiting_list",
  extra: Record<string, unknown> = {},
): Promise<Referral> {
  const res = await as.post(`/api/referrals/${referral.id}/decision`, { version: referral.version, decision, decidedOn: referral.referredOn, ...extra });
  return expectStatus(res, 200);
}

export async function anAcceptedReferral(as: Session, projectId: string, spec: ReferralSpec = {}): Promise<Referral> {
  return decide(as, await aReferral(as, projectId, spec), "accepted");
}

export interface EnrolmentSpec extends ReferralSpec {
  startDate?: string;
  plannedMonths?: number;
  coachId?: string | null;
  intakeId?: string | null;
  background?: Record<string, unknown>;
  consents?: Record<string, unknown>[];
}

/** Referral, decision and enrolment in one go (`as` must be allowed all three); returns the enrolment. */
export async function anEnrolment(as: Session, projectId: string, spec: EnrolmentSpec = {}): Promise<Enrolment> {
  const startDate = spec.startDate ?? daysFromToday(-30);
  const referral = await anAcceptedReferral(as, projectId, { referredOn: addDays(startDate, -14), ...spec });
  const res = await as.post(`/api/projects/${projectId}/enrolments`, {
    personId: referral.personId,
    referralId: referral.id,
    startDate,
    ...(spec.plannedMonths && { plannedMonths: spec.plannedMonths }),
    ...(spec.coachId !== undefined && { coachId: spec.coachId }),
    ...(spec.intakeId !== undefined && { intakeId: spec.intakeId }),
    ...(spec.background && { background: spec.background }),
    ...(spec.consents && { consents: spec.consents }),
  });
  return expectStatus(res, 201);
}

/** An exit with the required fields. */
export const anExit = (e: { version: number }, exitDate: string, extra: Record<string, unknown> = {}) => ({
  version: e.version,
  exitDate,
  exitStatus: "anstallning",
  final: true,
  incomes: [{ code: "lon", share: 100 }],
  ...extra,
});

/** The audit entries for one subject and action, oldest first. */
export function auditOf(db: Db, action: string, subjectId?: string) {
  let q = db.selectFrom("audit_log").selectAll().where("action", "=", action);
  if (subjectId) q = q.where("subject_id", "=", subjectId);
  return q.orderBy("id").execute();
}
