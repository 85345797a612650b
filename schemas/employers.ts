import { z } from "zod";
import { Version } from "./common.ts";
import { EditText, IsoDate, OptText } from "./fields.ts";

// ---------- organisation number ----------

/**
 * A Swedish organisationsnummer: ten digits, the last a Luhn check digit over the first nine.
 * Accepts NNNNNNNNNN, NNNNNN-NNNN and the twelve-digit form with the century prefix 16;
 * returns NNNNNN-NNNN, or null when the number is not valid.
 */
export function normaliseOrganisationNumber(value: string): string | null {
  let digits = value.replace(/[\s-]/g, "");
  if (/^16\d{10}$/.test(digits)) digits = digits.slice(2);
  if (!/^\d{10}$/.test(digits)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  if ((10 - (sum % 10)) % 10 !== Number(digits[9])) return null;
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

const OrganisationNumberField = z
  .string({ error: "Ange organisationsnumret som NNNNNN-NNNN" })
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    const n = normaliseOrganisationNumber(v);
    if (!n) {
      ctx.addIssue({
        code: "custom",
        message: /^\d{6}-?\d{4}$/.test(v.replace(/\s/g, ""))
          ? "Organisationsnumret stämmer inte: kontrollsiffran (sista siffran) är fel. Kontrollera numret."
          : "Ange organisationsnumret med tio siffror, NNNNNN-NNNN",
      });
      return z.NEVER;
    }
    return n;
  });

// ---------- trades ----------

/** A trade tag as stored: trimmed, single spaces, lower case. */
export function normaliseTrade(value: string): string {
  return value.trim().replace(/\s+/g, " ").toLocaleLowerCase("sv");
}

/** Tags normalised, without duplicates and empty ones, in Swedish order. */
export function normaliseTrades(values: readonly string[]): string[] {
  const set = new Set(values.map(normaliseTrade).filter((t) => t !== ""));
  return [...set].sort(new Intl.Collator("sv").compare);
}

const Trades = z
  .array(z.string({ error: "Ange branschen som text" }).max(60, { error: "Högst 60 tecken per bransch" }), { error: "Ange branscher som en lista" })
  .max(20, { error: "Högst 20 branscher" })
  .transform(normaliseTrades);

// ---------- enums ----------

export const EmployerSector = z.enum(["municipal", "region", "state", "private", "non_profit"], {
  error: "Välj kommunal, region, statlig, privat eller idéburen",
});
export type EmployerSector = z.infer<typeof EmployerSector>;
export const EmployerStatus = z.enum(["active", "resting"], { error: "Välj aktiv eller vilande" });
export type EmployerStatus = z.infer<typeof EmployerStatus>;
export const ContactKind = z.enum(["call", "visit", "email", "event"], { error: "Välj samtal, besök, e-post eller evenemang" });
export type ContactKind = z.infer<typeof ContactKind>;
/** How a placement went, derived from the activity: see placementOutcome on the server. */
export const PlacementOutcome = z.enum(["planned", "ongoing", "ended_as_planned", "employment", "interrupted"]);
export type PlacementOutcome = z.infer<typeof PlacementOutcome>;
/** The earlier outcomes a search can ask for. */
export const OutcomeFilter = z.enum(["any_success", "employment", "ended_as_planned", "interrupted", "none"], { error: "Välj ett utfall" });
export type OutcomeFilter = z.infer<typeof OutcomeFilter>;

const Name = z.string({ error: "Ange ett namn" }).trim().min(1, { error: "Ange ett namn" }).max(200, { error: "Högst 200 tecken" });
const Email = z
  .string()
  .trim()
  .max(200, { error: "Högst 200 tecken" })
  .refine((v) => v === "" || z.email().safeParse(v).success, { error: "Ange en e-postadress som namn@exempel.se" });
const OptEmail = Email.nullable()
  .optional()
  .transform((v) => (v === "" || v === undefined ? null : v));
const EditEmail = Email.nullable()
  .optional()
  .transform((v) => (v === "" ? null : v));
const Phone = z
  .string()
  .trim()
  .max(40, { error: "Högst 40 tecken" })
  .refine((v) => v === "" || /^[0-9+\-() ]{5,}$/.test(v), { error: "Ange telefonnumret med siffror, t.ex. 021-12 34 56" });
const OptPhone = Phone.nullable()
  .optional()
  .transform((v) => (v === "" || v === undefined ? null : v));
const EditPhone = Phone.nullable()
  .optional()
  .transform((v) => (v === "" ? null : v));

// ---------- employers ----------

export const CreateEmployerInput = z.object({
  name: Name,
  organisationNumber: OrganisationNumberField.nullable()
    .optional()
    .transform((v) => v ?? null),
  sector: EmployerSector,
  trades: Trades.default([]),
  notes: OptText(4000),
  status: EmployerStatus.default("active"),
});
export type CreateEmployerInput = z.input<typeof CreateEmployerInput>;

export const UpdateEmployerInput = z.object({
  version: Version,
  name: Name.optional(),
  organisationNumber: OrganisationNumberField.nullable().optional(),
  sector: EmployerSector.optional(),
  trades: Trades.optional(),
  notes: EditText(4000),
  status: EmployerStatus.optional(),
});
export type UpdateEmployerInput = z.input<typeof UpdateEmployerInput>;

export const Employer = z.object({
  id: z.uuid(),
  name: z.string(),
  organisationNumber: z.string().nullable(),
  sector: EmployerSector,
  trades: z.array(z.string()),
  notes: z.string().nullable(),
  status: EmployerStatus,
  version: z.number().int(),
});
export type Employer = z.infer<typeof Employer>;

// ---------- workplaces ----------

const PostalCode = z
  .string()
  .trim()
  .refine((v) => v === "" || /^\d{3} ?\d{2}$/.test(v), { error: "Ange postnumret med fem siffror, t.ex. 722 15" });
/** "72215" or "722 15" → "722 15"; empty → null. */
const formatPostalCode = (v: string | null) => (v ? `${v.replace(" ", "").slice(0, 3)} ${v.replace(" ", "").slice(3)}` : null);

export const CreateWorkplaceInput = z.object({
  name: Name,
  street: OptText(200),
  postalCode: PostalCode.nullable()
    .optional()
    .transform((v) => formatPostalCode(v ?? null)),
  postalTown: OptText(100),
  district: OptText(100),
  notes: OptText(2000),
});
export type CreateWorkplaceInput = z.input<typeof CreateWorkplaceInput>;

/** A change: a field left out stays as it is, null or empty clears it. */
export const UpdateWorkplaceInput = z.object({
  version: Version,
  name: Name.optional(),
  street: EditText(200),
  postalCode: PostalCode.nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : formatPostalCode(v))),
  postalTown: EditText(100),
  district: EditText(100),
  notes: EditText(2000),
});
export type UpdateWorkplaceInput = z.input<typeof UpdateWorkplaceInput>;

export const Workplace = z.object({
  id: z.uuid(),
  employerId: z.uuid(),
  name: z.string(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  postalTown: z.string().nullable(),
  district: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
});
export type Workplace = z.infer<typeof Workplace>;

// ---------- contact people and supervisors ----------

export const CreateContactInput = z.object({
  name: Name,
  role: OptText(200),
  phone: OptPhone,
  email: OptEmail,
  workplaceId: z.uuid({ error: "Ogiltig arbetsplats" }).nullable().default(null),
  isSupervisor: z.boolean({ error: "Ange ja eller nej" }).default(false),
  supervisorTrainedOn: IsoDate.nullable().default(null),
});
export type CreateContactInput = z.input<typeof CreateContactInput>;

export const UpdateContactInput = z.object({
  version: Version,
  name: Name.optional(),
  role: EditText(200),
  phone: EditPhone,
  email: EditEmail,
  workplaceId: z.uuid({ error: "Ogiltig arbetsplats" }).nullable().optional(),
  isSupervisor: z.boolean({ error: "Ange ja eller nej" }).optional(),
  supervisorTrainedOn: IsoDate.nullable().optional(),
});
export type UpdateContactInput = z.input<typeof UpdateContactInput>;

export const Contact = z.object({
  id: z.uuid(),
  employerId: z.uuid(),
  workplaceId: z.uuid().nullable(),
  name: z.string(),
  role: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  isSupervisor: z.boolean(),
  supervisorTrainedOn: z.string().nullable(),
  version: z.number().int(),
});
export type Contact = z.infer<typeof Contact>;

// ---------- contact log ----------

export const CreateContactLogInput = z.object({
  kind: ContactKind,
  occurredOn: IsoDate,
  /** Left out: the signed-in user. */
  coachId: z.uuid({ error: "Ogiltig coach" }).nullable().default(null),
  contactId: z.uuid({ error: "Ogiltig kontaktperson" }).nullable().default(null),
  outcome: OptText(2000),
});
export type CreateContactLogInput = z.input<typeof CreateContactLogInput>;

/** A correction of a logged contact: fields left out stay as they are. */
export const UpdateContactLogInput = z.object({
  version: Version,
  kind: ContactKind.optional(),
  occurredOn: IsoDate.optional(),
  coachId: z.uuid({ error: "Ogiltig coach" }).optional(),
  contactId: z.uuid({ error: "Ogiltig kontaktperson" }).nullable().optional(),
  outcome: EditText(2000),
});
export type UpdateContactLogInput = z.input<typeof UpdateContactLogInput>;

export const ContactLogEntry = z.object({
  id: z.uuid(),
  employerId: z.uuid(),
  projectId: z.uuid(),
  kind: ContactKind,
  occurredOn: z.string(),
  coachId: z.uuid(),
  coachName: z.string(),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  outcome: z.string().nullable(),
  version: z.number().int(),
});
export type ContactLogEntry = z.infer<typeof ContactLogEntry>;

/** Employer contacts per coach per ISO week, for the project. */
export const WeeklyContactsQuery = z.object({
  weeks: z.coerce.number({ error: "Ange antal veckor" }).int().min(1, { error: "Minst 1 vecka" }).max(52, { error: "Högst 52 veckor" }).default(8),
});
export const WeeklyContacts = z.object({
  /** ISO weeks, oldest first, as 'YYYY-Www'. */
  weeks: z.array(z.string()),
  coaches: z.array(z.object({ coachId: z.uuid(), coachName: z.string(), counts: z.array(z.number().int()), total: z.number().int() })),
  totals: z.array(z.number().int()),
});
export type WeeklyContacts = z.infer<typeof WeeklyContacts>;

// ---------- placements ----------

export const Placement = z.object({
  activityId: z.uuid(),
  /** The participant's name only for a user who may read that participant; otherwise null. */
  participantName: z.string().nullable(),
  /** Where the user may open the participant; null otherwise. */
  enrolmentId: z.uuid().nullable(),
  type: z.string(),
  typeLabel: z.string(),
  category: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  workplaceName: z.string().nullable(),
  supervisorName: z.string().nullable(),
  outcome: PlacementOutcome,
});
export type Placement = z.infer<typeof Placement>;

// ---------- the employer page ----------

export const EmployerDetail = Employer.extend({
  workplaces: z.array(Workplace),
  contacts: z.array(Contact),
  contactLog: z.array(ContactLogEntry),
  placements: z.array(Placement),
  /** Placements the user may not see by name are still counted here. */
  placementCounts: z.object({ total: z.number().int(), hidden: z.number().int() }),
});
export type EmployerDetail = z.infer<typeof EmployerDetail>;

// ---------- search and suggestions ----------

export const EmployerSearch = z.object({
  q: z.string().trim().max(100, { error: "Högst 100 tecken" }).optional(),
  trades: Trades.optional(),
  sector: EmployerSector.optional(),
  status: EmployerStatus.optional(),
  /** A postal town or district of one of the employer's workplaces. */
  area: z.string().trim().max(100, { error: "Högst 100 tecken" }).optional(),
  outcome: OutcomeFilter.optional(),
});
export type EmployerSearch = z.input<typeof EmployerSearch>;

export const EmployerSummary = Employer.pick({ id: true, name: true, organisationNumber: true, sector: true, trades: true, status: true }).extend({
  areas: z.array(z.string()),
  placements: z.number().int(),
  successes: z.number().int(),
  employments: z.number().int(),
  lastContactOn: z.string().nullable(),
});
export type EmployerSummary = z.infer<typeof EmployerSummary>;
export const EmployerList = z.object({ employers: z.array(EmployerSummary), trades: z.array(z.string()), areas: z.array(z.string()) });
export type EmployerList = z.infer<typeof EmployerList>;

export const SuggestInput = z.object({
  trades: z
    .array(z.string().max(60, { error: "Högst 60 tecken per bransch" }), { error: "Ange branscher som en lista" })
    .min(1, { error: "Ange minst en bransch" })
    .max(20, { error: "Högst 20 branscher" })
    .transform(normaliseTrades)
    .refine((t) => t.length > 0, { error: "Ange minst en bransch" }),
});
export type SuggestInput = z.input<typeof SuggestInput>;
export const Suggestion = EmployerSummary.extend({ matchedTrades: z.array(z.string()), successesInTrades: z.number().int() });
export type Suggestion = z.infer<typeof Suggestion>;
export const SuggestionList = z.object({ suggestions: z.array(Suggestion) });
export type SuggestionList = z.infer<typeof SuggestionList>;

// ---------- merge ----------

export const MergeEmployersInput = z.object({
  /** The version of the employer that is kept (the one in the address). */
  version: Version,
  duplicateId: z.uuid({ error: "Välj dubbletten som ska slås ihop" }),
  duplicateVersion: Version,
});
export type MergeEmployersInput = z.input<typeof MergeEmployersInput>;
export const MergeResult = z.object({
  employer: Employer,
  moved: z.object({ workplaces: z.number().int(), contacts: z.number().int(), contactLog: z.number().int(), placements: z.number().int() }),
});
export type MergeResult = z.infer<typeof MergeResult>;
