import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Caseload, CaseloadQuery, CaseloadRow } from "../../../schemas/participants.ts";
import { CaseloadQuery as CaseloadSchema } from "../../../schemas/participants.ts";
import type { Db } from "../../db/client.ts";
import type { Database } from "../../db/types.ts";
import { addDays, ageOn, todayInSweden } from "./dates.ts";
import { looksLikePersonnummer, normalisePersonnummer, swedishSortKey } from "./identity.ts";

type Eb = ExpressionBuilder<Database & { e: Database["enrolments"]; p: Database["persons"] }, "e" | "p">;

const pausedToday = (eb: Eb, today: string) =>
  eb.exists(
    eb.selectFrom("pauses as pa").select("pa.id").whereRef("pa.enrolment_id", "=", "e.id").where("pa.from_date", "<=", today).where("pa.to_date", ">=", today),
  );

/** A folded word as `persons.name_words` holds it: å ä ö ({ | }) as A B C (migration 0014). */
export const nameWord = (w: string) => w.replaceAll("{", "A").replaceAll("|", "B").replaceAll("}", "C");

/**
 * The search as a condition on the person: the full personnummer, or every word at the start
 * of a word of the folded name, so "ber an" finds "Berg, Anna". `name_words` is the folded name
 * with a space before every word, so `% ber%` says "a word starts with ber", and the trigram
 * index finds the candidates for all the words in one scan.
 */
function searchCondition(raw: string | undefined): ((eb: Eb) => Expression<SqlBool>) | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  if (looksLikePersonnummer(text)) {
    let pnr: string | null = null;
    try {
      pnr = normalisePersonnummer(text).personnummer;
    } catch {
      pnr = null;
    }
    return (eb) => eb("p.personnummer", "=", pnr ?? "-");
  }
  // The folded words hold only a-z, {|}, digits and hyphens: nothing LIKE treats specially.
  const words = swedishSortKey(text, "").replace("\u0001", "").split(/\s+/).filter(Boolean).slice(0, 4);
  if (words.length === 0) return undefined;
  return (eb) => eb.and(words.map((w) => eb("p.name_words", "like", `% ${nameWord(w)}%`)));
}

/**
 * A page of a list where most enrolments match may be read by walking the persons in sort order
 * while it starts before this many rows. Measured at 100,000 persons on the ~10,000 active
 * enrolments of a large project (the sparsest such list), the walk was cheaper than sorting every
 * match up to a page starting at row 200 and dearer from row 250 on. On the denser lists (all
 * statuses, exited) the walk stays cheaper further; one limit for all keeps it simple.
 */
const WALK_BEFORE_OFFSET = 250;

/**
 * The caseload: enrolments of one project, filtered and searched, in Swedish alphabetical
 * order by the folded sort key, one page at a time.
 */
export async function caseload(db: Db, projectId: string, coachId: string | null, raw: CaseloadQuery): Promise<Caseload> {
  const f = CaseloadSchema.parse(raw);
  const today = todayInSweden();
  // Not exited, written as one range so the index of migration 0014 serves it: an exit dated
  // after today (recorded in advance) still counts as not exited.
  const notExited = (eb: Eb) => eb(sql`coalesce(e.exit_date, 'infinity'::date)`, ">", today);
  // The filters read the enrolment alone, so without a search the total is counted from the
  // enrolments without reading a person.
  const filters = (eb: Eb) => {
    const and: Expression<SqlBool>[] = [eb("e.project_id", "=", projectId)];
    if (f.mine && coachId) and.push(eb("e.coach_id", "=", coachId));
    if (f.intakeId) and.push(eb("e.intake_id", "=", f.intakeId));
    if (f.coachId === "none") and.push(eb("e.coach_id", "is", null));
    else if (f.coachId) and.push(eb("e.coach_id", "=", f.coachId));
    if (f.referringParty) and.push(eb("e.referring_party_code", "=", f.referringParty));
    if (f.endingWithinDays !== undefined) {
      and.push(
        eb("e.exit_date", "is", null),
        eb("e.planned_end_date", ">=", today),
        eb("e.planned_end_date", "<=", sql<string>`(${today}::date + ${f.endingWithinDays}::int)`),
      );
    }
    if (f.status === "exited") and.push(eb("e.exit_date", "<=", today));
    if (f.status === "upcoming") and.push(eb("e.start_date", ">", today), notExited(eb));
    if (f.status === "paused") and.push(eb("e.start_date", "<=", today), notExited(eb), pausedToday(eb, today));
    if (f.status === "active") and.push(eb("e.start_date", "<=", today), notExited(eb), eb.not(pausedToday(eb, today)));
    return eb.and(and);
  };
  const search = searchCondition(f.q);
  let q = db.selectFrom("enrolments as e").innerJoin("persons as p", "p.id", "e.person_id").where(filters);
  if (search) q = q.where(search);
  // One statement. `m` is the matches (id and sort key only), and only the page's rows are
  // joined to their details. When few enrolments match (a search, or a filter on coach, intake,
  // party, planned end, or the rarer statuses) `m` is computed once, counted and sorted; with a
  // search the trigram index finds the candidate persons first. When most of the project's
  // enrolments match and the page is near the start, the total is counted from the enrolments
  // alone (an index-only scan) and `m` is left to the page alone, so PostgreSQL may walk the
  // persons in sort order and stop after the page instead of sorting every match.
  const offset = (f.page - 1) * f.pageSize;
  const most =
    !f.mine &&
    !f.intakeId &&
    !f.coachId &&
    !f.referringParty &&
    f.endingWithinDays === undefined &&
    (f.status === undefined || f.status === "active" || f.status === "exited");
  const walk = !search && most && offset < WALK_BEFORE_OFFSET;
  const rows = await db
    .with(
      (cte) => (walk ? cte("m") : cte("m").materialized()),
      () => q.select(["e.id as id", "p.sort_name as sort_name", "e.start_date as start_date"]),
    )
    .with("c", (w) =>
      walk
        ? w
            .selectFrom("enrolments as e")
            .where((eb) => filters(eb as unknown as Eb))
            .select(sql<number>`count(*)::int`.as("n"))
        : w.selectFrom("m").select(sql<number>`count(*)::int`.as("n")),
    )
    .with("pg", (w) =>
      w
        .selectFrom("m")
        .select(["m.id", "m.sort_name", "m.start_date"])
        .orderBy(sql`m.sort_name COLLATE "C"`)
        .orderBy("m.start_date", "desc")
        .orderBy("m.id")
        .limit(f.pageSize)
        .offset(offset),
    )
    // The count is the one row every answer has; the page joins it laterally, so a page past
    // the end still says how many matched.
    .selectFrom("c")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("pg")
          .innerJoin("enrolments as e", "e.id", "pg.id")
          .innerJoin("persons as p", "p.id", "e.person_id")
          .leftJoin("intakes as i", "i.id", "e.intake_id")
          .leftJoin("users as u", "u.id", "e.coach_id")
          .leftJoin("codes as rp", (j) =>
            j.onRef("rp.project_id", "=", "e.project_id").on("rp.list", "=", "referring_party").onRef("rp.code", "=", "e.referring_party_code"),
          )
          .select([
            "pg.sort_name",
            "e.id as enrolment_id",
            "p.id as person_id",
            "p.first_name",
            "p.last_name",
            "p.gender",
            "p.birth_date",
            "i.name as intake_name",
            "u.name as coach_name",
            "e.coach_id",
            "e.start_date",
            "e.planned_end_date",
            "e.exit_date",
            "rp.label as party_label",
          ])
          .select((eb2) => pausedToday(eb2 as unknown as Eb, today).as("paused"))
          .as("r"),
      (j) => j.onTrue(),
    )
    .selectAll("r")
    .select("c.n as total")
    .orderBy(sql`r.sort_name COLLATE "C"`)
    .orderBy("r.start_date", "desc")
    .orderBy("r.enrolment_id")
    .execute();
  const total = rows[0]?.total ?? 0;
  // Left-joined, the page's columns are typed as nullable; on a row that exists only the
  // optional ones can be null.
  type Row = (typeof rows)[number];
  type Optional = "intake_name" | "coach_name" | "coach_id" | "exit_date" | "party_label";
  const page = rows.filter((r) => r.enrolment_id != null) as { [K in keyof Row]: K extends Optional ? Row[K] : NonNullable<Row[K]> }[];
  const soon = addDays(today, 30);
  return {
    total,
    page: f.page,
    pageSize: f.pageSize,
    rows: page.map((r): CaseloadRow => {
      const status = r.exit_date && r.exit_date <= today ? "exited" : r.start_date > today ? "upcoming" : r.paused ? "paused" : "active";
      const warnings: CaseloadRow["warnings"] = [];
      if (status !== "exited" && !r.exit_date && r.planned_end_date >= today && r.planned_end_date <= soon) warnings.push("ends_soon");
      // Still enrolled after the planned end: extend or exit.
      if (status !== "exited" && !r.exit_date && r.planned_end_date < today) warnings.push("past_planned_end");
      if (status !== "exited" && !r.coach_id) warnings.push("no_coach");
      return {
        enrolmentId: r.enrolment_id,
        personId: r.person_id,
        name: `${r.last_name}, ${r.first_name}`,
        gender: r.gender,
        age: ageOn(r.birth_date, today),
        intakeName: r.intake_name,
        coachName: r.coach_name,
        startDate: r.start_date,
        plannedEndDate: r.planned_end_date,
        exitDate: r.exit_date,
        status,
        referringParty: r.party_label,
        warnings,
      };
    }),
  };
}
