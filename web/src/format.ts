// Dates and names are shown the Swedish way whatever the interface language: an ISO-like
// "2025-03-14 09:30" reads the same to everyone in a Swedish municipality.
const dateTimeFormat = new Intl.DateTimeFormat("sv-SE", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Stockholm",
});
const dateFormat = new Intl.DateTimeFormat("sv-SE", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  timeZone: "Europe/Stockholm",
});
const nameCollator = new Intl.Collator("sv", { sensitivity: "base" });

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

export function compareNames(a: string, b: string): number {
  return nameCollator.compare(a, b);
}

/** A copy sorted by a name, with Swedish alphabetical order (å, ä, ö last). */
export function sortByName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareNames(name(a), name(b)));
}

/** Today's date in Sweden as YYYY-MM-DD, the default for date fields. */
export function todayIso(): string {
  return dateFormat.format(new Date());
}

/** A date N days from today in Sweden, as YYYY-MM-DD. */
export function isoDaysFromToday(days: number): string {
  const date = new Date(`${todayIso()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
