/** The pure rules of the rating scales and the aggregates: no database, easy to test by hand. */

export interface ScaleRules {
  items: { key: string; sv: string }[];
  itemMin: number;
  itemMax: number;
  decimals: number;
  alertRule: "total_at_most" | "total_below";
  alertValue: number;
  reliableChange: number | null;
}

/** Round to `d` decimals without the binary drift of 0.1 + 0.2. */
export const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

/** Whether `v` has at most `decimals` decimals (7.3 yes, 7.25 no, with one). */
export function hasAtMostDecimals(v: number, decimals: number): boolean {
  const scaled = v * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-9;
}

/**
 * Field messages for item values that do not fit the scale, keyed `items.<key>` and naming the
 * item: every item must be there, within range, with at most the scale's decimals, and no others.
 */
export function itemErrors(scale: ScaleRules, values: Record<string, number>): Record<string, string> {
  const errors: Record<string, string> = {};
  const range = `${String(scale.itemMin).replace(".", ",")}–${String(scale.itemMax).replace(".", ",")}`;
  for (const item of scale.items) {
    const v = values[item.key];
    if (v === undefined || v === null) errors[`items.${item.key}`] = `Ange ett värde för ”${item.sv}”.`;
    else if (!Number.isFinite(v) || v < scale.itemMin || v > scale.itemMax) errors[`items.${item.key}`] = `”${item.sv}” ska vara mellan ${range}.`;
    else if (!hasAtMostDecimals(v, scale.decimals))
      errors[`items.${item.key}`] =
        scale.decimals === 0 ? `”${item.sv}” ska vara ett heltal.` : `”${item.sv}” får ha högst ${scale.decimals} decimal${scale.decimals > 1 ? "er" : ""}.`;
  }
  for (const key of Object.keys(values)) if (!scale.items.some((i) => i.key === key)) errors[`items.${key}`] = "Skalan har ingen sådan del.";
  return errors;
}

export function totalOf(scale: ScaleRules, values: Record<string, number>): number {
  return round(
    scale.items.reduce((sum, i) => sum + (values[i.key] ?? 0), 0),
    scale.decimals,
  );
}

/** GSRS/SRS: a total at or under the limit flags the alliance; ORS: a total under the cut-off. */
export function isAlert(scale: Pick<ScaleRules, "alertRule" | "alertValue">, total: number): boolean {
  return scale.alertRule === "total_at_most" ? total <= scale.alertValue : total < scale.alertValue;
}

/** Reliable change since the first score: at least the threshold up or down. */
export function reliableChange(threshold: number | null, change: number | null): "improved" | "worsened" | "none" | null {
  if (threshold === null || change === null) return null;
  if (change >= threshold) return "improved";
  if (change <= -threshold) return "worsened";
  return "none";
}

export interface Stats {
  n: number;
  min: number | null;
  mean: number | null;
  max: number | null;
}

/** n, lowest, mean (two decimals) and highest of the numbers given. */
export function stats(values: number[]): Stats {
  if (values.length === 0) return { n: 0, min: null, mean: null, max: null };
  const sum = values.reduce((a, b) => a + b, 0);
  return { n: values.length, min: Math.min(...values), mean: round(sum / values.length, 2), max: Math.max(...values) };
}
