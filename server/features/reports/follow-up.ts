import type { EnrolmentFollowUps, FollowUp, FollowUpDue, FollowUpList, FollowUpResults, ReportTable } from "../../../schemas/reports.ts";
import type { ServiceContext } from "../../auth/audit.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { conflict, invalidInput, notFound } from "../../errors.ts";
import { addDays, plannedEnd, todayInSweden } from "../participants/dates.ts";
import type { Period } from "./dis-sus.ts";
import { DEFAULT_THRESHOLD, smallLabel, suppressTable } from "./suppress.ts";
import "./tables.ts";

/** The same day `months` later (the last day of a shorter month). */
export const addMonths = (date: string, months: number) => addDays(plannedEnd(date, months), 1);

const genderLabel: Record<string, string> = { kvinna: "Kvinnor", man: "Män", annat: "Annat kön" };

interface Point {
  enrolmentId: string;
  name: string;
  gender: string;
  exitDate: string;
  months: number;
  dueDate: string;
  followUp: { done_on: string; reached: boolean; status_code: string | null } | undefined;
}

/**
 * The follow-up points of a project: for every person whose latest enrolment in the project has a
 * final exit (not marked "not counted"), one point per configured month count after the exit.
 * A person who came back after the exit is followed up after the new enrolment's exit instead.
 */
async function points(db: Db, projectId: string, months: number[]): Promise<Point[]> {
  const latest = await db
    .selectFrom("enrolments as e")
    .innerJoin("persons as p", "p.id", "e.person_id")
    .select(["e.id", "e.exit_date", "e.exit_final", "e.not_counted", "e.person_id", "p.first_name", "p.last_name", "p.gender", "p.sort_name"])
    .distinctOn("e.person_id")
    .where("e.project_id", "=", projectId)
    .orderBy("e.person_id")
    .orderBy("e.start_date", "desc")
    .orderBy("e.id", "desc")
    .execute();
  const exited = latest.filter((r) => r.exit_final === true && r.exit_date && !r.not_counted);
  const done = exited.length
    ? await db
        .selectFrom("follow_ups")
        .select(["enrolment_id", "months", "done_on", "reached", "status_code"])
        .where(
          "enrolment_id",
          "in",
          exited.map((r) => r.id),
        )
        .execute()
    : [];
  exited.sort((a, b) => (a.sort_name < b.sort_name ? -1 : a.sort_name > b.sort_name ? 1 : 0));
  return exited.flatMap((r) =>
    months.map((m) => ({
      enrolmentId: r.id,
      name: `${r.first_name} ${r.last_name}`,
      gender: r.gender,
      exitDate: r.exit_date as string,
      months: m,
      dueDate: addMonths(r.exit_date as string, m),
      followUp: done.find((d) => d.enrolment_id === r.id && d.months === m),
    })),
  );
}

/** A follow-up point after exit that is due soon or overdue and not yet recorded, for the work list. */
export interface ExitFollowUpToDo {
  enrolmentId: string;
  personId: string;
  personName: string;
  sortName: string;
  exitDate: string;
  months: number;
  dueDate: string;
  overdue: boolean;
}

/** Points overdue for longer than this are left to the project's follow-up page. */
export const EXIT_FOLLOW_UP_OVERDUE_DAYS = 183;

/**
 * The follow-up points after a final exit that fall due within `horizonDays`, or became due in the
 * last half year, and are not recorded: for the enrolments a coach had (`coachId`), or the whole
 * project. Only a person's latest enrolment in the project is followed up, as in `points`.
 */
export async function exitFollowUpsToDo(
  db: Db,
  p: { projectId: string; months: number[]; coachId?: string; horizonDays: number; today?: string },
): Promise<ExitFollowUpToDo[]> {
  if (p.months.length === 0) return [];
  const today = p.today ?? todayInSweden();
  const from = addDays(today, -EXIT_FOLLOW_UP_OVERDUE_DAYS);
  const until = addDays(today, p.horizonDays);
  // No point of an exit before this can be due after `from` (a month has at most 31 days).
  const earliestExit = addDays(from, -31 * Math.max(...p.months));
  const exited = await db
    .selectFrom("enrolments as e")
    .innerJoin("persons as p", "p.id", "e.person_id")
    .select(["e.id", "e.person_id", "e.exit_date", "p.first_name", "p.last_name", "p.sort_name"])
    .where("e.project_id", "=", p.projectId)
    .where("e.exit_final", "=", true)
    .where("e.not_counted", "=", false)
    .where("e.exit_date", ">=", earliestExit)
    .where("e.exit_date", "<=", today)
    .$if(p.coachId !== undefined, (q) => q.where("e.coach_id", "=", p.coachId as string))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("enrolments as later")
            .select("later.id")
            .whereRef("later.person_id", "=", "e.person_id")
            .whereRef("later.project_id", "=", "e.project_id")
            .whereRef("later.id", "<>", "e.id")
            .where((w) =>
              w.or([
                w("later.start_date", ">", w.ref("e.start_date")),
                w.and([w("later.start_date", "=", w.ref("e.start_date")), w("later.id", ">", w.ref("e.id"))]),
              ]),
            ),
        ),
      ),
    )
    .execute();
  if (exited.length === 0) return [];
  const done = await db
    .selectFrom("follow_ups")
    .select(["enrolment_id", "months"])
    .where(
      "enrolment_id",
      "in",
      exited.map((e) => e.id),
    )
    .execute();
  const recorded = new Set(done.map((d) => `${d.enrolment_id}:${d.months}`));
  const result: ExitFollowUpToDo[] = [];
  for (const e of exited) {
    for (const months of p.months) {
      const dueDate = addMonths(e.exit_date as string, months);
      if (dueDate < from || dueDate > until || recorded.has(`${e.id}:${months}`)) continue;
      result.push({
        enrolmentId: e.id,
        personId: e.person_id,
        personName: `${e.first_name} ${e.last_name}`,
        sortName: e.sort_name,
        exitDate: e.exit_date as string,
        months,
        dueDate,
        overdue: dueDate < today,
      });
    }
  }
  return result.sort((a, b) => (a.dueDate === b.dueDate ? a.sortName.localeCompare(b.sortName) : a.dueDate < b.dueDate ? -1 : 1));
}

/** Persons due for follow-up in the period, and those overdue from before it that were never followed up. */
export async function followUpList(db: Db, p: Period & { months: number[]; today?: string }): Promise<FollowUpList> {
  const project = await db.selectFrom("projects").select("slug").where("id", "=", p.projectId).executeTakeFirst();
  if (!project) throw notFound("Projektet");
  const today = p.today ?? todayInSweden();
  const items: FollowUpDue[] = (await points(db, p.projectId, p.months))
    .filter((x) => (x.dueDate >= p.from && x.dueDate <= p.to) || (x.dueDate < p.from && !x.followUp))
    .map((x) => ({
      enrolmentId: x.enrolmentId,
      name: x.name,
      exitDate: x.exitDate,
      months: x.months,
      dueDate: x.dueDate,
      state: x.followUp ? "done" : x.dueDate < today ? "overdue" : "due",
      doneOn: x.followUp?.done_on ?? null,
      reached: x.followUp?.reached ?? null,
      status: x.followUp?.status_code ?? null,
    }));
  items.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  return { report: "follow_up_list", project: project.slug, period: { from: p.from, to: p.to }, months: p.months, items };
}

/**
 * The results of follow-ups due in the period and already due today: per follow-up point, the
 * status then by gender, "could not be reached", and "not followed up". The response rate is the
 * share reached of all that were due.
 */
export async function followUpResults(
  db: Db,
  p: Period & { months: number[]; suppress: boolean; threshold?: number; today?: string },
): Promise<FollowUpResults> {
  const project = await db.selectFrom("projects").select("slug").where("id", "=", p.projectId).executeTakeFirst();
  if (!project) throw notFound("Projektet");
  const today = p.today ?? todayInSweden();
  const due = (await points(db, p.projectId, p.months)).filter((x) => x.dueDate >= p.from && x.dueDate <= p.to && x.dueDate <= today);
  const codes = await db
    .selectFrom("codes")
    .select(["code", "label", "retired_at"])
    .where("project_id", "=", p.projectId)
    .where("list", "=", "exit_status")
    .orderBy("sort_order")
    .execute();
  const threshold = p.threshold ?? DEFAULT_THRESHOLD;
  const tables: ReportTable[] = [];
  for (const m of p.months) {
    const at = due.filter((x) => x.months === m);
    const used = new Set(at.map((x) => x.followUp?.status_code).filter((c): c is string => Boolean(c)));
    const cols = [
      ...codes.filter((c) => !c.retired_at || used.has(c.code)).map((c) => ({ key: c.code as string, label: c.label })),
      { key: "__unreached", label: "Kunde inte nås" },
      { key: "__open", label: "Inte uppföljd" },
    ];
    const keyOf = (x: Point) => (!x.followUp ? "__open" : !x.followUp.reached ? "__unreached" : (x.followUp.status_code ?? "__unreached"));
    const genders = ["kvinna", "man", ...[...new Set(at.map((x) => x.gender))].filter((g) => g !== "kvinna" && g !== "man").sort()];
    const rows = genders.map((g) => {
      const values = cols.map((c) => at.filter((x) => x.gender === g && keyOf(x) === c.key).length);
      return { label: genderLabel[g] ?? g, values: [...values, values.reduce((a, b) => a + b, 0)] };
    });
    const total = (rows[0]?.values ?? []).map((_, i) => rows.reduce((a, r) => a + (r.values[i] as number), 0));
    rows.push({ label: "Totalt", values: total });
    const t: ReportTable = { id: `follow_up_${m}`, title: `Status ${m} månader efter avslut`, columns: [...cols.map((c) => c.label), "Totalt"], rows };
    tables.push(p.suppress ? suppressTable(t, [], threshold) : t);
  }
  const reached = due.filter((x) => x.followUp?.reached).length;
  const small = (n: number) => p.suppress && n >= 1 && n <= threshold;
  const responseRate =
    due.length === 0
      ? null
      : small(due.length) || small(reached) || small(due.length - reached)
        ? smallLabel(threshold)
        : Math.round((1000 * reached) / due.length) / 10;
  const notes = [
    `Uppföljning ${p.months.join(" och ")} månader efter ett slutligt avslut, för personer vars senaste inskrivning i projektet avslutades; tidpunkter inom perioden som har passerat räknas.`,
    "Svarsfrekvens: andelen som nåddes av alla som skulle följas upp.",
  ];
  if (p.suppress)
    notes.push(`Antal mellan 1 och ${threshold} visas som ${smallLabel(threshold)}, och fler celler döljs där en dold cell annars kunde räknas fram.`);
  return { report: "follow_up", project: project.slug, period: { from: p.from, to: p.to }, suppressed: p.suppress, responseRate, tables, notes };
}

const present = (r: {
  id: string;
  enrolment_id: string;
  months: number;
  done_on: string;
  reached: boolean;
  status_code: string | null;
  note: string | null;
  version: number;
}): FollowUp => ({
  id: r.id,
  enrolmentId: r.enrolment_id,
  months: r.months,
  doneOn: r.done_on,
  reached: r.reached,
  statusCode: r.status_code,
  note: r.note,
  version: r.version,
});

/**
 * The follow-up points of one enrolment, by the same rule as the project's list: the configured
 * points when the enrolment is the person's latest in the project and has a final exit that
 * counts, plus any follow-up already recorded on it (also at a point no longer configured).
 */
export async function enrolmentFollowUps(db: Db, enrolmentId: string, months: number[], today = todayInSweden()): Promise<EnrolmentFollowUps> {
  const e = await db
    .selectFrom("enrolments")
    .select(["project_id", "person_id", "exit_date", "exit_final", "not_counted"])
    .where("id", "=", enrolmentId)
    .executeTakeFirst();
  if (!e) throw notFound("Inskrivningen");
  const latest = await db
    .selectFrom("enrolments")
    .select("id")
    .where("project_id", "=", e.project_id)
    .where("person_id", "=", e.person_id)
    .orderBy("start_date", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  const followed = latest.id === enrolmentId && e.exit_final === true && e.exit_date !== null && !e.not_counted;
  const recorded = (await db.selectFrom("follow_ups").selectAll().where("enrolment_id", "=", enrolmentId).execute()).map(present);
  const exitDate = e.exit_date;
  const at = [...new Set([...(followed ? months : []), ...recorded.map((f) => f.months)])].sort((a, b) => a - b);
  const points = exitDate
    ? at.map((m) => {
        const followUp = recorded.find((f) => f.months === m) ?? null;
        const dueDate = addMonths(exitDate, m);
        return { months: m, dueDate, state: followUp ? "done" : dueDate < today ? "overdue" : "due", followUp } as const;
      })
    : [];
  return { exitDate, followed, points };
}

/** Record a follow-up of a final exit; one per follow-up point, a second one answers 409 with the first. */
export async function recordFollowUp(
  db: Db,
  ctx: ServiceContext & { actor: { kind: "user"; userId: string } },
  enrolment: { id: string; project_id: string },
  input: { months: number; doneOn: string; reached: boolean; statusCode: string | null; note: string | null },
  /** The project's follow-up points, in months after the exit. */
  points: readonly number[],
): Promise<FollowUp> {
  const e = await db.selectFrom("enrolments").select(["exit_date", "exit_final"]).where("id", "=", enrolment.id).executeTakeFirstOrThrow();
  if (!e.exit_final || !e.exit_date) throw invalidInput({ months: "Inskrivningen har inget slutligt avslut att följa upp." });
  if (!points.includes(input.months)) {
    const listed = points.length > 1 ? `${points.slice(0, -1).join(", ")} och ${points.at(-1)}` : String(points[0] ?? "");
    throw invalidInput({ months: `Projektet följer upp efter ${listed} månader; välj en av dem.` });
  }
  if (input.doneOn < e.exit_date) throw invalidInput({ doneOn: "Uppföljningen kan inte vara före avslutet." });
  if (input.doneOn > todayInSweden()) throw invalidInput({ doneOn: "Uppföljningen kan inte vara gjord senare än i dag." });
  if (input.statusCode) {
    const code = await db
      .selectFrom("codes")
      .select("code")
      .where("project_id", "=", enrolment.project_id)
      .where("list", "=", "exit_status")
      .where("code", "=", input.statusCode)
      .executeTakeFirst();
    if (!code) throw invalidInput({ statusCode: "Okänd status i projektets kodlista." });
  }
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("follow_ups")
      .values({
        enrolment_id: enrolment.id,
        months: input.months,
        done_on: input.doneOn,
        reached: input.reached,
        status_code: input.statusCode,
        note: input.note,
        created_by: ctx.actor.userId,
      })
      .onConflict((oc) => oc.columns(["enrolment_id", "months"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const current = await tx
        .selectFrom("follow_ups")
        .selectAll()
        .where("enrolment_id", "=", enrolment.id)
        .where("months", "=", input.months)
        .executeTakeFirstOrThrow();
      throw conflict(present(current), "Uppföljningen vid den tidpunkten är redan registrerad.");
    }
    await writeAudit(tx, ctx, {
      action: "follow_up.create",
      projectId: enrolment.project_id,
      subjectType: "enrolment",
      subjectId: enrolment.id,
      details: { months: input.months, fields: ["doneOn", "reached", "statusCode", ...(input.note ? ["note"] : [])] },
    });
    return present(row);
  });
}
