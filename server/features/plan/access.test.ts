import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, type Session } from "../../test/factories.ts";
import { anEnrolment, daysFromToday, expectStatus } from "../../test/participants.ts";

/** Who may not, for every endpoint of the mapping and plan; bodies are valid, so 401/403 come from the access rules. */
type Endpoint = { method: "GET" | "POST" | "PUT"; url: string; body?: unknown; section: string | null };

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let enrolment = "";
const sections = { goals: "Arbete inom lager" };
const sensitive = { health: "Astma", violence: { answer: "declined", askedOn: daysFromToday(-3) } };

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  enrolment = (await anEnrolment(cast.as.coach, cast.project.id)).id;
  expectStatus(await cast.as.coach.put(`/api/enrolments/${enrolment}/mapping`, { version: 0, sections, trades: ["lager"], sensitive }), 200);
  expectStatus(
    await cast.as.coach.post(`/api/enrolments/${enrolment}/plan/revisions`, { version: 0, goals: [{ title: "Truckkort", owner: "participant" }] }),
    201,
  );
});
afterAll(async () => {
  await t?.close();
});

const endpoints = (): Endpoint[] => [
  { method: "GET", url: `/api/enrolments/${enrolment}/mapping`, section: "mapping" },
  { method: "GET", url: `/api/enrolments/${enrolment}/mapping/sensitive`, section: null },
  { method: "PUT", url: `/api/enrolments/${enrolment}/mapping`, body: { version: 1, sections, trades: [] }, section: null },
  { method: "GET", url: `/api/enrolments/${enrolment}/plan`, section: "plan" },
  { method: "GET", url: `/api/enrolments/${enrolment}/plan/revisions/1`, section: "plan" },
  { method: "POST", url: `/api/enrolments/${enrolment}/plan/revisions`, body: { version: 1, goals: [] }, section: null },
  { method: "GET", url: `/api/enrolments/${enrolment}/plan/compare?from=1&to=1`, section: "plan" },
  { method: "GET", url: `/api/enrolments/${enrolment}/plan/pdf`, section: null },
];

const send = (as: Session | null, ep: Endpoint) => {
  const opts = { method: ep.method, url: ep.url, ...(ep.body !== undefined && { payload: ep.body as object }) };
  return as ? as.request(opts) : t.app.inject(opts);
};

describe("who may not use the mapping and plan API", () => {
  it("covers every route of the feature", () => {
    const documented = Object.entries(t.app.swagger().paths ?? {})
      .filter(([path]) => /mapping|plan/.test(path))
      .flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    const template = (url: string) =>
      url
        .replace(enrolment, "{id}")
        .replace(/\/revisions\/1$/, "/revisions/{number}")
        .replace(/\?.*$/, "");
    expect([...new Set(endpoints().map((ep) => `${ep.method} ${template(ep.url)}`))].sort()).toEqual(documented.sort());
  });

  it("answers 401 without a session", async () => {
    for (const ep of endpoints()) expect((await send(null, ep)).statusCode, `${ep.method} ${ep.url}`).toBe(401);
  });

  it("answers 403 to a coach of another project, the statistician, the participant and an admin without a project role", async () => {
    for (const ep of endpoints()) {
      for (const who of ["otherCoach", "statistician", "participant", "admin"] as const) {
        const res = await send(cast.as[who], ep);
        expect(res.statusCode, `${who} ${ep.method} ${ep.url}: ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe("forbidden");
      }
    }
  });

  it("changed nothing, logged the denials and no reads", async () => {
    expect(await t.db.selectFrom("mapping_versions").select("id").where("enrolment_id", "=", enrolment).execute()).toHaveLength(1);
    expect(await t.db.selectFrom("plan_revisions").select("id").where("enrolment_id", "=", enrolment).execute()).toHaveLength(1);
    const denials = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "access.denied")
      .where("actor_id", "=", cast.users.otherCoach.id)
      .execute();
    expect(denials).toHaveLength(endpoints().length);
    const reads = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "in", ["person.read", "person.sensitive.read", "plan.pdf"])
      .where("actor_id", "in", [cast.users.statistician.id, cast.users.admin.id, cast.users.otherCoach.id, cast.users.participant.id])
      .execute();
    expect(reads).toEqual([]);
  });

  it("lets the manager and the coach through, and writes an audit entry for every read and write", async () => {
    for (const who of ["manager", "coach"] as const) {
      const last = await t.db.selectFrom("audit_log").select("id").orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
      for (const ep of endpoints()) {
        const res = await send(cast.as[who], ep);
        expect([200, 201, 409], `${who} ${ep.method} ${ep.url}: ${res.body}`).toContain(res.statusCode);
      }
      const entries = await t.db
        .selectFrom("audit_log")
        .select(["action", "details"])
        .where("actor_id", "=", cast.users[who].id)
        .where("id", ">", last.id)
        .orderBy("id")
        .execute();
      // The writes answer 409 for the second user (the first user's writes moved the version on), and a refused write changes nothing.
      const expected =
        who === "manager"
          ? ["person.read", "person.sensitive.read", "mapping.save", "person.read", "person.read", "plan.revise", "person.read", "plan.pdf"]
          : ["person.read", "person.sensitive.read", "person.read", "person.read", "person.read", "plan.pdf"];
      expect(entries.map((x) => x.action)).toEqual(expected);
    }
  });

  it("the coach without the sensitive permission gets 403 only for the sensitive sections", async () => {
    for (const ep of endpoints()) {
      const res = await send(cast.as.coachWithoutSensitive, ep);
      const expected = ep.url.endsWith("/sensitive") ? [403] : [200, 201, 409];
      expect(expected, `${ep.method} ${ep.url}: ${res.body}`).toContain(res.statusCode);
    }
  });
});
