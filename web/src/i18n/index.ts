import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { z } from "zod";
import { en as zodEnglish, sv as zodSwedish } from "zod/locales";
import { setEnglishCatalogue } from "../../../schemas/messages/translate.ts";
import en from "./en.json";
import type svActivities from "./sv.activities.json";
import type svEmployers from "./sv.employers.json";
import type svExitFollowUp from "./sv.exitFollowUp.json";
import type svGroups from "./sv.groups.json";
import type svImports from "./sv.imports.json";
import sv from "./sv.json";
import type svMeetings from "./sv.meetings.json";
import type svParticipants from "./sv.participants.json";
import type svPlan from "./sv.plan.json";
import type svRatings from "./sv.ratings.json";
import type svReports from "./sv.reports.json";

export const LANGUAGES = ["sv", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

// Both files must have the same keys; these two lines fail the type check when they drift apart.
const enHasAllKeys: typeof sv = en;
const svHasAllKeys: typeof en = sv;

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    // The participant pages' words load with those pages (participants.ts), but are typed here.
    resources: {
      translation: typeof sv &
        typeof svActivities &
        typeof svEmployers &
        typeof svExitFollowUp &
        typeof svGroups &
        typeof svImports &
        typeof svMeetings &
        typeof svParticipants &
        typeof svPlan &
        typeof svRatings &
        typeof svReports;
    };
  }
}

const STORAGE_KEY = "stegvis.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : "sv";
  } catch {
    return "sv";
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { sv: { translation: svHasAllKeys }, en: { translation: enHasAllKeys } },
  lng: storedLanguage(),
  fallbackLng: "sv",
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  initAsync: false,
});

function reflectLanguage(language: string): void {
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may forbid storage; the choice then lasts for this page only.
  }
}

let englishMessages: Promise<void> | null = null;

/**
 * The English of the messages that schemas and server write in Swedish, loaded the first time
 * the UI is English, so a Swedish reader does not download it. Until it is in, messages stay
 * Swedish; when it cannot be loaded, the next switch tries again.
 */
function loadEnglishMessages(): Promise<void> {
  englishMessages ??= import("../../../schemas/messages/english.ts")
    .then(({ englishCatalogue }) => setEnglishCatalogue(englishCatalogue))
    .catch(() => {
      englishMessages = null;
    });
  return englishMessages;
}

/**
 * Forms check their input with the shared schemas before sending it; zod's own messages (a
 * missing or wrongly typed value) follow the UI's language. The schemas' own Swedish messages
 * are translated where they are shown (`zodFieldErrors`).
 */
function setZodLanguage(language: string): void {
  z.config(language === "en" ? zodEnglish() : zodSwedish());
}

reflectLanguage(i18n.language);
setZodLanguage(i18n.language);
if (i18n.language === "en") void loadEnglishMessages();
i18n.on("languageChanged", (language) => {
  reflectLanguage(language);
  setZodLanguage(language);
  if (language === "en") void loadEnglishMessages();
});

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : "sv";
}

export async function switchLanguage(language: Language): Promise<void> {
  if (language === "en") await loadEnglishMessages();
  if (i18n.language !== language) await i18n.changeLanguage(language);
}
