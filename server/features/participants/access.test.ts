import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Code } from "../../../schemas/codes.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, type Session } from "../../test/factories.ts";
import { anEnrolment, anExit, aPersonInput, aReferral, daysFromToday, expectStatus } from "../../test/participants.ts";

/**
 * Who may not, for every endpoint of the participant feature. Bodies are valid, so an answer
 * of 401 or 403 comes from the access rules and not from validation.
 */
type Kind = "person" | "manage" | "setup";
type Endpoint = { method: "GET" | "POST" | "PATCH" | "DELETE"; url: string; body?: unknown; kind: Kind };

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
const ids = { project: "", person: "", referral: "", enrolment: "", consent: "", intake: "", code: "", pause: "", extension: "" };

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  ids.project = cast.project.id;
  const e = await anEnrolment(cast.as.coach, cast.project.id, {
    consents: [{ purpose: "sus_registration", receivingParty: "SUS", givenOn: daysFromToday(-30) }],
  });
  ids.person = e.personId;
  ids.enrolment = e.id;
  ids.consent = e.consents[0]?.id as string;
  ids.referral = (await aReferral(cast.as.coach, cast.project.id)).id;
  // A pause and an extension to correct, on an enrolment of their own so the one above stays at version 1.
  const other = await anEnrolment(cast.as.coach, cast.project.id, { startDate: "2024-01-01", plannedMonths: 6 });
  const paused = expectStatus(
    await cast.as.coach.post(`/api/enrolments/${other.id}/pauses`, { version: 1, fromDate: "2024-02-01", toDate: "2024-02-10", reason: "Sjuk" }),
    200,
  );
  ids.pause = paused.pauses[0].id;
  const extended = expectStatus(
    await cast.as.coach.post(`/api/enrolments/${other.id}/extensions`, { version: 2, decidedOn: "2024-05-01", newPlannedEnd: "2024-09-30", reason: "halsa" }),
    200,
  );
  ids.extension = extended.extensions[0].id;
  ids.intake = expectStatus(await cast.as.manager.post(`/api/projects/${cast.project.id}/intakes`, { name: "Intaget", startDate: daysFromToday(-5) }), 201).id;
  ids.code = (expectStatus(await cast.as.manager.get(`/api/projects/${cast.project.id}/codes?list=step`), 200).codes[0] as Code).id;
});
afterAll(async () => {
  await t?.close();
});

// Built lazily: the ids exist only after beforeAll.
function endpoints(): Endpoint[] {
  const p = `/api/projects/${ids.project}`;
  const e = `/api/enrolments/${ids.enrolment}`;
  return [
    { kind: "setup", method: "GET", url: `${p}/codes` },
    { kind: "manage", method: "POST", url: `${p}/codes`, body: { list: "step", code: "nytt_steg", label: "Nytt steg" } },
    { kind: "manage", method: "PATCH", url: `${p}/codes/${ids.code}`, body: { version: 1, label: "Ändrat steg" } },
    { kind: "setup", method: "GET", url: `${p}/intakes` },
    { kind: "manage", method: "POST", url: `${p}/intakes`, body: { name: "Nytt intag", startDate: daysFromToday(10) } },
    { kind: "manage", method: "PATCH", url: `/api/intakes/${ids.intake}`, body: { version: 1, name: "Ändrat intag" } },
    { kind: "person", method: "GET", url: `${p}/coaches` },
    { kind: "person", method: "POST", url: `${p}/persons/duplicates`, body: { firstName: "Anna", lastName: "Berg", birthDate: "2000-01-01" } },
    { kind: "person", method: "GET", url: `/api/persons/${ids.person}` },
    { kind: "person", method: "GET", url: `/api/persons/${ids.person}/personnummer` },
    { kind: "person", method: "PATCH", url: `/api/persons/${ids.person}`, body: { version: 1, firstName: "Ändrad" } },
    { kind: "person", method: "GET", url: `${p}/referrals` },
    {
      kind: "person",
      method: "POST",
      url: `${p}/referrals`,
      body: { person: aPersonInput({ lastName: "Obehörigsson" }), referredOn: daysFromToday(-1), referringParty: "af" },
    },
    { kind: "person", method: "GET", url: `/api/referrals/${ids.referral}` },
    {
      kind: "person",
      method: "POST",
      url: `/api/referrals/${ids.referral}/decision`,
      body: { version: 1, decision: "waiting_list", decidedOn: daysFromToday(0) },
    },
    { kind: "person", method: "POST", url: `${p}/caseload`, body: {} },
    { kind: "person", method: "POST", url: `${p}/enrolments`, body: { personId: ids.person, startDate: daysFromToday(400), referringParty: "af" } },
    { kind: "person", method: "GET", url: e },
    { kind: "person", method: "GET", url: `${e}/timeline` },
    { kind: "person", method: "PATCH", url: e, body: { version: 1, plannedMonths: 6 } },
    {
      kind: "person",
      method: "POST",
      url: `${e}/extensions`,
      body: { version: 1, decidedOn: daysFromToday(0), newPlannedEnd: daysFromToday(600), reason: "halsa" },
    },
    { kind: "person", method: "POST", url: `${e}/pauses`, body: { version: 1, fromDate: daysFromToday(1), toDate: daysFromToday(5), reason: "Sjuk" } },
    { kind: "person", method: "POST", url: `${e}/exit`, body: anExit({ version: 1 }, daysFromToday(0)) },
    { kind: "person", method: "PATCH", url: `${e}/exit`, body: { version: 1, nextInstance: "Komvux" } },
    { kind: "person", method: "DELETE", url: `${e}/exit`, body: { version: 1 } },
    { kind: "person", method: "PATCH", url: `/api/pauses/${ids.pause}`, body: { version: 3, reason: "Sjukskriven" } },
    { kind: "person", method: "DELETE", url: `/api/pauses/${ids.pause}`, body: { version: 3 } },
    { kind: "person", method: "PATCH", url: `/api/extensions/${ids.extension}`, body: { version: 3, note: "Rättad" } },
    { kind: "person", method: "DELETE", url: `/api/extensions/${ids.extension}`, body: { version: 3 } },
    { kind: "person", method: "PATCH", url: `/api/referrals/${ids.referral}`, body: { version: 1, contactPerson: "Ny kontakt" } },
    { kind: "person", method: "POST", url: `${e}/consents`, body: { purpose: "esf_reporting", receivingParty: "ESF-rådet", givenOn: daysFromToday(0) } },
    { kind: "person", method: "POST", url: `/api/consents/${ids.consent}/withdraw`, body: { version: 1, withdrawnOn: daysFromToday(0) } },
  ];
}

const send = (as: Session | null, ep: Endpoint) => {
  const opts = { method: ep.method, url: ep.url, ...(ep.body !== undefined && { payload: ep.body as object }) };
  return as ? as.request(opts) : t.app.inject(opts);
};

async function expectEvery(kinds: Kind[], who: (keyof typeof cast.as)[], status: number) {
  for (const ep of endpoints().filter((x) => kinds.includes(x.kind))) {
    for (const w of who) {
      const res = await send(cast.as[w], ep);
      expect(res.statusCode, `${w} ${ep.method} ${ep.url}: ${res.body}`).toBe(status);
      if (status === 403) expect(res.json().error.code).toBe("forbidden");
    }
  }
}

describe("who may not use the participant API", () => {
  it("covers every route of the feature, so a new one cannot go untested", () => {
    const feature = /persons|referrals|caseload|enrolments|consents|intakes|codes|coaches|pauses|extensions/;
    const documented = Object.entries(t.app.swagger().paths ?? {})
      .filter(
        ([path]) => feature.test(path) && !/activities|tasks|checklists|follow-ups|meetings|notes|mapping|plan|questionnaires|rating-scores|dis-sus/.test(path),
      ) // those are tested in their own features
      .flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    const template = (url: string) => Object.entries(ids).reduce((u, [key, id]) => u.replace(id, key === "code" ? "{codeId}" : "{id}"), url);
    const tested = endpoints().map((ep) => `${ep.method} ${template(ep.url)}`);
    expect(tested.sort()).toEqual(documented.sort());
  });

  it("answers 401 without a session, on every endpoint", async () => {
    for (const ep of endpoints()) {
      const res = await send(null, ep);
      expect(res.statusCode, `${ep.method} ${ep.url}: ${res.body}`).toBe(401);
      expect(res.json().error.code).toBe("unauthenticated");
    }
  });

  it("answers 403 to a coach of another project, on every endpoint", async () => {
    await expectEvery(["person", "manage", "setup"], ["otherCoach"], 403);
  });

  it("answers 403 to the statistician, the participant and an admin outside the project on everything with person data", async () => {
    await expectEvery(["person"], ["statistician", "participant", "admin"], 403);
  });

  it("answers 403 to everyone but the manager on code lists and intakes", async () => {
    await expectEvery(["manage"], ["coach", "coachWithoutSensitive", "statistician", "participant", "admin"], 403);
  });

  it("shows code lists and intakes, which hold no person data, to every member and to admins", async () => {
    await expectEvery(["setup"], ["coach", "statistician", "participant", "admin"], 200);
  });

  it("changed nothing and logged the denials", async () => {
    const versions = await Promise.all([
      t.db.selectFrom("persons").select("version").where("id", "=", ids.person).executeTakeFirstOrThrow(),
      t.db.selectFrom("referrals").select("version").where("id", "=", ids.referral).executeTakeFirstOrThrow(),
      t.db.selectFrom("enrolments").select("version").where("id", "=", ids.enrolment).executeTakeFirstOrThrow(),
      t.db.selectFrom("consents").select("version").where("id", "=", ids.consent).executeTakeFirstOrThrow(),
      t.db.selectFrom("intakes").select("version").where("id", "=", ids.intake).executeTakeFirstOrThrow(),
      t.db.selectFrom("codes").select("version").where("id", "=", ids.code).executeTakeFirstOrThrow(),
    ]);
    expect(versions.map((v) => v.version)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(await t.db.selectFrom("persons").select("id").where("last_name", "=", "Obehörigsson").execute()).toEqual([]);
    expect(await t.db.selectFrom("enrolments").select("id").where("person_id", "=", ids.person).execute()).toHaveLength(1);
    const denials = await t.db
      .selectFrom("audit_log")
      .select(["actor_id"])
      .where("action", "=", "access.denied")
      .where("actor_id", "=", cast.users.statistician.id)
      .execute();
    expect(denials.length).toBeGreaterThanOrEqual(18);
    const reads = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "in", ["person.read", "person.personnummer.read"])
      .where("actor_id", "in", [cast.users.statistician.id, cast.users.admin.id, cast.users.otherCoach.id])
      .execute();
    expect(reads).toEqual([]);
  });

  it("lets the manager through on every endpoint with the same requests", async () => {
    for (const ep of endpoints()) {
      const res = await send(cast.as.manager, ep);
      expect([200, 201, 409], `${ep.method} ${ep.url}: ${res.body}`).toContain(res.statusCode);
    }
  });
});
