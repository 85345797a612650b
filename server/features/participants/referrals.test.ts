import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Referral } from "../../../schemas/participants.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProject, aProjectWithStaff, aUser, signIn } from "../../test/factories.ts";
import {
  aPersonInput,
  aPersonnummer,
  aReferral,
  auditOf,
  birthDateForAge,
  daysFromToday,
  decide,
  expectStatus,
  withBadCheckDigit,
} from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let url: string;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  // The target group of the seeds' youth projects: 19–29 years.
  await t.db.updateTable("projects").set({ target_min_age: 19, target_max_age: 29 }).where("id", "=", cast.project.id).execute();
  url = `/api/projects/${cast.project.id}/referrals`;
});
afterAll(async () => {
  await t?.close();
});

const countPersons = async (lastName: string) => (await t.db.selectFrom("persons").select("id").where("last_name", "=", lastName).execute()).length;

describe("POST /api/projects/:id/referrals with a new person", () => {
  it("normalises the personnummer, derives the birth date and shows the number masked", async () => {
    const pnr = aPersonnummer(birthDateForAge(24));
    const short = `${pnr.slice(2, 8)}-${pnr.slice(9)}`; // YYMMDD-NNNN as people type it
    const input = aPersonInput({ personnummer: short, firstName: "Åsa", lastName: "Öhman" });
    const res = await cast.as.coach.post(url, {
      person: input,
      referredOn: daysFromToday(-5),
      referringParty: "AF – Arbetsförmedlingen",
      contactPerson: "Kim på AF",
    });
    const ref = expectStatus(res, 201);
    expect(ref).toMatchObject({
      personName: "Öhman, Åsa",
      referringParty: "af",
      referringPartyLabel: "AF – Arbetsförmedlingen",
      decision: "pending",
      decidedOn: null,
      outsideTargetGroup: false,
      enrolmentId: null,
      version: 1,
    });
    const stored = await t.db.selectFrom("persons").select(["personnummer", "birth_date"]).where("id", "=", ref.personId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ personnummer: pnr, birth_date: birthDateForAge(24) });
    const person = expectStatus(await cast.as.coach.get(`/api/persons/${ref.personId}`), 200);
    expect(person).toMatchObject({ personnummerMasked: `${pnr.slice(0, 8)}-XXXX`, birthDate: birthDateForAge(24), age: 24 });
    expect(JSON.stringify(person)).not.toContain(pnr.slice(9));
    expect(await auditOf(t.db, "person.create", ref.personId)).toHaveLength(1);
    expect((await auditOf(t.db, "referral.create", ref.personId))[0]).toMatchObject({ actor_id: cast.users.coach.id, project_id: cast.project.id });
  });

  it("refuses a wrong check digit with 400 naming personnummer, and stores nobody", async () => {
    const input = aPersonInput({ lastName: "Felsiffra" });
    const res = await cast.as.coach.post(url, {
      person: { ...input, personnummer: withBadCheckDigit(input.personnummer as string) },
      referredOn: daysFromToday(-1),
      referringParty: "af",
    });
    const body = expectStatus(res, 400);
    expect(body.error.fields.personnummer).toMatch(/kontrollsiffran/);
    expect(await countPersons("Felsiffra")).toBe(0);
  });

  it("refuses a birth date that does not match the personnummer, and a person with neither", async () => {
    const input = aPersonInput({ age: 22 });
    const mismatch = await cast.as.coach.post(url, {
      person: { ...input, birthDate: birthDateForAge(23) },
      referredOn: daysFromToday(-1),
      referringParty: "af",
    });
    expect(expectStatus(mismatch, 400).error.fields.birthDate).toMatch(/stämmer inte/);
    const neither = await cast.as.coach.post(url, { person: { ...input, personnummer: null }, referredOn: daysFromToday(-1), referringParty: "af" });
    expect(expectStatus(neither, 400).error.fields["person.birthDate"]).toBe("Ange födelsedatum eller personnummer");
  });

  it("stores no personnummer or address for a person with protected identity", async () => {
    const base = aPersonInput({ protectedIdentity: true, birthDate: birthDateForAge(21), lastName: "Skyddad" });
    const refused = await cast.as.coach.post(url, {
      person: { ...base, personnummer: aPersonnummer(birthDateForAge(21)), address: "Storgatan 1", postalCode: "72211" },
      referredOn: daysFromToday(-1),
      referringParty: "af",
    });
    const fields = expectStatus(refused, 400).error.fields;
    expect(Object.keys(fields).sort()).toEqual(["person.address", "person.personnummer"]);
    expect(await countPersons("Skyddad")).toBe(0);
    const ok = expectStatus(await cast.as.coach.post(url, { person: { ...base, city: "Västerås" }, referredOn: daysFromToday(-1), referringParty: "af" }), 201);
    const person = expectStatus(await cast.as.coach.get(`/api/persons/${ok.personId}`), 200);
    expect(person).toMatchObject({ protectedIdentity: true, personnummerMasked: null, address: null, postalCode: null, city: "Västerås" });
  });

  it("answers 409 pointing to the existing person when the personnummer is already registered", async () => {
    const first = await aReferral(cast.as.coach, cast.project.id);
    const pnr = (await t.db.selectFrom("persons").select("personnummer").where("id", "=", first.personId).executeTakeFirstOrThrow()).personnummer as string;
    const res = await cast.as.coach.post(url, {
      person: aPersonInput({ personnummer: pnr.replace("-", "") }),
      referredOn: daysFromToday(-1),
      referringParty: "af",
    });
    const body = expectStatus(res, 409);
    expect(body.error.current).toEqual({ personId: first.personId });
    expect(body.error.fields.personnummer).toBeTruthy();
  });

  it("wants exactly one of an existing person and a new one, a known party and a real date", async () => {
    const existing = await aReferral(cast.as.coach, cast.project.id);
    const both = await cast.as.coach.post(url, { personId: existing.personId, person: aPersonInput(), referredOn: daysFromToday(-1), referringParty: "af" });
    expect(expectStatus(both, 400).error.fields.person).toBeTruthy();
    const neither = await cast.as.coach.post(url, { referredOn: daysFromToday(-1), referringParty: "af" });
    expect(expectStatus(neither, 400).error.fields.person).toBeTruthy();
    const party = await cast.as.coach.post(url, { person: aPersonInput(), referredOn: daysFromToday(-1), referringParty: "postverket" });
    expect(expectStatus(party, 400).error.fields.referringParty).toMatch(/postverket/);
    const date = await cast.as.coach.post(url, { person: aPersonInput(), referredOn: "2025-02-30", referringParty: "af" });
    expect(expectStatus(date, 400).error.fields.referredOn).toBeTruthy();
  });

  it("refuses a second open referral of the same person (409) but takes a new one after a decline", async () => {
    const first = await aReferral(cast.as.coach, cast.project.id);
    const again = await cast.as.coach.post(url, { personId: first.personId, referredOn: daysFromToday(-1), referringParty: "fk" });
    expect(expectStatus(again, 409).error.current).toEqual({ referralId: first.id });
    await decide(cast.as.coach, first, "declined", { declineReason: "Har redan stöd via FK" });
    const later = expectStatus(await cast.as.coach.post(url, { personId: first.personId, referredOn: daysFromToday(-1), referringParty: "fk" }), 201);
    expect(later).toMatchObject({ personId: first.personId, referringParty: "fk", decision: "pending" });
  });
});

describe("POST /api/projects/:id/persons/duplicates", () => {
  it("finds a person by personnummer or by name and birth date, and says whether the project knows them", async () => {
    const here = await aReferral(cast.as.coach, cast.project.id, { person: { firstName: "Ängla", lastName: "Östlund", age: 25 } });
    const pnr = (await t.db.selectFrom("persons").select("personnummer").where("id", "=", here.personId).executeTakeFirstOrThrow()).personnummer as string;
    // Someone known only in a sister project of the same organisation.
    const sister = await aProject(t.db, { unitId: cast.project.unitId });
    const sisterManager = await aUser(t.db, { projects: [{ projectId: sister.id, role: "manager" }] });
    const there = await aReferral(await signIn(t.app, sisterManager.email), sister.id, {
      person: { firstName: "Bo", lastName: "Ek", birthDate: "1999-03-04" },
    });
    const check = (body: unknown) => cast.as.coach.post(`/api/projects/${cast.project.id}/persons/duplicates`, body);

    const byNumber = expectStatus(await check({ personnummer: pnr.slice(2).replace("-", "") }), 200);
    expect(byNumber.matches).toEqual([
      { personId: here.personId, name: "Ängla Östlund", birthDate: birthDateForAge(25), matchedOn: "personnummer", knownInProject: true },
    ]);
    const byName = expectStatus(await check({ firstName: "ängla", lastName: "ÖSTLUND", birthDate: birthDateForAge(25) }), 200);
    expect(byName.matches).toEqual([expect.objectContaining({ personId: here.personId, matchedOn: "name_and_birth_date", knownInProject: true })]);
    const elsewhere = expectStatus(await check({ firstName: "Bo", lastName: "Ek", birthDate: "1999-03-04" }), 200);
    expect(elsewhere.matches).toEqual([expect.objectContaining({ personId: there.personId, knownInProject: false })]);
    expect(expectStatus(await check({ firstName: "Bo", lastName: "Ek", birthDate: "1999-03-05" }), 200).matches).toEqual([]);
    // A person of another organisation is never offered.
    const otherOrg = expectStatus(await cast.as.otherCoach.post(`/api/projects/${cast.other.id}/persons/duplicates`, { personnummer: pnr }), 200);
    expect(otherOrg.matches).toEqual([]);
    const log = await auditOf(t.db, "person.duplicate_check");
    expect(log[0]).toMatchObject({ actor_id: cast.users.coach.id, project_id: cast.project.id, details: { matches: [here.personId] } });
    expect(log.at(-1)).toMatchObject({ actor_id: cast.users.otherCoach.id, project_id: cast.other.id, details: { matches: [] } });
  });

  it("refuses a personnummer with a wrong check digit", async () => {
    const res = await cast.as.coach.post(`/api/projects/${cast.project.id}/persons/duplicates`, {
      personnummer: withBadCheckDigit(aPersonnummer("1990-01-01")),
    });
    expect(expectStatus(res, 400).error.fields.personnummer).toBeTruthy();
  });
});

describe("target group", () => {
  it("flags a referral whose age at the referral date is outside the project's range, with the reason", async () => {
    const flags = async (age: number) =>
      (await aReferral(cast.as.coach, cast.project.id, { person: { age }, referredOn: daysFromToday(-1) })).outsideTargetGroup;
    expect(await flags(19)).toBe(false);
    expect(await flags(29)).toBe(false);
    expect(await flags(18)).toBe(true);
    const old = await aReferral(cast.as.coach, cast.project.id, { person: { age: 30 }, referredOn: daysFromToday(-1) });
    expect(old.outsideTargetReasons).toEqual(["Åldern 30 år är utanför målgruppen 19–29 år."]);
    const noted = await aReferral(cast.as.coach, cast.project.id, { person: { age: 22 }, outsideTargetGroupNote: "Bor utanför stadsdelen" });
    expect(noted).toMatchObject({ outsideTargetGroup: true, outsideTargetReasons: ["Bor utanför stadsdelen"] });
  });

  it("checks district and main income when the project names them, and flags them when left out", async () => {
    const project = expectStatus(await cast.as.manager.get(`/api/projects/${cast.project.id}`), 200);
    const body = { version: project.version, targetGroup: { ...project.targetGroup, districts: ["Centrum", "Strandängen"], incomes: ["forsorjningsstod"] } };
    // Who may not set it: a coach, the statistician, another project's coach, an admin without a role in the project.
    for (const who of ["coach", "statistician", "otherCoach", "admin"] as const)
      expectStatus(await cast.as[who].put(`/api/projects/${cast.project.id}/target-group`, body), 403);
    const stale = await cast.as.manager.put(`/api/projects/${cast.project.id}/target-group`, { ...body, version: project.version + 1 });
    expectStatus(stale, 409);
    const set = await cast.as.manager.put(`/api/projects/${cast.project.id}/target-group`, body);
    expect(expectStatus(set, 200).targetGroup).toMatchObject({ districts: ["Centrum", "Strandängen"], incomes: ["forsorjningsstod"] });
    try {
      const inside = await aReferral(cast.as.coach, cast.project.id, { person: { age: 22 }, district: "strandängen", incomeCode: "Försörjningsstöd (SKE)" });
      expect(inside).toMatchObject({ outsideTargetGroup: false, outsideTargetReasons: [], district: "strandängen", incomeCode: "forsorjningsstod" });
      const elsewhere = await aReferral(cast.as.coach, cast.project.id, { person: { age: 22 }, district: "Norra Älvby", incomeCode: "a_kassa" });
      expect(elsewhere.outsideTargetReasons).toEqual([
        "Kommundelen Norra Älvby ingår inte i målgruppen (Centrum, Strandängen).",
        "Inkomsten Arbetslöshetsersättning (a-kassa) ingår inte i målgruppen (Försörjningsstöd (SKE)).",
      ]);
      const unknown = await aReferral(cast.as.coach, cast.project.id, { person: { age: 40 } });
      expect(unknown.outsideTargetReasons).toEqual([
        "Åldern 40 år är utanför målgruppen 19–29 år.",
        "Kommundel är inte angiven; projektet gäller Centrum, Strandängen.",
        "Huvudsaklig inkomst är inte angiven; projektet är för personer med Försörjningsstöd (SKE).",
      ]);
      const badCode = await cast.as.coach.post(`/api/projects/${cast.project.id}/referrals`, {
        person: { firstName: "Test", lastName: "Testsson", gender: "kvinna", birthDate: "2000-01-01" },
        referredOn: daysFromToday(-1),
        referringParty: "af",
        incomeCode: "lotterivinst",
      });
      expect(expectStatus(badCode, 400).error.fields.incomeCode).toMatch(/finns inte i projektets kodlista/);
    } finally {
      const now = expectStatus(await cast.as.manager.get(`/api/projects/${cast.project.id}`), 200);
      const reset = { version: now.version, targetGroup: { ...now.targetGroup, districts: [], incomes: [] } };
      expectStatus(await cast.as.manager.put(`/api/projects/${cast.project.id}/target-group`, reset), 200);
    }
  });

  it("lets only a manager accept a referral outside the target group, and only with a written reason", async () => {
    const ref = await aReferral(cast.as.coach, cast.project.id, { person: { age: 35 } });
    const body = { version: ref.version, decision: "accepted", decidedOn: daysFromToday(-1) };
    const byCoach = await cast.as.coach.post(`/api/referrals/${ref.id}/decision`, { ...body, overrideReason: "Hen passar ändå" });
    expect(expectStatus(byCoach, 403).error.message).toMatch(/projektledare/);
    const noReason = await cast.as.manager.post(`/api/referrals/${ref.id}/decision`, body);
    expect(expectStatus(noReason, 400).error.fields.overrideReason).toBeTruthy();
    expect(expectStatus(await cast.as.coach.get(`/api/referrals/${ref.id}`), 200)).toMatchObject({ decision: "pending", version: 1 });
    const ok = expectStatus(
      await cast.as.manager.post(`/api/referrals/${ref.id}/decision`, { ...body, overrideReason: "Samordningsförbundet har godkänt undantag" }),
      200,
    );
    expect(ok).toMatchObject({ decision: "accepted", overrideReason: "Samordningsförbundet har godkänt undantag", version: 2 });
    const [entry] = await auditOf(t.db, "referral.decide", ref.personId);
    expect(entry).toMatchObject({
      actor_id: cast.users.manager.id,
      details: { before: { decision: "pending" }, after: { decision: "accepted", overrideReason: "Samordningsförbundet har godkänt undantag" } },
    });
  });

  it("lets a coach put a referral outside the target group on the waiting list or decline it", async () => {
    const ref = await aReferral(cast.as.coach, cast.project.id, { person: { age: 40 } });
    const waiting = await decide(cast.as.coach, ref, "waiting_list");
    expect(waiting.decision).toBe("waiting_list");
  });
});

describe("POST /api/referrals/:id/decision", () => {
  it("declines only with a reason", async () => {
    const ref = await aReferral(cast.as.coach, cast.project.id);
    const res = await cast.as.coach.post(`/api/referrals/${ref.id}/decision`, {
      version: ref.version,
      decision: "declined",
      decidedOn: daysFromToday(-1),
      declineReason: "  ",
    });
    expect(expectStatus(res, 400).error.fields.declineReason).toBe("Ange varför aktualiseringen avslås");
    const declined = await decide(cast.as.coach, ref, "declined", { declineReason: "Tackade nej" });
    expect(declined).toMatchObject({ decision: "declined", declineReason: "Tackade nej", decidedOn: ref.referredOn });
  });

  it("refuses a decision dated before the referral", async () => {
    const ref = await aReferral(cast.as.coach, cast.project.id, { referredOn: daysFromToday(-3) });
    const res = await cast.as.coach.post(`/api/referrals/${ref.id}/decision`, { version: ref.version, decision: "accepted", decidedOn: daysFromToday(-4) });
    expect(expectStatus(res, 400).error.fields.decidedOn).toBeTruthy();
  });

  it("answers 409 with the referral as it is now on a stale version", async () => {
    const ref = await aReferral(cast.as.coach, cast.project.id);
    await decide(cast.as.coach, ref, "waiting_list");
    const res = await cast.as.manager.post(`/api/referrals/${ref.id}/decision`, { version: ref.version, decision: "accepted", decidedOn: daysFromToday(-1) });
    expect(expectStatus(res, 409).error.current).toMatchObject({ id: ref.id, decision: "waiting_list", version: 2 });
  });

  it("answers 404 for a referral that does not exist", async () => {
    const res = await cast.as.coach.post("/api/referrals/00000000-0000-4000-8000-000000000000/decision", {
      version: 1,
      decision: "accepted",
      decidedOn: daysFromToday(-1),
    });
    expectStatus(res, 404);
  });
});

describe("GET /api/projects/:id/referrals and /api/referrals/:id", () => {
  it("shows the waiting list first come, first served", async () => {
    const project = await aProject(t.db);
    const manager = await signIn(t.app, (await aUser(t.db, { projects: [{ projectId: project.id, role: "manager" }] })).email);
    const on = [-3, -20, -9].map(daysFromToday);
    const made: Referral[] = [];
    for (const referredOn of on) made.push(await decide(manager, await aReferral(manager, project.id, { referredOn }), "waiting_list"));
    await aReferral(manager, project.id, { referredOn: daysFromToday(-30) }); // pending: not on the list
    const list = expectStatus(await manager.get(`/api/projects/${project.id}/referrals?decision=waiting_list`), 200);
    expect(list.referrals.map((r: Referral) => r.referredOn)).toEqual([daysFromToday(-20), daysFromToday(-9), daysFromToday(-3)]);
    const all = expectStatus(await manager.get(`/api/projects/${project.id}/referrals`), 200);
    expect(all.referrals).toHaveLength(4);
    expect(all.referrals[0].decision).toBe("pending");
    expectStatus(await manager.get(`/api/projects/${project.id}/referrals?decision=kanske`), 400);
  });

  it("shows one referral and logs the read", async () => {
    const ref = await aReferral(cast.as.coach, cast.project.id);
    const res = expectStatus(await cast.as.manager.get(`/api/referrals/${ref.id}`), 200);
    expect(res).toEqual(ref);
    expect((await auditOf(t.db, "referral.read", ref.personId))[0]).toMatchObject({ actor_id: cast.users.manager.id, project_id: cast.project.id });
  });
});

describe("PATCH /api/referrals/:id", () => {
  it("corrects what the referral says, with the version, and logs what changed", async () => {
    const ref = await aReferral(cast.as.coach, cast.project.id, { person: { age: 22 } });
    const res = await cast.as.coach.patch(`/api/referrals/${ref.id}`, {
      version: ref.version,
      referredOn: daysFromToday(-35),
      referringParty: "fk",
      contactPerson: "Handläggare på FK",
      note: "Vill börja snart",
    });
    const after = expectStatus(res, 200);
    expect(after).toMatchObject({
      referredOn: daysFromToday(-35),
      referringParty: "fk",
      contactPerson: "Handläggare på FK",
      note: "Vill börja snart",
      outsideTargetGroup: false,
      version: ref.version + 1,
    });
    const [entry] = await auditOf(t.db, "referral.update", ref.personId);
    expect(entry).toMatchObject({ actor_id: cast.users.coach.id, project_id: cast.project.id, details: { referralId: ref.id } });
    expect((entry?.details as { changed: string[] } | undefined)?.changed.sort()).toEqual([
      "contactPerson",
      "note",
      "referredOn",
      "referringParty",
      "referringPartyLabel",
    ]);
    expect(entry?.details).toMatchObject({ before: { contactPerson: "Handläggare på AF" }, after: { contactPerson: "Handläggare på FK" } });
  });

  it("runs the target-group check again, so the flag follows the edit", async () => {
    // 29 years old at the referral date, 30 today: moving the date across the birthday moves the flag.
    const birthDate = daysFromToday(-400).replace(/^\d{4}/, (y) => String(Number(y) - 29));
    const ref = await aReferral(cast.as.coach, cast.project.id, { person: { birthDate }, referredOn: daysFromToday(-380) });
    expect(ref.outsideTargetGroup).toBe(false);
    const later = expectStatus(await cast.as.coach.patch(`/api/referrals/${ref.id}`, { version: ref.version, referredOn: daysFromToday(-1) }), 200);
    expect(later).toMatchObject({ outsideTargetGroup: true, outsideTargetReasons: ["Åldern 30 år är utanför målgruppen 19–29 år."] });
    const noted = expectStatus(
      await cast.as.coach.patch(`/api/referrals/${ref.id}`, {
        version: later.version,
        referredOn: daysFromToday(-380),
        outsideTargetGroupNote: "Flyttar snart",
      }),
      200,
    );
    expect(noted).toMatchObject({ outsideTargetGroup: true, outsideTargetReasons: ["Flyttar snart"], outsideTargetGroupNote: "Flyttar snart" });
    const cleared = expectStatus(await cast.as.coach.patch(`/api/referrals/${ref.id}`, { version: noted.version, outsideTargetGroupNote: "" }), 200);
    expect(cleared).toMatchObject({ outsideTargetGroup: false, outsideTargetReasons: [], outsideTargetGroupNote: null });
  });

  it("answers 400 naming the field for a bad date, party or income, or a date after the decision", async () => {
    const ref = await decide(cast.as.coach, await aReferral(cast.as.coach, cast.project.id, { referredOn: daysFromToday(-10) }), "waiting_list");
    const fields = async (body: Record<string, unknown>) =>
      expectStatus(await cast.as.coach.patch(`/api/referrals/${ref.id}`, { version: ref.version, ...body }), 400).error.fields;
    expect((await fields({ referredOn: "2025-02-30" })).referredOn).toBe("Ange datum som ÅÅÅÅ-MM-DD");
    expect((await fields({ referredOn: daysFromToday(-1) })).referredOn).toMatch(/efter beslutet/);
    expect((await fields({ referringParty: "postverket" })).referringParty).toMatch(/postverket/);
    expect((await fields({ incomeCode: "lotterivinst" })).incomeCode).toMatch(/finns inte i projektets kodlista/);
    expect((await fields({ note: "x".repeat(4001) })).note).toBe("Högst 4000 tecken");
    expect(expectStatus(await cast.as.coach.get(`/api/referrals/${ref.id}`), 200)).toMatchObject({ version: ref.version, referredOn: daysFromToday(-10) });
  });

  it("answers 409 on a stale version, and for the checked fields once the referral is decided", async () => {
    const ref = await aReferral(cast.as.coach, cast.project.id);
    expectStatus(await cast.as.coach.patch(`/api/referrals/${ref.id}`, { version: ref.version, note: "Först" }), 200);
    const stale = expectStatus(await cast.as.manager.patch(`/api/referrals/${ref.id}`, { version: ref.version, note: "Sen" }), 409);
    expect(stale.error.current).toMatchObject({ id: ref.id, note: "Först", version: ref.version + 1 });
    const accepted = await decide(cast.as.coach, { ...ref, version: ref.version + 1 }, "accepted");
    const locked = await cast.as.coach.patch(`/api/referrals/${ref.id}`, { version: accepted.version, district: "Centrum" });
    expect(expectStatus(locked, 409).error.message).toMatch(/redan beslutad/);
    const contact = await cast.as.coach.patch(`/api/referrals/${ref.id}`, { version: accepted.version, contactPerson: "Ny handläggare" });
    expect(expectStatus(contact, 200)).toMatchObject({ decision: "accepted", contactPerson: "Ny handläggare" });
  });

  it("answers 404 for no referral and 403 to a coach of another project or the statistician", async () => {
    const ref = await aReferral(cast.as.coach, cast.project.id);
    expectStatus(await cast.as.coach.patch("/api/referrals/00000000-0000-4000-8000-000000000000", { version: 1, note: "x" }), 404);
    for (const who of ["otherCoach", "statistician"] as const)
      expectStatus(await cast.as[who].patch(`/api/referrals/${ref.id}`, { version: 1, note: "x" }), 403);
    expect(expectStatus(await cast.as.coach.get(`/api/referrals/${ref.id}`), 200)).toMatchObject({ note: null, version: 1 });
  });
});

describe("duplicate check with only a personnummer", () => {
  it("uses the birth date in the number for the name match", async () => {
    const ref = await aReferral(cast.as.coach, cast.project.id, {
      person: { firstName: "Örjan", lastName: "Lindqvist", birthDate: "1998-04-12", personnummer: null },
    });
    const check = (body: unknown) => cast.as.coach.post(`/api/projects/${cast.project.id}/persons/duplicates`, body);
    const typed = { firstName: "Örjan", lastName: "Lindqvist", personnummer: aPersonnummer("1998-04-12") };
    expect(expectStatus(await check(typed), 200).matches).toEqual([expect.objectContaining({ personId: ref.personId, matchedOn: "name_and_birth_date" })]);
    expect(expectStatus(await check({ ...typed, personnummer: aPersonnummer("1998-04-13") }), 200).matches).toEqual([]);
  });
});
