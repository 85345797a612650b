import { type ActivityDetails, type ActivityDetailsStored, type ActivityStatus, type DetailsKind, SUPPORTED_FORMS } from "../../../schemas/activities.ts";
import { DEFAULT_SUPPORT_MAX_MONTHS, DEFAULT_TOP_UP_PERCENT } from "../../../schemas/placements.ts";
import { plannedEnd } from "../participants/dates.ts";

/**
 * The kinds of details a type may carry, the first being its default. Validation is a local
 * type under the national category "ovrigt", so any such type may record a validation.
 */
export function detailKindsOf(category: string | null, code: string): DetailsKind[] {
  if (category === "praktik") return ["internship"];
  if (category === "anstallning") return ["employment"];
  if (category === "studier") return ["studies"];
  if (category === "ovrigt") return code === "validering" ? ["validation", "none"] : ["none", "validation"];
  return ["none"];
}

/**
 * The municipality's monthly top-up for an external employment: the configured share of the
 * wage cost, but never more than what the employer still pays after the state subsidy.
 * Internal employments (the municipality is the employer) get none.
 */
export function municipalTopUp(d: {
  employer: "internal" | "external";
  monthlyWageCost: number | null;
  monthlyStateSubsidy: number | null;
  topUpPercent?: number;
}): number | null {
  if (d.employer === "internal" || d.monthlyWageCost == null) return null;
  const share = (d.monthlyWageCost * (d.topUpPercent ?? DEFAULT_TOP_UP_PERCENT)) / 100;
  const remaining = Math.max(0, d.monthlyWageCost - (d.monthlyStateSubsidy ?? 0));
  return Math.round(Math.min(share, remaining) * 100) / 100;
}

export function presentDetails(stored: ActivityDetailsStored): ActivityDetails {
  if (stored.kind !== "employment") return stored;
  return { ...stored, topUpPercent: stored.topUpPercent ?? DEFAULT_TOP_UP_PERCENT, municipalTopUp: municipalTopUp(stored) };
}

/** Has support that runs out (a supported form of employment, or Supported Education). */
function hasTimeLimitedSupport(d: ActivityDetailsStored): boolean {
  if (d.kind === "employment") return SUPPORTED_FORMS.includes(d.form);
  if (d.kind === "studies") return d.supportedEducation;
  return false;
}

/** A warning when the support has run (or is planned to run) past its maximum length, the project's setting. */
export function supportWarnings(
  a: { startDate: string; endDate: string | null; details: ActivityDetailsStored },
  today: string,
  maxMonths = DEFAULT_SUPPORT_MAX_MONTHS,
): string[] {
  if (!hasTimeLimitedSupport(a.details)) return [];
  const lastDay = plannedEnd(a.startDate, maxMonths);
  const until = a.endDate ?? today;
  if (until <= lastDay) return [];
  return [`Stödet pågår längre än ${maxMonths} månader (till och med ${lastDay}). Kontrollera beslutet om stöd.`];
}

/** Over: ended or interrupted, or its end date has passed. */
export function isOver(a: { status: ActivityStatus; endDate: string | null }, today: string): boolean {
  return a.status === "ended" || a.status === "interrupted" || (a.endDate != null && a.endDate < today);
}
