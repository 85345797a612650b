import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DisSusForms } from "../../../schemas/reports.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, type Session } from "../../test/factories.ts";
import { anEnrolment, auditOf, daysFromToday } from "../../test/participants.ts";
import { buildReportsFixture } from "../../test/reports-fixture.ts";
import { containsRun, pdfStrings } from "./doc-text.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let ids: Record<string, string>;
let base: string;
const P = "from=2025-01-01&to=2025-06-30";
const PNR = /\d{8}-\d{4}/;

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  ids = await buildReportsFixture(t.db, cast.project.id, cast.users.coach.id);
  base = `/api/projects/${cast.project.id}`;
  // Vera has protected identity: no personnummer is stored, and her place of residence must not be printed.
  await t.db
    .updateTable("persons")
    .set({ protected_identity: true, personnummer: null, city: "Hemligby" })
    .where("first_name", "=", "Vera")
    .where("last_name", "=", "Ek")
    .execute();
});
afterAll(async () => {
  await t?.close();
});

const pageCount = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
/** The text of each page: every page ends with the footer "… – sida n av m". */
const pages = (pdf: Buffer) =>
  pdfStrings(pdf)
    .join("")
    .split(/sida \d+ av \d+/)
    .slice(0, -1);
const form = (enrolmentId: string, kind: string) => `/api/enrolments/${enrolmentId}/dis-sus/pdf?kind=${kind}`;

describe("the DIS forms of a period as one PDF", () => {
  it("has a cover page and one page per form, in the order of the export, with those without consent listed", async () => {
    const json = (await cast.as.coach.get(`${base}/reports/dis-sus/forms?${P}`)).json() as DisSusForms;
    const res = await cast.as.coach.get(`${base}/reports/dis-sus/forms?${P}&format=pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="dis-blanketter-[a-z0-9-]+-2025-01-01-2025-06-30\.pdf"$/);
    expect(pageCount(res.rawPayload)).toBe(json.forms.length + 1);
    const text = pages(res.rawPayload);
    expect(text).toHaveLength(json.forms.length + 1);
    const [cover, ...forms] = text as [string, ...string[]];
    expect(cover).toContain("Blanketter i filen5");
    expect(cover).toContain("varav vid start2");
    expect(cover).toContain("varav vid avslut3");
    expect(cover).toContain("Inte med – samtycke till SUS-registrering saknas");
    expect(cover).toContain("Start2025-02-01Saga Nyberg");
    for (const [i, f] of json.forms.entries()) {
      const page = forms[i] as string;
      expect(page).toContain(f.kind === "start" ? "DIS – uppgifter vid start" : "DIS – avslutningsblankett");
      expect(page).toContain(`Blankett ${i + 1} av 5`);
      expect(page).toContain(`Deltagarens namn${f.name}`);
      expect(page).toContain(`${f.kind === "start" ? "Datum för start" : "Datum för avslut"}${f.date}`);
      expect(page.includes("Status vid avslut")).toBe(f.kind === "exit");
    }
    // Not counted in statistics (Elis) is never in the file; Saga's data is only her name on the cover.
    expect(text.join("")).not.toContain("Elis");
    expect(forms.join("")).not.toContain("Saga");
  });

  it("prints protected identity as such, never a personnummer or the place of residence", async () => {
    const res = await cast.as.manager.get(`${base}/reports/dis-sus/forms?${P}&format=pdf`);
    const vera = pages(res.rawPayload).filter((p) => p.includes("Vera Ek"));
    expect(vera).toHaveLength(2);
    for (const p of vera) {
      expect(p).toContain("PersonnummerSkyddad identitet");
      expect(p).toContain("BoendeortSkyddad identitet");
      expect(p).not.toMatch(PNR);
      expect(p).not.toContain("Hemligby");
    }
    expect(pages(res.rawPayload).find((p) => p.includes("Tova Lindqvist"))).toMatch(/Personnummer19900310-\d{4}/);
  });

  it("logs every exported enrolment, and is an empty cover page for a period without forms", async () => {
    const before = (await auditOf(t.db, "report.dis_sus.forms.person", ids["Tova 1"])).length;
    await cast.as.coach.get(`${base}/reports/dis-sus/forms?${P}&format=pdf`);
    const rows = await auditOf(t.db, "report.dis_sus.forms.person", ids["Tova 1"]);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ subject_type: "enrolment", actor_id: cast.users.coach.id });
    expect(rows.at(-1)?.details).toMatchObject({ format: "pdf" });
    const empty = await cast.as.coach.get(`${base}/reports/dis-sus/forms?from=2020-01-01&to=2020-12-31&format=pdf`);
    expect(pageCount(empty.rawPayload)).toBe(1);
    expect(pages(empty.rawPayload)[0]).toContain("Blanketter i filen0");
  });

  it("is refused to the statistician, another project's coach, a participant, an admin without a role, and without a session", async () => {
    for (const w of ["statistician", "otherCoach", "participant", "admin"] as const)
      expect((await cast.as[w].get(`${base}/reports/dis-sus/forms?${P}&format=pdf`)).statusCode, w).toBe(403);
    expect((await t.app.inject({ url: `${base}/reports/dis-sus/forms?${P}&format=pdf` })).statusCode).toBe(401);
    // The summary is not a form: no PDF there.
    expect((await cast.as.manager.get(`${base}/reports/dis-sus?${P}&format=pdf`)).statusCode).toBe(400);
  });
});

describe("one person's DIS form", () => {
  it("prints the exit form with the fields, the income shares and the status marked, on one page", async () => {
    const res = await cast.as.coach.get(form(ids["Tova 1"] as string, "exit"));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="dis-avslutningsblankett.pdf"');
    expect(pageCount(res.rawPayload)).toBe(1);
    const strings = pdfStrings(res.rawPayload);
    const text = strings.join("");
    expect(text).toContain("DIS – avslutningsblankett");
    expect(text).toContain(`Ansvarig handläggare${cast.users.coach.name}`);
    expect(text).toContain(`Projekt${cast.project.name}`);
    expect(text).toContain("Deltagarens namnTova Lindqvist");
    expect(text).toMatch(/Personnummer19900310-\d{4}/);
    expect(text).toContain("BoendeortNordby");
    expect(text).toContain("Datum för avslut2025-05-31");
    expect(text).toContain("Försörjning vid avslut");
    for (const g of ["AF:", "FK:", "Kom:", "Egen:", "Ingen:"]) expect(strings).toContain(g);
    expect(text).toContain("100 %75 %50 %25 %");
    // Kom 25 % and Egen 75 %: one cross each; then Arbete, and no other status.
    expect(strings.filter((s) => s === "X")).toHaveLength(3);
    expect(text).toMatch(/Kom:[^X]*X[^X]*Egen:[^X]*X[^X]*Ingen:[^X]*Status vid avslut/);
    expect(containsRun(strings, ["X", "Arbete"])).toBe(true);
    for (const s of [
      "Utb-yrk",
      "Utb-allm",
      "Aktuell af",
      "Rehab – arbetsförberedande",
      "Rehab/behandling – medicinsk/social",
      "Ej rehab mot arbete",
      "Annan orsak",
      "Övrigt",
      "Ej avhörd",
      "Flyttat",
    ])
      expect(text).toContain(s);
    expect(text).not.toMatch(/X(Arbete med|Utb|Aktuell|Rehab|Ej|Övrigt|Flyttat)/);
  });

  it("prints the start form without the status, and protected identity without personnummer or residence", async () => {
    const res = await cast.as.manager.get(form(ids["Vera 2"] as string, "start"));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-disposition"]).toBe('attachment; filename="dis-uppgifter-vid-start.pdf"');
    expect(pageCount(res.rawPayload)).toBe(1);
    const strings = pdfStrings(res.rawPayload);
    const text = strings.join("");
    expect(text).toContain("DIS – uppgifter vid start");
    expect(text).toContain("Datum för start2025-04-01");
    expect(text).toContain("Försörjning vid start");
    expect(text).not.toContain("Status vid avslut");
    expect(text).toContain("PersonnummerSkyddad identitet");
    expect(text).toContain("BoendeortSkyddad identitet");
    expect(text).not.toMatch(PNR);
    expect(text).not.toContain("Hemligby");
    expect(strings.filter((s) => s === "X")).toHaveLength(1); // AF 100 %
  });

  it("logs the printing as a read of the enrolment", async () => {
    await cast.as.coach.get(form(ids["Hampus 1"] as string, "exit"));
    const rows = await auditOf(t.db, "report.dis_sus.form", ids["Hampus 1"]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject_type: "enrolment", project_id: cast.project.id, actor_id: cast.users.coach.id, outcome: "ok" });
    expect(rows[0]?.details).toEqual({ kind: "exit", date: "2025-03-15" });
  });

  it("refuses the exit form of an enrolment that has not ended, naming what is missing", async () => {
    const e = await anEnrolment(cast.as.coach, cast.project.id, {
      consents: [{ purpose: "sus_registration", receivingParty: "Samordningsförbundet", givenOn: daysFromToday(-30) }],
    });
    expect((await cast.as.coach.get(form(e.id, "start"))).statusCode).toBe(200);
    const res = await cast.as.coach.get(form(e.id, "exit"));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe("Inskrivningen är inte avslutad, så det finns ingen avslutningsblankett. Registrera avslutet först.");
    expect(res.json().error.fields).toEqual({ kind: "Avslutsdatum saknas: inskrivningen är inte avslutad." });
    expect(await auditOf(t.db, "report.dis_sus.form", e.id)).toHaveLength(1); // the start form only
  });

  it("refuses without a standing consent to SUS registration, and for an enrolment not counted in statistics", async () => {
    const saga = await cast.as.coach.get(form(ids["Saga 1"] as string, "start")); // consent withdrawn
    expect(saga.statusCode).toBe(409);
    expect(saga.json().error.message).toMatch(/^Deltagaren har inget gällande samtycke till registrering i SUS/);
    const vera = await cast.as.coach.get(form(ids["Vera 1"] as string, "exit")); // never gave consent
    expect(vera.statusCode).toBe(409);
    expect(vera.json().error.message).toMatch(/samtycke/);
    const elis = await cast.as.coach.get(form(ids["Elis 1"] as string, "start"));
    expect(elis.statusCode).toBe(409);
    expect(elis.json().error.message).toMatch(/inte räknas i statistiken/);
    for (const id of [ids["Saga 1"], ids["Vera 1"], ids["Elis 1"]]) expect(await auditOf(t.db, "report.dis_sus.form", id)).toEqual([]);
  });

  it("is refused to the statistician, another project's coach, a participant, an admin without a role, and without a session", async () => {
    const url = form(ids["Tova 1"] as string, "start");
    const logged = (await auditOf(t.db, "report.dis_sus.form", ids["Tova 1"])).length;
    const who: [keyof typeof cast.as, number][] = [
      ["statistician", 403],
      ["otherCoach", 403],
      ["participant", 403],
      ["admin", 403],
    ];
    for (const [w, status] of who) {
      const res = await (cast.as[w] as Session).get(url);
      expect(res.statusCode, w).toBe(status);
      expect(res.json().error.code).toBe("forbidden");
    }
    const anonymous = await t.app.inject({ url });
    expect(anonymous.statusCode).toBe(401);
    expect((await cast.as.coach.get(form("00000000-0000-4000-8000-000000000000", "start"))).statusCode).toBe(404);
    expect((await cast.as.coach.get(form(ids["Tova 1"] as string, "middle"))).statusCode).toBe(400);
    expect((await cast.as.coach.get(`/api/enrolments/${ids["Tova 1"]}/dis-sus/pdf`)).statusCode).toBe(400);
    expect(await auditOf(t.db, "report.dis_sus.form", ids["Tova 1"])).toHaveLength(logged);
  });
});
