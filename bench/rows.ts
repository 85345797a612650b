// Rows for COPY: the columns loaded per table, a batch of rows as COPY text, a seeded random
// source, and fast date arithmetic for generating millions of rows.
export const columns = {
  users: ["id", "email", "name", "password_hash"],
  project_memberships: ["user_id", "project_id", "role", "sensitive_access"],
  intakes: ["id", "project_id", "name", "start_date", "group_sessions_per_week", "hours_per_session", "weeks", "individual_meetings_per_week", "mode"],
  persons: [
    "id",
    "organisation_id",
    "first_name",
    "last_name",
    "sort_name",
    "gender",
    "birth_date",
    "personnummer",
    "protected_identity",
    "phone",
    "email",
    "address",
    "postal_code",
    "city",
    "language",
    "interpreter_needed",
  ],
  referrals: ["id", "project_id", "person_id", "referred_on", "referring_party_code", "contact_person", "decision", "decided_on", "decline_reason"],
  enrolments: [
    "id",
    "project_id",
    "person_id",
    "intake_id",
    "referral_id",
    "coach_id",
    "start_date",
    "planned_months",
    "planned_end_date",
    "referring_party_code",
    "education_level_code",
    "education_completed",
    "has_had_employment",
    "has_had_internship",
    "main_income_code",
    "exit_date",
    "exit_status_code",
    "exit_final",
    "next_instance",
    "not_counted",
    "not_counted_reason",
  ],
  enrolment_incomes: ["enrolment_id", "phase", "income_code", "share"],
  consents: ["enrolment_id", "purpose", "receiving_party", "given_on", "withdrawn_on"],
  extensions: ["enrolment_id", "decided_on", "previous_planned_end", "new_planned_end", "reason_code", "note"],
  pauses: ["enrolment_id", "from_date", "to_date", "reason"],
} as const;
export type Table = keyof typeof columns;
/** Order of loading: every table after the ones it refers to. */
export const participantTables: Table[] = ["persons", "referrals", "enrolments", "enrolment_incomes", "consents", "extensions", "pauses"];

export type Value = string | number | boolean | null;
const esc = (v: Value) =>
  v === null
    ? "\\N"
    : typeof v === "boolean"
      ? v
        ? "t"
        : "f"
      : typeof v === "number"
        ? String(v)
        : v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));

/** One row as a line of COPY text (without the line break). */
export const copyLine = (values: Value[]) => values.map(esc).join("\t");

/** Rows of one batch, per table, as COPY text lines. */
export class Batch {
  readonly lines = new Map<Table, string[]>();
  add(table: Table, values: Value[]) {
    let list = this.lines.get(table);
    if (!list) {
      list = [];
      this.lines.set(table, list);
    }
    list.push(copyLine(values));
  }
  text(table: Table): string {
    const list = this.lines.get(table);
    return list?.length ? `${list.join("\n")}\n` : "";
  }
  count(table: Table): number {
    return this.lines.get(table)?.length ?? 0;
  }
}

/** A small, fast, seeded random source (mulberry32): the same seed gives the same data. */
export class Rand {
  #s: number;
  constructor(seed: number) {
    this.#s = seed >>> 0;
  }
  next(): number {
    this.#s = (this.#s + 0x6d2b79f5) >>> 0;
    let t = this.#s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of xs) {
      r -= w;
      if (r < 0) return v;
    }
    return (xs[xs.length - 1] as readonly [T, number])[0];
  }
}

// Date arithmetic on 'YYYY-MM-DD' strings through day numbers, remembered both ways: the
// same few thousand dates come up millions of times.
const dayOf = new Map<string, number>();
const isoOf = new Map<number, string>();
export function dayNumber(d: string): number {
  let n = dayOf.get(d);
  if (n === undefined) {
    n = Math.round(Date.parse(d) / 86_400_000);
    dayOf.set(d, n);
  }
  return n;
}
export function addDays(d: string, days: number): string {
  const n = dayNumber(d) + days;
  let s = isoOf.get(n);
  if (s === undefined) {
    s = new Date(n * 86_400_000).toISOString().slice(0, 10);
    isoOf.set(n, s);
  }
  return s;
}
export const daysBetween = (a: string, b: string) => dayNumber(b) - dayNumber(a);
export const minDate = (a: string, b: string) => (a < b ? a : b);
