import { describe, expect, it } from "vitest";
import { addDays, ageOn, daysInProgramme, plannedEnd, todayInSweden } from "./dates.ts";
import { maskPersonnummer, normalisePersonnummer, swedishSortKey } from "./identity.ts";

describe("calendar dates", () => {
  it("derives the planned end from start and months", () => {
    expect(plannedEnd("2025-01-15", 6)).toBe("2025-07-14");
    expect(plannedEnd("2025-01-01", 12)).toBe("2025-12-31");
    expect(plannedEnd("2025-08-31", 6)).toBe("2026-02-27");
    expect(plannedEnd("2024-11-30", 3)).toBe("2025-02-27");
  });

  it("gives today's date in Swedish time, whatever the server's time zone", () => {
    expect(todayInSweden(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
    expect(todayInSweden(new Date("2026-12-31T22:59:00Z"))).toBe("2026-12-31");
    expect(todayInSweden(new Date("2026-12-31T23:00:00Z"))).toBe("2027-01-01");
  });

  it("counts age on a date", () => {
    expect(ageOn("2000-06-15", "2025-06-14")).toBe(24);
    expect(ageOn("2000-06-15", "2025-06-15")).toBe(25);
  });

  it("leaves pauses out of the time in the programme", () => {
    expect(daysInProgramme("2025-01-01", "2025-01-31", [])).toBe(31);
    expect(daysInProgramme("2025-01-01", "2025-01-31", [{ fromDate: "2025-01-10", toDate: "2025-01-19" }])).toBe(21);
    expect(daysInProgramme("2025-01-01", "2025-01-31", [{ fromDate: "2024-12-20", toDate: "2025-01-05" }])).toBe(26);
    expect(daysInProgramme("2025-01-01", "2025-01-31", [{ fromDate: "2025-01-25", toDate: "2025-03-01" }])).toBe(24);
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
  });
});

describe("identity numbers", () => {
  it("normalises a personnummer and a samordningsnummer with their birth dates", () => {
    expect(normalisePersonnummer("900101-0017")).toEqual({ personnummer: "19900101-0017", birthDate: "1990-01-01" });
    expect(normalisePersonnummer("197010632391")).toEqual({ personnummer: "19701063-2391", birthDate: "1970-10-03" });
    expect(maskPersonnummer("19900101-0017")).toBe("19900101-XXXX");
  });

  it("refuses a wrong check digit with a message naming the field", () => {
    try {
      normalisePersonnummer("900101-0018");
      expect.unreachable();
    } catch (e) {
      expect((e as { extra: { fields: Record<string, string> } }).extra.fields.personnummer).toMatch(/kontrollsiffran/);
    }
  });

  it("sorts names the Swedish way by plain byte order", () => {
    const names = [
      ["Öberg", "Anna"],
      ["Zetterlund", "Bo"],
      ["Åkesson", "Cecilia"],
      ["Ängström", "David"],
      ["Eriksson", "Émile"],
      ["Berg", "Erik"],
      ["Bergström", "Adam"],
    ] as const;
    const sorted = [...names].sort((a, b) => (swedishSortKey(a[0], a[1]) < swedishSortKey(b[0], b[1]) ? -1 : 1)).map((n) => n[0]);
    expect(sorted).toEqual(["Berg", "Bergström", "Eriksson", "Zetterlund", "Åkesson", "Ängström", "Öberg"]);
  });
});
