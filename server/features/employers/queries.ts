import { sql } from "kysely";
import type { EmployerSearch, EmployerSummary, OutcomeFilter, Placement, PlacementOutcome, Suggestion, WeeklyContacts } from "../../../schemas/employers.ts";
import type { UserActor } from "../../auth/actor.ts";
import { can } from "../../auth/can.ts";
import type { Db } from "../../db/client.ts";
import "./tables.ts";

// ---------- placements and their outcomes ----------

/** Every activity placed at one of the given employers, with what decides its outcome. */
async function placementRows(db: Db, employerIds: string[]) {
  if (employerIds.length === 0) return [];
  return db
    .selectFrom("activities as a")
    .innerJoin("enrolments as e", "e.id", "a.enrolment_id")
    .innerJoin("persons as p", "p.id", "e.person_id")
    .leftJoin("codes as c", (j) => j.onRef("c.project_id", "=", "e.project_id").on("c.list", "=", "activity_type").onRef("c.code", "=", "a.type_code"))
    .leftJoin("employer_workplaces as w", "w.id", "a.workplace_id")
    .leftJoin("employer_contacts as s", "s.id", "a.supervisor_id")
    .select([
      "a.id",
      "a.employer_id",
      "a.enrolment_id",
      "a.type_code",
      "a.start_date",
      "a.end_date",
      "a.status",
      "a.trade",
      "e.project_id",
      "e.person_id",
      "p.first_name",
      "p.last_name",
      "p.protected_identity",
      "c.label as type_label",
      "c.national_category",
      "w.name as workplace_name",
      "s.name as supervisor_name",
    ])
    .where("a.employer_id", "in", employerIds)
    .orderBy("a.start_date", "desc")
    .orderBy("a.id")
    .execute();
}
type PlacementRow = Awaited<ReturnType<typeof placementRows>>[number];

/**
 * How a placement went. An employment, or an internship followed by an employment at the same
 * employer in the same enrolment, counts as "employment"; an ended internship as "ended as
 * planned"; an interrupted one as "interrupted". Planned and ongoing ones have no outcome yet.
 */
export function placementOutcome(a: PlacementRow, all: readonly PlacementRow[]): PlacementOutcome {
  if (a.status === "planned") return "planned";
  if (a.status === "interrupted") return "interrupted";
  if (a.national_category === "anstallning") return "employment";
  const ledToEmployment = all.some(
    (b) =>
      b.id !== a.id &&
      b.enrolment_id === a.enrolment_id &&
      b.employer_id === a.employer_id &&
      b.national_category === "anstallning" &&
      b.status !== "planned" &&
      b.status !== "interrupted" &&
      b.start_date >= a.start_date,
  );
  if (ledToEmployment) return "employment";
  return a.status === "ended" ? "ended_as_planned" : "ongoing";
}

const isSuccess = (o: PlacementOutcome) => o === "employment" || o === "ended_as_planned";
const none = { placements: 0, successes: 0, employments: 0, endedAsPlanned: 0, interrupted: 0 };

/**
 * The employer's placements. A participant's name (and the link to them) is shown only to a
 * user who may read that participant in their project, and never for a person with protected
 * identity; others see the row without a name.
 * Returns the persons shown by name, for the audit log.
 */
export async function placementsOf(db: Db, actor: UserActor, employerId: string) {
  const rows = await placementRows(db, [employerId]);
  const shown: { personId: string; projectId: string; enrolmentId: string }[] = [];
  const placements: Placement[] = rows.map((r) => {
    // A person with protected identity is never named outside their own record.
    const visible = can(actor, "person.read", { projectId: r.project_id }) && !r.protected_identity;
    if (visible) shown.push({ personId: r.person_id, projectId: r.project_id, enrolmentId: r.enrolment_id });
    return {
      activityId: r.id,
      participantName: visible ? `${r.first_name} ${r.last_name}` : null,
      enrolmentId: visible ? r.enrolment_id : null,
      type: r.type_code,
      typeLabel: r.type_label ?? r.type_code,
      category: r.national_category,
      startDate: r.start_date,
      endDate: r.end_date,
      workplaceName: r.workplace_name,
      supervisorName: r.supervisor_name,
      outcome: placementOutcome(r, rows),
    };
  });
  return { placements, shown, hidden: rows.length - shown.length };
}

/**
 * Per employer, counted in persons' periods (enrolments) rather than activities, so an internship
 * followed by an employment at the same place is one person placed, one success, one employment.
 */
async function outcomeCounts(db: Db, employerIds: string[]) {
  const rows = await placementRows(db, employerIds);
  const byEmployer = new Map<string, PlacementRow[]>();
  for (const r of rows) {
    const id = r.employer_id as string;
    byEmployer.set(id, [...(byEmployer.get(id) ?? []), r]);
  }
  const counts = new Map<string, typeof none>();
  for (const [id, list] of byEmployer) {
    const periods = new Map<string, Set<PlacementOutcome>>();
    for (const r of list) periods.set(r.enrolment_id, (periods.get(r.enrolment_id) ?? new Set()).add(placementOutcome(r, list)));
    const having = (test: (o: PlacementOutcome) => boolean) => [...periods.values()].filter((set) => [...set].some(test)).length;
    counts.set(id, {
      placements: periods.size,
      successes: having(isSuccess),
      employments: having((o) => o === "employment"),
      endedAsPlanned: having((o) => o === "ended_as_planned"),
      interrupted: having((o) => o === "interrupted"),
    });
  }
  return counts;
}

// ---------- search ----------

function matchesOutcome(c: typeof none, outcome: OutcomeFilter | undefined): boolean {
  switch (outcome) {
    case undefined:
      return true;
    case "any_success":
      return c.successes > 0;
    case "employment":
      return c.employments > 0;
    case "ended_as_planned":
      return c.endedAsPlanned > 0;
    case "interrupted":
      return c.interrupted > 0;
    case "none":
      return c.placements === 0;
  }
}

/** The organisation's employers filtered by text, trades, sector, status, area and earlier outcomes, in Swedish order. */
export async function searchEmployers(db: Db, organisationId: string, f: EmployerSearch & { trades?: string[] }) {
  let q = db
    .selectFrom("employers as em")
    .select([
      "em.id",
      "em.name",
      "em.organisation_number",
      "em.sector",
      "em.trades",
      "em.status",
      (eb) =>
        eb
          .selectFrom("employer_contact_log as l")
          .select((e2) => e2.fn.max("l.occurred_on").as("d"))
          .whereRef("l.employer_id", "=", "em.id")
          .as("last_contact_on"),
    ])
    .where("em.organisation_id", "=", organisationId);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = f.q.replace(/\D/g, "");
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["em.name"]), "like", like),
        sql<boolean>`array_to_string(em.trades, ' ') LIKE ${like}`,
        ...(digits.length >= 4 ? [eb(eb.fn("replace", ["em.organisation_number", sql.lit("-"), sql.lit("")]), "like", `%${digits}%`)] : []),
      ]),
    );
  }
  if (f.trades && f.trades.length > 0) q = q.where(sql<boolean>`em.trades && ${sql.val(f.trades)}::text[]`);
  if (f.sector) q = q.where("em.sector", "=", f.sector);
  if (f.status) q = q.where("em.status", "=", f.status);
  if (f.area) {
    const area = f.area.trim().toLowerCase();
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("employer_workplaces as w")
          .select("w.id")
          .whereRef("w.employer_id", "=", "em.id")
          .where((w) => w.or([w(w.fn("lower", ["w.postal_town"]), "=", area), w(w.fn("lower", ["w.district"]), "=", area)])),
      ),
    );
  }
  const rows = await q.execute();
  const ids = rows.map((r) => r.id);
  const counts = await outcomeCounts(db, ids);
  const areas = await areasOf(db, ids);
  const collator = new Intl.Collator("sv");
  const employers: EmployerSummary[] = rows
    .filter((r) => matchesOutcome(counts.get(r.id) ?? none, f.outcome))
    .map((r) => {
      const c = counts.get(r.id) ?? none;
      return {
        id: r.id,
        name: r.name,
        organisationNumber: r.organisation_number,
        sector: r.sector,
        trades: r.trades,
        status: r.status,
        areas: areas.get(r.id) ?? [],
        placements: c.placements,
        successes: c.successes,
        employments: c.employments,
        lastContactOn: r.last_contact_on ?? null,
      };
    })
    .sort((a, b) => collator.compare(a.name, b.name));
  return employers;
}

/** Each employer's postal towns and districts. */
async function areasOf(db: Db, employerIds: string[]) {
  const map = new Map<string, string[]>();
  if (employerIds.length === 0) return map;
  const rows = await db.selectFrom("employer_workplaces").select(["employer_id", "postal_town", "district"]).where("employer_id", "in", employerIds).execute();
  for (const r of rows) {
    const list = map.get(r.employer_id) ?? [];
    for (const a of [r.postal_town, r.district]) if (a && !list.includes(a)) list.push(a);
    map.set(r.employer_id, list);
  }
  return map;
}

/** The trades and areas in use in the organisation, for the filters' choices. */
export async function filterChoices(db: Db, organisationId: string) {
  const trades = await sql<{ trade: string }>`SELECT DISTINCT unnest(trades) AS trade FROM employers WHERE organisation_id = ${organisationId}`.execute(db);
  const areas = await db
    .selectFrom("employer_workplaces as w")
    .innerJoin("employers as em", "em.id", "w.employer_id")
    .select(["w.postal_town", "w.district"])
    .where("em.organisation_id", "=", organisationId)
    .execute();
  const collator = new Intl.Collator("sv");
  const areaSet = new Set<string>();
  for (const a of areas) for (const v of [a.postal_town, a.district]) if (v) areaSet.add(v);
  return {
    trades: trades.rows.map((r) => r.trade).sort(collator.compare),
    areas: [...areaSet].sort(collator.compare),
  };
}

/**
 * The trade a placement was in: as recorded on the activity, or — for one recorded without —
 * the employer's trade when it has only one. Otherwise unknown.
 */
export function tradeOfPlacement(p: { trade: string | null }, employerTrades: readonly string[]): string | null {
  return p.trade ?? (employerTrades.length === 1 ? (employerTrades[0] ?? null) : null);
}

/**
 * Per employer, the persons' periods with a successful placement (ended as planned or led to
 * employment) in one of the trades. A period counts when one of its activities at the employer
 * was in such a trade: an internship in the kitchen that became a job counts for the kitchen.
 */
async function successesInTrades(db: Db, employers: readonly { id: string; trades: string[] }[], trades: readonly string[]) {
  const tradesOf = new Map(employers.map((e) => [e.id, e.trades]));
  const rows = await placementRows(
    db,
    employers.map((e) => e.id),
  );
  const byEmployer = new Map<string, PlacementRow[]>();
  for (const r of rows) byEmployer.set(r.employer_id as string, [...(byEmployer.get(r.employer_id as string) ?? []), r]);
  const counts = new Map<string, number>();
  for (const [id, list] of byEmployer) {
    const periods = new Map<string, { success: boolean; inTrades: boolean }>();
    for (const r of list) {
      const p = periods.get(r.enrolment_id) ?? { success: false, inTrades: false };
      const trade = tradeOfPlacement(r, tradesOf.get(id) ?? []);
      periods.set(r.enrolment_id, {
        success: p.success || isSuccess(placementOutcome(r, list)),
        inTrades: p.inTrades || (trade !== null && trades.includes(trade)),
      });
    }
    counts.set(id, [...periods.values()].filter((p) => p.success && p.inTrades).length);
  }
  return counts;
}

/**
 * Active employers in any of the trades with earlier successful placements in those trades,
 * ranked by how many, employments first among equals, then by how many of the trades match.
 * An employer whose successes were all in other trades is not suggested for these.
 */
export async function suggestEmployers(db: Db, organisationId: string, trades: string[]): Promise<Suggestion[]> {
  const found = await searchEmployers(db, organisationId, { trades, status: "active", outcome: "any_success" });
  const inTrades = await successesInTrades(db, found, trades);
  return found
    .map((e) => ({ ...e, matchedTrades: e.trades.filter((t) => trades.includes(t)), successesInTrades: inTrades.get(e.id) ?? 0 }))
    .filter((e) => e.successesInTrades > 0)
    .sort(
      (a, b) =>
        b.successesInTrades - a.successesInTrades ||
        b.employments - a.employments ||
        b.matchedTrades.length - a.matchedTrades.length ||
        a.name.localeCompare(b.name, "sv"),
    );
}

// ---------- employer contacts per coach per week ----------

/** Monday of the ISO week that holds the date, as YYYY-MM-DD. */
function mondayOf(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** ISO week label 'YYYY-Www' of a Monday. */
function isoWeek(monday: string): string {
  const d = new Date(`${monday}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 3); // the week's Thursday decides its year
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1, 12)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/**
 * Contacts logged in the project during the last `weeks` ISO weeks up to and including the one
 * that holds `today`, per coach and week. Every coach and manager of the project has a row, so
 * a coach with no contacts shows zeros.
 */
export async function weeklyContacts(db: Db, projectId: string, weeks: number, today: string): Promise<WeeklyContacts> {
  const lastMonday = mondayOf(today);
  const mondays: string[] = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const d = new Date(`${lastMonday}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 7 * i);
    mondays.push(d.toISOString().slice(0, 10));
  }
  const from = mondays[0] as string;
  const rows = await sql<{ coach_id: string; monday: string; n: number }>`
    SELECT coach_id, to_char(date_trunc('week', occurred_on::timestamp), 'YYYY-MM-DD') AS monday, count(*)::int AS n
    FROM employer_contact_log
    WHERE project_id = ${projectId} AND occurred_on >= ${from}::date AND occurred_on <= ${today}::date
    GROUP BY 1, 2`.execute(db);
  const staff = await db
    .selectFrom("project_memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.name"])
    .where("m.project_id", "=", projectId)
    .where("m.role", "in", ["coach", "manager"])
    .execute();
  const names = new Map(staff.map((s) => [s.id, s.name]));
  // A contact by someone who has since left the project still counts.
  const missing = [...new Set(rows.rows.map((r) => r.coach_id))].filter((id) => !names.has(id));
  if (missing.length > 0) for (const u of await db.selectFrom("users").select(["id", "name"]).where("id", "in", missing).execute()) names.set(u.id, u.name);
  const index = new Map(mondays.map((m, i) => [m, i]));
  const coaches = [...names.entries()].map(([coachId, coachName]) => {
    const counts = mondays.map(() => 0);
    for (const r of rows.rows) {
      const i = index.get(r.monday);
      if (r.coach_id === coachId && i !== undefined) counts[i] = (counts[i] ?? 0) + r.n;
    }
    return { coachId, coachName, counts, total: counts.reduce((a, b) => a + b, 0) };
  });
  coaches.sort((a, b) => b.total - a.total || a.coachName.localeCompare(b.coachName, "sv"));
  return {
    weeks: mondays.map(isoWeek),
    coaches,
    totals: mondays.map((_, i) => coaches.reduce((sum, c) => sum + (c.counts[i] ?? 0), 0)),
  };
}
