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
  employers: ["id", "organisation_id", "name", "organisation_number", "sector", "trades", "notes", "status"],
  employer_workplaces: ["id", "employer_id", "name", "street", "postal_code", "postal_town", "district", "notes"],
  employer_contacts: ["id", "employer_id", "workplace_id", "name", "role", "phone", "email", "is_supervisor", "supervisor_trained_on"],
  employer_contact_log: ["id", "employer_id", "project_id", "kind", "occurred_on", "coach_id", "contact_id", "outcome", "created_by"],
  activities: [
    "id",
    "enrolment_id",
    "type_code",
    "start_date",
    "end_date",
    "extent_unit",
    "extent_value",
    "purpose",
    "status",
    "interrupted_reason",
    "coach_id",
    "notes",
    "details",
    "employer_id",
    "workplace_id",
    "supervisor_id",
  ],
  placement_follow_ups: ["id", "activity_id", "anchor", "offset_unit", "offset_amount", "due_date", "done_on", "how", "notes", "done_by"],
  tasks: ["id", "enrolment_id", "kind", "activity_id", "reason", "created_at", "done_at", "done_by"],
  meetings: ["id", "enrolment_id", "starts_at", "duration_minutes", "form", "attendance", "agreed_tasks", "note", "created_by"],
  meeting_staff: ["meeting_id", "user_id"],
  plan_revisions: ["id", "enrolment_id", "number", "goals", "reason", "created_by", "created_at"],
  journal_notes: ["id", "enrolment_id", "author_id", "body", "status", "signed_at", "created_at", "updated_at"],
} as const;
export type Table = keyof typeof columns;
/** Tables made before the participants, with their keys in place: staff, intakes and the employer network. */
export const preludeTables: Table[] = [
  "users",
  "project_memberships",
  "intakes",
  "employers",
  "employer_workplaces",
  "employer_contacts",
  "employer_contact_log",
];
/** Order of loading: every table after the ones it refers to. */
export const participantTables: Table[] = [
  "persons",
  "referrals",
  "enrolments",
  "enrolment_incomes",
  "consents",
  "extensions",
  "pauses",
  "activities",
  "placement_follow_ups",
  "tasks",
  "meetings",
  "meeting_staff",
  "plan_revisions",
  "journal_notes",
];

export type Value = string | number | boolean | null;
const special = /[\\\t\n\r]/;
const esc = (v: Value): string => {
  switch (typeof v) {
    case "string":
      // Most values need no escaping: test first, replace only the few that do.
      return special.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : v;
    case "number":
      return String(v);
    case "boolean":
      return v ? "t" : "f";
    default:
      return "\\N";
  }
};

/** One row as a line of COPY text (without the line break). */
export const copyLine = (values: Value[]) => values.map(esc).join("\t");

/** Bytes of COPY text per buffer; a longer line gets a buffer of its own. */
const CHUNK = 1 << 20;

/**
 * Rows of one batch, per table, as COPY text written straight into buffers line by line: the
 * line strings die young (a batch makes millions of them), and the buffers pass to another
 * thread without a copy.
 */
export class Batch {
  readonly #out = new Map<Table, { done: Uint8Array[]; buf: Buffer; used: number; count: number }>();
  add(table: Table, values: Value[]) {
    this.line(table, copyLine(values));
  }
  /** A row already in COPY text form, for hot paths whose values never need escaping. */
  line(table: Table, line: string) {
    let o = this.#out.get(table);
    if (!o) {
      o = { done: [], buf: Buffer.allocUnsafeSlow(CHUNK), used: 0, count: 0 };
      this.#out.set(table, o);
    }
    // UTF-8 takes at most three bytes per UTF-16 unit.
    const most = line.length * 3 + 1;
    if (o.used + most > o.buf.length) {
      if (o.used) o.done.push(o.buf.subarray(0, o.used));
      o.buf = Buffer.allocUnsafeSlow(Math.max(CHUNK, most));
      o.used = 0;
    }
    o.used += o.buf.write(line, o.used);
    o.buf[o.used++] = 10;
    o.count++;
  }
  /** The table's COPY text; each piece has an ArrayBuffer of its own, to transfer. */
  chunks(table: Table): Uint8Array[] {
    const o = this.#out.get(table);
    if (!o) return [];
    return o.used ? [...o.done, o.buf.subarray(0, o.used)] : [...o.done];
  }
  count(table: Table): number {
    return this.#out.get(table)?.count ?? 0;
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
