import { z } from "zod";
import { Version } from "./common.ts";
import { EditText, IsoDate, OptText } from "./fields.ts";

// ---------- individual meetings ----------

export const MeetingForm = z.enum(["on_site", "video", "phone", "home_visit", "workplace"], {
  error: "Välj på plats, video, telefon, hembesök eller på arbetsplatsen",
});
export type MeetingForm = z.infer<typeof MeetingForm>;

export const Attendance = z.enum(["attended", "cancelled", "no_show"], { error: "Välj genomfört, inställt eller uteblev" });
export type Attendance = z.infer<typeof Attendance>;

/** Clock time in Swedish time, 'HH:MM'. */
export const ClockTime = z.string({ error: "Ange tid som TT:MM" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Ange tid som TT:MM, t.ex. 09:30" });

export const Duration = z
  .number({ error: "Ange längden i minuter" })
  .int({ error: "Ange hela minuter" })
  .min(5, { error: "Minst 5 minuter" })
  .max(480, { error: "Högst 480 minuter (8 timmar)" });

const StaffIds = z
  .array(z.uuid({ error: "Ogiltig medarbetare" }), { error: "Ange vilka medarbetare som deltar" })
  .min(1, { error: "Minst en medarbetare ska delta" })
  .max(10, { error: "Högst 10 medarbetare" });

/** Date and time are Swedish local time (Europe/Stockholm); the server stores the instant. */
export const CreateMeetingInput = z.object({
  date: IsoDate,
  time: ClockTime,
  durationMinutes: Duration.default(60),
  form: MeetingForm,
  /** Left out: the user who books the meeting. */
  staffIds: StaffIds.optional(),
  attendance: Attendance.nullable().default(null),
  agreedTasks: OptText(2000),
  note: OptText(1000),
});
export type CreateMeetingInput = z.input<typeof CreateMeetingInput>;

export const UpdateMeetingInput = z.object({
  version: Version,
  date: IsoDate.optional(),
  time: ClockTime.optional(),
  durationMinutes: Duration.optional(),
  form: MeetingForm.optional(),
  staffIds: StaffIds.optional(),
  attendance: Attendance.nullable().optional(),
  agreedTasks: EditText(2000),
  note: EditText(1000),
});
export type UpdateMeetingInput = z.input<typeof UpdateMeetingInput>;

export const MeetingStaff = z.object({ id: z.uuid(), name: z.string() });

export const Meeting = z.object({
  id: z.uuid(),
  enrolmentId: z.uuid(),
  /** The instant, ISO 8601 in UTC. */
  startsAt: z.string(),
  endsAt: z.string(),
  /** The same instant as Swedish date and clock time, for forms and lists. */
  date: z.string(),
  time: z.string(),
  durationMinutes: z.number().int(),
  form: MeetingForm,
  staff: z.array(MeetingStaff),
  attendance: Attendance.nullable(),
  /** True once the meeting has started: attendance can then be recorded. */
  started: z.boolean(),
  agreedTasks: z.string().nullable(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  version: z.number().int(),
});
export type Meeting = z.infer<typeof Meeting>;
export const MeetingList = z.object({
  meetings: z.array(Meeting),
  /** Coaches and managers of the project, who may be chosen as staff. */
  staffOptions: z.array(MeetingStaff),
});
export type MeetingList = z.infer<typeof MeetingList>;

// ---------- the calendar ----------

export const CalendarQuery = z
  .object({ from: IsoDate, to: IsoDate })
  .refine((q) => q.from <= q.to, { error: "Slutdatum kan inte vara före startdatum", path: ["to"] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, { error: "Högst två månader åt gången", path: ["to"] });
export type CalendarQuery = z.infer<typeof CalendarQuery>;

export const CalendarEventKind = z.enum(["meeting", "group_session"]);

/** One entry in a user's calendar, from any calendar source. */
export const CalendarEvent = z.object({
  id: z.string(),
  kind: CalendarEventKind,
  startsAt: z.string(),
  endsAt: z.string(),
  date: z.string(),
  time: z.string(),
  endTime: z.string(),
  /** Plain title without personal data, e.g. "Enskild träff" or a group's name. */
  title: z.string(),
  form: z.string().nullable(),
  attendance: Attendance.nullable(),
  projectId: z.uuid(),
  /** The participant, only for users who may read them; otherwise null. */
  participant: z.object({ enrolmentId: z.uuid(), name: z.string() }).nullable(),
});
export type CalendarEvent = z.infer<typeof CalendarEvent>;
export const CalendarWeek = z.object({ from: z.string(), to: z.string(), events: z.array(CalendarEvent) });
export type CalendarWeek = z.infer<typeof CalendarWeek>;

// ---------- the secret calendar feed ----------

export const FeedTitleDetail = z.enum(["none", "initials"], { error: "Välj inga uppgifter eller initialer" });
export type FeedTitleDetail = z.infer<typeof FeedTitleDetail>;

export const CreateFeedInput = z.object({ titleDetail: FeedTitleDetail.default("none") });
export type CreateFeedInput = z.input<typeof CreateFeedInput>;

export const FeedStatus = z.object({ active: z.boolean(), createdAt: z.string().nullable(), titleDetail: FeedTitleDetail.nullable() });
export type FeedStatus = z.infer<typeof FeedStatus>;

/** Shown once: the server keeps only a hash of the token. */
export const CreatedFeed = FeedStatus.extend({ path: z.string() });
export type CreatedFeed = z.infer<typeof CreatedFeed>;

export const FeedTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}(\.ics)?$/, { error: "Ogiltig adress" }) });
