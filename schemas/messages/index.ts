/**
 * Messages for people are written in Swedish where they arise (schemas, services); this turns
 * one into the reader's language. Swedish is the source and comes back unchanged; English is
 * looked up in the catalogue (en.ts for the schemas, en-server.ts for the server) by the exact Swedish text, or, for a message built with a
 * template literal, matched by a pattern (en-patterns.ts). A message without an entry stays
 * Swedish rather than becoming empty or a key. `messages.test.ts` checks that every message
 * written in schemas/ and server/ has an English entry.
 */
import { en } from "./en.ts";
import { type MessagePattern, patterns } from "./en-patterns.ts";
import { enServer } from "./en-server.ts";

export type Locale = "sv" | "en";

const HOLE = "{}";

interface CompiledPattern {
  regex: RegExp;
  pattern: MessagePattern;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function compile(pattern: MessagePattern): CompiledPattern {
  const regex = pattern.match ?? new RegExp(`^${pattern.sv.split(HOLE).map(escapeRegex).join("(.*?)")}$`, "s");
  return { regex, pattern };
}

let compiled: CompiledPattern[] | null = null;
let exactEnglish: Map<string, string> | null = null;

/** The English for a pattern's holes: `{0}` as it came, `{0*}` translated itself (a word such as "minuter"). */
function fill(template: string, parts: string[]): string {
  return template.replace(/\{(\d+)(\*?)\}/g, (_, index: string, translate: string) => {
    const part = parts[Number(index)] ?? "";
    return translate ? translateMessage(part, "en") : part;
  });
}

export function translateMessage(message: string, locale: Locale): string {
  if (locale === "sv") return message;
  exactEnglish ??= new Map([...Object.entries(en), ...Object.entries(enServer)]);
  const exact = exactEnglish.get(message);
  if (exact !== undefined) return exact;
  compiled ??= patterns.map(compile);
  for (const { regex, pattern } of compiled) {
    const m = regex.exec(message);
    if (!m) continue;
    const parts = m.slice(1).map((p) => p ?? "");
    return typeof pattern.en === "function" ? pattern.en(parts) : fill(pattern.en, parts);
  }
  return message;
}

/** The Swedish templates that have an English pattern, as the source writes them (`${…}` as `{}`). */
export function patternTemplates(): string[] {
  return patterns.map((p) => p.sv);
}
