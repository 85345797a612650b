// What happens during a synthetic enrolment: activities (internships and employments placed at
// the employer network, studies, health, job seeking …) with their workplace follow-ups and the
// new-planning tasks that ended activities leave, individual meetings with their staff and
// attendance, plan revisions, and a few journal notes. The rows keep to what the server's own
// checks and response schemas accept, so the app reads them back as if typed in.
import { randomUUID } from "node:crypto";
import type { ActivityDetailsStored, EmploymentForm } from "../schemas/activities.ts";
import type { MeetingForm } from "../schemas/meetings.ts";
import { DEFAULT_FOLLOW_UP_RULES, type FollowUpRule } from "../schemas/placements.ts";
import type { Goal } from "../schemas/plan.ts";
import { defaultCodes } from "../server/features/codes/defaults.ts";
import { fromStockholm } from "../server/features/meetings/time.ts";
import { plannedEnd } from "../server/features/participants/dates.ts";
import { AGREED_TASKS, NOTE_TEXTS } from "../server/seed/demo-meetings.ts";
import { GOAL_TEMPLATES, type GoalTemplate, NEXT } from "../server/seed/demo-plan.ts";
import type { EmployerRef } from "./employers.ts";
import type { WorldProject } from "./generate.ts";
import { addDays, type Batch, dayNumber, daysBetween, minDate, Rand } from "./rows.ts";

const maxDate = (a: string, b: string) => (a > b ? a : b);

/** The activity types the generator uses (codes of the default activity_type list) and how often. */
export const activityTypes = [
  ["praktik", 30],
  ["anstallning", 10],
  ["studier", 10],
  ["friskvard", 12],
  ["jobbsok", 14],
  ["studiebesok", 10],
  ["validering", 4],
  ["forelasning", 6],
  ["ovrigt", 4],
] as const;
type TypeCode = (typeof activityTypes)[number][0];
const typeLabel = new Map(defaultCodes.activity_type.map(([code, label]) => [code, label]));

/** Length in days (first to last day) per type; the one-day visits and lectures are 0. */
const durations: Record<TypeCode, [number, number]> = {
  praktik: [28, 120],
  anstallning: [90, 365],
  studier: [60, 280],
  friskvard: [28, 120],
  jobbsok: [14, 90],
  studiebesok: [0, 0],
  validering: [7, 45],
  forelasning: [0, 0],
  ovrigt: [14, 60],
};
const purposes: Partial<Record<TypeCode, string[]>> = {
  praktik: ["Pröva yrket och bygga rutiner", "Pröva arbete inom lager och logistik", "Förbereda en anställning", "Pröva arbetsförmågan"],
  anstallning: ["Anställning med stöd efter praktiken", "Första anställningen i Sverige"],
  studier: ["Läsa in gymnasiet", "Svenska för invandrare", "Yrkesutbildning till undersköterska"],
  friskvard: ["Promenadgrupp och rutiner", "Må bättre och orka mer"],
  jobbsok: ["CV, personligt brev och intervjuträning"],
  validering: ["Få yrkeskunskaperna bedömda"],
};
const interruptedReasons = [
  "Arbetsuppgifterna passade inte",
  "Sjukskriven, återupptas senare",
  "Deltagaren flyttade",
  "Arbetsplatsen kunde inte ta emot längre",
  "Deltagaren valde att avbryta",
];
const activityNotes = ["Tolk vid första besöket.", "Handledaren vill ha avstämning varje månad.", "Resekostnader ersätts.", "Börjar med halvdagar."];
const internshipPurposes = ["prepare_employment", "assess_work_capacity", "try_trade", "build_routines"] as const;
const employmentForms = [
  ["wage_subsidy", 30],
  ["nystartsjobb", 20],
  ["ordinary", 20],
  ["osa", 8],
  ["resource_job", 10],
  ["instegsjobb", 5],
  ["other", 7],
] as const satisfies readonly (readonly [EmploymentForm, number])[];
/** Share of the wage cost the state pays, per form of employment. */
const subsidyShare: Record<EmploymentForm, number> = {
  wage_subsidy: 0.7,
  nystartsjobb: 0.45,
  osa: 0.8,
  resource_job: 0.75,
  instegsjobb: 0.6,
  ordinary: 0,
  other: 0,
};
const studyProviders = ["Mätby lärcentrum", "Vuxenutbildningen i Mätby", "Folkhögskolan Mätland", "Yrkeshögskolan Mätby"];
const studyLevels = ["basic", "upper_secondary", "vocational", "higher"] as const;
const validationFields = ["Restaurang och storkök", "Vård och omsorg", "Lager och logistik", "Fordon", "Barnskötare"];
const freeWorkplaces = ["Förskolan Solrosen, Skolgatan 12", "Mätby bibliotek", "Restaurang Kajen, Hamnplan 1", "Kyrkans second hand", "Butiken på torget"];
const freeSupervisors = ["Förskollärare", "Kökschef", "Butiksansvarig", null];
const followUpNotes = [
  "Kommer i tid och trivs med arbetsuppgifterna.",
  "Handledaren nöjd; vill pröva fler arbetsuppgifter.",
  "Behöver stöd med svenskan i arbetet.",
];

const meetingForms = [
  ["on_site", 55],
  ["phone", 20],
  ["video", 10],
  ["workplace", 10],
  ["home_visit", 5],
] as const satisfies readonly (readonly [MeetingForm, number])[];
const meetingLengths = [
  [30, 2],
  [45, 3],
  [60, 5],
  [90, 1],
] as const;
/** NULL in COPY text. */
const NULL = "\\N";
const meetingTimes = ["08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "13:00", "13:30", "14:00", "14:30", "15:00"];
const meetingNotes = ["Videolänk skickas dagen innan.", "Tolk bokad.", "Träffas i entrén."];
const noteBodies = [...NOTE_TEXTS, "Trepartssamtal med handledaren. Praktiken fungerar bra; arbetsgivaren kan tänka sig en anställning med stöd."];

// The demo's goals, and one more for the longer periods of the benchmark data.
const goalTemplates: GoalTemplate[] = [
  ...GOAL_TEMPLATES,
  {
    title: "Få en anställning",
    subGoals: [
      { title: "Söka fem jobb i månaden", owner: "participant" },
      { title: "Ta fram underlag för lönebidrag", owner: "other", ownerName: "Arbetsförmedlingen" },
    ],
  },
];
const revisionReasons = ["Uppföljning av planen", "Praktiken avslutades", "Nya önskemål", "Efter trepartssamtal"];

/** The facts of one enrolment that its life is drawn from. */
export interface EnrolmentFacts {
  id: string;
  project: WorldProject;
  start: string;
  exit: string | null;
  coachId: string | null;
}

interface Placed {
  employer: EmployerRef;
  workplaceId: string | null;
  supervisorId: string | null;
}

/** When a follow-up by `rule` is due, as the server's dueDate counts it (months as calendar months). */
function dueDate(rule: FollowUpRule, start: string, end: string | null): string | null {
  const from = rule.anchor === "start" ? start : end;
  if (!from) return null;
  if (rule.unit === "days") return addDays(from, rule.amount);
  return rule.amount === 0 ? from : addDays(plannedEnd(from, rule.amount), 1);
}

/** Sunday is 0. 1970-01-01, day 0, was a Thursday. */
const weekdayOf = (d: string) => (((dayNumber(d) + 4) % 7) + 7) % 7;
/** Stockholm's offset from UTC on a date, at office hours: '+01' in winter, '+02' in summer. */
const offsets = new Map<string, string>();
function stockholmOffset(date: string): string {
  let o = offsets.get(date);
  if (o === undefined) {
    const noon = fromStockholm(date, "12:00") as Date;
    o = noon.getUTCHours() === 10 ? "+02" : "+01";
    offsets.set(date, o);
  }
  return o;
}
const stamp = (date: string, hour: number, minute = 0) => `${date} ${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00+00`;

/**
 * Draws the life of each enrolment from its own random stream, in the order the enrolments are
 * made, so the persons and enrolments are the same for a seed with or without it.
 */
export class EnrolmentLife {
  readonly #r: Rand;
  readonly #today: string;
  readonly #employers: EmployerRef[];
  readonly #internal: EmployerRef[];

  constructor(today: string, employers: EmployerRef[], seed: number) {
    this.#r = new Rand(seed * 2_654_435 + 101);
    this.#today = today;
    this.#employers = employers;
    this.#internal = employers.filter((e) => e.internal);
  }

  add(batch: Batch, e: EnrolmentFacts) {
    const r = this.#r;
    // Someone holds the meetings and ticks the follow-ups even while the coach's place is empty.
    const staff = e.coachId ?? r.pick(e.project.coachIds);
    this.#activities(batch, e, staff);
    this.#meetings(batch, e, staff);
    this.#plan(batch, e);
    this.#notes(batch, e, staff);
  }

  /** Some employers take many people: a third of the placements go mostly to the first ones of the list, the rest anywhere. */
  #employer(internal: boolean): EmployerRef | null {
    const list = internal && this.#internal.length ? this.#internal : this.#employers;
    const x = this.#r.next();
    return list[Math.floor((this.#r.chance(0.3) ? x * x : x) * list.length)] ?? null;
  }

  #place(employer: EmployerRef | null): Placed | null {
    const r = this.#r;
    if (!employer) return null;
    const workplace = r.chance(0.9) ? r.pick(employer.workplaces) : null;
    const supervisors = workplace ? employer.supervisors.filter((s) => s.workplaceId === workplace.id) : employer.supervisors;
    return { employer, workplaceId: workplace?.id ?? null, supervisorId: r.chance(0.8) ? (r.pick(supervisors)?.id ?? null) : null };
  }

  #details(type: TypeCode, place: Placed | null, employment: { internal: boolean }): ActivityDetailsStored {
    const r = this.#r;
    switch (type) {
      case "praktik":
        return {
          kind: "internship",
          workplace: place ? null : r.pick(freeWorkplaces),
          supervisorName: place ? null : r.pick(freeSupervisors),
          purpose: r.chance(0.85) ? r.pick(internshipPurposes) : null,
          activitySupportDecision: r.chance(0.8) ? r.chance(0.85) : null,
        };
      case "anstallning": {
        const form = r.weighted(employmentForms);
        const wage = r.chance(0.9) ? r.int(22, 34) * 1000 : null;
        const share = subsidyShare[form];
        return {
          kind: "employment",
          form,
          employer: employment.internal ? "internal" : "external",
          monthlyWageCost: wage,
          monthlyStateSubsidy: wage !== null && share > 0 ? Math.round((wage * share) / 100) * 100 : null,
          topUpPercent: r.chance(0.8) ? 20 : r.pick([10, 15, 25]),
        };
      }
      case "studier":
        return {
          kind: "studies",
          provider: r.chance(0.9) ? r.pick(studyProviders) : null,
          level: r.chance(0.9) ? r.pick(studyLevels) : null,
          supportedEducation: r.chance(0.15),
        };
      case "validering":
        return { kind: "validation", field: r.pick(validationFields), result: r.chance(0.3) ? "Godkänd i delar av yrket." : null };
      default:
        return { kind: "none" };
    }
  }

  #extent(type: TypeCode): [unit: string, value: number] | null {
    const r = this.#r;
    switch (type) {
      case "praktik":
        return r.chance(0.7) ? ["percent", r.pick([25, 50, 50, 75, 100])] : ["hours_per_week", r.pick([10, 15, 20, 30])];
      case "anstallning":
        return ["percent", r.pick([50, 75, 100, 100])];
      case "studier":
        return ["percent", r.pick([50, 100])];
      case "friskvard":
        return ["hours_per_week", r.pick([2, 3, 4])];
      case "jobbsok":
        return r.chance(0.6) ? ["hours_per_week", r.pick([4, 6, 10])] : null;
      case "validering":
      case "ovrigt":
        return r.chance(0.5) ? ["percent", r.pick([25, 50])] : null;
      default:
        return null;
    }
  }

  /**
   * 0–4 activities, one after the other with some overlap, inside the enrolment. On an exited
   * enrolment every activity has ended by the exit; on an open one those that start after today
   * are planned, those running are ongoing, and those past their end have ended.
   */
  #activities(batch: Batch, e: EnrolmentFacts, staff: string) {
    const r = this.#r;
    const today = this.#today;
    const started = e.start <= today;
    const n = started
      ? r.weighted([
          [0, 20],
          [1, 30],
          [2, 25],
          [3, 15],
          [4, 10],
        ] as const)
      : r.chance(0.3)
        ? 1
        : 0;
    // Open enrolments plan up to a month ahead; exited ones end with the exit.
    const horizon = e.exit ?? addDays(today, 30);
    let cursor = addDays(e.start, r.int(3, 40));
    // An internship that ended as planned at an employer: now and then the next activity is an employment there.
    let hiredAt = null as { place: Placed; end: string } | null;
    for (let k = 0; k < n && cursor <= horizon; k++) {
      const hired: { place: Placed; end: string } | null = hiredAt && r.chance(0.3) ? hiredAt : null;
      const type: TypeCode = hired ? "anstallning" : r.weighted(activityTypes);
      const start = hired ? minDate(addDays(hired.end, 1), horizon) : cursor;
      const [min, max] = durations[type];
      const length = r.int(min, max);
      let end: string | null = addDays(start, length);
      let status: "planned" | "ongoing" | "ended" | "interrupted";
      if (e.exit) {
        end = minDate(end, e.exit);
        status = r.chance(0.15) && length > 0 ? "interrupted" : "ended";
      } else if (start > today) {
        status = "planned";
        if ((type === "anstallning" || type === "studier") && r.chance(0.4)) end = null;
      } else if (end < today) {
        status = r.chance(0.15) && length > 0 ? "interrupted" : "ended";
      } else {
        status = "ongoing";
        if ((type === "anstallning" || type === "studier") && r.chance(0.5)) end = null;
      }
      if (status === "interrupted" && end) end = addDays(start, r.int(0, daysBetween(start, end)));

      const placed: boolean = type === "praktik" ? r.chance(0.85) : type === "anstallning" ? r.chance(0.7) : false;
      const internal: boolean = type === "anstallning" && r.chance(0.3);
      const place: Placed | null = hired ? hired.place : placed ? this.#place(this.#employer(internal)) : null;
      const details = this.#details(type, place, { internal: place ? place.employer.internal : internal });
      const extent = this.#extent(type);
      const id = randomUUID();
      const reason = status === "interrupted" ? r.pick(interruptedReasons) : null;
      batch.add("activities", [
        id,
        e.id,
        type,
        start,
        end,
        extent?.[0] ?? null,
        extent?.[1] ?? null,
        r.chance(0.5) ? (r.pick(purposes[type] ?? [null]) ?? null) : null,
        status,
        reason,
        staff,
        r.chance(0.15) ? r.pick(activityNotes) : null,
        JSON.stringify(details),
        place?.employer.id ?? null,
        place?.workplaceId ?? null,
        place?.supervisorId ?? null,
      ]);
      const over = status === "ended" || status === "interrupted";
      if (type === "praktik" || type === "anstallning") this.#followUps(batch, id, start, end, over, staff);
      if (over && end) this.#task(batch, e, id, type, start, end, status === "interrupted" ? reason : null, staff);
      hiredAt = type === "praktik" && place && status === "ended" && end ? { place, end } : null;
      cursor = addDays(start, Math.max(1, Math.round(length * (0.5 + r.next())) + r.int(0, 30)));
    }
  }

  /**
   * Follow-ups at the workplace by the default schedule, as the server schedules them for a new
   * placement; when the placement is over, those counted from its start that fall after its last
   * day are gone. Most that are due have been done (on the day or a few days later).
   */
  #followUps(batch: Batch, activityId: string, start: string, end: string | null, over: boolean, staff: string) {
    const r = this.#r;
    const today = this.#today;
    for (const rule of DEFAULT_FOLLOW_UP_RULES) {
      const due = dueDate(rule, start, end);
      if (over && rule.anchor === "start" && end && due && due > end) continue;
      const done = due !== null && due <= today && r.chance(0.85) ? minDate(addDays(due, r.int(0, 5)), today) : null;
      batch.add("placement_follow_ups", [
        randomUUID(),
        activityId,
        rule.anchor,
        rule.unit,
        rule.amount,
        due,
        done,
        done ? (r.chance(0.5) ? "phone" : "visit") : null,
        done && r.chance(0.5) ? r.pick(followUpNotes) : null,
        done ? staff : null,
      ]);
    }
  }

  /** The new-planning task an ended activity leaves; done within a few weeks, or still open if recent. */
  #task(batch: Batch, e: EnrolmentFacts, activityId: string, type: TypeCode, start: string, end: string, interrupted: string | null, staff: string) {
    const r = this.#r;
    const until = e.exit ?? this.#today;
    const how = interrupted ? `avbröts ${end}: ${interrupted}` : `avslutades ${end}`;
    // On an exited enrolment the coach has planned anew by the exit at the latest.
    const doneOn = minDate(addDays(end, r.int(1, 21)), until);
    const done = e.exit !== null || (doneOn < this.#today && r.chance(0.9));
    batch.add("tasks", [
      randomUUID(),
      e.id,
      "new_planning",
      activityId,
      `${typeLabel.get(type) ?? type} (${start}) ${how}. Gör en ny planering.`,
      stamp(end, 14, 5),
      // Done after it was made, also when that is the same day.
      done ? stamp(doneOn, 15, 40) : null,
      done ? staff : null,
    ]);
  }

  /**
   * Individual meetings every one to three weeks from the start to the exit (or, for an open
   * enrolment, up to three weeks ahead), at most 20: a long enrolment meets less often. Weekdays
   * in office hours; attendance recorded for most past meetings.
   */
  #meetings(batch: Batch, e: EnrolmentFacts, staff: string) {
    const r = this.#r;
    const today = this.#today;
    const last = e.exit ?? addDays(maxDate(today, e.start), 21);
    const span = daysBetween(e.start, last);
    const cadence = r.weighted([
      [7, 3],
      [14, 5],
      [21, 2],
    ] as const);
    const count = Math.min(20, Math.floor(span / cadence) + 1);
    const step = count > 1 ? span / (count - 1) : 0;
    const other = e.project.coachIds.length > 1 && r.chance(0.05) ? r.pick(e.project.coachIds.filter((c) => c !== staff)) : null;
    let previous = "";
    for (let i = 0; i < count; i++) {
      let date = addDays(e.start, Math.round(i * step) + (i > 0 && i < count - 1 ? r.int(-2, 2) : 0));
      const day = weekdayOf(date);
      if (day === 6 || day === 0) {
        const friday = addDays(date, day === 6 ? -1 : -2);
        const monday = addDays(date, day === 6 ? 2 : 1);
        date = friday >= e.start ? friday : monday;
        if (date > last) continue;
      }
      if (date <= previous) continue;
      previous = date;
      const past = date < today;
      const attendance = past
        ? r.weighted([
            ["attended", 78],
            ["cancelled", 10],
            ["no_show", 8],
            [null, 4],
          ] as const)
        : r.chance(0.05)
          ? "cancelled"
          : null;
      const id = randomUUID();
      // The most numerous rows, written as COPY text directly: none of these values needs escaping.
      const time = r.pick(meetingTimes);
      const minutes = r.weighted(meetingLengths);
      const form = r.weighted(meetingForms);
      const tasks = r.chance(0.4) ? r.pick(AGREED_TASKS) : NULL;
      const note = r.chance(0.08) ? r.pick(meetingNotes) : NULL;
      batch.line(
        "meetings",
        `${id}\t${e.id}\t${date} ${time}:00${stockholmOffset(date)}\t${minutes}\t${form}\t${attendance ?? NULL}\t${tasks}\t${note}\t${staff}`,
      );
      batch.line("meeting_staff", `${id}\t${staff}`);
      if (other && i % 4 === 0) batch.line("meeting_staff", `${id}\t${other}`);
    }
  }

  /** 0–3 revisions of the plan, the first in the weeks after the start, later ones months apart. */
  #plan(batch: Batch, e: EnrolmentFacts) {
    const r = this.#r;
    const until = minDate(e.exit ?? this.#today, this.#today);
    const revisions = r.weighted([
      [0, 15],
      [1, 40],
      [2, 30],
      [3, 15],
    ] as const);
    let date = addDays(e.start, r.int(5, 30));
    let goals: Goal[] = [];
    for (let number = 1; number <= revisions && date <= until; number++) {
      goals = number === 1 ? this.#firstGoals(e.start) : this.#revise(goals, e.start);
      batch.add("plan_revisions", [
        randomUUID(),
        e.id,
        number,
        JSON.stringify(goals),
        number === 1 ? "Första planeringen efter kartläggningen" : r.pick(revisionReasons),
        e.coachId,
        stamp(date, r.int(7, 14), r.pick([0, 15, 30, 45])),
      ]);
      date = addDays(date, r.int(30, 120));
    }
  }

  #firstGoals(start: string): Goal[] {
    const r = this.#r;
    const first = r.int(0, goalTemplates.length - 1);
    const count = r.int(1, 3);
    const goals: Goal[] = [];
    for (let i = 0; i < count; i++) {
      const g = goalTemplates[(first + i * 2) % goalTemplates.length] as GoalTemplate;
      goals.push({
        id: randomUUID(),
        title: g.title,
        owner: "participant",
        ownerName: null,
        dueDate: addDays(start, 120 + i * 60),
        status: "ongoing",
        comment: null,
        subGoals: g.subGoals.map((s, j) => ({
          id: randomUUID(),
          title: s.title,
          owner: s.owner,
          ownerName: s.ownerName ?? null,
          dueDate: addDays(start, 45 + j * 30),
          status: "not_started",
          comment: null,
        })),
      });
    }
    return goals;
  }

  /** The next revision: sub-goals move on, the last goal may be dropped, and sometimes a goal is added. */
  #revise(goals: Goal[], start: string): Goal[] {
    const r = this.#r;
    const next: Goal[] = goals.map((g) => ({ ...g, subGoals: g.subGoals.map((s) => (r.chance(0.6) ? { ...s, status: NEXT[s.status] } : s)) }));
    const last = next.at(-1);
    if (last && r.chance(0.2)) {
      last.status = "dropped";
      last.comment = "Deltagaren vill prioritera ett annat mål just nu.";
    } else if (last?.subGoals.every((s) => s.status === "reached")) last.status = "reached";
    const extra = goalTemplates.find((t) => !next.some((g) => g.title === t.title));
    if (extra && r.chance(0.3))
      next.push({
        id: randomUUID(),
        title: extra.title,
        owner: "participant",
        ownerName: null,
        dueDate: addDays(start, 300),
        status: "not_started",
        comment: null,
        subGoals: [],
      });
    return next;
  }

  /** Now and then a journal note or two: signed, or a recent draft not yet signed. */
  #notes(batch: Batch, e: EnrolmentFacts, staff: string) {
    const r = this.#r;
    const today = this.#today;
    const until = minDate(e.exit ?? today, today);
    const span = daysBetween(e.start, until);
    if (span < 7 || !r.chance(0.35)) return;
    for (let n = r.int(1, 2); n > 0; n--) {
      const date = addDays(e.start, r.int(1, span));
      const hour = r.int(8, 14);
      const draft = daysBetween(date, today) < 14 && r.chance(0.5);
      const at = stamp(date, hour, 15);
      batch.add("journal_notes", [randomUUID(), e.id, staff, r.pick(noteBodies), draft ? "draft" : "signed", draft ? null : stamp(date, hour, 40), at, at]);
    }
  }
}
