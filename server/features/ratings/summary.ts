import type { RatingSummary } from "../../../schemas/ratings.ts";
import type { Db } from "../../db/client.ts";
import { round, stats } from "./rules.ts";
import "./tables.ts";

/**
 * The project's scores of one instrument per month or per group session: n, lowest, mean,
 * highest and the share under the limit. For aggregate-only readers a group of fewer than five
 * scores shows as "<5" with nothing else.
 */
export async function ratingSummary(db: Db, projectId: string, code: string, by: "month" | "session", suppressed: boolean): Promise<RatingSummary> {
  let q = db
    .selectFrom("rating_scores as s")
    .innerJoin("enrolments as e", "e.id", "s.enrolment_id")
    .innerJoin("rating_instruments as i", "i.id", "s.instrument_id")
    .select(["s.rated_on", "s.total", "s.alert", "s.context_id", "s.context_label"])
    .where("e.project_id", "=", projectId)
    .where("i.code", "=", code);
  if (by === "session") q = q.where("s.context_kind", "=", "group_session");
  const rows = await q.orderBy("s.rated_on").execute();
  const groups = new Map<string, { label: string; totals: number[]; alerts: number }>();
  for (const r of rows) {
    const key = by === "month" ? r.rated_on.slice(0, 7) : (r.context_id ?? `${r.rated_on}|${r.context_label ?? ""}`);
    const label = by === "month" ? r.rated_on.slice(0, 7) : [r.rated_on, r.context_label].filter(Boolean).join(" ");
    const g = groups.get(key) ?? { label, totals: [], alerts: 0 };
    g.totals.push(Number(r.total));
    if (r.alert) g.alerts++;
    groups.set(key, g);
  }
  return {
    instrument: code,
    by,
    suppressed,
    rows: [...groups].map(([key, g]) => {
      const s = stats(g.totals);
      if (suppressed && s.n < 5) return { key, label: g.label, n: "<5" as const, min: null, mean: null, max: null, alerts: null, alertPercent: null };
      return { key, label: g.label, n: s.n, min: s.min, mean: s.mean, max: s.max, alerts: g.alerts, alertPercent: round((100 * g.alerts) / s.n, 0) };
    }),
  };
}
