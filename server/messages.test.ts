import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "./test/app.ts";
import { aProject, aUser, type Session, signIn } from "./test/factories.ts";
import { aPersonInput, aPersonnummer, birthDateForAge, daysFromToday, expectStatus, withBadCheckDigit } from "./test/participants.ts";

// Error messages in the language the signed-in user chose; Swedish for everyone else.
let t: TestApp;
let url: string;
let swedish: Session;
let english: Session;
beforeAll(async () => {
  t = await makeTestApp();
  const project = await aProject(t.db);
  url = `/api/projects/${project.id}/referrals`;
  const coach = () => aUser(t.db, { projects: [{ projectId: project.id, role: "coach", sensitiveAccess: true }] });
  swedish = await signIn(t.app, (await coach()).email);
  english = await signIn(t.app, (await coach()).email);
  expect((await english.put("/api/auth/locale", { locale: "en" })).statusCode).toBe(204);
});
afterAll(async () => {
  await t?.close();
});

const referral = (person: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  person: { ...aPersonInput(), ...person },
  referredOn: daysFromToday(-3),
  referringParty: "af",
  ...extra,
});

describe("validation of the body", () => {
  it("gives zod's own messages in the user's language", async () => {
    const body = referral({}, { incomeCode: 5 });
    const sv = expectStatus(await swedish.post(url, body), 400).error;
    const en = expectStatus(await english.post(url, body), 400).error;
    expect(sv.message).toBe("Några uppgifter behöver rättas.");
    expect(sv.fields.incomeCode).toBe("Ogiltig inmatning: förväntat string, fick antal");
    expect(en.message).toBe("Some details need to be corrected.");
    expect(en.fields.incomeCode).toBe("Invalid input: expected string, received number");
  });

  it("gives a schema's own Swedish message in English to an English user, every field of the part", async () => {
    const body = referral({ firstName: "", protectedIdentity: true, personnummer: aPersonnummer(birthDateForAge(25)) });
    const sv = expectStatus(await swedish.post(url, body), 400).error;
    const en = expectStatus(await english.post(url, body), 400).error;
    expect(sv.fields).toEqual({
      "person.firstName": "Ange förnamn",
      "person.personnummer": "Med skyddad identitet sparas inget personnummer",
    });
    expect(en.fields).toEqual({
      "person.firstName": "Give the first name",
      "person.personnummer": "With protected identity no personal identity number is stored",
    });
  });

  it("translates the messages of a failed address (params) too", async () => {
    const sv = expectStatus(await swedish.get("/api/persons/not-an-id"), 400).error;
    const en = expectStatus(await english.get("/api/persons/not-an-id"), 400).error;
    expect(sv.fields.id).toBe("Ogiltigt id");
    expect(en.fields.id).toBe("Invalid id");
  });
});

describe("errors from services", () => {
  it("translates an AppError's message and field messages", async () => {
    const body = referral({ personnummer: withBadCheckDigit(aPersonnummer(birthDateForAge(24))) });
    const sv = expectStatus(await swedish.post(url, body), 400).error;
    const en = expectStatus(await english.post(url, body), 400).error;
    expect(sv.message).toBe("Några uppgifter behöver rättas.");
    expect(Object.values(sv.fields)).toEqual(["Personnumret är inte giltigt. Kontrollera siffrorna (ÅÅÅÅMMDD-NNNN); kontrollsiffran stämmer inte."]);
    expect(en.message).toBe("Some details need to be corrected.");
    expect(Object.values(en.fields)).toEqual(["The personal identity number is not valid. Check the digits (YYYYMMDD-NNNN); the check digit is not right."]);
    expect(Object.keys(en.fields)).toEqual(Object.keys(sv.fields));
  });

  it("translates a not-found message built from a template, with the thing it names", async () => {
    const id = randomUUID();
    expect(expectStatus(await swedish.get(`/api/persons/${id}`), 404).error.message).toBe("Personen finns inte, eller så saknar du behörighet att se den.");
    expect(expectStatus(await english.get(`/api/persons/${id}`), 404).error.message).toBe(
      "The person does not exist, or you do not have permission to see it.",
    );
  });

  it("translates the handler's own answers, such as an unknown API address", async () => {
    expect(expectStatus(await swedish.get("/api/no-such-thing"), 404).error.message).toBe("Adressen finns inte.");
    expect(expectStatus(await english.get("/api/no-such-thing"), 404).error.message).toBe("The address does not exist.");
  });
});

describe("without a session", () => {
  it("answers in Swedish", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "nobody@example.se", password: "Fel-lösenord-här-1" } });
    expect(expectStatus(res, 401).error.message).toBe("Fel e-postadress eller lösenord.");
    const me = await t.app.inject({ method: "GET", url: "/api/auth/me" });
    expect(expectStatus(me, 401).error.message).toBe("Du behöver logga in.");
  });
});
