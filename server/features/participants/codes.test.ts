import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Code } from "../../../schemas/codes.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, aUser } from "../../test/factories.ts";
import { anAcceptedReferral, anEnrolment, anExit, aReferral, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let codesUrl: string;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  codesUrl = `/api/projects/${cast.project.id}/codes`;
});
afterAll(async () => {
  await t?.close();
});

const codeOf = async (list: string, code: string): Promise<Code> =>
  expectStatus(await cast.as.manager.get(`${codesUrl}?list=${list}`), 200).codes.find((c: Code) => c.code === code);

describe("code lists", () => {
  it("gives a new project the default lists, each code mapped to a national category", async () => {
    const res = expectStatus(await cast.as.coach.get(`${codesUrl}?list=referring_party`), 200);
    expect(res.codes.map((c: Code) => c.code)).toEqual(["af", "bist", "egen", "fk", "lss", "region", "ske", "sol", "ov", "skola"]);
    expect(res.codes[0]).toMatchObject({ list: "referring_party", label: "AF – Arbetsförmedlingen", nationalCategory: "AF", retired: false, version: 1 });
    const all = expectStatus(await cast.as.statistician.get(codesUrl), 200).codes as Code[];
    expect(new Set(all.map((c) => c.list))).toEqual(
      new Set(["referring_party", "exit_status", "income_type", "education_level", "activity_type", "extension_reason", "step"]),
    );
    expect(expectStatus(await cast.as.coach.get(`${codesUrl}?list=favoritfarger`), 400).error.fields.list).toBe("Okänd kodlista");
  });

  it("lets a manager add a code, mapped to an allowed national category, that can be used at once", async () => {
    const res = await cast.as.manager.post(codesUrl, { list: "referring_party", code: "arbetsgivare", label: "Arbetsgivare", nationalCategory: "ANNAN" });
    expect(expectStatus(res, 201)).toMatchObject({ code: "arbetsgivare", label: "Arbetsgivare", nationalCategory: "ANNAN", sortOrder: 110, retired: false });
    const ref = await aReferral(cast.as.coach, cast.project.id, { referringParty: "arbetsgivare" });
    expect(ref.referringPartyLabel).toBe("Arbetsgivare");
    expect((await auditOf(t.db, "code.create")).at(-1)).toMatchObject({
      actor_id: cast.users.manager.id,
      project_id: cast.project.id,
      details: { list: "referring_party", code: "arbetsgivare" },
    });
  });

  it("refuses a national category outside the list's, a malformed code and a duplicate", async () => {
    const category = await cast.as.manager.post(codesUrl, { list: "exit_status", code: "lumpen", label: "Värnplikt", nationalCategory: "MILITAR" });
    expect(expectStatus(category, 400).error.fields.nationalCategory).toMatch(/^Välj en av: ARBETE/);
    expect(expectStatus(await cast.as.manager.post(codesUrl, { list: "exit_status", code: "Ny Kod", label: "Ny" }), 400).error.fields.code).toBeTruthy();
    expect(
      expectStatus(await cast.as.manager.post(codesUrl, { list: "exit_status", code: "studier", label: "Studier igen" }), 409).error.fields.code,
    ).toBeTruthy();
    expect(await codeOf("exit_status", "lumpen")).toBeUndefined();
  });

  it("renames a code: old records show the new label; the change is logged with before and after", async () => {
    const ref = await aReferral(cast.as.coach, cast.project.id, { referringParty: "region" });
    const code = await codeOf("referring_party", "region");
    const res = await cast.as.manager.patch(`${codesUrl}/${code.id}`, { version: code.version, label: "Region Västmanland" });
    expect(expectStatus(res, 200)).toMatchObject({ code: "region", label: "Region Västmanland", version: 2 });
    expect(expectStatus(await cast.as.coach.get(`/api/referrals/${ref.id}`), 200).referringPartyLabel).toBe("Region Västmanland");
    expect((await auditOf(t.db, "code.update", code.id))[0]?.details).toMatchObject({
      before: { label: "Region – hälso- och sjukvård" },
      after: { label: "Region Västmanland" },
    });
    const stale = await cast.as.manager.patch(`${codesUrl}/${code.id}`, { version: code.version, label: "Regionen" });
    expect(expectStatus(stale, 409).error.current).toMatchObject({ label: "Region Västmanland", version: 2 });
    expectStatus(await cast.as.manager.patch(`${codesUrl}/${code.id}`, { version: 2, nationalCategory: "LANDSTING" }), 400);
  });

  it("retires a code: refused for new records, kept on old ones, and can be taken back", async () => {
    const earlier = await anAcceptedReferral(cast.as.coach, cast.project.id, { referringParty: "sol" });
    const exiting = await anEnrolment(cast.as.coach, cast.project.id);
    const sol = await codeOf("referring_party", "sol");
    const retired = expectStatus(await cast.as.manager.patch(`${codesUrl}/${sol.id}`, { version: sol.version, retired: true }), 200);
    expect(retired.retired).toBe(true);
    const res = await cast.as.coach.post(`/api/projects/${cast.project.id}/referrals`, {
      person: { firstName: "Ny", lastName: "Person", gender: "man", birthDate: "2000-01-01" },
      referredOn: daysFromToday(-1),
      referringParty: "sol",
    });
    expect(expectStatus(res, 400).error.fields.referringParty).toMatch(/inte längre i bruk/);
    // The referral registered before the code was retired still leads to an enrolment with it.
    const e = expectStatus(
      await cast.as.coach.post(`/api/projects/${cast.project.id}/enrolments`, {
        personId: earlier.personId,
        referralId: earlier.id,
        startDate: daysFromToday(-1),
      }),
      201,
    );
    expect(e.referringParty).toBe("sol");
    const annat = await codeOf("exit_status", "annat");
    expectStatus(await cast.as.manager.patch(`${codesUrl}/${annat.id}`, { version: annat.version, retired: true }), 200);
    const exit = await cast.as.coach.post(`/api/enrolments/${exiting.id}/exit`, anExit(exiting, daysFromToday(-1), { exitStatus: "annat" }));
    expect(expectStatus(exit, 400).error.fields.exitStatus).toMatch(/inte längre i bruk/);
    expectStatus(await cast.as.manager.patch(`${codesUrl}/${sol.id}`, { version: 2, retired: false }), 200);
    expectStatus(
      await cast.as.coach.post(`/api/projects/${cast.project.id}/referrals`, {
        person: { firstName: "Ny", lastName: "Person", gender: "man", birthDate: "2000-01-01" },
        referredOn: daysFromToday(-1),
        referringParty: "sol",
      }),
      201,
    );
  });

  it("answers 404 for a code of another project reached through one's own", async () => {
    const theirs = expectStatus(await cast.as.otherCoach.get(`/api/projects/${cast.other.id}/codes?list=step`), 200).codes[0] as Code;
    expectStatus(await cast.as.manager.patch(`${codesUrl}/${theirs.id}`, { version: theirs.version, label: "Kapad" }), 404);
  });

  it("answers 403 to coaches, statisticians and participants who try to change codes", async () => {
    const code = await codeOf("step", "planering");
    for (const who of ["coach", "statistician", "participant"] as const) {
      expectStatus(await cast.as[who].post(codesUrl, { list: "step", code: `steg_${who}`, label: "Nytt steg" }), 403);
      expectStatus(await cast.as[who].patch(`${codesUrl}/${code.id}`, { version: code.version, label: "Ändrat" }), 403);
    }
    expect(await codeOf("step", "planering")).toEqual(code);
  });
});

describe("intakes", () => {
  const format = { startDate: "2025-09-01", groupSessionsPerWeek: 2, hoursPerSession: 2.5, weeks: 8, individualMeetingsPerWeek: 1, mode: "mixed" };

  it("a manager creates an intake with its introduction format; names are unique in the project", async () => {
    const res = await cast.as.manager.post(`/api/projects/${cast.project.id}/intakes`, { name: "Intag HT 2025", ...format });
    const intake = expectStatus(res, 201);
    expect(intake).toMatchObject({ name: "Intag HT 2025", ...format, enrolled: 0, version: 1 });
    expectStatus(await cast.as.manager.post(`/api/projects/${cast.project.id}/intakes`, { name: "Intag VT 2025", startDate: "2025-01-15" }), 201);
    const list = expectStatus(await cast.as.coach.get(`/api/projects/${cast.project.id}/intakes`), 200);
    expect(list.intakes.map((i: { name: string }) => i.name).slice(0, 2)).toEqual(["Intag HT 2025", "Intag VT 2025"]);
    const dup = await cast.as.manager.post(`/api/projects/${cast.project.id}/intakes`, { name: "Intag HT 2025", startDate: "2025-10-01" });
    expect(expectStatus(dup, 409).error.fields.name).toBeTruthy();
    const bad = await cast.as.manager.post(`/api/projects/${cast.project.id}/intakes`, {
      name: " ",
      startDate: "2025-13-01",
      mode: "brevduva",
      hoursPerSession: -1,
    });
    expect(Object.keys(expectStatus(bad, 400).error.fields).sort()).toEqual(["hoursPerSession", "mode", "name", "startDate"]);
  });

  it("changes an intake with the version, keeps what was not sent, and logs before and after", async () => {
    const intake = expectStatus(await cast.as.manager.post(`/api/projects/${cast.project.id}/intakes`, { name: "Intag 3", ...format }), 201);
    const res = await cast.as.manager.patch(`/api/intakes/${intake.id}`, { version: 1, name: "Intag 3 (distans)", mode: "distance" });
    expect(expectStatus(res, 200)).toEqual({ ...intake, name: "Intag 3 (distans)", mode: "distance", version: 2 });
    expect((await auditOf(t.db, "intake.update", intake.id))[0]?.details).toMatchObject({ before: { mode: "mixed" }, after: { mode: "distance", weeks: 8 } });
    const stale = await cast.as.manager.patch(`/api/intakes/${intake.id}`, { version: 1, weeks: 10 });
    expect(expectStatus(stale, 409).error.current).toMatchObject({ weeks: 8, version: 2 });
    const taken = await cast.as.manager.patch(`/api/intakes/${intake.id}`, { version: 2, name: "Intag HT 2025" });
    expectStatus(taken, 409);
    expectStatus(await cast.as.manager.patch("/api/intakes/00000000-0000-4000-8000-000000000000", { version: 1, name: "X" }), 404);
  });

  it("answers 403 to a coach who tries to create or change an intake", async () => {
    const intake = expectStatus(await cast.as.manager.post(`/api/projects/${cast.project.id}/intakes`, { name: "Intag 4", startDate: "2025-03-01" }), 201);
    expectStatus(await cast.as.coach.post(`/api/projects/${cast.project.id}/intakes`, { name: "Coachens intag", startDate: "2025-03-01" }), 403);
    expectStatus(await cast.as.coach.patch(`/api/intakes/${intake.id}`, { version: 1, name: "Coachens namn" }), 403);
    expect(expectStatus(await cast.as.coach.get(`/api/projects/${cast.project.id}/intakes`), 200).intakes.map((i: { name: string }) => i.name)).not.toContain(
      "Coachens intag",
    );
  });
});

describe("GET /api/projects/:id/coaches", () => {
  it("lists the project's active coaches and managers in Swedish order", async () => {
    const names = ["Östen Ek", "Åke Berg", "Zara Lind"];
    for (const name of names) await aUser(t.db, { name, projects: [{ projectId: cast.project.id, role: "coach" }] });
    await aUser(t.db, { name: "Ärla Stat", projects: [{ projectId: cast.project.id, role: "statistician" }] });
    const res = expectStatus(await cast.as.coach.get(`/api/projects/${cast.project.id}/coaches`), 200);
    const listed = res.coaches.map((c: { name: string }) => c.name);
    expect(listed.filter((n: string) => names.includes(n))).toEqual(["Zara Lind", "Åke Berg", "Östen Ek"]);
    expect(listed).not.toContain("Ärla Stat");
    expect(listed).toEqual(expect.arrayContaining([cast.users.manager.name, cast.users.coach.name]));
    expect(listed).not.toContain(cast.users.statistician.name);
  });
});

describe("code values as spreadsheets write them", () => {
  it("folds Swedish letters, case and spaces to the stored code", async () => {
    const { foldToCode } = await import("../codes/service.ts");
    expect(foldToCode("Försörjningsstöd")).toBe("forsorjningsstod");
    expect(foldToCode("FK_aktivitetsersättning")).toBe("fk_aktivitetsersattning");
    expect(foldToCode("högskola")).toBe("hogskola");
    expect(foldToCode("ÖV")).toBe("ov");
    expect(foldToCode("annan kommunal")).toBe("annan_kommunal");
  });
});
