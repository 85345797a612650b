import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnualReport } from "../../../schemas/reports.ts";
import { buildAnnualFixture, PERIOD } from "../../test/annual-fixture.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { recoverHiddenCells } from "../../test/disclosure.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { annualReport } from "./annual.ts";
import { SMALL } from "./suppress.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let fx: Awaited<ReturnType<typeof buildAnnualFixture>>;
let url: string;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  fx = await buildAnnualFixture(t.db, cast.project);
  url = `/api/projects/${cast.project.id}/reports/annual?from=${PERIOD.from}&to=${PERIOD.to}`;
});
afterAll(async () => {
  await t?.close();
});

const cellOf = (r: AnnualReport, id: string, row: string, col: string) => {
  const table = r.tables.find((x) => x.id === id);
  return table?.rows.find((x) => x.label === row)?.values[table.columns.indexOf(col)];
};

/**
 * A suppressed report against the exact one: counts 1–4 never show, shown numbers are the true
 * ones, zeros are not hidden, and no hidden cell can be worked out from what is shown.
 */
function expectSafelySuppressed(shown: AnnualReport, exact: AnnualReport) {
  expect(shown.suppressed).toBe(true);
  expect(shown.tables.map((x) => [x.id, x.columns, x.rows.map((r) => r.label)])).toEqual(
    exact.tables.map((x) => [x.id, x.columns, x.rows.map((r) => r.label)]),
  );
  for (const [i, table] of exact.tables.entries()) {
    for (const [r, row] of table.rows.entries()) {
      for (const [c, v] of row.values.entries()) {
        const s = shown.tables[i]?.rows[r]?.values[c];
        const where = `${table.id} [${row.label}] [${table.columns[c]}] = ${v}`;
        const isMean = table.id === "time_and_extensions" && c < 2;
        if (typeof v === "number" && v >= 1 && v <= 4 && !isMean) expect(s, where).toBe(SMALL);
        else if (v === 0) expect(s, where).toBe(0);
        else if (s !== SMALL) expect(s, where).toBe(v);
      }
    }
  }
  for (const k of ["uniqueParticipants", "enrolments", "exited", "hadEmployment", "hadInternship", "hadStudies"] as const) {
    const v = exact.summary[k] as number;
    if (v >= 1 && v <= 4) expect(shown.summary[k], k).toBe(SMALL);
  }
  const recovered = recoverHiddenCells(shown);
  expect(recovered, recovered.map((x) => `${x.where} = ${x.value}`).join("\n")).toEqual([]);
}

describe("GET /api/projects/:id/reports/annual", () => {
  it("gives a manager the exact numbers", async () => {
    const res = await cast.as.manager.get(url);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as AnnualReport;
    expect(body).toEqual(await annualReport(t.db, { projectId: cast.project.id, ...PERIOD, suppress: false }));
    expect(body.suppressed).toBe(false);
    expect(cellOf(body, "gender_by_intake", "Annat kön", "Totalt")).toBe(1);
    expect(body.summary.genderShares).toContainEqual({ gender: "Annat kön", percent: 3.7 });
  });

  it("gives a statistician suppressed numbers from which no hidden cell can be recovered", async () => {
    const res = await cast.as.statistician.get(url);
    expect(res.statusCode, res.body).toBe(200);
    const shown = res.json() as AnnualReport;
    expectSafelySuppressed(shown, await annualReport(t.db, { projectId: cast.project.id, ...PERIOD, suppress: false }));
    // Kim is the only person of another gender: the count and the share are hidden.
    expect(cellOf(shown, "gender_by_intake", "Annat kön", "Totalt")).toBe(SMALL);
    expect(shown.summary.genderShares).toContainEqual({ gender: "Annat kön", percent: null });
    expect(shown.summary.uniqueParticipants).toBe(27);
    expect(shown.notes.at(-1)).toMatch(/visas som <5/);
  });

  it("suppresses for a manager too when the report is marked for publication", async () => {
    const res = await cast.as.manager.get(`${url}&publish=true`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual((await cast.as.statistician.get(url)).json());
    expect((await cast.as.manager.get(`${url}&publish=false`)).json().suppressed).toBe(false);
  });

  it("leaves nothing recoverable under filters and shorter periods either", async () => {
    const cases = [
      { intakeId: fx.intakes["Intag 2"] },
      { intakeId: fx.intakes["Intag 3"] },
      { teamId: fx.teams.N },
      { teamId: fx.teams.S },
      { from: "2024-09-01", to: "2024-12-31" },
      { from: "2024-01-01", to: "2024-01-01" },
    ];
    for (const c of cases) {
      const o = { projectId: cast.project.id, ...PERIOD, ...c };
      expectSafelySuppressed(await annualReport(t.db, { ...o, suppress: true }), await annualReport(t.db, { ...o, suppress: false }));
    }
  });

  it("answers 403 to a coach, a participant and another project's coach, and 401 without a session", async () => {
    for (const who of ["coach", "coachWithoutSensitive", "participant", "otherCoach"] as const) {
      expect((await cast.as[who].get(url)).statusCode, who).toBe(403);
    }
    expect((await t.app.inject({ url })).statusCode).toBe(401);
    // A statistician of this project sees nothing of another one.
    expect((await cast.as.statistician.get(`/api/projects/${cast.other.id}/reports/annual?from=${PERIOD.from}&to=${PERIOD.to}`)).statusCode).toBe(403);
  });

  it("answers 400 naming the field for bad dates, a reversed period, an unknown format and another project's intake or team", async () => {
    const base = `/api/projects/${cast.project.id}/reports/annual`;
    const fieldsOf = async (query: string) => {
      const res = await cast.as.manager.get(`${base}?${query}`);
      expect(res.statusCode, query).toBe(400);
      return Object.keys(res.json().error.fields);
    };
    expect(await fieldsOf("from=2024-13-01&to=2024-12-31")).toEqual(["from"]);
    expect(await fieldsOf("from=2024-01-01&to=31/12/2024")).toEqual(["to"]);
    expect(await fieldsOf("to=2024-12-31")).toEqual(["from"]);
    expect(await fieldsOf("from=2024-12-31&to=2024-01-01")).toEqual(["to"]);
    expect(await fieldsOf("from=2024-01-01&to=2024-12-31&format=xml")).toEqual(["format"]);
    const otherIntake = await t.db
      .insertInto("intakes")
      .values({ project_id: cast.other.id, name: "Främmande", start_date: "2024-01-01" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await fieldsOf(`from=2024-01-01&to=2024-12-31&intake=${otherIntake.id}`)).toEqual(["intake"]);
    const otherTeam = await t.db.insertInto("teams").values({ project_id: cast.other.id, name: "Främmande" }).returning("id").executeTakeFirstOrThrow();
    expect(await fieldsOf(`from=2024-01-01&to=2024-12-31&team=${otherTeam.id}`)).toEqual(["team"]);
    // The project's own intake and team filter the report.
    const filtered = await cast.as.manager.get(`${url}&intake=${fx.intakes["Intag 2"]}&team=${fx.teams.S}`);
    expect(filtered.statusCode).toBe(200);
    expect(filtered.json().filters).toEqual({ intake: fx.intakes["Intag 2"], team: fx.teams.S });
    // Intag 2 in Söder: Dina Frida Maja; Sven Ulf Åke Filip.
    expect(filtered.json().summary).toMatchObject({ uniqueParticipants: 7, enrolments: 7 });
  });

  it("answers CSV with every table when asked", async () => {
    const res = await cast.as.manager.get(`${url}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers["content-disposition"]).toContain(`arsrapport-${cast.project.slug}-${PERIOD.from}-${PERIOD.to}.csv`);
    const lines = res.body.replace(/^\uFEFF/, "").split("\r\n");
    for (const title of [
      "Kön per intag",
      "Utbildningsbakgrund",
      "Arbetslivserfarenhet",
      "Huvudsaklig försörjning vid inträde",
      "Initierande part",
      "Resultat vid avslut",
      "Deltagartid och förlängningar",
    ]) {
      expect(lines, title).toContain(title);
    }
    expect(lines).toContain(";Intag 1;Intag 2;Intag 3;Utan intag;Totalt");
    expect(lines).toContain("Kvinnor;5;5;3;1;14");
    expect(lines).toContain("Totalt;7.7;7.3;6;3;1;1;2;1");
    const published = (await cast.as.statistician.get(`${url}&format=csv`)).body;
    expect(published).toContain("Annat kön;0;0;<5;0;<5");
  });
});
