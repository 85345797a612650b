import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { en } from "./en.ts";
import { enServer } from "./en-server.ts";
import { patternTemplates, translateMessage } from "./index.ts";
import { scanFile, scanSourceMessages } from "./scan.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("translateMessage", () => {
  it("gives Swedish back unchanged and English from the catalogue", () => {
    expect(translateMessage("Ange förnamn", "sv")).toBe("Ange förnamn");
    expect(translateMessage("Ange förnamn", "en")).toBe("Give the first name");
    expect(translateMessage("Några uppgifter behöver rättas.", "en")).toBe("Some details need to be corrected.");
  });

  it("fills a pattern's holes, translating those that are messages themselves", () => {
    expect(translateMessage("Högst 80 tecken", "en")).toBe("At most 80 characters");
    expect(translateMessage("Projektet finns inte, eller så saknar du behörighet att se den.", "en")).toBe(
      "The project does not exist, or you do not have permission to see it.",
    );
    expect(translateMessage("Version 3 av kartläggningen finns inte, eller så saknar du behörighet att se den.", "en")).toBe(
      "Version 3 of the mapping does not exist, or you do not have permission to see it.",
    );
    expect(translateMessage("För många misslyckade inloggningar. Försök igen om 1 minut.", "en")).toBe("Too many failed sign-ins. Try again in 1 minute.");
    expect(translateMessage("För många misslyckade inloggningar. Försök igen om 4 minuter.", "en")).toBe("Too many failed sign-ins. Try again in 4 minutes.");
  });

  it("tells the two forms of an enrolment overlap apart", () => {
    expect(translateMessage("Personen är redan inskriven i projektet från 2025-01-02 till 2025-06-30. Avsluta den inskrivningen först.", "en")).toBe(
      "The person is already enrolled in the project from 2025-01-02 to 2025-06-30. End that enrolment first.",
    );
    expect(translateMessage("Personen är redan inskriven i projektet från 2025-01-02 och är inte utskriven. Avsluta den inskrivningen först.", "en")).toBe(
      "The person is already enrolled in the project from 2025-01-02 and has not exited. End that enrolment first.",
    );
  });

  it("leaves an unknown message in Swedish, and does not mistake built-in names for entries", () => {
    expect(translateMessage("Ett helt nytt meddelande", "en")).toBe("Ett helt nytt meddelande");
    expect(translateMessage("constructor", "en")).toBe("constructor");
    expect(translateMessage("", "en")).toBe("");
  });

  it("leaves messages Swedish until the catalogue is handed in, as the web app does when the UI turns English", async () => {
    vi.resetModules();
    const fresh = await import("./translate.ts");
    expect(fresh.translateMessage("Ange förnamn", "en")).toBe("Ange förnamn");
    const { englishCatalogue } = await import("./english.ts");
    fresh.setEnglishCatalogue(englishCatalogue);
    expect(fresh.translateMessage("Ange förnamn", "en")).toBe("Give the first name");
  });

  it("has no English entry that is still the Swedish text", () => {
    for (const [sv, english] of Object.entries({ ...en, ...enServer })) expect(english, sv).not.toBe(sv);
  });
});

describe("the English catalogue", () => {
  const found = scanSourceMessages(root);

  it("finds the messages written in schemas and server", () => {
    // 460 distinct messages in 674 places (356 in schemas, 318 in the server, 43 templates) when
    // this was written; messages come and go, but far fewer means the scanner went blind.
    expect(new Set(found.map((m) => m.text)).size).toBeGreaterThanOrEqual(440);
    expect(found.filter((m) => m.file.startsWith("schemas")).length).toBeGreaterThanOrEqual(330);
    expect(found.filter((m) => m.file.startsWith("server")).length).toBeGreaterThanOrEqual(300);
    expect(found.filter((m) => m.template).length).toBeGreaterThanOrEqual(40);
    // One of each kind of place it must look.
    const texts = new Set(found.map((m) => m.text));
    for (const text of [
      "Ange förnamn", // argument of a local helper's `message` parameter (schemas)
      "Organisationsnumret stämmer inte: kontrollsiffran (sista siffran) är fel. Kontrollera numret.", // addIssue message in a condition
      "Högst {} tecken", // template literal
      "Du behöver logga in.", // new AppError
      "Personnumret är inte giltigt. Kontrollera siffrorna (ÅÅÅÅMMDD-NNNN); kontrollsiffran stämmer inte.", // fields: {…}
      "Projektet", // notFound(what)
      "Välj ett team i projektet.", // a helper whose last parameter is the message
      "Lösenordet får inte innehålla ditt namn.", // returned by weakPasswordReason
      "Skalan har ingen sådan del.", // errors[…] = …
      "En signerad anteckning kan inte ändras eller tas bort. Skriv en rättelse i stället.", // a …Message constant
      "Fel e-postadress eller lösenord.", // a default parameter value
      "Något gick fel hos oss. Försök igen om en stund.", // an error body written in the handler
    ]) {
      expect(texts.has(text), text).toBe(true);
    }
  });

  it("would find a message added later in any of the usual forms", () => {
    const dir = mkdtempSync(join(tmpdir(), "messages-"));
    try {
      const schema = join(dir, "new-schema.ts");
      writeFileSync(
        schema,
        `export const A = z.string().min(1, "Skriv något nytt").max(9, { error: \`Högst \${n} nya tecken\` });
         export const B = z.number({ error: (iss) => (iss.input === undefined ? "Ange ett nytt tal" : "Ett nytt tal, tack") });`,
      );
      expect(scanFile(schema, dir, "schemas").map((m) => m.text)).toEqual([
        "Skriv något nytt",
        "Högst {} nya tecken",
        "Ange ett nytt tal",
        "Ett nytt tal, tack",
      ]);
      const service = join(dir, "new-service.ts");
      writeFileSync(
        service,
        `const bad = (field: string, message: string) => invalidInput({ [field]: message });
         export function f(x: number) {
           if (x > 1) throw bad("x", "Talet är för nytt.");
           if (x > 2) throw new AppError("conflict", "Något nytt hände.", { fields: { x: x > 3 ? "Nytt fel." : "Annat nytt fel." } });
           if (x > 4) throw notFound("Nyheten");
         }`,
      );
      expect(scanFile(service, dir, "server").map((m) => m.text)).toEqual([
        "Talet är för nytt.",
        "Något nytt hände.",
        "Nytt fel.",
        "Annat nytt fel.",
        "Nyheten",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("has English for every message", () => {
    const templates = new Set(patternTemplates());
    const missing = found
      .filter((m) => (m.template ? !templates.has(m.text) : translateMessage(m.text, "en") === m.text))
      .map((m) => `${m.file}:${m.line} ${m.template ? "(pattern) " : ""}${m.text}`);
    expect(missing, "add these to schemas/messages/en.ts, en-server.ts or en-patterns.ts").toEqual([]);
  });

  it("has no pattern that no message uses", () => {
    const used = new Set(found.filter((m) => m.template).map((m) => m.text));
    expect(patternTemplates().filter((t) => !used.has(t))).toEqual([]);
  });
});
