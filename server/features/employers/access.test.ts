import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, type Session } from "../../test/factories.ts";
import { daysFromToday, expectStatus } from "../../test/participants.ts";
import { anEmployer, anOrganisationNumber } from "./fixtures.ts";

/** Who may not, for every endpoint of the employer network; bodies are valid, so 401/403 come from the access rules. */
type Endpoint = { method: "GET" | "POST" | "PATCH"; url: string; body?: unknown; managerOnly?: boolean };

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
const ids = { project: "", employer: "", duplicate: "", workplace: "", contact: "", entry: "" };

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  ids.project = cast.project.id;
  ids.employer = (await anEmployer(cast.as.coach, ids.project, { name: "Behållen AB" })).id;
  ids.duplicate = (await anEmployer(cast.as.coach, ids.project, { name: "Dubblett AB" })).id;
  const base = `/api/projects/${ids.project}/employers/${ids.employer}`;
  ids.workplace = expectStatus(await cast.as.coach.post(`${base}/workplaces`, { name: "Butiken" }), 201).id;
  ids.contact = expectStatus(await cast.as.coach.post(`${base}/contacts`, { name: "Kim Kontakt" }), 201).id;
  ids.entry = expectStatus(await cast.as.coach.post(`${base}/contact-log`, { kind: "visit", occurredOn: daysFromToday(-3), outcome: "Bra möte" }), 201).id;
});
afterAll(async () => {
  await t?.close();
});

const endpoints = (): Endpoint[] => {
  const p = `/api/projects/${ids.project}`;
  const e = `${p}/employers/${ids.employer}`;
  return [
    { method: "POST", url: `${p}/employers/search`, body: { trades: ["bygg"] } },
    { method: "POST", url: `${p}/employers`, body: { name: "Obehörig AB", organisationNumber: anOrganisationNumber(), sector: "private" } },
    { method: "POST", url: `${p}/employers/suggest`, body: { trades: ["bygg"] } },
    { method: "GET", url: `${p}/employer-contacts/weekly` },
    { method: "GET", url: e },
    { method: "PATCH", url: e, body: { version: 1, notes: "Obehörig ändring" } },
    { method: "POST", url: `${e}/workplaces`, body: { name: "Obehörig plats" } },
    { method: "PATCH", url: `${e}/workplaces/${ids.workplace}`, body: { version: 1, name: "Obehörig" } },
    { method: "POST", url: `${e}/contacts`, body: { name: "Obehörig Person" } },
    { method: "PATCH", url: `${e}/contacts/${ids.contact}`, body: { version: 1, role: "Obehörig" } },
    { method: "POST", url: `${e}/contact-log`, body: { kind: "call", occurredOn: daysFromToday(-1) } },
    { method: "PATCH", url: `${e}/contact-log/${ids.entry}`, body: { version: 1, outcome: "Obehörig rättelse" } },
    { method: "POST", url: `${e}/merge`, body: { version: 1, duplicateId: ids.duplicate, duplicateVersion: 1 }, managerOnly: true },
  ];
};

const send = (as: Session | null, ep: Endpoint) => {
  const opts = { method: ep.method, url: ep.url, ...(ep.body !== undefined && { payload: ep.body as object }) };
  return as ? as.request(opts) : t.app.inject(opts);
};

describe("who may not use the employer network API", () => {
  it("covers every route of the feature", () => {
    const documented = Object.entries(t.app.swagger().paths ?? {})
      .filter(([path]) => /employer/.test(path))
      .flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    const names: Record<keyof typeof ids, string> = {
      project: "{id}",
      employer: "{employerId}",
      duplicate: "",
      workplace: "{workplaceId}",
      contact: "{contactId}",
      entry: "{entryId}",
    };
    const template = (url: string) => Object.entries(ids).reduce((u, [k, id]) => u.replace(id, names[k as keyof typeof ids]), url);
    expect(
      endpoints()
        .map((ep) => `${ep.method} ${template(ep.url)}`)
        .sort(),
    ).toEqual(documented.sort());
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

  it("answers 403 to a coach who tries to merge: only managers merge", async () => {
    for (const ep of endpoints().filter((e) => e.managerOnly)) expect((await send(cast.as.coach, ep)).statusCode).toBe(403);
  });

  it("changed nothing, logged the denials and no reads of contact people", async () => {
    const employers = await t.db.selectFrom("employers").select(["name", "version", "notes"]).orderBy("name").execute();
    expect(employers).toEqual([
      { name: "Behållen AB", version: 1, notes: null },
      { name: "Dubblett AB", version: 1, notes: null },
    ]);
    expect(await t.db.selectFrom("employer_contacts").select("name").execute()).toEqual([{ name: "Kim Kontakt" }]);
    expect(await t.db.selectFrom("employer_contact_log").select(["outcome", "version"]).execute()).toEqual([{ outcome: "Bra möte", version: 1 }]);
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
      .where("action", "=", "employer.contact.read")
      .where("actor_id", "in", [cast.users.statistician.id, cast.users.admin.id, cast.users.otherCoach.id, cast.users.participant.id])
      .execute();
    expect(reads).toEqual([]);
  });

  it("lets the manager and the coach through", async () => {
    for (const who of ["coach", "manager"] as const) {
      for (const ep of endpoints()) {
        if (ep.managerOnly && who === "coach") continue;
        const res = await send(cast.as[who], ep);
        expect([200, 201, 409], `${who} ${ep.method} ${ep.url}: ${res.body}`).toContain(res.statusCode);
      }
    }
  });
});
