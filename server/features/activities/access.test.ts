import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, type Session } from "../../test/factories.ts";
import { anEnrolment, daysFromToday, expectStatus } from "../../test/participants.ts";

/** Who may not, for every endpoint of the activities feature; bodies are valid, so 401/403 come from the access rules. */
type Endpoint = { method: "GET" | "POST" | "PATCH"; url: string; body?: unknown };

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
const ids = { enrolment: "", activity: "" };

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  ids.enrolment = (await anEnrolment(cast.as.coach, cast.project.id)).id;
  ids.activity = expectStatus(
    await cast.as.coach.post(`/api/enrolments/${ids.enrolment}/activities`, { type: "praktik", startDate: daysFromToday(-5), status: "ongoing" }),
    201,
  ).id;
});
afterAll(async () => {
  await t?.close();
});

const endpoints = (): Endpoint[] => [
  { method: "GET", url: `/api/enrolments/${ids.enrolment}/activities` },
  { method: "POST", url: `/api/enrolments/${ids.enrolment}/activities`, body: { type: "friskvard", startDate: daysFromToday(-1) } },
  { method: "PATCH", url: `/api/activities/${ids.activity}`, body: { version: 1, notes: "Obehörig ändring" } },
  { method: "GET", url: `/api/enrolments/${ids.enrolment}/tasks` },
];

const send = (as: Session | null, ep: Endpoint) => {
  const opts = { method: ep.method, url: ep.url, ...(ep.body !== undefined && { payload: ep.body as object }) };
  return as ? as.request(opts) : t.app.inject(opts);
};

describe("who may not use the activities API", () => {
  it("covers every route of the feature", () => {
    const documented = Object.entries(t.app.swagger().paths ?? {})
      .filter(([path]) => /activities|tasks/.test(path) && !path.startsWith("/api/tasks/"))
      .flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    const template = (url: string) => Object.values(ids).reduce((u, id) => u.replace(id, "{id}"), url);
    expect(
      endpoints()
        .map((ep) => `${ep.method} ${template(ep.url)}`)
        .sort(),
    ).toEqual(documented.sort());
  });

  it("answers 401 without a session", async () => {
    for (const ep of endpoints()) expect((await send(null, ep)).statusCode, `${ep.method} ${ep.url}`).toBe(401);
  });

  it("answers 403 to a coach of another project, the statistician, the participant and an admin", async () => {
    for (const ep of endpoints()) {
      for (const who of ["otherCoach", "statistician", "participant", "admin"] as const) {
        const res = await send(cast.as[who], ep);
        expect(res.statusCode, `${who} ${ep.method} ${ep.url}: ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe("forbidden");
      }
    }
  });

  it("changed nothing, logged the denials and no reads", async () => {
    const a = await t.db.selectFrom("activities").select(["version", "notes"]).where("id", "=", ids.activity).executeTakeFirstOrThrow();
    expect(a).toEqual({ version: 1, notes: null });
    expect(await t.db.selectFrom("activities").select("id").where("enrolment_id", "=", ids.enrolment).execute()).toHaveLength(1);
    const denials = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "access.denied")
      .where("actor_id", "=", cast.users.otherCoach.id)
      .execute();
    expect(denials).toHaveLength(4);
    const reads = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "person.read")
      .where("actor_id", "in", [cast.users.statistician.id, cast.users.admin.id, cast.users.otherCoach.id])
      .execute();
    expect(reads).toEqual([]);
  });

  it("lets the manager and the coach through, and logs their reads", async () => {
    for (const who of ["manager", "coach"] as const) {
      for (const ep of endpoints()) {
        const res = await send(cast.as[who], ep);
        expect([200, 201, 409], `${who} ${ep.method} ${ep.url}: ${res.body}`).toContain(res.statusCode);
      }
    }
    const reads = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "person.read")
      .where("actor_id", "=", cast.users.manager.id)
      .execute();
    expect(reads.map((r) => r.details?.section).sort()).toEqual(["activities", "tasks"]);
  });
});
