import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, type Session } from "../../test/factories.ts";
import { exampleFiles, multipart } from "./testing.ts";

/** Who may not, for every endpoint of import and export; the uploads are valid, so 401/403 come from the access rules. */
type Endpoint = { method: "GET" | "POST"; url: string; upload?: boolean };

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
});
afterAll(async () => {
  await t?.close();
});

const endpoints = (): Endpoint[] => [
  { method: "POST", url: `/api/projects/${cast.project.id}/imports/preview`, upload: true },
  { method: "POST", url: `/api/projects/${cast.project.id}/imports`, upload: true },
  { method: "GET", url: `/api/projects/${cast.project.id}/export?format=xlsx` },
];

const send = (as: Session | null, ep: Endpoint, headers: Record<string, string> = {}) => {
  const body = ep.upload ? multipart(exampleFiles("valid")) : null;
  const opts = { method: ep.method, url: ep.url, ...(body && { payload: body.payload }), headers: { ...(body?.headers ?? {}), ...headers } };
  return as ? as.request(opts) : t.app.inject(opts);
};

async function enrolmentCount() {
  const r = await t.db
    .selectFrom("enrolments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("project_id", "=", cast.project.id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe("who may not import or export", () => {
  it("covers every route of the feature", () => {
    const documented = Object.entries(t.app.swagger().paths ?? {})
      .filter(([path]) => /imports|export/.test(path))
      .flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    expect(
      endpoints()
        .map((ep) => `${ep.method} ${ep.url.split("?")[0]?.replace(cast.project.id, "{projectId}")}`)
        .sort(),
    ).toEqual(documented.sort());
  });

  it("answers 401 without a session", async () => {
    for (const ep of endpoints()) expect((await send(null, ep)).statusCode, `${ep.method} ${ep.url}`).toBe(401);
  });

  it("answers 403 to a coach of another project, the statistician, the participant and an admin without a role", async () => {
    for (const ep of endpoints()) {
      for (const who of ["otherCoach", "statistician", "participant", "admin"] as const) {
        const res = await send(cast.as[who], ep);
        expect(res.statusCode, `${who} ${ep.method} ${ep.url}: ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe("forbidden");
      }
    }
    expect(await enrolmentCount()).toBe(0);
  });

  it("lets only a manager import; a coach may export (person.read), the statistician never", async () => {
    const [preview, apply, exp] = endpoints() as [Endpoint, Endpoint, Endpoint];
    expect((await send(cast.as.coach, preview)).statusCode).toBe(403);
    expect((await send(cast.as.coach, apply)).statusCode).toBe(403);
    expect(await enrolmentCount()).toBe(0);
    expect((await send(cast.as.coach, exp)).statusCode).toBe(200);
    expect((await send(cast.as.statistician, { ...exp, url: exp.url.replace("xlsx", "zip") })).statusCode).toBe(403);
    expect((await send(cast.as.manager, preview)).statusCode).toBe(200);
  });

  it("refuses an upload without the CSRF token", async () => {
    const [, apply] = endpoints() as [Endpoint, Endpoint];
    const res = await send(cast.as.manager, apply, { "x-csrf-token": "wrong" });
    expect(res.statusCode).toBe(403);
    expect(await enrolmentCount()).toBe(0);
  });

  it("logs each denial", async () => {
    const before = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", "access.denied")
      .executeTakeFirstOrThrow();
    await send(cast.as.statistician, endpoints()[2] as Endpoint);
    const after = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", "access.denied")
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });
});
