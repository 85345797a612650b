import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { Enrolment, EnrolmentStatus, IncomeSource } from "../../../schemas/participants.ts";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import { daysInclusive, daysInProgramme, todayInSweden } from "./dates.ts";

export function statusOf(
  e: { start_date: string; exit_date: string | null },
  pauses: { fromDate: string; toDate: string }[],
  today = todayInSweden(),
): EnrolmentStatus {
  if (e.exit_date && e.exit_date <= today) return "exited";
  if (e.start_date > today) return "upcoming";
  if (pauses.some((p) => p.fromDate <= today && p.toDate >= today)) return "paused";
  return "active";
}

/** One enrolment with everything recorded on it, as the participant page shows it. */
export async function loadEnrolment(db: Db, id: string): Promise<Enrolment> {
  // One statement: the enrolment with its incomes, consents, extensions and pauses as JSON arrays.
  const e = await db
    .selectFrom("enrolments as e")
    .leftJoin("intakes as i", "i.id", "e.intake_id")
    .leftJoin("users as u", "u.id", "e.coach_id")
    .leftJoin("codes as xs", (j) => j.onRef("xs.project_id", "=", "e.project_id").on("xs.list", "=", "exit_status").onRef("xs.code", "=", "e.exit_status_code"))
    .selectAll("e")
    .select(["i.name as intake_name", "u.name as coach_name", "xs.label as exit_status_label"])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom("enrolment_incomes as ei")
          .select(["ei.phase", "ei.income_code", "ei.share"])
          .whereRef("ei.enrolment_id", "=", "e.id")
          .orderBy("ei.share", "desc")
          .orderBy("ei.income_code"),
      ).as("incomes"),
      jsonArrayFrom(
        eb
          .selectFrom("consents as c")
          .select(["c.id", "c.purpose", "c.receiving_party", "c.given_on", "c.withdrawn_on", "c.note", "c.version"])
          .whereRef("c.enrolment_id", "=", "e.id")
          .orderBy("c.given_on")
          .orderBy("c.created_at"),
      ).as("consents"),
      jsonArrayFrom(
        eb
          .selectFrom("extensions as x")
          .leftJoin("codes as c", (j) =>
            j.onRef("c.project_id", "=", "e.project_id").on("c.list", "=", "extension_reason").onRef("c.code", "=", "x.reason_code"),
          )
          .select(["x.id", "x.decided_on", "x.previous_planned_end", "x.new_planned_end", "x.reason_code", "c.label", "x.note"])
          .whereRef("x.enrolment_id", "=", "e.id")
          .orderBy("x.decided_on"),
      ).as("extensions"),
      jsonArrayFrom(
        eb
          .selectFrom("pauses as pa")
          .select(["pa.id", "pa.from_date", "pa.to_date", "pa.reason"])
          .whereRef("pa.enrolment_id", "=", "e.id")
          .orderBy("pa.from_date"),
      ).as("pauses"),
    ])
    .where("e.id", "=", id)
    .executeTakeFirst();
  if (!e) throw notFound("Inskrivningen");
  return presentEnrolment(e, todayInSweden());
}

/**
 * An enrolment row with its joined names and its incomes, consents, extensions and pauses as
 * read by `loadEnrolment` or by the participant page's single statement (page.ts).
 */
export interface EnrolmentRow {
  id: string;
  project_id: string;
  person_id: string;
  referral_id: string | null;
  intake_id: string | null;
  intake_name: string | null;
  team_id: string | null;
  coach_id: string | null;
  coach_name: string | null;
  start_date: string;
  planned_months: number;
  planned_end_date: string;
  referring_party_code: string | null;
  education_level_code: string | null;
  education_completed: boolean | null;
  has_had_employment: boolean;
  has_had_internship: boolean;
  main_income_code: string | null;
  main_income_overridden: boolean;
  exit_date: string | null;
  exit_status_code: string | null;
  exit_status_label: string | null;
  exit_final: boolean | null;
  next_instance: string | null;
  not_counted: boolean;
  not_counted_reason: string | null;
  version: number;
  incomes: { phase: "entry" | "exit"; income_code: string; share: IncomeSource["share"] }[];
  consents: {
    id: string;
    purpose: Enrolment["consents"][number]["purpose"];
    receiving_party: string;
    given_on: string;
    withdrawn_on: string | null;
    note: string | null;
    version: number;
  }[];
  extensions: {
    id: string;
    decided_on: string;
    previous_planned_end: string;
    new_planned_end: string;
    reason_code: string;
    label: string | null;
    note: string | null;
  }[];
  pauses: { id: string; from_date: string; to_date: string; reason: string }[];
}

export function presentEnrolment(e: EnrolmentRow, today: string): Enrolment {
  const { incomes, consents, extensions, pauses } = e;
  const pauseList = pauses.map((p) => ({ id: p.id, fromDate: p.from_date, toDate: p.to_date, reason: p.reason }));
  const phase = (ph: "entry" | "exit"): IncomeSource[] => incomes.filter((i) => i.phase === ph).map((i) => ({ code: i.income_code, share: i.share }));
  const until = e.exit_date && e.exit_date < today ? e.exit_date : today;
  return {
    id: e.id,
    projectId: e.project_id,
    personId: e.person_id,
    referralId: e.referral_id,
    intakeId: e.intake_id,
    intakeName: e.intake_name,
    teamId: e.team_id,
    coachId: e.coach_id,
    coachName: e.coach_name,
    startDate: e.start_date,
    plannedMonths: e.planned_months,
    plannedEndDate: e.planned_end_date,
    status: statusOf(e, pauseList, today),
    daysInProgramme: daysInProgramme(e.start_date, until, pauseList),
    plannedDays: daysInclusive(e.start_date, e.planned_end_date),
    referringParty: e.referring_party_code,
    background: {
      educationLevel: e.education_level_code,
      educationCompleted: e.education_completed,
      hasHadEmployment: e.has_had_employment,
      hasHadInternship: e.has_had_internship,
      incomes: phase("entry"),
      mainIncome: e.main_income_code,
      mainIncomeOverridden: e.main_income_overridden,
    },
    exit:
      e.exit_date && e.exit_status_code != null && e.exit_final != null
        ? {
            exitDate: e.exit_date,
            exitStatus: e.exit_status_code,
            exitStatusLabel: e.exit_status_label ?? e.exit_status_code,
            final: e.exit_final,
            incomes: phase("exit"),
            nextInstance: e.next_instance,
          }
        : null,
    notCounted: e.not_counted,
    notCountedReason: e.not_counted_reason,
    consents: consents.map((c) => ({
      id: c.id,
      purpose: c.purpose,
      receivingParty: c.receiving_party,
      givenOn: c.given_on,
      withdrawnOn: c.withdrawn_on,
      note: c.note,
      active: !c.withdrawn_on || c.withdrawn_on > today,
      version: c.version,
    })),
    extensions: extensions.map((x) => ({
      id: x.id,
      decidedOn: x.decided_on,
      previousPlannedEnd: x.previous_planned_end,
      newPlannedEnd: x.new_planned_end,
      reason: x.reason_code,
      reasonLabel: x.label ?? x.reason_code,
      note: x.note,
    })),
    pauses: pauseList,
    version: e.version,
  };
}
