import { type ExpressionBuilder, sql } from "kysely";
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

/**
 * The caseload: enrolments of one project, filtered and searched, in Swedish alphabetical
 * order by the folded sort key, one page at a time.
 */
export async function caseload(db: Db, projectId: string, coachId: string | null, raw: CaseloadQuery): Promise<Caseload> {
  const f = CaseloadSchema.parse(raw);
  const today = todayInSweden();
  let q = db.selectFrom("enrolments as e").innerJoin("persons as p", "p.id", "e.person_id").where("e.project_id", "=", projectId);
  if (f.mine && coachId) q = q.where("e.coach_id", "=", coachId);
  if (f.intakeId) q = q.where("e.intake_id", "=", f.intakeId);
  if (f.coachId === "none") q = q.where("e.coach_id", "is", null);
  else if (f.coachId) q = q.where("e.coach_id", "=", f.coachId);
  if (f.referringParty) q = q.where("e.referring_party_code", "=", f.referringParty);
  if (f.endingWithinDays !== undefined) {
    q = q
      .where("e.exit_date", "is", null)
      .where("e.planned_end_date", ">=", today)
      .where("e.planned_end_date", "<=", sql<string>`(${today}::date + ${f.endingWithinDays}::int)`);
  }
  const notExited = (eb: Eb) => eb.or([eb("e.exit_date", "is", null), eb("e.exit_date", ">", today)]);
  if (f.status === "exited") q = q.where("e.exit_date", "<=", today);
  if (f.status === "upcoming") q = q.where("e.start_date", ">", today).where(notExited);
  if (f.status === "paused")
    q = q
      .where("e.start_date", "<=", today)
      .where(notExited)
      .where((eb) => pausedToday(eb, today));
  if (f.status === "active")
    q = q
      .where("e.start_date", "<=", today)
      .where(notExited)
      .where((eb) => eb.not(pausedToday(eb, today)));
  if (f.q) {
    const text = f.q.trim();
    if (looksLikePersonnummer(text)) {
      let pnr: string | null = null;
      try {
        pnr = normalisePersonnummer(text).personnummer;
      } catch {
        pnr = null;
      }
      q = q.where("p.personnummer", "=", pnr ?? "-");
    } else {
      // Every word must match the start of the folded name, so "ber an" finds "Berg, Anna".
      const words = swedishSortKey(text, "").replace("\u0001", "").split(/\s+/).filter(Boolean).slice(0, 4);
      // The plain `%w%` is implied by the three exact patterns; it is there so the trigram index
      // (migration 0012) can find the few candidate persons before the exact test.
      for (const w of words)
        q = q
          .where("p.sort_name", "like", `%${w}%`)
          .where((eb) => eb.or([eb("p.sort_name", "like", `${w}%`), eb("p.sort_name", "like", `% ${w}%`), eb("p.sort_name", "like", `%\u0001${w}%`)]));
    }
  }
  // One statement: the matches (id and sort key only) are found once, counted, and only the
  // page's 50 rows are joined to their details; the details of the other matches are never read.
  const offset = (f.page - 1) * f.pageSize;
  const rows = await db
    .with("m", () => q.select(["e.id as id", "p.sort_name as sort_name", "e.start_date as start_date"]))
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
    .selectFrom((eb) => eb.selectFrom("m").select(sql<number>`count(*)::int`.as("n")).as("c"))
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
