import { z } from "zod";
import { Version } from "./common.ts";
import { EditText, IsoDate, OptText } from "./fields.ts";

// ---------- building blocks ----------

export const GroupMode = z.enum(["on_site", "distance"], { error: "Välj på plats eller distans" });
export type GroupMode = z.infer<typeof GroupMode>;

export const GroupStatus = z.enum(["planned", "running", "finished", "cancelled"], { error: "Välj planerad, pågående, avslutad eller inställd" });
export type GroupStatus = z.infer<typeof GroupStatus>;

/** A fixed list: the themes the programmes name; anything else is `other` with the topic in words. */
export const SessionTheme = z.enum(["empowerment", "working_life", "everyday_life", "guest_lecturer", "other"], {
  error: "Välj egenmakt, arbetslivets rättigheter och skyldigheter, vardagsliv, gästföreläsare eller annat",
});
export type SessionTheme = z.infer<typeof SessionTheme>;

export const AttendanceStatus = z.enum(["present", "absent_notified", "absent_unnotified"], {
  error: "Välj närvarande, frånvarande (anmält) eller frånvarande (ej anmält)",
});
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

/** Local time in Sweden, HH:MM. */
export const LocalTime = z.string({ error: "Ange tid som TT:MM" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Ange tid som TT:MM, t.ex. 09:00" });

// ---------- the session pattern ----------

export const SessionPattern = z
  .object({
    startDate: IsoDate,
    weeks: z
      .number({ error: "Ange antal veckor" })
      .int({ error: "Ange ett helt antal veckor" })
      .min(1, { error: "Minst 1 vecka" })
      .max(52, { error: "Högst 52 veckor" }),
    /** ISO weekdays: 1 = Monday … 7 = Sunday. */
    weekdays: z
      .array(z.number().int().min(1, { error: "Veckodag 1–7" }).max(7, { error: "Veckodag 1–7" }), { error: "Välj veckodagar" })
      .min(1, { error: "Välj minst en veckodag" })
      .max(7)
      .refine((d) => new Set(d).size === d.length, { error: "Samma veckodag är vald två gånger" }),
    startTime: LocalTime,
    durationMinutes: z
      .number({ error: "Ange längd i minuter" })
      .int({ error: "Ange längd i hela minuter" })
      .min(15, { error: "Minst 15 minuter" })
      .max(600, { error: "Högst 10 timmar" }),
    skipDates: z.array(IsoDate).max(100).default([]),
  })
  .refine((p) => Number(p.startTime.slice(0, 2)) * 60 + Number(p.startTime.slice(3)) + p.durationMinutes <= 24 * 60, {
    error: "En träff måste sluta samma dag som den börjar",
    path: ["durationMinutes"],
  });
export type SessionPattern = z.output<typeof SessionPattern>;
export type SessionPatternInput = z.input<typeof SessionPattern>;

export const PatternPreviewInput = z.object({ pattern: SessionPattern });
export type PatternPreviewInput = z.input<typeof PatternPreviewInput>;

export const PlannedSession = z.object({ date: z.string(), startTime: z.string(), endTime: z.string(), start: z.string(), end: z.string() });
export type PlannedSession = z.infer<typeof PlannedSession>;
export const PatternPreview = z.object({ sessions: z.array(PlannedSession) });
export type PatternPreview = z.infer<typeof PatternPreview>;

// ---------- groups ----------

const Name = z.string({ error: "Ange gruppens namn" }).trim().min(1, { error: "Ange gruppens namn" }).max(120, { error: "Högst 120 tecken" });
const LeaderIds = z
  .array(z.uuid({ error: "Ogiltig ledare" }), { error: "Välj ledare" })
  .min(1, { error: "Välj minst en ledare" })
  .max(10);

export const CreateGroupInput = z.object({
  name: Name,
  intakeId: z.uuid({ error: "Ogiltigt intag" }).nullable().default(null),
  leaderIds: LeaderIds,
  themePlan: OptText(4000),
  mode: GroupMode.default("on_site"),
  location: OptText(200),
  status: GroupStatus.default("planned"),
  /** Left out: a group without sessions yet. */
  pattern: SessionPattern.nullable().default(null),
});
export type CreateGroupInput = z.input<typeof CreateGroupInput>;

export const UpdateGroupInput = z.object({
  version: Version,
  name: Name.optional(),
  intakeId: z.uuid({ error: "Ogiltigt intag" }).nullable().optional(),
  leaderIds: LeaderIds.optional(),
  themePlan: EditText(4000),
  mode: GroupMode.optional(),
  location: EditText(200),
  status: GroupStatus.optional(),
});
export type UpdateGroupInput = z.input<typeof UpdateGroupInput>;

export const RegenerateInput = z.object({ version: Version, pattern: SessionPattern });
export type RegenerateInput = z.input<typeof RegenerateInput>;

export const GroupSession = z.object({
  id: z.uuid(),
  groupId: z.uuid(),
  /** ISO instants; date and times are the same in local Swedish time. */
  start: z.string(),
  end: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  theme: SessionTheme.nullable(),
  themeNote: z.string().nullable(),
  guestName: z.string().nullable(),
  guestOrganisation: z.string().nullable(),
  cancelled: z.boolean(),
  cancelReason: z.string().nullable(),
  edited: z.boolean(),
  /** Attendance registered for this many participants. */
  registered: z.number().int(),
  version: z.number().int(),
});
export type GroupSession = z.infer<typeof GroupSession>;

export const GroupSummary = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  name: z.string(),
  intakeId: z.uuid().nullable(),
  intakeName: z.string().nullable(),
  mode: GroupMode,
  location: z.string().nullable(),
  status: GroupStatus,
  leaders: z.array(z.object({ id: z.uuid(), name: z.string() })),
  firstSession: z.string().nullable(),
  lastSession: z.string().nullable(),
  sessions: z.number().int(),
  members: z.number().int(),
});
export type GroupSummary = z.infer<typeof GroupSummary>;
export const GroupList = z.object({ groups: z.array(GroupSummary) });
export type GroupList = z.infer<typeof GroupList>;

export const GroupMember = z.object({
  id: z.uuid(),
  enrolmentId: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  version: z.number().int(),
});
export type GroupMember = z.infer<typeof GroupMember>;

export const Group = GroupSummary.extend({
  themePlan: z.string().nullable(),
  pattern: z
    .object({
      startDate: z.string(),
      weeks: z.number(),
      weekdays: z.array(z.number()),
      startTime: z.string(),
      durationMinutes: z.number(),
      skipDates: z.array(z.string()),
    })
    .nullable(),
  sessionList: z.array(GroupSession),
  memberList: z.array(GroupMember),
  version: z.number().int(),
});
export type Group = z.infer<typeof Group>;

export const RegenerateResult = z.object({ group: Group, removed: z.number().int(), added: z.number().int(), kept: z.number().int() });
export type RegenerateResult = z.infer<typeof RegenerateResult>;

// ---------- sessions ----------

const SessionFields = {
  theme: SessionTheme.nullable().optional(),
  themeNote: EditText(500),
  guestName: EditText(200),
  guestOrganisation: EditText(200),
};

export const CreateSessionInput = z.object({ date: IsoDate, startTime: LocalTime, endTime: LocalTime, ...SessionFields });
export type CreateSessionInput = z.input<typeof CreateSessionInput>;

export const UpdateSessionInput = z.object({
  version: Version,
  date: IsoDate.optional(),
  startTime: LocalTime.optional(),
  endTime: LocalTime.optional(),
  ...SessionFields,
  cancelled: z.boolean({ error: "Ange ja eller nej" }).optional(),
  cancelReason: EditText(500),
});
export type UpdateSessionInput = z.input<typeof UpdateSessionInput>;

// ---------- members ----------

export const AddMemberInput = z.object({
  enrolmentId: z.uuid({ error: "Välj en deltagare" }),
  fromDate: IsoDate,
  toDate: IsoDate.nullable().default(null),
});
export type AddMemberInput = z.input<typeof AddMemberInput>;

export const UpdateMemberInput = z.object({ version: Version, fromDate: IsoDate.optional(), toDate: IsoDate.nullable().optional() });
export type UpdateMemberInput = z.input<typeof UpdateMemberInput>;

export const MemberCandidates = z.object({
  candidates: z.array(z.object({ enrolmentId: z.uuid(), personId: z.uuid(), name: z.string(), startDate: z.string(), inIntake: z.boolean() })),
});
export type MemberCandidates = z.infer<typeof MemberCandidates>;

// ---------- attendance ----------

export const AttendanceRow = z.object({
  enrolmentId: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  status: AttendanceStatus.nullable(),
});
export type AttendanceRow = z.infer<typeof AttendanceRow>;

export const AttendanceRegister = z.object({
  session: GroupSession,
  groupName: z.string(),
  projectId: z.uuid(),
  rows: z.array(AttendanceRow),
});
export type AttendanceRegister = z.infer<typeof AttendanceRegister>;

export const SaveAttendanceInput = z.object({
  version: Version,
  entries: z
    .array(z.object({ enrolmentId: z.uuid({ error: "Ogiltig deltagare" }), status: AttendanceStatus.nullable() }), { error: "Ange närvaro" })
    .min(1, { error: "Ange närvaro för minst en deltagare" })
    .max(200),
});
export type SaveAttendanceInput = z.input<typeof SaveAttendanceInput>;

// ---------- statistics ----------

/** present / registered; null when nothing is registered or the cell is hidden. */
export const AttendanceCell = z.object({
  registered: z.number().int().nullable(),
  present: z.number().int().nullable(),
  absentNotified: z.number().int().nullable(),
  absentUnnotified: z.number().int().nullable(),
  rate: z.number().nullable(),
  /** Fewer than five persons behind the figures: hidden from those who may see only aggregates. */
  suppressed: z.boolean(),
});
export type AttendanceCell = z.infer<typeof AttendanceCell>;

export const GroupStatistics = z.object({
  groupId: z.uuid(),
  groupName: z.string(),
  projectId: z.uuid(),
  /** false for the statistician: only aggregates, small cells hidden. */
  perPerson: z.boolean(),
  overall: AttendanceCell,
  sessions: z.array(z.object({ sessionId: z.uuid(), date: z.string(), startTime: z.string(), theme: SessionTheme.nullable(), cell: AttendanceCell })),
  persons: z.array(z.object({ enrolmentId: z.uuid(), personId: z.uuid(), name: z.string(), cell: AttendanceCell })),
});
export type GroupStatistics = z.infer<typeof GroupStatistics>;

// ---------- a participant's groups ----------

export const ParticipantGroups = z.object({
  groups: z.array(
    z.object({
      groupId: z.uuid(),
      groupName: z.string(),
      fromDate: z.string(),
      toDate: z.string().nullable(),
      cell: AttendanceCell,
      sessions: z.array(
        z.object({ sessionId: z.uuid(), date: z.string(), startTime: z.string(), theme: SessionTheme.nullable(), status: AttendanceStatus.nullable() }),
      ),
    }),
  ),
});
export type ParticipantGroups = z.infer<typeof ParticipantGroups>;
