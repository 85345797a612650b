import type { EmploymentForm } from "../../../schemas/activities.ts";
import type { Gender } from "../../../schemas/participants.ts";

/**
 * One row of each sheet in resolved form (codes, not labels). The import turns cells into these
 * and the export turns the project's records into these, so "the same row" means equal records.
 */
export interface Income {
  code: string;
  share: number;
}

export interface PersonFields {
  personnummer: string | null;
  firstName: string;
  lastName: string;
  gender: Gender;
  birthDate: string;
}

export interface EnrolmentRecord {
  enrolmentRef: string;
  personRef: string;
  person: PersonFields;
  intake: string | null;
  referralDate: string | null;
  referringParty: string | null;
  startDate: string;
  plannedMonths: number;
  educationLevel: string | null;
  educationCompleted: boolean | null;
  hadEmployment: boolean;
  hadInternship: boolean;
  mainIncome: string | null;
  incomesEntry: Income[];
  endDate: string | null;
  exitStatus: string | null;
  exitFinal: boolean | null;
  incomesExit: Income[];
  counted: boolean;
  notCountedReason: string | null;
  /** The coach's e-mail address. */
  coach: string | null;
}

export interface ActivityRecord {
  activityRef: string;
  enrolmentRef: string;
  type: string;
  startDate: string;
  endDate: string | null;
  extentPercent: number | null;
  employer: string | null;
  employmentForm: EmploymentForm | null;
  provider: string | null;
  note: string | null;
}

export interface ExtensionRecord {
  extensionRef: string;
  enrolmentRef: string;
  decidedDate: string;
  newEndDate: string;
  reason: string;
}

/** Employment forms in the words of the format, and the words accepted for each. */
export const employmentForms: Record<EmploymentForm, string[]> = {
  wage_subsidy: ["lönebidrag", "lonebidrag", "wage_subsidy"],
  resource_job: ["resursjobb", "resource_job"],
  osa: ["osa"],
  nystartsjobb: ["nystartsjobb"],
  instegsjobb: ["instegsjobb"],
  ordinary: ["ordinarie", "ordinary"],
  other: ["annan", "annat", "övrigt", "other"],
};

export const yesNo = (b: boolean | null) => (b == null ? "" : b ? "ja" : "nej");
/**
 * Sources with shares as one cell, largest share first and equal shares by code: the order
 * Stegvis keeps them in, so a file that lists them otherwise still reads as the same row.
 */
export const incomesText = (xs: Income[]) =>
  [...xs]
    .sort((a, b) => b.share - a.share || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((i) => `${i.code}:${i.share}`)
    .join("+");

/** The cells of each sheet for a record, in the column order of the format. */
export function enrolmentCells(e: EnrolmentRecord): Record<string, string> {
  return {
    enrolment_ref: e.enrolmentRef,
    person_ref: e.personRef,
    personnummer: e.person.personnummer ?? "",
    first_name: e.person.firstName,
    last_name: e.person.lastName,
    gender: e.person.gender,
    birth_date: e.person.birthDate,
    intake: e.intake ?? "",
    referral_date: e.referralDate ?? "",
    referring_party: e.referringParty ?? "",
    start_date: e.startDate,
    planned_months: String(e.plannedMonths),
    education_level: e.educationLevel ?? "",
    education_completed: yesNo(e.educationCompleted),
    had_employment: yesNo(e.hadEmployment),
    had_internship: yesNo(e.hadInternship),
    main_income_at_entry: e.mainIncome ?? "",
    income_at_entry: incomesText(e.incomesEntry),
    end_date: e.endDate ?? "",
    exit_status: e.exitStatus ?? "",
    exit_kind: e.exitFinal == null ? "" : e.exitFinal ? "slutligt" : "tillfälligt",
    income_at_exit: incomesText(e.incomesExit),
    counted_in_statistics: yesNo(e.counted),
    not_counted_reason: e.notCountedReason ?? "",
    coach: e.coach ?? "",
  };
}

export function activityCells(a: ActivityRecord): Record<string, string> {
  return {
    activity_ref: a.activityRef,
    enrolment_ref: a.enrolmentRef,
    type: a.type,
    start_date: a.startDate,
    end_date: a.endDate ?? "",
    extent_percent: a.extentPercent == null ? "" : String(a.extentPercent),
    employer: a.employer ?? "",
    employment_form: a.employmentForm ? (employmentForms[a.employmentForm][0] ?? "") : "",
    provider: a.provider ?? "",
    note: a.note ?? "",
  };
}

export function extensionCells(x: ExtensionRecord): Record<string, string> {
  return {
    extension_ref: x.extensionRef,
    enrolment_ref: x.enrolmentRef,
    decided_date: x.decidedDate,
    new_end_date: x.newEndDate,
    reason: x.reason,
  };
}

/** Columns whose values differ between two rows of a sheet (the refs themselves excepted). */
export function differingColumns(a: Record<string, string>, b: Record<string, string>, ignore: string[]): string[] {
  return Object.keys(a).filter((k) => !ignore.includes(k) && (a[k] ?? "") !== (b[k] ?? ""));
}
