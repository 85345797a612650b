import type { TFunction } from "i18next";
import type { AttendanceCell, GroupSession, SessionTheme } from "../../../../schemas/groups.ts";

/** 0.6667 → "67 %"; nothing registered → "–". */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "–" : `${Math.round(rate * 100)} %`;
}

/** A count, or a dash where the cell is hidden or empty. */
export const count = (cell: AttendanceCell, key: "registered" | "present" | "absentNotified" | "absentUnnotified") =>
  cell.suppressed ? "–" : String(cell[key] ?? 0);

const weekdayFormat = (lang: string) => new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "sv-SE", { weekday: "short", timeZone: "UTC" });

/** "mån 2026-03-02" — the weekday helps when sessions follow a weekly pattern. */
export function dayAndDate(date: string, lang: string): string {
  return `${weekdayFormat(lang).format(new Date(`${date}T12:00:00Z`))} ${date}`;
}

export function themeText(
  s: { theme: SessionTheme | null; themeNote?: string | null; guestName?: string | null; guestOrganisation?: string | null },
  t: TFunction,
): string {
  if (!s.theme) return t("groups.themes.none");
  const base = t(`groups.themes.${s.theme}`);
  if (s.theme === "guest_lecturer" && s.guestName) return `${base}: ${s.guestName}${s.guestOrganisation ? ` (${s.guestOrganisation})` : ""}`;
  if (s.themeNote) return `${base}: ${s.themeNote}`;
  return base;
}

export const sessionTime = (s: Pick<GroupSession, "startTime" | "endTime">) => `${s.startTime}–${s.endTime}`;

/** Monday first, as in Sweden; ISO numbers 1–7. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
