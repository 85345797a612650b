import Personnummer from "personnummer";
import { AppError } from "../../errors.ts";

/**
 * Validate a personnummer or samordningsnummer (check digit included) and return it as
 * YYYYMMDD-NNNN with its birth date; throws 400 naming the field when it is not valid.
 */
export function normalisePersonnummer(raw: string, field = "personnummer"): { personnummer: string; birthDate: string } {
  const value = raw.trim();
  if (!Personnummer.valid(value)) {
    throw new AppError("invalid_input", "Några uppgifter behöver rättas.", {
      fields: { [field]: "Personnumret är inte giltigt. Kontrollera siffrorna (ÅÅÅÅMMDD-NNNN); kontrollsiffran stämmer inte." },
    });
  }
  const p = Personnummer.parse(value);
  const long = p.format(true);
  const personnummer = `${long.slice(0, 8)}-${long.slice(8)}`;
  // A samordningsnummer adds 60 to the day of birth.
  const day = Number(long.slice(6, 8));
  const birthDate = `${long.slice(0, 4)}-${long.slice(4, 6)}-${String(day > 60 ? day - 60 : day).padStart(2, "0")}`;
  return { personnummer, birthDate };
}

/**
 * A valid personnummer YYYYMMDD-NNNN for a birth date and a birth number (1–999): the Luhn
 * check digit computed over YYMMDDNNN. For invented people (tests, demo data, benchmarks).
 * The second-last digit is odd for men and even for women.
 */
export function personnummerFor(birthDate: string, birthNumber: number): string {
  const ymd = birthDate.replaceAll("-", "");
  const nnn = String(birthNumber).padStart(3, "0");
  const digits = `${ymd.slice(2)}${nnn}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return `${ymd}-${nnn}${(10 - (sum % 10)) % 10}`;
}

export function maskPersonnummer(pnr: string | null): string | null {
  return pnr ? `${pnr.slice(0, 8)}-XXXX` : null;
}

/** True when the text looks like someone typed a personnummer into a search box. */
export function looksLikePersonnummer(q: string): boolean {
  return /^(\d{2})?\d{6}[-+]?\d{4}$/.test(q.replace(/\s/g, ""));
}

const swedishLetters: Record<string, string> = { å: "{", ä: "|", æ: "|", ö: "}", ø: "}", ü: "y" };

/**
 * A key whose plain byte order (COLLATE "C") is Swedish alphabetical order: accents are
 * dropped except Å Ä Ö, which are moved after Z. Neither database has a Swedish collation
 * everywhere, and a sortable column lets the caseload page through 100,000 rows by index.
 */
export function swedishSortKey(lastName: string, firstName: string): string {
  const fold = (s: string) =>
    [...s.toLowerCase()]
      .map((ch) => swedishLetters[ch] ?? ch.normalize("NFD").replace(/[\u0300-\u036f]/g, ""))
      .join("")
      .replace(/[^a-z{|}0-9 -]/g, "");
  return `${fold(lastName)}\u0001${fold(firstName)}`;
}
