import { sql } from "kysely";
import { NationalCategories } from "../../../schemas/codes.ts";
import { CostType, type EconomyReport, type EconomyYear, type Goal, GoalMeasure, type GoalsReport, type ReportTable } from "../../../schemas/reports.ts";
import type { ServiceContext } from "../../auth/audit.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { conflict, notFound } from "../../errors.ts";
import * as q from "./annual-queries.ts";
import { DEFAULT_THRESHOLD, smallLabel } from "./suppress.ts";
import "./tables.ts";

// ── Economy ──

/** The cost types of the customers' budget reports (seed 004, 8.1). */
export const COST_LABELS: Record<CostType, string> = {
  staff: "Personalkostnader",
  premises: "Lokalkostnader",
  competence: "Kompetensutveckling inkl. resekostnader",
  other: "Övriga kostnader inkl. aktiviteter för målgruppen",
};

export async function getEconomyYear(db: Db, projectId: string, year: number): Promise<EconomyYear> {
  const rows = await db
    .selectFrom("economy_lines")
    .select(["cost_type", "budget", "outcome", "version"])
    .where("project_id", "=", projectId)
    .where("year", "=", year)
    .execute();
  return {
    year,
    lines: CostType.options.map((costType) => {
      const r = rows.find((x) => x.cost_type === costType);
      return { costType, label: COST_LABELS[costType], budget: r?.budget ?? 0, outcome: r?.outcome ?? 0, version: r?.version ?? 0 };
    }),
  };
}

/** Enter budget and outcome for one cost type and year; version 0 creates the line, a stale one answers 409. */
export async function updateEconomyLine(
  db: Db,
  ctx: ServiceContext,
  projectId: string,
  year: number,
  costType: CostType,
  input: { version: number; budget: number; outcome: number },
) {
  return db.transaction().execute(async (tx) => {
    const current = async () => (await getEconomyYear(tx, projectId, year)).lines.find((l) => l.costType === costType);
    const before = await current();
    const ok =
      input.version === 0
        ? await tx
            .insertInto("economy_lines")
            .values({ project_id: projectId, year, cost_type: costType, budget: input.budget, outcome: input.outcome })
            .onConflict((oc) => oc.columns(["project_id", "year", "cost_type"]).doNothing())
            .returning("version")
            .executeTakeFirst()
        : await tx
            .updateTable("economy_lines")
            .set({ budget: input.budget, outcome: input.outcome, version: sql<number>`version + 1`, updated_at: new Date() })
            .where("project_id", "=", projectId)
            .where("year", "=", year)
            .where("cost_type", "=", costType)
            .where("version", "=", input.version)
            .returning("version")
            .executeTakeFirst();
    if (!ok) throw conflict(before);
    await writeAudit(tx, ctx, {
      action: "report.economy.update",
      projectId,
      subjectType: "project",
      subjectId: projectId,
      details: { year, costType, before: { budget: before?.budget, outcome: before?.outcome }, after: { budget: input.budget, outcome: input.outcome } },
    });
    return current();
  });
}

/** Budget, outcome and deviation per cost type and year with totals; outcome per participant of the same years. */
export async function economyReport(
  db: Db,
  o: { projectId: string; fromYear: number; toYear: number; suppress: boolean; threshold?: number },
): Promise<EconomyReport> {
  const project = await db.selectFrom("projects").select("slug").where("id", "=", o.projectId).executeTakeFirst();
  if (!project) throw notFound("Projektet");
  const tables = await economyTables(db, o.projectId, o.toYear, o.fromYear);
  const totalOutcome = await db
    .selectFrom("economy_lines")
    .select(sql<number>`coalesce(sum(outcome), 0)::int`.as("sum"))
    .where("project_id", "=", o.projectId)
    .where("year", ">=", o.fromYear)
    .where("year", "<=", o.toYear)
    .executeTakeFirstOrThrow();
  const totals = await q.countTotals(db, { projectId: o.projectId, from: `${o.fromYear}-01-01`, to: `${o.toYear}-12-31` });
  const threshold = o.threshold ?? DEFAULT_THRESHOLD;
  const hide = o.suppress && totals.persons >= 1 && totals.persons <= threshold;
  const perParticipant = totals.persons ? Math.round(totalOutcome.sum / totals.persons) : 0;
  tables.push({
    id: "cost_per_participant",
    title: "Kostnad per deltagare",
    columns: ["Utfall totalt (kr)", "Unika deltagare", "Kostnad per deltagare (kr)"],
    rows: [{ label: "Totalt", values: [totalOutcome.sum, hide ? smallLabel(threshold) : totals.persons, hide ? smallLabel(threshold) : perParticipant] }],
  });
  return {
    report: "economy",
    project: project.slug,
    years: { from: o.fromYear, to: o.toYear },
    tables,
    notes: [
      "Belopp i kronor. Avvikelse är budget minus utfall: ett negativt tal betyder att utfallet är större än budgeten.",
      "Unika deltagare räknas som i årsrapporten: personer med en inskrivning som pågått någon gång under åren, utom de som inte räknas i statistiken.",
    ],
  };
}

/** The budget table of the report years, as in the customers' reports: a budget and an outcome column per year, totals and deviation. */
export async function economyTables(db: Db, projectId: string, toYear: number, fromYear = toYear): Promise<ReportTable[]> {
  const rows = await db
    .selectFrom("economy_lines")
    .select(["year", "cost_type", "budget", "outcome"])
    .where("project_id", "=", projectId)
    .where("year", ">=", fromYear)
    .where("year", "<=", toYear)
    .execute();
  if (!rows.length) return [];
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
  const line = (types: CostType[]) => {
    const vals: number[] = [];
    let b = 0;
    let u = 0;
    for (const y of years) {
      const ys = rows.filter((r) => r.year === y && types.includes(r.cost_type as CostType));
      const yb = ys.reduce((a, r) => a + r.budget, 0);
      const yu = ys.reduce((a, r) => a + r.outcome, 0);
      vals.push(yb, yu);
      b += yb;
      u += yu;
    }
    return years.length > 1 ? [...vals, b, u, b - u] : [...vals, b - u];
  };
  return [
    {
      id: "economy",
      title: years.length > 1 ? `Budget och utfall ${fromYear}–${toYear}` : `Budget och utfall ${fromYear}`,
      columns: [...years.flatMap((y) => [`${y} budget`, `${y} utfall`]), ...(years.length > 1 ? ["Totalt budget", "Totalt utfall"] : []), "Avvikelse"],
      rows: [...CostType.options.map((c) => ({ label: COST_LABELS[c], values: line([c]) })), { label: "Totalt", values: line([...CostType.options]) }],
    },
  ];
}

// ── Effect goals ──

const GOAL_INFO: Record<GoalMeasure, { label: string; unit: "persons" | "percent"; categories?: string[] }> = {
  participants: { label: "Antal deltagare under året", unit: "persons" },
  share_work_studies_internship: {
    label: "Andel i arbete eller studier efter avslut",
    unit: "percent",
    categories: ["ARBETE", "ARBETE_AF_STOD", "UTB_YRK", "UTB_ALLM"],
  },
  share_work_after_exit: { label: "Andel i arbete efter avslut", unit: "percent", categories: ["ARBETE", "ARBETE_AF_STOD"] },
  share_studies_after_exit: { label: "Andel i studier efter avslut", unit: "percent", categories: ["UTB_YRK", "UTB_ALLM"] },
  share_satisfied: { label: "Andel nöjda deltagare", unit: "percent" },
};

export async function updateGoal(
  db: Db,
  ctx: ServiceContext,
  projectId: string,
  year: number,
  measure: GoalMeasure,
  input: { version: number; target: number; manualActual: number | null },
) {
  return db.transaction().execute(async (tx) => {
    const find = () =>
      tx
        .selectFrom("project_goals")
        .select(["target", "manual_actual", "version"])
        .where("project_id", "=", projectId)
        .where("year", "=", year)
        .where("measure", "=", measure)
        .executeTakeFirst();
    const before = await find();
    const ok =
      input.version === 0
        ? await tx
            .insertInto("project_goals")
            .values({ project_id: projectId, year, measure, target: input.target, manual_actual: input.manualActual })
            .onConflict((oc) => oc.columns(["project_id", "year", "measure"]).doNothing())
            .returning("version")
            .executeTakeFirst()
        : await tx
            .updateTable("project_goals")
            .set({ target: input.target, manual_actual: input.manualActual, version: sql<number>`version + 1`, updated_at: new Date() })
            .where("project_id", "=", projectId)
            .where("year", "=", year)
            .where("measure", "=", measure)
            .where("version", "=", input.version)
            .returning("version")
            .executeTakeFirst();
    if (!ok) throw conflict(before ? { measure, target: before.target, manualActual: before.manual_actual, version: before.version } : { measure, version: 0 });
    await writeAudit(tx, ctx, {
      action: "report.goal.update",
      projectId,
      subjectType: "project",
      subjectId: projectId,
      details: { year, measure, before: before ? { target: before.target, manualActual: before.manual_actual } : null, after: input },
    });
    const after = await find();
    return { measure, target: after?.target ?? input.target, manualActual: after?.manual_actual ?? null, version: after?.version ?? 1 };
  });
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The project's goals of a year against the actuals of that year: participants are the unique
 * persons of the year; shares after exit are of the persons whose latest enrolment has a final
 * exit in the year, by the national category of the exit status. Satisfaction is entered by hand.
 */
export async function goalsReport(db: Db, o: { projectId: string; year: number; suppress: boolean; threshold?: number }): Promise<GoalsReport> {
  const project = await db.selectFrom("projects").select("slug").where("id", "=", o.projectId).executeTakeFirst();
  if (!project) throw notFound("Projektet");
  const period = { from: `${o.year}-01-01`, to: `${o.year}-12-31` };
  const scope = { projectId: o.projectId, ...period };
  const [stored, { totals, exits }, codes] = await Promise.all([
    db
      .selectFrom("project_goals")
      .select(["measure", "target", "manual_actual", "version"])
      .where("project_id", "=", o.projectId)
      .where("year", "=", o.year)
      .execute(),
    q.annualCounts(db, scope),
    db.selectFrom("codes").select(["code", "national_category"]).where("project_id", "=", o.projectId).where("list", "=", "exit_status").execute(),
  ]);
  const national = new Map(codes.map((c) => [c.code, c.national_category]));
  const exited = exits.reduce((a, r) => a + r.n, 0);
  const threshold = o.threshold ?? DEFAULT_THRESHOLD;
  const small = (n: number) => o.suppress && n >= 1 && n <= threshold;
  const categoryNames = (cats: string[]) => cats.map((c) => NationalCategories.exit_status.find((x) => x.value === c)?.label ?? c).join(", ");
  const goals: Goal[] = GoalMeasure.options.map((measure) => {
    const info = GOAL_INFO[measure];
    const s = stored.find((x) => x.measure === measure);
    let actual: number | string | null;
    let basis: string;
    if (measure === "participants") {
      actual = small(totals.persons) ? smallLabel(threshold) : totals.persons;
      basis = "Unika personer med en inskrivning som pågått någon gång under året.";
    } else if (info.categories) {
      const hits = exits.filter((r) => info.categories?.includes(national.get(r.code) ?? "")).reduce((a, r) => a + r.n, 0);
      // A share of a handful of persons gives them away; hide it with the count.
      actual = exited === 0 ? null : small(exited) || small(hits) || small(exited - hits) ? smallLabel(threshold) : round1((100 * hits) / exited);
      basis = `Av ${small(exited) ? smallLabel(threshold) : exited} personer med slutligt avslut under året: status ${categoryNames(info.categories)}.`;
    } else {
      actual = s?.manual_actual ?? null;
      basis = "Inmatat för hand (t.ex. från en enkät).";
    }
    return {
      measure,
      label: info.label,
      unit: info.unit,
      target: s?.target ?? null,
      actual,
      manualActual: s?.manual_actual ?? null,
      basis,
      version: s?.version ?? 0,
    };
  });
  return { report: "goals", project: project.slug, year: o.year, period, suppressed: o.suppress, goals };
}
