import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnualReport } from "../../../schemas/reports.ts";
import { buildAnnualFixture, PERIOD } from "../../test/annual-fixture.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { annualReport } from "./annual.ts";

/*
 * Every expected number below is reasoned from the counting rules of reports.md and the person
 * list in server/test/annual-fixture.ts — never copied from the code's output. Names in the
 * comments are the fixture's invented persons.
 *
 * In the period 2024-01-01 – 2024-12-31 the counted enrolments are:
 *   Kvinnor  Intag 1: Anna, Berit, Cecilia, Eva (1st), Nora   Intag 2: Dina, Frida, Greta, Maja, Ronja
 *            Intag 3: Eva (2nd), Jenny, Lena                   no intake: Karin
 *   Män      Intag 1: Olle, Per, Rasmus (1st), David           Intag 2: Sven, Tore, Ulf, Åke (1st), Örjan (2nd), Bo (1st), Filip
 *            Intag 3: Rasmus (2nd), Åke (2nd), Carl, Erik
 *   Annat    Intag 3: Kim
 * Left out: Hanna, Viktor, Wilhelm (not counted), Ove (not counted, before the period), Ida
 * (exits 2023-12-31), Yngve (starts 2025-01-01), Örjan's 2023 and Bo's 2025 enrolments.
 * That is 30 enrolments of 27 persons: 13 women, 13 men, 1 of another gender.
 */

let t: TestApp;
let fx: Awaited<ReturnType<typeof buildAnnualFixture>>;
let report: AnnualReport;
beforeAll(async () => {
  t = await makeTestApp();
  fx = await buildAnnualFixture(t.db);
  report = await annualReport(t.db, { projectId: fx.project.id, ...PERIOD, suppress: false });
});
afterAll(async () => {
  await t?.close();
});

const table = (r: AnnualReport, id: string) => {
  const found = r.tables.find((x) => x.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return { columns: found.columns, rows: found.rows.map((row) => [row.label, ...row.values]) };
};

describe("annual report on the hand-built fixture", () => {
  it("has the tables of reports.md in order", () => {
    expect(report.tables.map((x) => x.id)).toEqual([
      "gender_by_intake",
      "education_background",
      "work_experience",
      "income_at_entry",
      "referring_party",
      "results_during",
      "results_at_exit",
      "time_and_extensions",
    ]);
    expect(report).toMatchObject({ report: "annual", project: fx.project.slug, period: PERIOD, filters: { intake: null, team: null }, suppressed: false });
  });

  it("gender_by_intake counts enrolments, so re-enrolled persons appear once per intake", () => {
    expect(table(report, "gender_by_intake")).toEqual({
      // Intag 0 has only enrolments before the period: no column. Karin has no intake.
      columns: ["Intag 1", "Intag 2", "Intag 3", "Utan intag", "Totalt"],
      rows: [
        // I1 Anna Berit Cecilia Eva Nora; I2 Dina Frida Greta Maja Ronja (not Hanna); I3 Eva Jenny(31/12) Lena; Karin
        ["Kvinnor", 5, 5, 3, 1, 14],
        // I1 Olle Per Rasmus David; I2 Sven Tore Ulf Åke Örjan Bo Filip (not Wilhelm); I3 Rasmus Åke Carl Erik (not Viktor, Yngve)
        ["Män", 4, 7, 4, 0, 15],
        // Kim: the row appears because someone of another gender is present
        ["Annat kön", 0, 0, 1, 0, 1],
        ["Totalt", 9, 12, 8, 1, 30],
      ],
    });
  });

  it("education_background counts persons by the education recorded at their first enrolment in the period", () => {
    expect(table(report, "education_background")).toEqual({
      columns: [
        "Grundskola",
        "Gymnasieskola",
        "Gymnasium, praktiskt program",
        "Gymnasium, teoretiskt program",
        "Gymnasium, introduktionsprogram/anpassad skolform",
        "Högskola",
        "Totalt",
      ],
      rows: [
        // Anna | Jenny Ronja | Cecilia | Lena | Maja | Frida
        ["Kvinnor – fullföljd", 1, 2, 1, 1, 1, 1, 7],
        // Greta Nora | Berit | Karin | Dina | Eva (her 1st enrolment; the 2nd says högskola) | –
        ["Kvinnor – ej fullföljd", 2, 1, 1, 1, 1, 0, 6],
        ["Kvinnor – totalt", 3, 3, 2, 2, 2, 1, 13],
        // Rasmus (1st) Örjan (2024 enrolment) | Olle | Erik | Sven | – | Bo Carl
        ["Män – fullföljd", 2, 1, 1, 1, 0, 2, 7],
        // – | Åke (1st) Filip | Per | David | Ulf | Tore
        ["Män – ej fullföljd", 0, 2, 1, 1, 1, 1, 6],
        ["Män – totalt", 2, 3, 2, 2, 1, 3, 13],
        // Kim
        ["Annat kön – fullföljd", 0, 0, 1, 0, 0, 0, 1],
        ["Annat kön – ej fullföljd", 0, 0, 0, 0, 0, 0, 0],
        ["Annat kön – totalt", 0, 0, 1, 0, 0, 0, 1],
        ["Totalt – fullföljd", 3, 3, 3, 2, 1, 3, 15],
        ["Totalt – ej fullföljd", 2, 3, 2, 2, 2, 1, 12],
        ["Totalt – totalt", 5, 6, 5, 4, 3, 4, 27],
      ],
    });
  });

  it("work_experience counts a person with both employment and internship in both columns", () => {
    expect(table(report, "work_experience")).toEqual({
      columns: ["Har haft anställning", "Har haft praktik", "Ingen"],
      rows: [
        // employment: Anna Cecilia Frida Lena Ronja; internship: Anna Berit Eva(1st: prak only) Frida Greta Nora Ronja; none: Dina Jenny Karin Maja
        ["Kvinnor", 5, 7, 4],
        // employment: Olle Per Tore Åke(1st) Carl David Filip; internship: Olle Per Rasmus(1st) Ulf Bo Carl Erik Filip; none: Sven Örjan(2024)
        ["Män", 7, 8, 2],
        ["Annat kön", 0, 1, 0],
        ["Totalt", 12, 16, 6],
      ],
    });
  });

  it("income_at_entry counts persons by the main income at their first enrolment in the period, one column per code", () => {
    expect(table(report, "income_at_entry")).toEqual({
      columns: [
        "Aktivitetsersättning (FK)",
        "Sjukpenning/sjukersättning (FK)",
        "Aktivitetsstöd (AF)",
        "Arbetslöshetsersättning (a-kassa)",
        "Försörjningsstöd (SKE)",
        "Studiemedel/studiebidrag",
        "Lön",
        "Annan inkomst",
        "Familj/ingen inkomst",
        "Totalt",
      ],
      rows: [
        // Anna Greta Nora | Eva(1st) | Cecilia Ronja | Dina | Berit Maja | Frida | Jenny | Karin | Lena
        ["Kvinnor", 3, 1, 2, 1, 2, 1, 1, 1, 1, 13],
        // Sven Filip | David | Olle Carl | Tore | Per Rasmus(1st) Erik | Ulf | Bo | – | Åke(1st) Örjan(2024)
        ["Män", 2, 1, 2, 1, 3, 1, 1, 0, 2, 13],
        // Kim
        ["Annat kön", 0, 0, 0, 0, 0, 0, 0, 1, 0, 1],
        ["Totalt", 5, 2, 4, 2, 5, 2, 2, 2, 3, 27],
      ],
    });
  });

  it("referring_party counts persons by the party of their first enrolment in the period; a retired code still in use keeps its column", () => {
    expect(table(report, "referring_party")).toEqual({
      // "ov" is retired but Karin was referred by ÖV; "skola" is retired and unused, so it has no column
      columns: [
        "AF – Arbetsförmedlingen",
        "Bist – Biståndsenheten",
        "Egen/anhörig",
        "FK – Försäkringskassan",
        "LSS – daglig verksamhet",
        "Region – hälso- och sjukvård",
        "SKE – Socialkontor ekonomi",
        "SOL – dagverksamhet",
        "ÖV – Öppenvården barn och familj",
        "Totalt",
      ],
      rows: [
        // Anna Lena Ronja | Frida | Dina | Cecilia Nora | Greta | Eva(1st) | Berit Maja | Jenny | Karin
        ["Kvinnor", 3, 1, 1, 2, 1, 1, 2, 1, 1, 13],
        // Olle Per Erik Filip | Ulf | Åke(1st) | Sven Carl | – | Tore David | Rasmus(1st) Bo | Örjan(2024) | –
        ["Män", 4, 1, 1, 2, 0, 2, 2, 1, 0, 13],
        ["Annat kön", 0, 0, 1, 0, 0, 0, 0, 0, 0, 1],
        ["Totalt", 7, 2, 3, 4, 1, 3, 4, 2, 1, 27],
      ],
    });
  });

  it("results_during counts persons per activity category overlapping the period; Totalt is the sum of the columns", () => {
    expect(table(report, "results_during")).toEqual({
      columns: ["Anställning", "Praktik", "Studier", "Friskvård", "Totalt"],
      rows: [
        // Anställning: Anna (ends on the period's first day). Praktik: Berit (her 2023 internship does not
        // overlap, the 2024 one does), Cecilia (two internships, once), Eva (1st enrolment, interrupted in
        // February, and 2nd enrolment: once). Studier: Berit. Friskvård: Cecilia.
        // Not: Anna's 2023 internship, Dina's planned studies, Nora's health activity in 2025, Hanna (not counted).
        ["Kvinnor", 1, 3, 1, 1, 6],
        // Anställning: Olle. Studier: Bo. Friskvård: Per. Olle's validation and Per's study visit are "ovrigt";
        // Yngve's employment belongs to an enrolment after the period.
        ["Män", 1, 0, 1, 1, 3],
        // Praktik: Kim
        ["Annat kön", 0, 1, 0, 0, 1],
        ["Totalt", 2, 4, 2, 2, 10],
      ],
    });
  });

  it("results_at_exit counts persons whose latest enrolment in the period has a final exit inside it", () => {
    expect(table(report, "results_at_exit")).toEqual({
      columns: [
        "Anställning",
        "Anställning med stöd (lönebidrag, nystartsjobb m.fl.)",
        "Studier",
        "Yrkesutbildning",
        "AF – Arbetsförmedlingen",
        "FK (aktivitetsersättning)",
        "FK (annan ersättning)",
        "Daglig verksamhet/dagverksamhet",
        "SKE – Socialkontor ekonomi",
        "Vård/behandling",
        "Annan kommunal verksamhet",
        "Flyttat",
        "Ej avhörd",
        "Annat",
        "Totalt",
      ],
      rows: [
        // Anna (exit 1 Jan) | – | Berit | – | – (Eva's af exit was followed by a new enrolment) | Greta | – | Karin | Maja; not Frida (temporary), Nora (exit 2025)
        ["Kvinnor", 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 5],
        // Rasmus (2nd) Filip | Olle | – (Rasmus's 1st) | Bo | Åke (2nd) | – | – | – | – | David | Örjan | Tore
        ["Män", 2, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 8],
        // Kim (exit 31 Dec)
        ["Annat kön", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
        ["Totalt", 3, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 14],
      ],
    });
  });

  it("time_and_extensions: time per person with a final exit, pauses excluded; extensions of the period's counted enrolments", () => {
    /*
     * Days per person with a final exit (both ends counted, all their counted enrolments up to the period end):
     *   Anna 2023-09-01–2024-01-01 = 123          Berit 274 − 29 paused = 245       Greta 2024-02-01–11-30 = 304
     *   Karin 2024-04-15–09-30 = 169              Maja 2024-02-01–10-15 = 258       Olle 2023-09-01–2024-06-30 = 304
     *   Rasmus 243 + 106 = 349                    Tore 2024-02-01–08-31 = 213       Åke 105 (temporary) + 111 = 216
     *   Örjan 122 (2023) + 274 = 396              Bo 2024-02-01–07-31 = 182 (not his 2025 enrolment)
     *   David 197 − 30 paused = 167               Filip 2024-02-01–09-15 = 228      Kim 2024-09-01–12-31 = 122
     * Sum 3276 over 14 persons: mean 234 days = 7.69 months → 7.7.
     * Sorted: 122 123 167 169 182 213 [216 228] 245 258 304 304 349 396 → median 222 days = 7.29 months → 7.3.
     * Extensions: Cecilia halsa; Greta slutfora + overlamning; Nora pandemi; Per halsa ×2; David pandemi
     * (decided 2023-12-01, his enrolment is active in the period); Filip annat. Not Ida's (outside) nor
     * Wilhelm's (not counted). Persons with an extension: Cecilia Greta Nora Per David Filip = 6.
     */
    expect(table(report, "time_and_extensions")).toEqual({
      columns: [
        "Medeltid (månader)",
        "Mediantid (månader)",
        "Personer med förlängning",
        "Förlängningar: Hälsa",
        "Förlängningar: Slutföra anställning/studier",
        "Förlängningar: Invänta överlämning",
        "Förlängningar: Pandemi",
        "Förlängningar: Annat",
      ],
      rows: [["Totalt", 7.7, 7.3, 6, 3, 1, 1, 2, 1]],
    });
  });

  it("summary: unique participants, enrolments, exited and gender shares", () => {
    expect(report.summary).toEqual({
      uniqueParticipants: 27,
      enrolments: 30,
      exited: 14, // the total of results_at_exit
      hadEmployment: 2, // Anna, Olle
      hadInternship: 4, // Berit, Cecilia, Eva, Kim
      hadStudies: 2, // Berit, Bo
      genderShares: [
        { gender: "Kvinnor", percent: 48.1 }, // 13 / 27
        { gender: "Män", percent: 48.1 }, // 13 / 27
        { gender: "Annat kön", percent: 3.7 }, // 1 / 27
      ],
    });
  });

  it("notes: not counted with reasons, temporary exits, exits followed by a new enrolment", () => {
    // Hanna and Viktor left right after starting; Wilhelm was registered twice (Ove's is before the period).
    expect(report.notes).toContain("2 inskrivningar räknas inte i statistiken: Avslutade strax efter start.");
    expect(report.notes).toContain("1 inskrivning räknas inte i statistiken: Dubbelregistrerad.");
    // Frida; Åke's temporary exit was followed by a new enrolment, so it is not a temporary exit at the end.
    expect(report.notes).toContain("1 person med tillfälligt avslut ingår inte i Resultat vid avslut.");
    // Eva and Rasmus after a final exit, Åke after a temporary one; not Örjan (exit before the period) nor Bo (re-enrolled after it).
    expect(report.notes).toContain("3 personer som avslutades och skrevs in igen under perioden räknas efter sin senaste inskrivning.");
    expect(report.notes.join("\n")).not.toMatch(/saknar uppgift om fullföljd/);
  });
});

describe("filters", () => {
  it("intake: only that intake's enrolments, each person by their first and latest enrolment within it", async () => {
    const r = await annualReport(t.db, { projectId: fx.project.id, ...PERIOD, intakeId: fx.intakes["Intag 2"], suppress: false });
    expect(r.filters).toEqual({ intake: fx.intakes["Intag 2"], team: null });
    expect(table(r, "gender_by_intake")).toEqual({
      columns: ["Intag 2", "Totalt"],
      // Dina Frida Greta Maja Ronja; Sven Tore Ulf Åke Örjan Bo Filip; Kim is in Intag 3, so no row of another gender
      rows: [
        ["Kvinnor", 5, 5],
        ["Män", 7, 7],
        ["Totalt", 12, 12],
      ],
    });
    // Final exits: Greta Maja Tore Örjan Bo Filip. Within Intag 2 Åke's latest enrolment is the temporary exit.
    expect(r.summary).toMatchObject({ uniqueParticipants: 12, enrolments: 12, exited: 6 });
    expect(r.notes).toContain("2 personer med tillfälligt avslut ingår inte i Resultat vid avslut."); // Frida, Åke
    expect(r.notes).toContain("1 inskrivning räknas inte i statistiken: Avslutade strax efter start."); // Hanna
    expect(r.notes).toContain("1 inskrivning räknas inte i statistiken: Dubbelregistrerad."); // Wilhelm
    expect(r.notes.join("\n")).not.toMatch(/skrevs in igen/);
  });

  it("team: only the team's enrolments", async () => {
    const r = await annualReport(t.db, { projectId: fx.project.id, ...PERIOD, teamId: fx.teams.S, suppress: false });
    expect(table(r, "gender_by_intake")).toEqual({
      columns: ["Intag 1", "Intag 2", "Intag 3", "Totalt"],
      rows: [
        // I1 Nora; I2 Dina Frida Maja; I3 Eva (2nd) Jenny — Eva's 1st enrolment was in team Norr
        ["Kvinnor", 1, 3, 2, 6],
        // I1 Per David; I2 Sven Ulf Åke(1st) Filip; I3 Åke(2nd)
        ["Män", 2, 4, 1, 7],
        ["Annat kön", 0, 0, 1, 1],
        ["Totalt", 3, 7, 4, 14],
      ],
    });
    // Eva's internship of her 2nd enrolment (Söder; her 1st was in Norr), Per's health activity, Kim's internship.
    expect(table(r, "results_during").rows).toEqual([
      ["Kvinnor", 0, 1, 0, 0, 1],
      ["Män", 0, 0, 0, 1, 1],
      ["Annat kön", 0, 1, 0, 0, 1],
      ["Totalt", 0, 2, 0, 1, 3],
    ]);
    expect(r.summary).toMatchObject({ hadEmployment: 0, hadInternship: 2, hadStudies: 0 });
    // Final exits: Maja, Åke (2nd), David, Filip, Kim. Åke's temporary exit is followed by his 2nd enrolment.
    expect(r.summary).toMatchObject({ uniqueParticipants: 13, enrolments: 14, exited: 5 });
    expect(r.notes).toContain("1 person med tillfälligt avslut ingår inte i Resultat vid avslut."); // Frida
    expect(r.notes).toContain("1 person som avslutades och skrevs in igen under perioden räknas efter sin senaste inskrivning."); // Åke
    expect(r.notes).toContain("1 inskrivning räknas inte i statistiken: Dubbelregistrerad."); // Wilhelm is in Söder
    // Hanna and Viktor are in Söder too
    expect(r.notes).toContain("2 inskrivningar räknas inte i statistiken: Avslutade strax efter start.");
  });

  it("a period that holds nothing gives empty tables, not an error", async () => {
    const r = await annualReport(t.db, { projectId: fx.project.id, from: "2020-01-01", to: "2020-12-31", suppress: false });
    expect(r.summary).toEqual({
      uniqueParticipants: 0,
      enrolments: 0,
      exited: 0,
      hadEmployment: 0,
      hadInternship: 0,
      hadStudies: 0,
      genderShares: [
        { gender: "Kvinnor", percent: 0 },
        { gender: "Män", percent: 0 },
      ],
    });
    expect(table(r, "gender_by_intake")).toEqual({
      columns: ["Totalt"],
      rows: [
        ["Kvinnor", 0],
        ["Män", 0],
        ["Totalt", 0],
      ],
    });
    expect(table(r, "time_and_extensions").rows).toEqual([["Totalt", 0, 0, 0, 0, 0, 0, 0, 0]]);
    expect(table(r, "results_during").rows).toEqual([
      ["Kvinnor", 0, 0, 0, 0, 0],
      ["Män", 0, 0, 0, 0, 0],
      ["Totalt", 0, 0, 0, 0, 0],
    ]);
  });
});
