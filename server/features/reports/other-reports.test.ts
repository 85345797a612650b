import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DisSusForms, DisSusSummary, EsfReport, FollowUpList, FollowUpResults, GoalsReport } from "../../../schemas/reports.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, type Session } from "../../test/factories.ts";
import { auditOf } from "../../test/participants.ts";
import { buildReportsFixture } from "../../test/reports-fixture.ts";
import { xlsxSheets } from "./doc-text.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let ids: Record<string, string>;
let base: string;
const P = "from=2025-01-01&to=2025-06-30";
const FOLLOW = "from=2025-09-01&to=2025-12-31";

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  ids = await buildReportsFixture(t.db, cast.project.id, cast.users.coach.id);
  base = `/api/projects/${cast.project.id}`;
});
afterAll(async () => {
  await t?.close();
});

/** 403 for each named user, 401 without a session. */
async function expectDenied(
  who: (keyof typeof cast.as)[],
  call: (s: Session) => Promise<{ statusCode: number }>,
  anonymous: () => Promise<{ statusCode: number }>,
) {
  for (const w of who) expect((await call(cast.as[w])).statusCode, w).toBe(403);
  expect((await anonymous()).statusCode).toBe(401);
}

const row = (r: { tables: { id: string; rows: { label: string; values: (string | number)[] }[] }[] }, id: string, label: string) =>
  r.tables.find((x) => x.id === id)?.rows.find((x) => x.label === label)?.values;

describe("DIS/SUS", () => {
  it("counts the change of income from start to exit for persons with a final exit (Tova, Hampus, Vera)", async () => {
    const res = await cast.as.manager.get(`${base}/reports/dis-sus?${P}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as DisSusSummary;
    expect(r.suppressed).toBe(false);
    // Columns: AF, FK, Kom, Egen, Ingen, Uppgift saknas, Totalt at exit.
    expect(row(r, "income_change", "Vid start: AF")).toEqual([1, 0, 0, 1, 0, 0, 2]); // Hampus AF→Egen; Vera AF→AF (50/50 tie goes to AF)
    expect(row(r, "income_change", "Vid start: Kom")).toEqual([0, 0, 0, 1, 0, 0, 1]); // Tova Kom→Egen (75 % lön)
    expect(row(r, "income_change", "Vid start: FK")).toEqual([0, 0, 0, 0, 0, 0, 0]); // Saga has not exited
    expect(row(r, "income_change", "Totalt")).toEqual([1, 0, 0, 2, 0, 0, 3]);
    // Per group: persons at start, at exit, share rose, fell, unchanged.
    expect(row(r, "income_level", "AF")).toEqual([2, 1, 0, 2, 0]);
    expect(row(r, "income_level", "Kom")).toEqual([1, 1, 0, 1, 0]);
    expect(row(r, "income_level", "Egen")).toEqual([0, 3, 3, 0, 0]);
    expect(row(r, "income_level", "FK")).toEqual([0, 0, 0, 0, 0]);
  });

  it("suppresses for the statistician in JSON, CSV and XLSX", async () => {
    const r = (await cast.as.statistician.get(`${base}/reports/dis-sus?${P}`)).json() as DisSusSummary;
    expect(r.suppressed).toBe(true);
    expect(row(r, "income_change", "Totalt")).toEqual(["<5", 0, 0, "<5", 0, 0, "<5"]);
    const csv = (await cast.as.statistician.get(`${base}/reports/dis-sus?${P}&format=csv`)).body;
    expect(csv).toContain("Vid start: AF;<5;0;0;<5;0;0;<5");
    expect(csv).not.toMatch(/;[1-4](;|\r)/);
    const xlsx = await xlsxSheets((await cast.as.statistician.get(`${base}/reports/dis-sus?${P}&format=xlsx`)).rawPayload);
    const cells = [...xlsx.values()].flat(2);
    expect(cells.filter((v) => typeof v === "number" && v >= 1 && v <= 4)).toEqual([]);
    expect(cells).toContain("<5");
  });

  it("exports the forms of the period for registration, leaving out those without SUS consent and those not counted", async () => {
    const res = await cast.as.coach.get(`${base}/reports/dis-sus/forms?${P}`);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json() as DisSusForms;
    expect(f.forms.map((x) => [x.name, x.kind, x.date])).toEqual([
      ["Hampus Berg", "exit", "2025-03-15"],
      ["Vera Ek", "start", "2025-04-01"],
      ["Vera Ek", "exit", "2025-06-15"],
      ["Tova Lindqvist", "start", "2025-01-15"],
      ["Tova Lindqvist", "exit", "2025-05-31"],
    ]);
    const tovaExit = f.forms[4];
    expect(tovaExit?.income).toEqual({ AF: 0, FK: 0, Kom: 25, Egen: 75, Ingen: 0 });
    expect(tovaExit?.status).toBe("Arbete");
    expect(tovaExit?.coach).toBe(cast.users.coach.name);
    expect(tovaExit?.personnummer).toMatch(/^19900310-\d{4}$/);
    expect(tovaExit?.residence).toBe("Nordby");
    expect(f.forms[0]?.status).toBe("Utb-allm");
    expect(f.forms[2]?.income).toEqual({ AF: 50, FK: 0, Kom: 0, Egen: 50, Ingen: 0 });
    expect(f.missingConsent).toEqual([{ enrolmentId: ids["Saga 1"], name: "Saga Nyberg", kind: "start", date: "2025-02-01" }]);
    // Every exported enrolment is in the audit log as a person read.
    for (const id of [ids["Hampus 1"], ids["Vera 2"], ids["Tova 1"]]) expect(await auditOf(t.db, "report.dis_sus.forms.person", id)).toHaveLength(1);
    expect(await auditOf(t.db, "report.dis_sus.forms.person", ids["Saga 1"])).toHaveLength(0);
    const xlsx = await xlsxSheets((await cast.as.coach.get(`${base}/reports/dis-sus/forms?${P}&format=xlsx`)).rawPayload);
    expect(xlsx.get("DIS-blanketter")?.[5]?.slice(0, 4)).toEqual(["Avslut", "2025-05-31", cast.users.coach.name, "Tova Lindqvist"]);
    expect(xlsx.get("Samtycke saknas")?.[1]).toEqual(["Start", "2025-02-01", "Saga Nyberg"]);
  });

  it("denies the forms to the statistician, another project's coach, a participant and an admin without a role; the summary to coaches", async () => {
    await expectDenied(
      ["statistician", "otherCoach", "participant", "admin"],
      (s) => s.get(`${base}/reports/dis-sus/forms?${P}`),
      () => t.app.inject({ url: `${base}/reports/dis-sus/forms?${P}` }),
    );
    await expectDenied(
      ["coach", "otherCoach", "participant", "admin"],
      (s) => s.get(`${base}/reports/dis-sus?${P}`),
      () => t.app.inject({ url: `${base}/reports/dis-sus?${P}` }),
    );
    const bad = await cast.as.manager.get(`${base}/reports/dis-sus?from=2025-06-30&to=2025-01-01`);
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(["to"]);
  });
});

describe("ESF participant data", () => {
  it("gives one row per participation with ESF consent, local codes mapped to the fund's categories", async () => {
    const res = await cast.as.manager.get(`${base}/reports/esf?${P}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as EsfReport;
    expect(r.rows.map(({ enrolmentId, personnummer, ...x }) => x)).toEqual([
      {
        name: "Vera Ek",
        gender: "annat",
        ageAtStart: 32,
        startDate: "2025-04-01",
        endDate: "2025-06-15",
        educationLevel: "Gymnasial utbildning (ISCED 3–4)",
        statusAtEntry: "Arbetslös",
        exitInEducation: false,
        exitQualification: false,
        exitEmployed: false,
        exitSeekingWork: true,
      },
      {
        name: "Tova Lindqvist",
        gender: "kvinna",
        ageAtStart: 34,
        startDate: "2025-01-15",
        endDate: "2025-05-31",
        educationLevel: "Gymnasial utbildning (ISCED 3–4)",
        statusAtEntry: "Utanför arbetskraften",
        exitInEducation: false,
        exitQualification: true,
        exitEmployed: true,
        exitSeekingWork: false,
      },
      {
        name: "Saga Nyberg",
        gender: "kvinna",
        ageAtStart: 24,
        startDate: "2025-02-01",
        endDate: null,
        educationLevel: "Eftergymnasial utbildning (ISCED 5–8)",
        statusAtEntry: "Utanför arbetskraften",
        exitInEducation: null,
        exitQualification: null,
        exitEmployed: null,
        exitSeekingWork: null,
      },
    ]);
    // Hampus has no ESF consent: listed, not exported. Elis is not counted; Vera's first enrolment is before the period.
    expect(r.missingConsent).toEqual([{ enrolmentId: ids["Hampus 1"], name: "Hampus Berg" }]);
    expect(await auditOf(t.db, "report.esf.person", ids["Tova 1"])).toHaveLength(1);
    expect(await auditOf(t.db, "report.esf.person", ids["Hampus 1"])).toHaveLength(0);
  });

  it("writes CSV and XLSX without the participants who lack consent", async () => {
    const csv = await cast.as.manager.get(`${base}/reports/esf?${P}&format=csv`);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.body).toContain("Tova Lindqvist;");
    expect(csv.body.split("Samtycke")[0]).not.toContain("Hampus");
    const xlsx = await xlsxSheets((await cast.as.manager.get(`${base}/reports/esf?${P}&format=xlsx`)).rawPayload);
    const sheet = xlsx.get("ESF deltagare") ?? [];
    expect(sheet).toHaveLength(4);
    expect(sheet[2]?.[0]).toBe("Tova Lindqvist");
    expect(sheet[2]?.[3]).toBe(34);
    expect(sheet[2]?.[10]).toBe("Ja");
    expect(sheet.flat()).not.toContain("Hampus Berg");
  });

  it("denies person-level data to the statistician, another project's coach, a participant and an admin without a role", async () => {
    await expectDenied(
      ["statistician", "otherCoach", "participant", "admin"],
      (s) => s.get(`${base}/reports/esf?${P}&format=xlsx`),
      () => t.app.inject({ url: `${base}/reports/esf?${P}` }),
    );
  });
});

describe("follow-up", () => {
  it("lists the persons due in the period (6 months after a final exit), records results and counts the response rate", async () => {
    const rec = await cast.as.coach.post(`/api/enrolments/${ids["Hampus 1"]}/exit-follow-ups`, {
      months: 6,
      doneOn: "2025-09-20",
      reached: true,
      statusCode: "studier",
    });
    expect(rec.statusCode, rec.body).toBe(201);
    expect(await auditOf(t.db, "follow_up.create", ids["Hampus 1"])).toHaveLength(1);
    expect(
      (await cast.as.coach.post(`/api/enrolments/${ids["Tova 1"]}/exit-follow-ups`, { months: 6, doneOn: "2025-12-02", reached: false, statusCode: null }))
        .statusCode,
    ).toBe(201);
    const again = await cast.as.coach.post(`/api/enrolments/${ids["Tova 1"]}/exit-follow-ups`, { months: 6, doneOn: "2025-12-03", reached: false });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.current.doneOn).toBe("2025-12-02");

    const list = (await cast.as.coach.get(`${base}/reports/follow-up/due?${FOLLOW}`)).json() as FollowUpList;
    expect(list.months).toEqual([6, 24]);
    expect(list.items.map((x) => [x.name, x.months, x.dueDate, x.state])).toEqual([
      ["Hampus Berg", 6, "2025-09-15", "done"],
      ["Tova Lindqvist", 6, "2025-11-30", "done"],
      ["Vera Ek", 6, "2025-12-15", "overdue"],
    ]);
    expect(await auditOf(t.db, "report.follow_up.list.person", ids["Vera 2"])).toHaveLength(1);

    const res = (await cast.as.manager.get(`${base}/reports/follow-up?${FOLLOW}`)).json() as FollowUpResults;
    const six = res.tables.find((x) => x.id === "follow_up_6");
    const col = (label: string) => six?.columns.indexOf(label) as number;
    expect(six?.rows.map((r) => r.label)).toEqual(["Kvinnor", "Män", "Annat kön", "Totalt"]);
    expect(six?.rows[0]?.values[col("Kunde inte nås")]).toBe(1);
    expect(six?.rows[1]?.values[col("Studier")]).toBe(1);
    expect(six?.rows[2]?.values[col("Inte uppföljd")]).toBe(1);
    expect(six?.rows[3]?.values.at(-1)).toBe(3);
    expect(
      res.tables
        .find((x) => x.id === "follow_up_24")
        ?.rows.at(-1)
        ?.values.at(-1),
    ).toBe(0);
    expect(res.responseRate).toBe(33.3);
    const stat = (await cast.as.statistician.get(`${base}/reports/follow-up?${FOLLOW}`)).json() as FollowUpResults;
    expect(stat.responseRate).toBe("<5");
    expect(stat.tables[0]?.rows.flatMap((r) => r.values).filter((v) => typeof v === "number" && v >= 1 && v <= 4)).toEqual([]);
  });

  it("follows the configured follow-up points", async () => {
    const s = (await cast.as.manager.get(`${base}/reports/settings`)).json();
    const put = await cast.as.manager.put(`${base}/reports/settings`, { version: s.version, threshold: s.threshold, followUpMonths: [3] });
    expect(put.statusCode, put.body).toBe(200);
    const list = (await cast.as.manager.get(`${base}/reports/follow-up/due?from=2025-06-01&to=2025-09-30`)).json() as FollowUpList;
    // 3 months after 2025-03-15, 2025-05-31 and 2025-06-15.
    expect(list.items.map((x) => [x.name, x.dueDate])).toEqual([
      ["Hampus Berg", "2025-06-15"],
      ["Tova Lindqvist", "2025-08-31"],
      ["Vera Ek", "2025-09-15"],
    ]);
    await cast.as.manager.put(`${base}/reports/settings`, { version: put.json().version, threshold: s.threshold, followUpMonths: [6, 24] });
  });

  it("refuses a follow-up without a final exit, with a status when not reached, and from those who may not", async () => {
    const noExit = await cast.as.coach.post(`/api/enrolments/${ids["Saga 1"]}/exit-follow-ups`, { months: 6, doneOn: "2025-09-20", reached: false });
    expect(noExit.statusCode).toBe(400);
    expect(Object.keys(noExit.json().error.fields)).toEqual(["months"]);
    const mixed = await cast.as.coach.post(`/api/enrolments/${ids["Vera 2"]}/exit-follow-ups`, {
      months: 6,
      doneOn: "2025-12-20",
      reached: false,
      statusCode: "af",
    });
    expect(Object.keys(mixed.json().error.fields)).toEqual(["statusCode"]);
    const body = { months: 24, doneOn: "2027-06-01", reached: true, statusCode: "annat" };
    await expectDenied(
      ["statistician", "otherCoach", "participant", "admin"],
      (s) => s.post(`/api/enrolments/${ids["Vera 2"]}/exit-follow-ups`, body),
      () => t.app.inject({ method: "POST", url: `/api/enrolments/${ids["Vera 2"]}/exit-follow-ups`, payload: body }),
    );
    await expectDenied(
      ["statistician", "otherCoach", "participant", "admin"],
      (s) => s.get(`${base}/reports/follow-up/due?${FOLLOW}`),
      () => t.app.inject({ url: `${base}/reports/follow-up/due?${FOLLOW}` }),
    );
    await expectDenied(
      ["coach", "otherCoach", "participant", "admin"],
      (s) => s.get(`${base}/reports/follow-up?${FOLLOW}`),
      () => t.app.inject({ url: `${base}/reports/follow-up?${FOLLOW}` }),
    );
  });
});

describe("effect goals", () => {
  it("sets targets (managers) and shows them against the year's actuals", async () => {
    expect((await cast.as.manager.put(`${base}/goals/2025/participants`, { version: 0, target: 30 })).statusCode).toBe(200);
    expect((await cast.as.manager.put(`${base}/goals/2025/share_work_studies_internship`, { version: 0, target: 60 })).statusCode).toBe(200);
    const sat = await cast.as.manager.put(`${base}/goals/2025/share_satisfied`, { version: 0, target: 80, manualActual: 85 });
    expect(sat.json()).toMatchObject({ target: 80, manualActual: 85, version: 1 });
    const stale = await cast.as.manager.put(`${base}/goals/2025/share_satisfied`, { version: 0, target: 90 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ target: 80, version: 1 });
    expect(await auditOf(t.db, "report.goal.update")).toHaveLength(3);

    const r = (await cast.as.manager.get(`${base}/reports/goals?year=2025`)).json() as GoalsReport;
    const g = (m: string) => r.goals.find((x) => x.measure === m);
    // Persons of 2025: Tova, Hampus, Saga, Vera (Elis is not counted).
    expect(g("participants")).toMatchObject({ target: 30, actual: 4 });
    // Final exits of 2025: Tova (work), Hampus (studies), Vera (AF).
    expect(g("share_work_studies_internship")).toMatchObject({ target: 60, actual: 66.7 });
    expect(g("share_work_after_exit")).toMatchObject({ target: null, actual: 33.3 });
    expect(g("share_studies_after_exit")?.actual).toBe(33.3);
    expect(g("share_satisfied")).toMatchObject({ target: 80, actual: 85 });
    const stat = (await cast.as.statistician.get(`${base}/reports/goals?year=2025`)).json() as GoalsReport;
    expect(stat.goals.find((x) => x.measure === "participants")?.actual).toBe("<5");
    expect(stat.goals.find((x) => x.measure === "share_work_after_exit")?.actual).toBe("<5");
    const xlsx = await xlsxSheets((await cast.as.manager.get(`${base}/reports/goals?year=2025&format=xlsx`)).rawPayload);
    expect(xlsx.get("Effektmål 2025")?.[1]?.slice(0, 3)).toEqual(["Antal deltagare under året", 30, 4]);
  });

  it("lets only managers set goals, and reports only to those who may see statistics", async () => {
    await expectDenied(
      ["coach", "statistician", "otherCoach", "participant", "admin"],
      (s) => s.put(`${base}/goals/2025/participants`, { version: 1, target: 1 }),
      () => t.app.inject({ method: "PUT", url: `${base}/goals/2025/participants`, payload: { version: 1, target: 1 } }),
    );
    await expectDenied(
      ["coach", "otherCoach", "participant", "admin"],
      (s) => s.get(`${base}/reports/goals?year=2025`),
      () => t.app.inject({ url: `${base}/reports/goals?year=2025` }),
    );
    const bad = await cast.as.manager.put(`${base}/goals/2025/participants`, { version: 1, target: -3 });
    expect(Object.keys(bad.json().error.fields)).toEqual(["target"]);
  });
});

describe("economy", () => {
  it("keeps budget and outcome per cost type and reports deviation, totals and cost per participant", async () => {
    const staff = await cast.as.manager.put(`${base}/economy/2025/staff`, { version: 0, budget: 640000, outcome: 882000 });
    expect(staff.statusCode, staff.body).toBe(200);
    expect((await cast.as.manager.put(`${base}/economy/2025/premises`, { version: 0, budget: 72000, outcome: 90000 })).statusCode).toBe(200);
    const stale = await cast.as.manager.put(`${base}/economy/2025/staff`, { version: 0, budget: 1, outcome: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ budget: 640000, version: 1 });
    expect((await cast.as.manager.put(`${base}/economy/2025/staff`, { version: 1, budget: 640000, outcome: 882000 })).json().version).toBe(2);
    expect(await auditOf(t.db, "report.economy.update")).toHaveLength(3);

    const r = (await cast.as.manager.get(`${base}/reports/economy?fromYear=2025&toYear=2025`)).json();
    const t1 = r.tables[0];
    expect(t1.columns).toEqual(["2025 budget", "2025 utfall", "Avvikelse"]);
    expect(t1.rows.map((x: { values: number[] }) => x.values)).toEqual([
      [640000, 882000, -242000],
      [72000, 90000, -18000],
      [0, 0, 0],
      [0, 0, 0],
      [712000, 972000, -260000],
    ]);
    // 972 000 kr over four persons.
    expect(r.tables[1].rows[0].values).toEqual([972000, 4, 243000]);
    const stat = (await cast.as.statistician.get(`${base}/reports/economy?fromYear=2025&toYear=2025`)).json();
    expect(stat.tables[1].rows[0].values).toEqual([972000, "<5", "<5"]);
    const xlsx = await xlsxSheets((await cast.as.manager.get(`${base}/reports/economy?fromYear=2025&toYear=2025&format=xlsx`)).rawPayload);
    expect(xlsx.get("Budget och utfall 2025")?.[5]).toEqual(["Totalt", 712000, 972000, -260000]);
  });

  it("lets only managers enter economy", async () => {
    await expectDenied(
      ["coach", "statistician", "otherCoach", "participant", "admin"],
      (s) => s.put(`${base}/economy/2025/other`, { version: 0, budget: 1, outcome: 1 }),
      () => t.app.inject({ method: "PUT", url: `${base}/economy/2025/other`, payload: { version: 0, budget: 1, outcome: 1 } }),
    );
    await expectDenied(
      ["coach", "otherCoach", "participant", "admin"],
      (s) => s.get(`${base}/economy/2025`),
      () => t.app.inject({ url: `${base}/economy/2025` }),
    );
    await expectDenied(
      ["coach", "otherCoach", "participant", "admin"],
      (s) => s.get(`${base}/reports/economy?fromYear=2025&toYear=2025&format=xlsx`),
      () => t.app.inject({ url: `${base}/reports/economy?fromYear=2025&toYear=2025` }),
    );
    const bad = await cast.as.manager.put(`${base}/economy/2025/other`, { version: 0, budget: 1.5, outcome: -1 });
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(["budget", "outcome"]);
  });
});
