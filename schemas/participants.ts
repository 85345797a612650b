import { z } from "zod";
import { ActivityStatus } from "./activities.ts";
import { Version } from "./common.ts";
import { EditText, IsoDate, OptText } from "./fields.ts";
import { GoalStatus } from "./plan.ts";

export { IsoDate };

// ---------- small building blocks ----------

const Required = (message: string, max = 200) =>
  z
    .string({ error: message })
    .trim()
    .min(1, { error: message })
    .max(max, { error: `Högst ${max} tecken` });
const CodeRef = (message: string) => z.string({ error: message }).trim().min(1, { error: message }).max(120);

export const Gender = z.enum(["kvinna", "man", "annat"], { error: "Välj kvinna, man eller annat" });
export type Gender = z.infer<typeof Gender>;

export const Share = z.union([z.literal(25), z.literal(50), z.literal(75), z.literal(100)], { error: "Andelen ska vara 25, 50, 75 eller 100 %" });

export const IncomeSource = z.object({ code: CodeRef("Välj inkomstkälla"), share: Share });
export type IncomeSource = z.infer<typeof IncomeSource>;

const Incomes = z
  .array(IncomeSource)
  .max(10, { error: "Högst tio inkomstkällor" })
  .refine((xs) => new Set(xs.map((x) => x.code)).size === xs.length, {
    error: "Samma inkomstkälla får bara anges en gång",
  });

// ---------- persons ----------

export const PersonInput = z
  .object({
    firstName: Required("Ange förnamn", 100),
    lastName: Required("Ange efternamn", 100),
    gender: Gender,
    birthDate: IsoDate.optional(),
    personnummer: z.string().trim().max(20).nullable().optional(),
    protectedIdentity: z.boolean().default(false),
    phone: OptText(40),
    email: z
      .union([z.literal(""), z.email({ error: "Ange en giltig e-postadress" })])
      .nullable()
      .optional()
      .transform((v) => (v ? v : null)),
    address: OptText(200),
    postalCode: OptText(10),
    city: OptText(100),
    language: OptText(60),
    interpreterNeeded: z.boolean().default(false),
  })
  .refine((p) => !p.protectedIdentity || !p.personnummer, { error: "Med skyddad identitet sparas inget personnummer", path: ["personnummer"] })
  .refine((p) => !p.protectedIdentity || (!p.address && !p.postalCode), { error: "Med skyddad identitet sparas ingen adress", path: ["address"] })
  .refine((p) => p.birthDate || p.personnummer, { error: "Ange födelsedatum eller personnummer", path: ["birthDate"] });
export type PersonInput = z.input<typeof PersonInput>;

export const UpdatePersonInput = z.object({
  version: Version,
  firstName: Required("Ange förnamn", 100).optional(),
  lastName: Required("Ange efternamn", 100).optional(),
  gender: Gender.optional(),
  birthDate: IsoDate.optional(),
  personnummer: z.string().trim().max(20).nullable().optional(),
  protectedIdentity: z.boolean().optional(),
  phone: EditText(40),
  email: z
    .union([z.literal(""), z.email({ error: "Ange en giltig e-postadress" })])
    .nullable()
    .optional(),
  address: EditText(200),
  postalCode: EditText(10),
  city: EditText(100),
  language: EditText(60),
  interpreterNeeded: z.boolean().optional(),
});
export type UpdatePersonInput = z.input<typeof UpdatePersonInput>;

export const Person = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  gender: Gender,
  birthDate: z.string(),
  age: z.number().int(),
  /** Masked, e.g. 19900101-XXXX; the full number only through its own logged endpoint. */
  personnummerMasked: z.string().nullable(),
  protectedIdentity: z.boolean(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  language: z.string().nullable(),
  interpreterNeeded: z.boolean(),
  version: z.number().int(),
});
export type Person = z.infer<typeof Person>;

export const PersonnummerReveal = z.object({ personnummer: z.string().nullable() });

export const DuplicateCheckInput = z.object({
  personnummer: z.string().trim().max(20).nullable().optional(),
  firstName: z.string().trim().max(100).optional(),
  lastName: z.string().trim().max(100).optional(),
  birthDate: IsoDate.optional(),
});
export type DuplicateCheckInput = z.infer<typeof DuplicateCheckInput>;

export const DuplicateMatch = z.object({
  personId: z.uuid(),
  name: z.string(),
  birthDate: z.string(),
  matchedOn: z.enum(["personnummer", "name_and_birth_date"]),
  /** The person has an enrolment or referral in this project (else only their existence is shown). */
  knownInProject: z.boolean(),
});
export const DuplicateMatches = z.object({ matches: z.array(DuplicateMatch) });
export type DuplicateMatches = z.infer<typeof DuplicateMatches>;

// ---------- referrals ----------

export const ReferralDecision = z.enum(["pending", "accepted", "declined", "waiting_list"], { error: "Välj ett beslut" });
export type ReferralDecision = z.infer<typeof ReferralDecision>;

export const CreateReferralInput = z
  .object({
    /** An existing person (after a duplicate check) or a new one. */
    personId: z.uuid().optional(),
    person: PersonInput.optional(),
    referredOn: IsoDate,
    referringParty: CodeRef("Välj initierande part"),
    contactPerson: OptText(200),
    note: OptText(4000),
    /** Where the person lives (kommundel), checked against the project's districts. */
    district: OptText(100),
    /** The person's main income source now (income type code), checked against the project's incomes. */
    incomeCode: z.string().trim().max(60).nullable().default(null),
    /** Staff may flag what the system cannot check. */
    outsideTargetGroupNote: OptText(500),
  })
  .refine((r) => Boolean(r.personId) !== Boolean(r.person), { error: "Välj en befintlig person eller fyll i en ny", path: ["person"] });
export type CreateReferralInput = z.input<typeof CreateReferralInput>;

export const DecideReferralInput = z
  .object({
    version: Version,
    decision: ReferralDecision,
    decidedOn: IsoDate,
    declineReason: OptText(1000),
    overrideReason: OptText(1000),
  })
  .refine((d) => d.decision !== "declined" || d.declineReason, { error: "Ange varför aktualiseringen avslås", path: ["declineReason"] });
export type DecideReferralInput = z.input<typeof DecideReferralInput>;

/**
 * A correction of what the referral says. Left out stays as it is; an empty text clears it.
 * What the target-group check reads (date, party, district, income, staff's note) can change only
 * while the referral is undecided or on the waiting list.
 */
export const UpdateReferralInput = z.object({
  version: Version,
  referredOn: IsoDate.optional(),
  referringParty: CodeRef("Välj initierande part").optional(),
  contactPerson: EditText(200),
  note: EditText(4000),
  district: EditText(100),
  incomeCode: z.string().trim().max(60).nullable().optional(),
  outsideTargetGroupNote: EditText(500),
});
export type UpdateReferralInput = z.input<typeof UpdateReferralInput>;

export const Referral = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  referredOn: z.string(),
  referringParty: z.string(),
  referringPartyLabel: z.string(),
  contactPerson: z.string().nullable(),
  note: z.string().nullable(),
  decision: ReferralDecision,
  decidedOn: z.string().nullable(),
  declineReason: z.string().nullable(),
  outsideTargetGroup: z.boolean(),
  outsideTargetReasons: z.array(z.string()),
  /** What staff wrote about the target group that the system cannot check; one of the reasons when set. */
  outsideTargetGroupNote: z.string().nullable(),
  district: z.string().nullable(),
  incomeCode: z.string().nullable(),
  overrideReason: z.string().nullable(),
  enrolmentId: z.uuid().nullable(),
  version: z.number().int(),
});
export type Referral = z.infer<typeof Referral>;
export const ReferralList = z.object({ referrals: z.array(Referral) });
export const ReferralQuery = z.object({ decision: ReferralDecision.optional() });

// ---------- intakes ----------

export const IntakeMode = z.enum(["on_site", "distance", "mixed"], { error: "Välj på plats, distans eller blandat" });
const Measure = z.number({ error: "Ange ett tal" }).min(0, { error: "Kan inte vara negativt" }).max(99, { error: "För stort" }).nullable();

const intakeFields = {
  name: Required("Ange ett namn på intaget", 120),
  startDate: IsoDate,
  groupSessionsPerWeek: Measure,
  hoursPerSession: Measure,
  weeks: z.number().int().min(0).max(104).nullable(),
  individualMeetingsPerWeek: Measure,
  mode: IntakeMode,
};

export const CreateIntakeInput = z.object({
  ...intakeFields,
  groupSessionsPerWeek: Measure.default(null),
  hoursPerSession: Measure.default(null),
  weeks: intakeFields.weeks.default(null),
  individualMeetingsPerWeek: Measure.default(null),
  mode: IntakeMode.default("on_site"),
});
export type CreateIntakeInput = z.input<typeof CreateIntakeInput>;
/** No defaults here: a field left out of a change stays as it is. */
export const UpdateIntakeInput = z.object(intakeFields).partial().extend({ version: Version });
export type UpdateIntakeInput = z.input<typeof UpdateIntakeInput>;

export const Intake = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  name: z.string(),
  startDate: z.string(),
  groupSessionsPerWeek: z.number().nullable(),
  hoursPerSession: z.number().nullable(),
  weeks: z.number().int().nullable(),
  individualMeetingsPerWeek: z.number().nullable(),
  mode: IntakeMode,
  enrolled: z.number().int(),
  version: z.number().int(),
});
export type Intake = z.infer<typeof Intake>;
export const IntakeList = z.object({ intakes: z.array(Intake) });

// ---------- enrolments ----------

export const ConsentPurpose = z.enum(["information_exchange", "sus_registration", "esf_reporting", "follow_up_contact", "share_final_document"], {
  error: "Välj ändamål",
});
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

export const ConsentInput = z.object({
  purpose: ConsentPurpose,
  receivingParty: Required("Ange mottagare", 200),
  givenOn: IsoDate,
  note: OptText(1000),
});
export type ConsentInput = z.input<typeof ConsentInput>;

const backgroundFields = {
  educationLevel: CodeRef("Välj utbildningsnivå").nullable(),
  educationCompleted: z.boolean().nullable(),
  hasHadEmployment: z.boolean(),
  hasHadInternship: z.boolean(),
  incomes: Incomes,
  /** Overrides the main income derived from the largest share. */
  mainIncome: CodeRef("Välj huvudsaklig inkomst").nullable(),
};

export const Background = z.object({
  educationLevel: backgroundFields.educationLevel.default(null),
  educationCompleted: backgroundFields.educationCompleted.default(null),
  hasHadEmployment: backgroundFields.hasHadEmployment.default(false),
  hasHadInternship: backgroundFields.hasHadInternship.default(false),
  incomes: backgroundFields.incomes.default([]),
  mainIncome: backgroundFields.mainIncome.default(null),
});
export type Background = z.input<typeof Background>;

/** A change of some background fields; no defaults, so a field left out stays as it is. */
export const BackgroundChange = z.object(backgroundFields).partial();

export const CreateEnrolmentInput = z.object({
  personId: z.uuid({ error: "Välj person" }),
  referralId: z.uuid().nullable().default(null),
  intakeId: z.uuid().nullable().default(null),
  teamId: z.uuid().nullable().default(null),
  coachId: z.uuid().nullable().default(null),
  startDate: IsoDate,
  plannedMonths: z.number({ error: "Ange planerad tid i månader" }).int().min(1, { error: "Minst 1 månad" }).max(60, { error: "Högst 60 månader" }).optional(),
  /** Required when there is no referral to take it from. */
  referringParty: CodeRef("Välj initierande part").nullable().default(null),
  background: Background.default({
    educationLevel: null,
    educationCompleted: null,
    hasHadEmployment: false,
    hasHadInternship: false,
    incomes: [],
    mainIncome: null,
  }),
  consents: z.array(ConsentInput).max(20).default([]),
});
export type CreateEnrolmentInput = z.input<typeof CreateEnrolmentInput>;

export const UpdateEnrolmentInput = z.object({
  version: Version,
  intakeId: z.uuid().nullable().optional(),
  teamId: z.uuid().nullable().optional(),
  coachId: z.uuid().nullable().optional(),
  startDate: IsoDate.optional(),
  plannedMonths: z.number().int().min(1).max(60).optional(),
  referringParty: CodeRef("Välj initierande part").nullable().optional(),
  background: BackgroundChange.optional(),
  notCounted: z.boolean().optional(),
  notCountedReason: OptText(500),
});
export type UpdateEnrolmentInput = z.input<typeof UpdateEnrolmentInput>;

export const ExtendInput = z.object({
  version: Version,
  decidedOn: IsoDate,
  newPlannedEnd: IsoDate,
  reason: CodeRef("Välj skäl till förlängningen"),
  note: OptText(1000),
});
export type ExtendInput = z.input<typeof ExtendInput>;

export const PauseInput = z
  .object({
    version: Version,
    fromDate: IsoDate,
    toDate: IsoDate,
    reason: Required("Ange skäl till uppehållet", 500),
  })
  .refine((p) => p.toDate >= p.fromDate, { error: "Slutdatum kan inte vara före startdatum", path: ["toDate"] });
export type PauseInput = z.input<typeof PauseInput>;

export const ExitInput = z
  .object({
    version: Version,
    exitDate: IsoDate,
    exitStatus: CodeRef("Välj avslutsorsak"),
    final: z.boolean({ error: "Ange om avslutet är slutligt eller tillfälligt" }),
    incomes: Incomes.min(1, { error: "Ange minst en inkomstkälla vid avslut (eller Ingen)" }),
    nextInstance: OptText(200),
    /** Left out, the flag stays as it was set on the enrolment. */
    notCounted: z.boolean().optional(),
    notCountedReason: OptText(500),
  })
  .refine((e) => !e.notCounted || e.notCountedReason, { error: "Ange varför inskrivningen inte ska räknas i statistiken", path: ["notCountedReason"] });
export type ExitInput = z.input<typeof ExitInput>;

/** A correction of a recorded pause; left out stays as it is. */
export const UpdatePauseInput = z
  .object({
    version: Version,
    fromDate: IsoDate.optional(),
    toDate: IsoDate.optional(),
    reason: Required("Ange skäl till uppehållet", 500).optional(),
  })
  .refine((p) => !p.fromDate || !p.toDate || p.toDate >= p.fromDate, { error: "Slutdatum kan inte vara före startdatum", path: ["toDate"] });
export type UpdatePauseInput = z.input<typeof UpdatePauseInput>;

/** A correction of a recorded extension; left out stays as it is. */
export const UpdateExtensionInput = z.object({
  version: Version,
  decidedOn: IsoDate.optional(),
  newPlannedEnd: IsoDate.optional(),
  reason: CodeRef("Välj skäl till förlängningen").optional(),
  note: EditText(1000),
});
export type UpdateExtensionInput = z.input<typeof UpdateExtensionInput>;

/** A correction of a recorded exit; left out stays as it is. */
export const UpdateExitInput = z.object({
  version: Version,
  exitDate: IsoDate.optional(),
  exitStatus: CodeRef("Välj avslutsorsak").optional(),
  final: z.boolean({ error: "Ange om avslutet är slutligt eller tillfälligt" }).optional(),
  incomes: Incomes.min(1, { error: "Ange minst en inkomstkälla vid avslut (eller Ingen)" }).optional(),
  nextInstance: EditText(200),
});
export type UpdateExitInput = z.input<typeof UpdateExitInput>;

/** Removing a record of the enrolment (a pause, an extension, the exit) carries the enrolment's version. */
export const RemoveInput = z.object({ version: Version });
export type RemoveInput = z.input<typeof RemoveInput>;

export const WithdrawConsentInput = z.object({ version: Version, withdrawnOn: IsoDate });
export type WithdrawConsentInput = z.input<typeof WithdrawConsentInput>;

export const EnrolmentStatus = z.enum(["active", "paused", "exited", "upcoming"]);
export type EnrolmentStatus = z.infer<typeof EnrolmentStatus>;

export const Consent = z.object({
  id: z.uuid(),
  purpose: ConsentPurpose,
  receivingParty: z.string(),
  givenOn: z.string(),
  withdrawnOn: z.string().nullable(),
  note: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Consent = z.infer<typeof Consent>;

export const Extension = z.object({
  id: z.uuid(),
  decidedOn: z.string(),
  previousPlannedEnd: z.string(),
  newPlannedEnd: z.string(),
  reason: z.string(),
  reasonLabel: z.string(),
  note: z.string().nullable(),
});
export const Pause = z.object({ id: z.uuid(), fromDate: z.string(), toDate: z.string(), reason: z.string() });

export const Enrolment = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  personId: z.uuid(),
  referralId: z.uuid().nullable(),
  intakeId: z.uuid().nullable(),
  intakeName: z.string().nullable(),
  teamId: z.uuid().nullable(),
  coachId: z.uuid().nullable(),
  coachName: z.string().nullable(),
  startDate: z.string(),
  plannedMonths: z.number().int(),
  plannedEndDate: z.string(),
  status: EnrolmentStatus,
  /** Days from start to today (or exit), pauses excluded. */
  daysInProgramme: z.number().int(),
  plannedDays: z.number().int(),
  referringParty: z.string().nullable(),
  background: z.object({
    educationLevel: z.string().nullable(),
    educationCompleted: z.boolean().nullable(),
    hasHadEmployment: z.boolean(),
    hasHadInternship: z.boolean(),
    incomes: z.array(IncomeSource),
    mainIncome: z.string().nullable(),
    mainIncomeOverridden: z.boolean(),
  }),
  exit: z
    .object({
      exitDate: z.string(),
      exitStatus: z.string(),
      exitStatusLabel: z.string(),
      final: z.boolean(),
      incomes: z.array(IncomeSource),
      nextInstance: z.string().nullable(),
    })
    .nullable(),
  notCounted: z.boolean(),
  notCountedReason: z.string().nullable(),
  consents: z.array(Consent),
  extensions: z.array(Extension),
  pauses: z.array(Pause),
  version: z.number().int(),
});
export type Enrolment = z.infer<typeof Enrolment>;

export const TimelineEvent = z.object({
  date: z.string(),
  kind: z.enum([
    "referral",
    "referral_decision",
    "enrolment",
    "consent_given",
    "consent_withdrawn",
    "extension",
    "pause",
    "exit",
    "re_enrolment",
    "activity_start",
    "activity_end",
    "mapping",
    "plan_revision",
    "group_session",
    "meeting",
    "note",
  ]),
  title: z.string(),
  detail: z.string().nullable(),
  enrolmentId: z.uuid().nullable(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** A goal of the current plan as the overview shows it: its status and how far its sub-goals have come. */
export const PageGoal = z.object({
  id: z.uuid(),
  title: z.string(),
  status: GoalStatus,
  dueDate: z.string().nullable(),
  subGoals: z.number().int(),
  subGoalsReached: z.number().int(),
});
export type PageGoal = z.infer<typeof PageGoal>;

export const PagePlan = z.object({
  /** The current revision's number. */
  number: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  goals: z.array(PageGoal),
});
export type PagePlan = z.infer<typeof PagePlan>;

export const PageActivity = z.object({
  id: z.uuid(),
  type: z.string(),
  typeLabel: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  status: ActivityStatus,
  extent: z.object({ unit: z.enum(["percent", "hours_per_week"]), value: z.number() }).nullable(),
});
export type PageActivity = z.infer<typeof PageActivity>;

export const ParticipantPage = z.object({
  person: Person,
  enrolment: Enrolment,
  /** The person's other periods in this project, newest first. */
  otherEnrolments: z.array(z.object({ id: z.uuid(), startDate: z.string(), exitDate: z.string().nullable(), status: EnrolmentStatus })),
  /** The current revision of the plan, summarised; null while there is no plan. */
  plan: PagePlan.nullable(),
  /** The enrolment's activities, oldest first. */
  activities: z.array(PageActivity),
  /** Open "new planning" prompts, e.g. after an activity ended. */
  openPlanningTasks: z.number().int(),
  canSeeSensitive: z.boolean(),
});
export type ParticipantPage = z.infer<typeof ParticipantPage>;

/** The person's events in the project across all their periods, oldest first. */
export const ParticipantTimeline = z.object({ events: z.array(TimelineEvent) });
export type ParticipantTimeline = z.infer<typeof ParticipantTimeline>;

// ---------- caseload ----------

export const CaseloadQuery = z.object({
  q: z.string().trim().max(100).optional(),
  mine: z.boolean().optional(),
  intakeId: z.uuid().optional(),
  status: EnrolmentStatus.optional(),
  coachId: z.union([z.uuid(), z.literal("none")]).optional(),
  referringParty: z.string().trim().max(60).optional(),
  endingWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseloadQuery = z.input<typeof CaseloadQuery>;

export const CaseloadRow = z.object({
  enrolmentId: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  gender: Gender,
  age: z.number().int(),
  intakeName: z.string().nullable(),
  coachName: z.string().nullable(),
  startDate: z.string(),
  plannedEndDate: z.string(),
  exitDate: z.string().nullable(),
  status: EnrolmentStatus,
  referringParty: z.string().nullable(),
  warnings: z.array(z.enum(["ends_soon", "past_planned_end", "no_coach"])),
});
export type CaseloadRow = z.infer<typeof CaseloadRow>;
export const Caseload = z.object({ rows: z.array(CaseloadRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type Caseload = z.infer<typeof Caseload>;
