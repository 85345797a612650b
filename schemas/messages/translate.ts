/**
 * Messages for people are written in Swedish where they arise (schemas, services); this turns
 * one into the reader's language. Swedish is the source and comes back unchanged; English is
 * looked up in the English catalogue (english.ts) by the exact Swedish text, or, for a message
 * built with a template literal, matched by a pattern. A message without an entry stays Swedish
 * rather than becoming empty or a key.
 *
 * The catalogue is handed in with `setEnglishCatalogue`: the server and the tests load it at
 * once (index.ts); the web app loads it only when the UI is in English, so a Swedish reader
 * does not download it. Until it is there, messages stay Swedish.
 */
import type { EnglishCatalogue, MessagePattern } from "./en-patterns.ts";

export type Locale = "sv" | "en";

const HOLE = "{}";

interface Compiled {
  exact: Map<string, string>;
  patterns: { regex: RegExp; pattern: MessagePattern }[];
}

let english: Compiled | null = null;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function setEnglishCatalogue(catalogue: EnglishCatalogue): void {
  english = {
    exact: new Map(Object.entries(catalogue.exact)),
    patterns: catalogue.patterns.map((pattern) => ({
      regex: pattern.match ?? new RegExp(`^${pattern.sv.split(HOLE).map(escapeRegex).join("(.*?)")}$`, "s"),
      pattern,
    })),
  };
}

/** The English for a pattern's holes: `{0}` as it came, `{0*}` translated itself (a word such as "minuter"). */
function fill(template: string, parts: string[]): string {
  return template.replace(/\{(\d+)(\*?)\}/g, (_, index: string, translate: string) => {
    const part = parts[Number(index)] ?? "";
    return translate ? translateMessage(part, "en") : part;
  });
}

export function translateMessage(message: string, locale: Locale): string {
  if (locale === "sv" || !english) return message;
  const exact = english.exact.get(message);
  if (exact !== undefined) return exact;
  for (const { regex, pattern } of english.patterns) {
    const m = regex.exec(message);
    if (!m) continue;
    const parts = m.slice(1).map((p) => p ?? "");
    return typeof pattern.en === "function" ? pattern.en(parts) : fill(pattern.en, parts);
  }
  return message;
}
