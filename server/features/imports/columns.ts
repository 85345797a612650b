import type { SheetName } from "../../../schemas/imports.ts";

/** A column of the format: its name, and the Swedish header accepted as well. */
export interface Column {
  key: string;
  sv: string;
}

const c = (key: string, sv: string): Column => ({ key, sv });

export const columns: Record<SheetName, Column[]> = {
  enrolments: [
    c("enrolment_ref", "inskrivnings_id"),
    c("person_ref", "person_id"),
    c("personnummer", "personnummer"),
    c("first_name", "förnamn"),
    c("last_name", "efternamn"),
    c("gender", "kön"),
    c("birth_date", "födelsedatum"),
    c("intake", "intag"),
    c("referral_date", "aktualiseringsdatum"),
    c("referring_party", "initierande_part"),
    c("start_date", "startdatum"),
    c("planned_months", "planerad_tid"),
    c("education_level", "utbildningsnivå"),
    c("education_completed", "fullföljd"),
    c("had_employment", "haft_anställning"),
    c("had_internship", "haft_praktik"),
    c("main_income_at_entry", "huvudsaklig_försörjning"),
    c("income_at_entry", "försörjning_start"),
    c("end_date", "slutdatum"),
    c("exit_status", "avslutsorsak"),
    c("exit_kind", "avslutstyp"),
    c("income_at_exit", "försörjning_avslut"),
    c("counted_in_statistics", "räknas_i_statistik"),
    c("not_counted_reason", "orsak_ej_räknad"),
    c("coach", "ansvarig"),
  ],
  activities: [
    c("activity_ref", "aktivitets_id"),
    c("enrolment_ref", "inskrivnings_id"),
    c("type", "typ"),
    c("start_date", "startdatum"),
    c("end_date", "slutdatum"),
    c("extent_percent", "omfattning"),
    c("employer", "arbetsgivare"),
    c("employment_form", "anställningsform"),
    c("provider", "anordnare"),
    c("note", "anteckning"),
  ],
  extensions: [
    c("extension_ref", "förlängnings_id"),
    c("enrolment_ref", "inskrivnings_id"),
    c("decided_date", "beslutsdatum"),
    c("new_end_date", "ny_slutdag"),
    c("reason", "orsak"),
  ],
};

/** The columns a row cannot do without; the rest may be empty ("not recorded"). */
export const requiredColumns: Record<SheetName, string[]> = {
  enrolments: ["enrolment_ref", "person_ref", "first_name", "last_name", "gender", "start_date"],
  activities: ["activity_ref", "enrolment_ref", "type", "start_date"],
  extensions: ["extension_ref", "enrolment_ref", "decided_date", "new_end_date", "reason"],
};

/** Sheet names in Swedish, accepted as workbook sheet or CSV file names. */
const sheetAliases: Record<string, SheetName> = {
  enrolments: "enrolments",
  inskrivningar: "enrolments",
  activities: "activities",
  aktiviteter: "activities",
  insatser: "activities",
  extensions: "extensions",
  förlängningar: "extensions",
};

const norm = (s: string) => s.trim().toLowerCase().normalize("NFC").replace(/\s+/g, "_");

export function sheetOf(name: string): SheetName | null {
  return sheetAliases[norm(name.replace(/\.csv$/i, ""))] ?? null;
}

/** The column key a header names (case-insensitive, English or Swedish), or null. */
export function columnOf(sheet: SheetName, header: string): string | null {
  const h = norm(header);
  return columns[sheet].find((col) => col.key === h || norm(col.sv) === h)?.key ?? null;
}
