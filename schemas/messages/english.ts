import { en } from "./en.ts";
import { type EnglishCatalogue, patterns } from "./en-patterns.ts";
import { enServer } from "./en-server.ts";

/** The whole English catalogue: the schemas' and the server's messages, and the patterns. */
export const englishCatalogue: EnglishCatalogue = { exact: { ...en, ...enServer }, patterns };
