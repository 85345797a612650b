/**
 * Message translation with the English catalogue loaded: for the server and the tests. The web
 * app imports translate.ts and loads the catalogue when the UI turns English (i18n/index.ts).
 * `messages.test.ts` checks that every message written in schemas/ and server/ has English.
 */
import { englishCatalogue } from "./english.ts";
import { setEnglishCatalogue } from "./translate.ts";

setEnglishCatalogue(englishCatalogue);

export { type Locale, translateMessage } from "./translate.ts";

/** The Swedish templates that have an English pattern, as the source writes them (`${…}` as `{}`). */
export function patternTemplates(): string[] {
  return englishCatalogue.patterns.map((p) => p.sv);
}
