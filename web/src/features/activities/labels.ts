import type { TFunction } from "i18next";
import type { Activity } from "../../../../schemas/activities.ts";
import type { FollowUpRule } from "../../../../schemas/placements.ts";
import { formatDate } from "../../format.ts";

/** "3 dagar efter start", "1 månad efter start", "vid slutet", "14 dagar efter slutet". */
export function ruleLabel(t: TFunction, rule: FollowUpRule): string {
  if (rule.anchor === "end" && rule.amount === 0) return t("followUps.rule.atEnd");
  const amount = rule.unit === "days" ? t("followUps.rule.days", { count: rule.amount }) : t("followUps.rule.months", { count: rule.amount });
  return rule.anchor === "start" ? t("followUps.rule.afterStart", { amount }) : t("followUps.rule.afterEnd", { amount });
}

/** "2025-03-01 – 2025-06-30", or "från 2025-03-01". */
export function periodLabel(t: TFunction, a: { startDate: string; endDate: string | null }): string {
  return a.endDate ? `${formatDate(a.startDate)} – ${formatDate(a.endDate)}` : t("activities.from", { date: formatDate(a.startDate) });
}

/** The kind of details a type carries, as the server decides it from the type's national category. */
export function detailsKindOf(category: string | null | undefined, code: string): Activity["details"]["kind"] {
  if (category === "praktik") return "internship";
  if (category === "anstallning") return "employment";
  if (category === "studier") return "studies";
  if (code === "validering") return "validation";
  return "none";
}

export const kronor = new Intl.NumberFormat("sv-SE", { style: "currency", currency: "SEK", maximumFractionDigits: 0 });
