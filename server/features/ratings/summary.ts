import type { SessionTheme } from "../../../schemas/groups.ts";
import type { RatingSummary } from "../../../schemas/ratings.ts";
import type { Db } from "../../db/client.ts";
import { swedishLocal } from "../groups/pattern.ts";
import { round, stats } from "./rules.ts";
import "../groups/tables.ts";
import "./tables.ts";

const THEME_SV: Record<SessionTheme, string> = {
  empowerment: "Egenmakt",
  working_life: "Arbetslivets rättigheter och skyldigheter",
  everyday_life: "Vardagsliv",
  guest_lecturer: "Gästföreläsare",
  other: "Annat",
};

export interface SummaryOptions {
  by: "month" | "session";
  /** Hide groups of fewer than five scores and every free-text label (aggregate-only readers). */
  suppressed: boolean;
  /** Only the scores given at this group's sessions. */
  groupId?: string;
}

/**
 * The project's scores of one instrument per month or per group session: n, lowest, mean,
 * highest and the share under the limit. For aggregate-only readers a group of fewer than five
 * scores shows as "<5" with nothing else. A session is named by its date and theme as the group
 * has them; the free-text occasion a leader typed may name people, so only readers with access to
 * the persons see it.
 */
export async function ratingSummary(db: Db, projectId: string, code: string, opts: SummaryOptions): Promise<RatingSummary> {
  const by = opts.groupId ? "session" : opts.by;
  let q = db
    .selectFrom("rating_scores as s")
    .innerJoin("enrolments as e", "e.id", "s.enrolment_id")
    .innerJoin("rating_instruments as i", "i.id", "s.instrument_id")
    .leftJoin("group_sessions as gs", (j) => j.onRef("gs.id", "=", "s.context_id").on("s.context_kind", "=", "group_session"))
    .leftJoin("groups as g", (j) => j.onRef("g.id", "=", "gs.group_id").on("g.project_id", "=", projectId))
    .select(["s.rated_on", "s.total", "s.alert", "s.context_id", "s.context_label", "g.id as group_id", "gs.starts_at", "gs.theme"])
    .where("e.project_id", "=", projectId)
    .where("i.code", "=", code);
  if (by === "session") q = q.where("s.context_kind", "=", "group_session");
  if (opts.groupId) q = q.where("g.id", "=", opts.groupId);
  const rows = await q.orderBy("s.rated_on").orderBy("gs.starts_at").execute();
  const groups = new Map<string, { label: string; date: string | null; theme: SessionTheme | null; totals: number[]; alerts: number }>();
  for (const r of rows) {
    const known = r.group_id !== null && r.starts_at !== null;
    const date = known ? swedishLocal(new Date(r.starts_at as Date)).date : null;
    const theme = known ? r.theme : null;
    let key: string;
    let label: string;
    if (by === "month") {
      key = r.rated_on.slice(0, 7);
      label = key;
    } else if (known) {
      key = r.context_id as string;
      const named = opts.suppressed || !r.context_label ? (theme ? THEME_SV[theme] : null) : r.context_label;
      label = [date, named].filter(Boolean).join(" ");
    } else {
      key = opts.suppressed ? r.rated_on : `${r.rated_on}|${r.context_label ?? ""}`;
      label = opts.suppressed ? r.rated_on : [r.rated_on, r.context_label].filter(Boolean).join(" ");
    }
    const g = groups.get(key) ?? { label, date, theme, totals: [], alerts: 0 };
    g.totals.push(Number(r.total));
    if (r.alert) g.alerts++;
    groups.set(key, g);
  }
  return {
    instrument: code,
    by,
    suppressed: opts.suppressed,
    rows: [...groups].map(([key, g]) => {
      const s = stats(g.totals);
      const head = { key, label: g.label, date: g.date, theme: g.theme };
      if (opts.suppressed && s.n < 5) return { ...head, n: "<5" as const, min: null, mean: null, max: null, alerts: null, alertPercent: null };
      return { ...head, n: s.n, min: s.min, mean: s.mean, max: s.max, alerts: g.alerts, alertPercent: round((100 * g.alerts) / s.n, 0) };
    }),
  };
}
