import { describe, expect, it } from "vitest";
import type { AnnualReport, ReportTable } from "../../../schemas/reports.ts";
import { recoverHiddenCells } from "../../test/disclosure.ts";
import { SMALL, suppressSmallCells, suppressTable } from "./suppress.ts";

/** A cross table with computed totals, as the report builds them. */
function cross(id: string, inner: number[][], labels = inner.map((_, i) => `Rad ${i + 1}`)): ReportTable {
  const rows = inner.map((values, i) => ({ label: labels[i] ?? "", values: [...values, values.reduce((a, b) => a + b, 0)] }));
  const total = (rows[0]?.values ?? []).map((_, c) => rows.reduce((a, r) => a + (r.values[c] as number), 0));
  return { id, title: id, columns: [...(inner[0] ?? []).map((_, c) => `K${c + 1}`), "Totalt"], rows: [...rows, { label: "Totalt", values: total }] };
}
/** A report around some tables, its summary showing their grand totals as the tables show them. */
const reportOf = (...tables: ReportTable[]): AnnualReport => {
  const grand = (...ids: string[]) =>
    tables
      .find((t) => ids.includes(t.id))
      ?.rows.at(-1)
      ?.values.at(-1) ?? 0;
  return {
    report: "annual",
    project: "test",
    period: { from: "2024-01-01", to: "2024-12-31" },
    filters: { intake: null, team: null },
    suppressed: true,
    summary: {
      uniqueParticipants: grand("income_at_entry", "referring_party", "education_background"),
      enrolments: grand("gender_by_intake"),
      exited: grand("results_at_exit"),
      hadEmployment: 0,
      hadInternship: 0,
      hadStudies: 0,
      genderShares: [],
    },
    tables,
    notes: [],
  };
};
const grid = (t: ReportTable) => t.rows.map((r) => r.values);

describe("suppressTable", () => {
  it("leaves a table without small counts as it is", () => {
    const t = cross("results_at_exit", [
      [5, 0, 7],
      [9, 6, 0],
    ]);
    expect(suppressTable(t)).toEqual(t);
  });

  it("protects a lone small row: its total cannot be worked out from the other rows' totals", () => {
    // The old rule looked only at inner cells, so the row total 1 was recoverable as 30 − 14 − 15.
    const t = suppressTable(
      cross(
        "gender_by_intake",
        [
          [5, 5, 4],
          [7, 8, 0],
          [0, 1, 0],
        ],
        ["Kvinnor", "Män", "Annat kön"],
      ),
    );
    expect(grid(t)[2]).toEqual([0, SMALL, 0, SMALL]);
    expect(recoverHiddenCells(reportOf(t))).toEqual([]);
  });

  it("finds a cell that every line hides twice but the sums still pin down", () => {
    // Two blocks of small cells joined by one more small cell (row 1, column 4). Every row and
    // column has two hidden cells, yet rows 1–2 minus columns 1–2 give that cell: 9 − 6 = 3.
    const t = cross("income_at_entry", [
      [1, 2, 10, 3],
      [2, 1, 10, 10],
      [10, 10, 1, 2],
      [10, 10, 2, 1],
    ]);
    const primaryOnly = { ...t, rows: t.rows.map((r) => ({ ...r, values: r.values.map((v) => (typeof v === "number" && v >= 1 && v <= 4 ? SMALL : v)) })) };
    expect(recoverHiddenCells(reportOf(primaryOnly))).toEqual([{ where: "income_at_entry [Rad 1] [K4]", value: 3 }]);
    const s = suppressTable(t);
    expect(recoverHiddenCells(reportOf(s))).toEqual([]);
    // Only numbers ≥ 5 were added, and no zero was hidden.
    expect(
      grid(s)
        .flat()
        .filter((v) => v === SMALL).length,
    ).toBeGreaterThan(
      grid(primaryOnly)
        .flat()
        .filter((v) => v === SMALL).length,
    );
  });

  it("hides a total when the only other cell of its line is a hidden one", () => {
    const t = suppressTable(
      cross("referring_party", [
        [0, 0, 3],
        [6, 7, 9],
      ]),
    );
    expect(grid(t)[0]).toEqual([0, 0, SMALL, SMALL]);
    expect(recoverHiddenCells(reportOf(t))).toEqual([]);
  });

  it("keeps education's completed + not completed = total per gender from giving a hidden cell away", () => {
    // Women, Grundskola: 2 completed, 5 not; the old rule checked rows only, so 7 − 5 gave the 2.
    const rows: [string, number[]][] = [
      ["Kvinnor – fullföljd", [2, 6]],
      ["Kvinnor – ej fullföljd", [5, 7]],
      ["Kvinnor – totalt", [7, 13]],
      ["Män – fullföljd", [6, 5]],
      ["Män – ej fullföljd", [8, 9]],
      ["Män – totalt", [14, 14]],
      ["Totalt – fullföljd", [8, 11]],
      ["Totalt – ej fullföljd", [13, 16]],
      ["Totalt – totalt", [21, 27]],
    ];
    const t: ReportTable = {
      id: "education_background",
      title: "Utbildningsbakgrund",
      columns: ["Grundskola", "Gymnasieskola", "Totalt"],
      rows: rows.map(([label, v]) => ({ label, values: [...v, (v[0] as number) + (v[1] as number)] })),
    };
    const s = suppressTable(t);
    expect(s.rows[0]?.values[0]).toBe(SMALL);
    expect(recoverHiddenCells(reportOf(s))).toEqual([]);
  });
});

describe("suppressSmallCells", () => {
  it("hides the summary figures and gender shares that the tables hide", () => {
    const people = (id: string) =>
      cross(
        id,
        [
          [3, 4, 6],
          [5, 2, 6],
          [0, 1, 0],
        ],
        ["Kvinnor", "Män", "Annat kön"],
      );
    const exact: AnnualReport = {
      ...reportOf(people("income_at_entry"), people("referring_party"), cross("results_at_exit", [[2], [1]], ["Kvinnor", "Män"])),
      suppressed: false,
      summary: {
        uniqueParticipants: 27,
        enrolments: 27,
        exited: 3,
        hadEmployment: 0,
        hadInternship: 0,
        hadStudies: 0,
        genderShares: [
          { gender: "Kvinnor", percent: 48.1 },
          { gender: "Män", percent: 48.1 },
          { gender: "Annat kön", percent: 3.7 },
        ],
      },
    };
    const s = suppressSmallCells(exact);
    expect(s.suppressed).toBe(true);
    expect(s.summary.exited).toBe(SMALL);
    expect(s.summary.genderShares.find((g) => g.gender === "Annat kön")?.percent).toBeNull();
    // Two shares hidden, so 100 % minus the one shown does not give either.
    expect(s.summary.genderShares.filter((g) => g.percent === null)).toHaveLength(2);
    expect(recoverHiddenCells(s)).toEqual([]);
  });
  it("results_during: hides small type counts, the persons per type in the summary with them, and keeps Totalt from giving them away", () => {
    const during: ReportTable = {
      ...cross(
        "results_during",
        [
          [2, 7, 5, 0],
          [6, 8, 1, 3],
        ],
        ["Kvinnor", "Män"],
      ),
      columns: ["Anställning", "Praktik", "Studier", "Friskvård", "Totalt"],
    };
    const exact: AnnualReport = {
      ...reportOf(during),
      suppressed: false,
      summary: { ...reportOf(during).summary, hadEmployment: 8, hadInternship: 15, hadStudies: 6 },
    };
    const s = suppressSmallCells(exact);
    const t = s.tables[0] as ReportTable;
    expect(t.rows[0]?.values[0]).toBe(SMALL);
    expect(t.rows[1]?.values[2]).toBe(SMALL);
    // The summary shows the same numbers as the Totalt row, so it hides what the row hides.
    expect(s.summary.hadStudies).toBe(t.rows[2]?.values[2] === SMALL ? SMALL : 6);
    expect(s.summary.hadInternship).toBe(15);
    expect(recoverHiddenCells(s)).toEqual([]);
    const tiny: AnnualReport = { ...exact, summary: { ...exact.summary, hadStudies: 3 } };
    expect(suppressSmallCells(tiny).summary.hadStudies).toBe(SMALL);
  });
});
