import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportOutcome } from "../../../schemas/imports.ts";
import { systemActor } from "../../auth/actor.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProject, aProjectWithStaff, aUser, signIn } from "../../test/factories.ts";
import { expectStatus } from "../../test/participants.ts";
import { readUploads } from "./read.ts";
import { exampleFiles, examplesDir, type FileSpec, toCommaCsv, upload } from "./testing.ts";
import { validateImport } from "./validate.ts";
import { writePlan } from "./write.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
});
afterAll(async () => {
  await t?.close();
});

/** A fresh project with a manager signed in. */
async function managedProject(unitId?: string) {
  const project = await aProject(t.db, unitId ? { unitId } : {});
  const manager = await aUser(t.db, { projects: [{ projectId: project.id, role: "manager", sensitiveAccess: true }] });
  return { project, as: await signIn(t.app, manager.email) };
}

async function countRows(projectId: string) {
  const n = async (table: "enrolments" | "referrals" | "intakes") =>
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("project_id", "=", projectId)
        .executeTakeFirstOrThrow()
    ).n;
  const joined = async (table: "activities" | "extensions" | "enrolment_incomes") => {
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ${sql.table(table)} x JOIN enrolments e ON e.id = x.enrolment_id WHERE e.project_id = ${projectId}`.execute(t.db);
    return rows[0]?.n ?? 0;
  };
  return {
    enrolments: Number(await n("enrolments")),
    referrals: Number(await n("referrals")),
    intakes: Number(await n("intakes")),
    activities: Number(await joined("activities")),
    extensions: Number(await joined("extensions")),
    incomes: Number(await joined("enrolment_incomes")),
  };
}

const text = (f: FileSpec) => (Buffer.isBuffer(f.data) ? f.data.toString("utf8") : f.data);
const replaceIn = (files: FileSpec[], name: string, from: string | RegExp, to: string) =>
  files.map((f) => (f.name === name ? { ...f, data: text(f).replace(from, to) } : f));

describe("importing the valid example", () => {
  it("previews what would be created without writing anything", async () => {
    const { project, as } = await managedProject();
    const out: ImportOutcome = expectStatus(await upload(as, project.id, exampleFiles("valid"), { preview: true }), 200);
    expect(out.ok).toBe(true);
    expect(out.applied).toBe(false);
    expect(out.problems).toEqual([]);
    expect(out.counts).toMatchObject({
      rows: { enrolments: 5, activities: 5, extensions: 1 },
      persons: { new: 4, linked: 0 },
      enrolments: { new: 5, unchanged: 0 },
      referrals: 5,
      intakes: { new: 2, names: ["Intag 1", "Intag 2"] },
      activities: { new: 5, unchanged: 0 },
      extensions: { new: 1, unchanged: 0 },
    });
    expect(out.sample.map((s) => s.enrolmentRef)).toEqual(["IN-001", "IN-002", "IN-003", "IN-004", "IN-005"]);
    expect(out.sample.find((s) => s.enrolmentRef === "IN-005")?.name).toBe("Viktor Åberg");
    expect(await countRows(project.id)).toEqual({ enrolments: 0, referrals: 0, intakes: 0, activities: 0, extensions: 0, incomes: 0 });
  });

  it("imports every row with the values of the file", async () => {
    const { project, as } = await managedProject();
    // The project pays a larger top-up than the default; imported employments get its share.
    expectStatus(await as.put(`/api/projects/${project.id}/follow-up-settings`, { version: 0, topUpPercent: 30 }), 200);
    const out: ImportOutcome = expectStatus(await upload(as, project.id, exampleFiles("valid")), 201);
    expect(out.applied).toBe(true);
    expect(out.batchId).toBeTruthy();
    // 5 enrolments × entry income, 3 exits with income; IN-003 has two entry sources.
    expect(await countRows(project.id)).toEqual({ enrolments: 5, referrals: 5, intakes: 2, activities: 5, extensions: 1, incomes: 9 });

    const rows = await t.db
      .selectFrom("enrolments as e")
      .innerJoin("persons as p", "p.id", "e.person_id")
      .leftJoin("intakes as i", "i.id", "e.intake_id")
      .select([
        "e.id",
        "p.first_name",
        "p.last_name",
        "p.birth_date",
        "p.gender",
        "i.name as intake",
        "i.start_date as intake_start",
        "e.start_date",
        "e.planned_months",
        "e.planned_end_date",
        "e.referring_party_code",
        "e.education_level_code",
        "e.main_income_code",
        "e.exit_date",
        "e.exit_status_code",
        "e.exit_final",
        "e.not_counted",
        "e.not_counted_reason",
        "e.person_id",
      ])
      .where("e.project_id", "=", project.id)
      .orderBy("e.start_date")
      .orderBy("p.last_name")
      .execute();
    const byName = (first: string, start: string) => rows.find((r) => r.first_name === first && r.start_date === start);
    const elin = byName("Elin", "2024-01-22");
    expect(elin).toMatchObject({
      referring_party_code: "af",
      education_level_code: "gymnasium_praktiskt",
      main_income_code: "aktivitetsstod",
      exit_date: "2025-02-28",
      exit_status_code: "anstallning",
      exit_final: true,
      intake: "Intag 1",
      intake_start: "2024-01-22",
      planned_months: 15,
      // The extension moved the planned end from 2025-04-21.
      planned_end_date: "2025-06-30",
    });
    expect(byName("Omar", "2024-01-22")).toMatchObject({ not_counted: true, not_counted_reason: "Avslutade strax efter start", exit_status_code: "annat" });
    const sara1 = byName("Sara", "2024-01-22");
    const sara2 = byName("Sara", "2024-10-14");
    expect(sara1).toMatchObject({ exit_final: false, exit_status_code: "fk_aktivitetsersattning" });
    expect(sara2).toMatchObject({ exit_date: null, intake: "Intag 2", referring_party_code: "egen" });
    // One person, two enrolments: re-enrolment links, it does not duplicate.
    expect(sara1?.person_id).toBe(sara2?.person_id);
    expect(byName("Viktor", "2024-10-14")).toMatchObject({ last_name: "Åberg", education_level_code: "hogskola", main_income_code: "familj_ingen" });

    const saraIncomes = await t.db
      .selectFrom("enrolment_incomes")
      .select(["phase", "income_code", "share"])
      .where("enrolment_id", "=", sara1?.id as string)
      .orderBy("phase")
      .orderBy("share", "desc")
      .execute();
    expect(saraIncomes).toEqual([
      { phase: "entry", income_code: "aktivitetsersattning", share: 75 },
      { phase: "entry", income_code: "familj_ingen", share: 25 },
      { phase: "exit", income_code: "aktivitetsersattning", share: 100 },
    ]);

    const activities = await t.db
      .selectFrom("activities")
      .select(["type_code", "start_date", "end_date", "extent_value", "status", "notes", "details"])
      .where(
        "enrolment_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("start_date")
      .execute();
    expect(activities.map((a) => [a.type_code, a.start_date, a.end_date, Number(a.extent_value), a.status])).toEqual([
      ["friskvard", "2024-02-05", "2024-05-31", 10, "ended"],
      ["praktik", "2024-04-02", "2024-06-28", 50, "ended"],
      ["praktik", "2024-08-19", "2024-11-29", 75, "ended"],
      ["anstallning", "2024-12-02", "2025-02-28", 75, "ended"],
      ["studier", "2025-01-13", null, 50, "ongoing"],
    ]);
    expect(activities[1]?.details).toMatchObject({ kind: "internship", workplace: "Bageriet i Centrum AB" });
    expect(activities[1]?.notes).toBe("Prova yrket");
    expect(activities[3]?.details).toMatchObject({
      kind: "employment",
      form: "resource_job",
      employerName: "Stadens äldreboende Linden",
      topUpPercent: 30,
    });
    expect(activities[4]?.details).toMatchObject({ kind: "studies", provider: "Vuxenutbildningen" });
    const ext = await t.db
      .selectFrom("extensions")
      .selectAll()
      .where("enrolment_id", "=", elin?.id as string)
      .executeTakeFirstOrThrow();
    expect(ext).toMatchObject({ decided_on: "2024-12-16", previous_planned_end: "2025-04-21", new_planned_end: "2025-06-30", reason_code: "slutfora" });

    // The participants appear in the project's caseload.
    const caseload = expectStatus(await as.post(`/api/projects/${project.id}/caseload`, {}), 200);
    expect(caseload.total).toBe(5);
  });

  it("changes nothing when the same file is imported again", async () => {
    const { project, as } = await managedProject();
    expectStatus(await upload(as, project.id, exampleFiles("valid")), 201);
    const before = await countRows(project.id);
    const again: ImportOutcome = expectStatus(await upload(as, project.id, exampleFiles("valid")), 201);
    expect(again.counts).toMatchObject({
      persons: { new: 0, linked: 0 },
      enrolments: { new: 0, unchanged: 5 },
      activities: { new: 0, unchanged: 5 },
      extensions: { new: 0, unchanged: 1 },
      referrals: 0,
      intakes: { new: 0 },
    });
    expect(await countRows(project.id)).toEqual(before);
  });

  it("changes nothing when a file whose income sources share equally is imported again", async () => {
    const { project, as } = await managedProject();
    // Stegvis keeps the sources in the order of their shares and codes, not of the file.
    const files = replaceIn(exampleFiles("valid"), "enrolments.csv", "tillfälligt;FK:100", "tillfälligt;Kom:50+FK:50");
    expectStatus(await upload(as, project.id, files), 201);
    const again: ImportOutcome = expectStatus(await upload(as, project.id, files), 201);
    expect(again.counts.enrolments).toEqual({ new: 0, unchanged: 5 });
  });

  it("refuses a second import that says something else about a known row, and names the difference", async () => {
    const { project, as } = await managedProject();
    expectStatus(await upload(as, project.id, exampleFiles("valid")), 201);
    const changed = replaceIn(
      exampleFiles("valid"),
      "enrolments.csv",
      "IN-005;P-04;;Viktor;Åberg;man;1996-05-19;Intag 2;2024-09-20;LSS",
      "IN-005;P-04;;Viktor;Åberg;man;1996-05-19;Intag 2;2024-09-20;SOL",
    );
    const res = await upload(as, project.id, changed);
    expect(res.statusCode).toBe(400);
    const out = res.json().error.current as ImportOutcome;
    expect(out.problems).toHaveLength(1);
    expect(out.problems[0]).toMatchObject({ sheet: "enrolments", row: 6, column: "referring_party", value: "SOL" });
    expect(out.problems[0]?.message).toContain("lss");
  });

  it("links a person already registered in the organisation (same name and birth date) instead of creating a copy", async () => {
    const unit = await t.db.selectFrom("projects").select("unit_id").where("id", "=", cast.project.id).executeTakeFirstOrThrow();
    const first = await managedProject(unit.unit_id);
    const second = await managedProject(unit.unit_id);
    expectStatus(await upload(first.as, first.project.id, exampleFiles("valid")), 201);
    const out: ImportOutcome = expectStatus(await upload(second.as, second.project.id, exampleFiles("valid")), 201);
    expect(out.counts.persons).toEqual({ new: 0, linked: 4 });
    const persons = await t.db
      .selectFrom("persons")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where(
        "organisation_id",
        "=",
        (await t.db.selectFrom("units").select("organisation_id").where("id", "=", unit.unit_id).executeTakeFirstOrThrow()).organisation_id,
      )
      .where("first_name", "=", "Viktor")
      .where("last_name", "=", "Åberg")
      .where("birth_date", "=", "1996-05-19")
      .executeTakeFirstOrThrow();
    expect(Number(persons.n)).toBe(1);
  });
});

describe("refusing a broken file", () => {
  it("reports each of the example's five problems by sheet, row and column, and writes nothing", async () => {
    const { project, as } = await managedProject();
    const auditBefore = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("project_id", "=", project.id)
      .executeTakeFirstOrThrow();
    const res = await upload(as, project.id, exampleFiles("broken"));
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe("invalid_input");
    const out = body.error.current as ImportOutcome;
    expect(out.applied).toBe(false);
    expect(out.problems.map((p) => [p.sheet, p.source, p.row, p.column, p.value])).toEqual([
      ["enrolments", "enrolments.csv", 4, "income_at_entry", "FK:75+Ingen:50"],
      ["enrolments", "enrolments.csv", 6, "personnummer", "19960519-1235"],
      ["activities", "activities.csv", 3, "end_date", "2024-08-19"],
      ["activities", "activities.csv", 6, "enrolment_ref", "IN-999"],
      ["extensions", "extensions.csv", 2, "reason", "okänd_orsak"],
    ]);
    for (const p of out.problems) {
      expect(p.message.length).toBeGreaterThan(20);
      expect(p.messageEn.length).toBeGreaterThan(20);
    }
    expect(out.problems[0]?.message).toContain("125 %");
    expect(out.problems[1]?.message).toContain("kontrollsiffran");
    expect(await countRows(project.id)).toEqual({ enrolments: 0, referrals: 0, intakes: 0, activities: 0, extensions: 0, incomes: 0 });
    // The refusal is logged with counts, never the values.
    const audit = await t.db.selectFrom("audit_log").selectAll().where("project_id", "=", project.id).orderBy("id").execute();
    expect(audit.length).toBe(Number(auditBefore.n) + 1);
    expect(audit.at(-1)).toMatchObject({ action: "import.refused", outcome: "failed" });
    expect(JSON.stringify(audit.at(-1)?.details)).not.toMatch(/Åberg|1235|Nyström/);
  });

  it("writes nothing when only the last row is wrong", async () => {
    const { project, as } = await managedProject();
    const files = replaceIn(exampleFiles("valid"), "extensions.csv", "slutföra_anställning_studier", "2025-13-01");
    const res = await upload(
      as,
      project.id,
      files.map((f) => (f.name === "extensions.csv" ? { ...f, data: text(f).replace("2025-06-30", "2025-06-31") } : f)),
    );
    expect(res.statusCode).toBe(400);
    const out = res.json().error.current as ImportOutcome;
    expect(out.problems.map((p) => [p.sheet, p.row, p.column])).toEqual([
      ["extensions", 2, "new_end_date"],
      ["extensions", 2, "reason"],
    ]);
    expect(await countRows(project.id)).toEqual({ enrolments: 0, referrals: 0, intakes: 0, activities: 0, extensions: 0, incomes: 0 });
  });

  it("rolls back everything when the database refuses a row at the very end", async () => {
    const { project } = await managedProject();
    const read = await readUploads(exampleFiles("valid").map((f) => ({ name: f.name, data: Buffer.from(text(f)) })));
    const checked = await validateImport(t.db, project.id, read.sheets);
    expect(checked.problems).toEqual([]);
    // Past the checks, the last insert (the extension) breaks the table's own CHECK: new end after the old.
    const last = checked.plan.newExtensions[0];
    if (last) last.r.newEndDate = last.previousEnd;
    await expect(writePlan(t.db, { actor: systemActor("test") }, checked.plan, read.files, checked.counts)).rejects.toThrow();
    expect(await countRows(project.id)).toEqual({ enrolments: 0, referrals: 0, intakes: 0, activities: 0, extensions: 0, incomes: 0 });
    const batches = await t.db.selectFrom("audit_log").select("id").where("project_id", "=", project.id).where("action", "=", "import.apply").execute();
    expect(batches).toEqual([]);
  });

  it("reports a missing column once instead of a problem on every row", async () => {
    const { project, as } = await managedProject();
    const files = replaceIn(exampleFiles("valid"), "enrolments.csv", "start_date;", "startdag;");
    const out: ImportOutcome = expectStatus(await upload(as, project.id, files, { preview: true }), 200);
    expect(out.problems.map((p) => [p.sheet, p.row, p.column])).toEqual([
      ["enrolments", 1, "startdag"],
      ["enrolments", 1, "start_date"],
    ]);
  });
});

describe("reading the file", () => {
  it("reads comma-separated CSV as well as semicolons, and Swedish headers", async () => {
    const { project, as } = await managedProject();
    const files = exampleFiles("valid").map((f) => ({ ...f, data: toCommaCsv(text(f)) }));
    const swedish = replaceIn(
      files,
      "enrolments.csv",
      /^enrolment_ref,person_ref,personnummer,first_name,last_name,gender/,
      "Inskrivnings_ID,Person_ID,Personnummer,Förnamn,Efternamn,Kön",
    );
    const out: ImportOutcome = expectStatus(await upload(as, project.id, swedish), 201);
    expect(out.counts.enrolments.new).toBe(5);
    expect(out.counts.activities.new).toBe(5);
  });

  it("accepts codes written with or without Swedish letters, and labels", async () => {
    const { project, as } = await managedProject();
    const files = replaceIn(
      replaceIn(exampleFiles("valid"), "activities.csv", "AK-04;IN-003;friskvård", "AK-04;IN-003;FRISKVARD"),
      "enrolments.csv",
      "IN-005;P-04;;Viktor;Åberg;man;1996-05-19;Intag 2;2024-09-20;LSS;2024-10-14;15;högskola",
      "IN-005;P-04;;Viktor;Åberg;man;1996-05-19;Intag 2;2024-09-20;LSS – daglig verksamhet;2024-10-14;15;Hogskola",
    );
    expectStatus(await upload(as, project.id, files), 201);
    const codes = await t.db
      .selectFrom("enrolments")
      .select(["referring_party_code", "education_level_code"])
      .where("project_id", "=", project.id)
      .where("start_date", "=", "2024-10-14")
      .where("referring_party_code", "=", "lss")
      .executeTakeFirstOrThrow();
    expect(codes).toEqual({ referring_party_code: "lss", education_level_code: "hogskola" });
  });

  it("reads an Excel workbook with real date cells", async () => {
    const { project, as } = await managedProject();
    const wb = new ExcelJS.Workbook();
    for (const f of exampleFiles("valid")) {
      const ws = wb.addWorksheet(f.name.replace(".csv", ""));
      for (const [i, line] of text(f).trim().split("\n").entries())
        ws.addRow(line.split(";").map((v) => (i > 0 && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : /^\d+$/.test(v) ? Number(v) : v)));
    }
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const out: ImportOutcome = expectStatus(await upload(as, project.id, [{ name: "deltagare.xlsx", data }]), 201);
    expect(out.counts).toMatchObject({ enrolments: { new: 5 }, activities: { new: 5 }, extensions: { new: 1 } });
    expect(await countRows(project.id)).toMatchObject({ enrolments: 5, activities: 5, extensions: 1 });
  });

  it("reads a zip of CSV files", async () => {
    const { project, as } = await managedProject();
    const zip = new JSZip();
    for (const f of exampleFiles("valid")) zip.file(`export/${f.name}`, f.data);
    const data = await zip.generateAsync({ type: "nodebuffer" });
    const out: ImportOutcome = expectStatus(await upload(as, project.id, [{ name: "deltagare.zip", data }], { preview: true }), 200);
    expect(out.ok).toBe(true);
    expect(out.counts.enrolments.new).toBe(5);
  });

  it("explains a file of the wrong type, an unknown CSV and a file that is too large", async () => {
    const { project, as } = await managedProject();
    const wrong = await upload(as, project.id, [{ name: "deltagare.pdf", data: "%PDF-1.4" }]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.file).toMatch(/\.xlsx.*\.csv.*zip/);
    const unknown: ImportOutcome = expectStatus(await upload(as, project.id, [{ name: "personer.csv", data: "a;b\n1;2\n" }], { preview: true }), 200);
    expect(unknown.problems[0]).toMatchObject({ sheet: "file", source: "personer.csv" });
    const notXlsx: ImportOutcome = expectStatus(await upload(as, project.id, [{ name: "trasig.xlsx", data: "inte en arbetsbok" }], { preview: true }), 200);
    expect(notXlsx.problems[0]?.message).toContain("Excel");
    process.env.STEGVIS_IMPORT_MAX_MB = "0.01";
    try {
      const big = await upload(as, project.id, [{ name: "enrolments.csv", data: Buffer.alloc(20_000, "a") }]);
      expect(big.statusCode).toBe(400);
      expect(big.json().error.fields.file).toContain("för stor");
    } finally {
      delete process.env.STEGVIS_IMPORT_MAX_MB;
    }
    const none = await as.request({ method: "POST", url: `/api/projects/${project.id}/imports/preview`, payload: { x: 1 } });
    expect(none.statusCode).toBe(400);
  });

  it("refuses overlapping enrolments of one person and a person_ref with two identities", async () => {
    const { project, as } = await managedProject();
    const files = replaceIn(
      exampleFiles("valid"),
      "enrolments.csv",
      "IN-004;P-03;;Sara;Nyström;kvinna;2002-07-30;Intag 2;2024-10-01;Egen;2024-10-14",
      "IN-004;P-03;;Sara;Nyström;kvinna;2002-07-31;Intag 2;2024-08-01;Egen;2024-09-01",
    );
    const out: ImportOutcome = expectStatus(await upload(as, project.id, files, { preview: true }), 200);
    expect(out.problems.map((p) => [p.row, p.column])).toEqual([[5, "person_ref"]]);
    const overlap = replaceIn(exampleFiles("valid"), "enrolments.csv", "Intag 2;2024-10-01;Egen;2024-10-14", "Intag 2;2024-08-01;Egen;2024-09-01");
    const out2: ImportOutcome = expectStatus(await upload(as, project.id, overlap, { preview: true }), 200);
    expect(out2.problems.map((p) => [p.row, p.column])).toEqual([[5, "start_date"]]);
    expect(out2.problems[0]?.message).toContain("IN-003");
  });
});

describe("exporting", () => {
  it("writes the project in the format, and the export imports into an empty project to the same records", async () => {
    const unit = await t.db.selectFrom("projects").select("unit_id").where("id", "=", cast.project.id).executeTakeFirstOrThrow();
    const source = await managedProject();
    expectStatus(await upload(source.as, source.project.id, exampleFiles("valid")), 201);
    for (const format of ["xlsx", "zip"] as const) {
      const res = await source.as.get(`/api/projects/${source.project.id}/export?format=${format}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["content-disposition"]).toContain(`.${format}`);
      const target = await managedProject(unit.unit_id);
      const out: ImportOutcome = expectStatus(await upload(target.as, target.project.id, [{ name: `export.${format}`, data: res.rawPayload }]), 201);
      expect(out.counts).toMatchObject({ enrolments: { new: 5 }, activities: { new: 5 }, extensions: { new: 1 } });
      // The target's own export is the source's, row for row, with the same spreadsheet ids.
      const again = await target.as.get(`/api/projects/${target.project.id}/export?format=zip`);
      const first = await source.as.get(`/api/projects/${source.project.id}/export?format=zip`);
      const csvs = async (buf: Buffer) => {
        const zip = await JSZip.loadAsync(buf);
        return Object.fromEntries(await Promise.all(Object.keys(zip.files).map(async (n) => [n, await zip.file(n)?.async("string")])));
      };
      expect(await csvs(again.rawPayload)).toEqual(await csvs(first.rawPayload));
    }
    const exported = await JSZip.loadAsync((await source.as.get(`/api/projects/${source.project.id}/export?format=zip`)).rawPayload);
    const enrolments = (await exported.file("enrolments.csv")?.async("string")) ?? "";
    expect(enrolments.split("\r\n")[0]).toBe(`\uFEFF${readFileSync(join(examplesDir, "valid", "enrolments.csv"), "utf8").split("\n")[0]}`);
    expect(enrolments).toContain(
      "IN-003;P-03;;Sara;Nyström;kvinna;2002-07-30;Intag 1;2024-01-05;fk;2024-01-22;15;grundskola;nej;nej;ja;aktivitetsersattning;aktivitetsersattning:75+familj_ingen:25;2024-09-13;fk_aktivitetsersattning;tillfälligt;aktivitetsersattning:100;ja;;",
    );
  });

  it("re-importing a project's own export into it changes nothing, also for records made by hand", async () => {
    const { project, as } = await managedProject();
    expectStatus(await upload(as, project.id, exampleFiles("valid")), 201);
    const res = await as.get(`/api/projects/${project.id}/export?format=xlsx`);
    const before = await countRows(project.id);
    const out: ImportOutcome = expectStatus(await upload(as, project.id, [{ name: "export.xlsx", data: res.rawPayload }]), 201);
    expect(out.counts.enrolments).toEqual({ new: 0, unchanged: 5 });
    expect(await countRows(project.id)).toEqual(before);
  });

  it("logs the export for every person in it, and the import per person with counts only", async () => {
    const { project, as } = await managedProject();
    const imported: ImportOutcome = expectStatus(await upload(as, project.id, exampleFiles("valid")), 201);
    expect((await as.get(`/api/projects/${project.id}/export?format=xlsx`)).statusCode).toBe(200);
    const audit = await t.db.selectFrom("audit_log").selectAll().where("project_id", "=", project.id).orderBy("id").execute();
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === "import.apply")).toHaveLength(1);
    expect(actions.filter((a) => a === "person.import")).toHaveLength(4);
    expect(actions.filter((a) => a === "export.project")).toHaveLength(1);
    expect(actions.filter((a) => a === "person.export")).toHaveLength(4);
    const apply = audit.find((a) => a.action === "import.apply");
    expect(apply?.subject_id).toBe(imported.batchId);
    expect(apply?.details).toMatchObject({ counts: { enrolments: { new: 5 } } });
    for (const a of audit) expect(JSON.stringify(a.details)).not.toMatch(/Åberg|Berggren|Nyström|Lindqvist|enrolments\.csv/);
  });
});
