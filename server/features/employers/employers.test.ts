import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmployerDetail, normaliseOrganisationNumber, normaliseTrades } from "../../../schemas/employers.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { auditOf, expectStatus } from "../../test/participants.ts";
import { anEmployer, anOrganisationNumber, employerUrl, withWrongCheckDigit } from "./fixtures.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let projectId: string;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  projectId = cast.project.id;
});
afterAll(async () => {
  await t?.close();
});

describe("organisation number", () => {
  it("accepts ten digits with a correct Luhn check digit in the usual forms and normalises them", () => {
    expect(normaliseOrganisationNumber("556036-0793")).toBe("556036-0793");
    expect(normaliseOrganisationNumber("5560360793")).toBe("556036-0793");
    expect(normaliseOrganisationNumber("16556036-0793")).toBe("556036-0793");
    expect(normaliseOrganisationNumber(" 556036 0793 ")).toBe("556036-0793");
  });

  it("refuses a wrong check digit and the wrong number of digits", () => {
    expect(normaliseOrganisationNumber("556036-0794")).toBeNull();
    expect(normaliseOrganisationNumber("556036-079")).toBeNull();
    expect(normaliseOrganisationNumber("55603607931")).toBeNull();
    expect(normaliseOrganisationNumber("abcdef-ghij")).toBeNull();
  });

  it("is refused by the API with a message at the field when the check digit is wrong", async () => {
    const res = await cast.as.coach.post(`/api/projects/${projectId}/employers`, {
      name: "Fel Nummer AB",
      organisationNumber: withWrongCheckDigit(anOrganisationNumber()),
      sector: "private",
    });
    const body = expectStatus(res, 400);
    expect(body.error.fields.organisationNumber).toMatch(/kontrollsiffran/);
  });

  it("is stored normalised, and a second employer with the same number in the organisation is refused", async () => {
    const n = anOrganisationNumber();
    const first = await anEmployer(cast.as.coach, projectId, { organisationNumber: n.replace("-", ""), name: "Första AB" });
    expect(first.organisationNumber).toBe(n);
    const res = await cast.as.coach.post(`/api/projects/${projectId}/employers`, { name: "Andra AB", organisationNumber: `16${n}`, sector: "private" });
    const body = expectStatus(res, 409);
    expect(body.error.message).toContain("Första AB");
    expect(body.error.fields.organisationNumber).toContain("Första AB");
    // Changing another employer to the number is refused the same way.
    const other = await anEmployer(cast.as.coach, projectId, { name: "Tredje AB" });
    expectStatus(await cast.as.coach.patch(employerUrl(projectId, other.id), { version: other.version, organisationNumber: n }), 409);
    // The same number in another organisation is fine.
    await anEmployer(cast.as.otherCoach, cast.other.id, { organisationNumber: n, name: "Första AB" });
  });
});

describe("employers, workplaces and contact people", () => {
  it("normalises trades and refuses a stale edit with 409 and the current record", async () => {
    expect(normaliseTrades(["  Restaurang ", "restaurang", "Äldre  omsorg", "", "bygg"])).toEqual(["bygg", "restaurang", "äldre omsorg"]);
    const e = await anEmployer(cast.as.coach, projectId, { trades: ["Lager", " lager", "Logistik"], sector: "municipal" });
    expect(e.trades).toEqual(["lager", "logistik"]);
    const changed = expectStatus(
      await cast.as.coach.patch(employerUrl(projectId, e.id), { version: e.version, status: "resting", notes: "Vilar över sommaren" }),
      200,
    );
    expect(changed).toMatchObject({ status: "resting", notes: "Vilar över sommaren", version: e.version + 1 });
    const stale = expectStatus(await cast.as.manager.patch(employerUrl(projectId, e.id), { version: e.version, name: "Gammal bild" }), 409);
    expect(stale.error.current).toMatchObject({ id: e.id, version: e.version + 1, status: "resting" });
    const [audit] = await auditOf(t.db, "employer.update", e.id);
    expect(audit?.details).toMatchObject({ before: { status: "active" }, after: { status: "resting" } });
  });

  it("adds workplaces and contacts; a contact's workplace must belong to the employer; contacts are audited", async () => {
    const e = await anEmployer(cast.as.coach, projectId);
    const other = await anEmployer(cast.as.coach, projectId, { name: "Annan AB" });
    const w = expectStatus(
      await cast.as.coach.post(`${employerUrl(projectId, e.id)}/workplaces`, {
        name: "Bageriet Centrum",
        street: "Storgatan 1",
        postalCode: "72215",
        postalTown: "Älvby",
        district: "Centrum",
      }),
      201,
    );
    expect(w.postalCode).toBe("722 15");
    const foreign = expectStatus(await cast.as.coach.post(`${employerUrl(projectId, other.id)}/workplaces`, { name: "Annans lager" }), 201);
    const bad = expectStatus(await cast.as.coach.post(`${employerUrl(projectId, e.id)}/contacts`, { name: "Kim Kontakt", workplaceId: foreign.id }), 400);
    expect(bad.error.fields.workplaceId).toMatch(/hör inte till/);
    const badEmail = expectStatus(await cast.as.coach.post(`${employerUrl(projectId, e.id)}/contacts`, { name: "Kim Kontakt", email: "inte-en-adress" }), 400);
    expect(badEmail.error.fields.email).toBeTruthy();
    const c = expectStatus(
      await cast.as.coach.post(`${employerUrl(projectId, e.id)}/contacts`, {
        name: "Kim Kontakt",
        role: "Butikschef",
        phone: "021-12 34 56",
        email: "kim@bageriet.example",
        workplaceId: w.id,
        isSupervisor: true,
        supervisorTrainedOn: "2026-03-10",
      }),
      201,
    );
    expect(c).toMatchObject({ workplaceId: w.id, isSupervisor: true, supervisorTrainedOn: "2026-03-10" });
    expect(await auditOf(t.db, "employer.contact.create", c.id)).toHaveLength(1);
    // A stale edit of a contact or a workplace is refused.
    expectStatus(await cast.as.coach.patch(`${employerUrl(projectId, e.id)}/contacts/${c.id}`, { version: c.version, role: "Platschef" }), 200);
    expectStatus(await cast.as.coach.patch(`${employerUrl(projectId, e.id)}/contacts/${c.id}`, { version: c.version, role: "Gammal" }), 409);
    expectStatus(await cast.as.coach.patch(`${employerUrl(projectId, e.id)}/workplaces/${w.id}`, { version: w.version, name: "Bageriet Torget" }), 200);
    expectStatus(await cast.as.coach.patch(`${employerUrl(projectId, e.id)}/workplaces/${w.id}`, { version: w.version, name: "Gammal" }), 409);
    // Reading the page logs which contact people were shown.
    const page: EmployerDetail = expectStatus(await cast.as.coach.get(employerUrl(projectId, e.id)), 200);
    expect(page.contacts.map((x) => x.role)).toEqual(["Platschef"]);
    const reads = await auditOf(t.db, "employer.contact.read", e.id);
    expect(reads.at(-1)).toMatchObject({ actor_id: cast.users.coach.id, project_id: projectId, details: { contactIds: [c.id] } });
  });

  it("keeps a workplace's address when only its name changes, and clears a field given as null", async () => {
    const e = await anEmployer(cast.as.coach, projectId);
    const url = `${employerUrl(projectId, e.id)}/workplaces`;
    const w = expectStatus(
      await cast.as.coach.post(url, {
        name: "Köket",
        street: "Kvarngatan 4",
        postalCode: "72211",
        postalTown: "Älvby",
        district: "Norr",
        notes: "Ingång från gården",
      }),
      201,
    );
    const renamed = expectStatus(await cast.as.coach.patch(`${url}/${w.id}`, { version: w.version, name: "Storköket" }), 200);
    expect(renamed).toMatchObject({
      name: "Storköket",
      street: "Kvarngatan 4",
      postalCode: "722 11",
      postalTown: "Älvby",
      district: "Norr",
      notes: "Ingång från gården",
      version: w.version + 1,
    });
    const cleared = expectStatus(await cast.as.coach.patch(`${url}/${w.id}`, { version: renamed.version, district: null, postalCode: "" }), 200);
    expect(cleared).toMatchObject({ name: "Storköket", street: "Kvarngatan 4", postalCode: null, postalTown: "Älvby", district: null });
    const [audit] = await auditOf(t.db, "employer.workplace.update", e.id);
    expect(audit?.details).toMatchObject({ before: { name: "Köket", street: "Kvarngatan 4" }, after: { name: "Storköket", street: "Kvarngatan 4" } });
    // The same for a contact person: a changed phone number leaves the rest as it was.
    const c = expectStatus(
      await cast.as.coach.post(`${employerUrl(projectId, e.id)}/contacts`, {
        name: "Alva Handledare",
        role: "Kock",
        email: "alva@koket.example",
        workplaceId: w.id,
      }),
      201,
    );
    const phoned = expectStatus(
      await cast.as.coach.patch(`${employerUrl(projectId, e.id)}/contacts/${c.id}`, { version: c.version, phone: "021-55 55 55" }),
      200,
    );
    expect(phoned).toMatchObject({ name: "Alva Handledare", role: "Kock", email: "alva@koket.example", workplaceId: w.id, phone: "021-55 55 55" });
  });

  it("corrects a logged contact with its version, logs before and after, and keeps other projects' entries to them", async () => {
    const e = await anEmployer(cast.as.coach, projectId);
    const url = `${employerUrl(projectId, e.id)}/contact-log`;
    const entry = expectStatus(await cast.as.coach.post(url, { kind: "call", occurredOn: "2026-02-02", outcome: "Ringde om praktik" }), 201);
    expect(entry.version).toBe(1);
    const fixed = expectStatus(await cast.as.coach.patch(`${url}/${entry.id}`, { version: 1, kind: "visit", occurredOn: "2026-02-03" }), 200);
    expect(fixed).toMatchObject({ kind: "visit", occurredOn: "2026-02-03", outcome: "Ringde om praktik", coachId: cast.users.coach.id, version: 2 });
    const stale = expectStatus(await cast.as.manager.patch(`${url}/${entry.id}`, { version: 1, outcome: "Gammal" }), 409);
    expect(stale.error.current).toMatchObject({ id: entry.id, version: 2, kind: "visit" });
    const bad = expectStatus(await cast.as.coach.patch(`${url}/${entry.id}`, { version: 2, kind: "fax" }), 400);
    expect(bad.error.fields.kind).toBeTruthy();
    const [audit] = await auditOf(t.db, "employer.contact_log.update", e.id);
    expect(audit).toMatchObject({ actor_id: cast.users.coach.id, project_id: projectId });
    expect(audit?.details).toMatchObject({ entryId: entry.id, before: { kind: "call", version: 1 }, after: { kind: "visit", version: 2 } });
    // The employer is the organisation's, but an entry logged in another project is not this one's to correct.
    const sibling = await t.db
      .insertInto("projects")
      .values({
        unit_id: (await t.db.selectFrom("projects").select("unit_id").where("id", "=", projectId).executeTakeFirstOrThrow()).unit_id,
        slug: `syskon-${Date.now()}`,
        name: "Syskonprojekt",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db.updateTable("employer_contact_log").set({ project_id: sibling.id }).where("id", "=", entry.id).execute();
    expectStatus(await cast.as.coach.patch(`${url}/${entry.id}`, { version: 2, outcome: "Inte vårt" }), 404);
  });

  it("does not show another organisation's employer", async () => {
    const e = await anEmployer(cast.as.coach, projectId);
    const res = await cast.as.otherCoach.get(employerUrl(cast.other.id, e.id));
    expectStatus(res, 404);
  });
});
