import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { aPersonnummer, auditOf, birthDateForAge, daysFromToday, expectStatus, withBadCheckDigit } from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
});
afterAll(async () => {
  await t?.close();
});

/** A person registered through a referral, with full contact details. */
async function aPerson(extra: Record<string, unknown> = {}) {
  const birthDate = birthDateForAge(26);
  const personnummer = aPersonnummer(birthDate);
  const res = await cast.as.coach.post(`/api/projects/${cast.project.id}/referrals`, {
    person: {
      firstName: "Sara",
      lastName: "Lindqvist",
      gender: "kvinna",
      personnummer,
      phone: "070-123 45 67",
      email: "sara@example.se",
      address: "Storgatan 1",
      postalCode: "72211",
      city: "Västerås",
      language: "svenska",
      ...extra,
    },
    referredOn: daysFromToday(-3),
    referringParty: "af",
  });
  const ref = expectStatus(res, 201);
  return { id: ref.personId as string, personnummer, birthDate };
}

describe("GET /api/persons/:id", () => {
  it("shows the person with the personnummer masked and logs the read", async () => {
    const p = await aPerson();
    const person = expectStatus(await cast.as.coach.get(`/api/persons/${p.id}`), 200);
    expect(person).toEqual({
      id: p.id,
      firstName: "Sara",
      lastName: "Lindqvist",
      gender: "kvinna",
      birthDate: p.birthDate,
      age: 26,
      personnummerMasked: `${p.personnummer.slice(0, 8)}-XXXX`,
      protectedIdentity: false,
      phone: "070-123 45 67",
      email: "sara@example.se",
      address: "Storgatan 1",
      postalCode: "72211",
      city: "Västerås",
      language: "svenska",
      interpreterNeeded: false,
      version: 1,
    });
    expect(await auditOf(t.db, "person.read", p.id)).toEqual([expect.objectContaining({ actor_id: cast.users.coach.id, project_id: cast.project.id })]);
    expectStatus(await cast.as.coach.get("/api/persons/00000000-0000-4000-8000-000000000000"), 404);
  });
});

describe("GET /api/persons/:id/personnummer", () => {
  it("opens the full number and logs that it was opened", async () => {
    const p = await aPerson();
    expect(await auditOf(t.db, "person.personnummer.read", p.id)).toEqual([]);
    expect(expectStatus(await cast.as.coachWithoutSensitive.get(`/api/persons/${p.id}/personnummer`), 200)).toEqual({ personnummer: p.personnummer });
    expect(await auditOf(t.db, "person.personnummer.read", p.id)).toEqual([
      expect.objectContaining({ actor_id: cast.users.coachWithoutSensitive.id, project_id: cast.project.id, subject_type: "person" }),
    ]);
  });

  it("has nothing to open for a person with protected identity", async () => {
    const res = await cast.as.coach.post(`/api/projects/${cast.project.id}/referrals`, {
      person: { firstName: "Kim", lastName: "Okänd", gender: "annat", birthDate: "2001-05-05", protectedIdentity: true },
      referredOn: daysFromToday(-1),
      referringParty: "egen",
    });
    const ref = expectStatus(res, 201);
    expect(expectStatus(await cast.as.coach.get(`/api/persons/${ref.personId}/personnummer`), 200)).toEqual({ personnummer: null });
  });
});

describe("PATCH /api/persons/:id", () => {
  it("changes what is sent, keeps the rest, and logs before and after of the changed fields", async () => {
    const p = await aPerson();
    const res = await cast.as.coach.patch(`/api/persons/${p.id}`, { version: 1, lastName: "Öberg", interpreterNeeded: true });
    expect(expectStatus(res, 200)).toMatchObject({
      lastName: "Öberg",
      interpreterNeeded: true,
      phone: "070-123 45 67",
      email: "sara@example.se",
      address: "Storgatan 1",
      postalCode: "72211",
      city: "Västerås",
      language: "svenska",
      version: 2,
    });
    const [entry] = await auditOf(t.db, "person.update", p.id);
    expect(entry).toMatchObject({
      actor_id: cast.users.coach.id,
      details: {
        changed: ["lastName", "interpreterNeeded"],
        before: { lastName: "Lindqvist", interpreterNeeded: false },
        after: { lastName: "Öberg", interpreterNeeded: true },
        personnummerChanged: false,
      },
    });
    // The caseload sorts by the folded name, so it follows the change.
    const { sort_name } = await t.db.selectFrom("persons").select("sort_name").where("id", "=", p.id).executeTakeFirstOrThrow();
    expect(sort_name).toBe("}berg\u0001sara");
    const cleared = expectStatus(await cast.as.coach.patch(`/api/persons/${p.id}`, { version: 2, phone: "", city: null }), 200);
    expect(cleared).toMatchObject({ phone: null, city: null, address: "Storgatan 1", version: 3 });
  });

  it("answers 409 with the person as they are now on a stale version", async () => {
    const p = await aPerson();
    expectStatus(await cast.as.manager.patch(`/api/persons/${p.id}`, { version: 1, firstName: "Sanna" }), 200);
    const stale = expectStatus(await cast.as.coach.patch(`/api/persons/${p.id}`, { version: 1, firstName: "Saga" }), 409);
    expect(stale.error.current).toMatchObject({ id: p.id, firstName: "Sanna", version: 2 });
    expect(JSON.stringify(stale.error.current)).not.toContain(p.personnummer);
  });

  it("validates a new personnummer, refuses one that is taken, and moves the birth date with it", async () => {
    const p = await aPerson();
    const taken = await aPerson();
    const bad = await cast.as.coach.patch(`/api/persons/${p.id}`, { version: 1, personnummer: withBadCheckDigit(aPersonnummer("1998-07-07")) });
    expect(expectStatus(bad, 400).error.fields.personnummer).toMatch(/kontrollsiffran/);
    expect(
      expectStatus(await cast.as.coach.patch(`/api/persons/${p.id}`, { version: 1, personnummer: taken.personnummer }), 409).error.fields.personnummer,
    ).toBeTruthy();
    const fresh = aPersonnummer("1998-07-07");
    const ok = expectStatus(await cast.as.coach.patch(`/api/persons/${p.id}`, { version: 1, personnummer: fresh }), 200);
    expect(ok).toMatchObject({ birthDate: "1998-07-07", personnummerMasked: "19980707-XXXX", version: 2 });
    const [entry] = await auditOf(t.db, "person.update", p.id);
    expect(entry?.details).toMatchObject({ personnummerChanged: true });
    expect(JSON.stringify(entry?.details)).not.toContain(fresh.slice(9));
    expect(expectStatus(await cast.as.coach.patch(`/api/persons/${p.id}`, { version: 2, email: "inte-en-adress" }), 400).error.fields.email).toBeTruthy();
  });

  it("drops personnummer and address when the person gets protected identity", async () => {
    const p = await aPerson();
    const res = await cast.as.coach.patch(`/api/persons/${p.id}`, { version: 1, protectedIdentity: true });
    expect(expectStatus(res, 200)).toMatchObject({
      protectedIdentity: true,
      personnummerMasked: null,
      address: null,
      postalCode: null,
      birthDate: p.birthDate,
      city: "Västerås",
    });
    const stored = await t.db.selectFrom("persons").select(["personnummer", "address"]).where("id", "=", p.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ personnummer: null, address: null });
    const address = expectStatus(await cast.as.coach.patch(`/api/persons/${p.id}`, { version: 2, address: "Lillgatan 2" }), 200);
    expect(address.address).toBeNull();
  });
});
