import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, type Session } from "../../test/factories.ts";
import { anEnrolment, daysFromToday, expectStatus } from "../../test/participants.ts";

/** Who may not, for every meeting and note endpoint; bodies are valid, so 401/403 come from the access rules. */
type Endpoint = { method: "GET" | "POST" | "PATCH" | "DELETE"; url: string; body?: unknown };

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
const ids = { enrolment: "", meeting: "", draft: "", signed: "" };

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  ids.enrolment = (await anEnrolment(cast.as.coach, cast.project.id)).id;
  ids.meeting = expectStatus(
    await cast.as.coach.post(`/api/enrolments/${ids.enrolment}/meetings`, { date: daysFromToday(2), time: "10:00", form: "on_site" }),
    201,
  ).id;
  ids.draft = expectStatus(await cast.as.coach.post(`/api/enrolments/${ids.enrolment}/notes`, { body: "Utkast" }), 201).id;
  const signed = expectStatus(await cast.as.coach.post(`/api/enrolments/${ids.enrolment}/notes`, { body: "Signerad" }), 201);
  ids.signed = expectStatus(await cast.as.coach.post(`/api/notes/${signed.id}/sign`, { version: 1 }), 200).id;
});
afterAll(async () => {
  await t?.close();
});

const endpoints = (): Endpoint[] => [
  { method: "GET", url: `/api/enrolments/${ids.enrolment}/meetings` },
  { method: "POST", url: `/api/enrolments/${ids.enrolment}/meetings`, body: { date: daysFromToday(3), time: "09:00", form: "video" } },
  { method: "PATCH", url: `/api/meetings/${ids.meeting}`, body: { version: 1, note: "Obehörig ändring" } },
  { method: "GET", url: `/api/meetings/${ids.meeting}/ics` },
  { method: "GET", url: `/api/enrolments/${ids.enrolment}/notes` },
  { method: "POST", url: `/api/enrolments/${ids.enrolment}/notes`, body: { body: "Obehörig anteckning" } },
  { method: "PATCH", url: `/api/notes/${ids.draft}`, body: { version: 1, body: "Obehörig ändring" } },
  { method: "POST", url: `/api/notes/${ids.draft}/sign`, body: { version: 1 } },
  { method: "POST", url: `/api/notes/${ids.signed}/corrections`, body: { body: "Obehörig rättelse" } },
  { method: "DELETE", url: `/api/notes/${ids.draft}` },
];

const send = (as: Session | null, ep: Endpoint) => {
  const opts = { method: ep.method, url: ep.url, ...(ep.body !== undefined && { payload: ep.body as object }) };
  return as ? as.request(opts) : t.app.inject(opts);
};

describe("who may not use the meetings and notes API", () => {
  it("covers every route of the two features", () => {
    const documented = Object.entries(t.app.swagger().paths ?? {})
      .filter(([path]) => /meetings|notes/.test(path))
      .flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    const template = (url: string) => Object.values(ids).reduce((u, id) => u.replace(id, "{id}"), url);
    expect([...new Set(endpoints().map((ep) => `${ep.method} ${template(ep.url)}`))].sort()).toEqual(documented.sort());
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
    expect(await t.db.selectFrom("meetings").select(["version", "note"]).where("enrolment_id", "=", ids.enrolment).execute()).toEqual([
      { version: 1, note: null },
    ]);
    const notes = await t.db
      .selectFrom("journal_notes")
      .select(["id", "body", "status", "version"])
      .where("enrolment_id", "=", ids.enrolment)
      .orderBy("created_at")
      .execute();
    expect(notes.map((n) => [n.body, n.status, n.version])).toEqual([
      ["Utkast", "draft", 1],
      ["Signerad", "signed", 2],
    ]);
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
      .where("action", "in", ["person.read", "meeting.ics"])
      .where("actor_id", "in", [cast.users.statistician.id, cast.users.admin.id, cast.users.otherCoach.id, cast.users.participant.id])
      .execute();
    expect(reads).toEqual([]);
  });

  it("lets the project's coach through, and logs the reads", async () => {
    for (const ep of endpoints()) {
      const res = await send(cast.as.coach, ep);
      expect([200, 201, 204, 409], `${ep.method} ${ep.url}: ${res.body}`).toContain(res.statusCode);
    }
    const reads = await t.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "person.read")
      .where("actor_id", "=", cast.users.coach.id)
      .execute();
    expect(
      reads
        .map((r) => r.details?.section)
        .filter((s) => s === "meetings" || s === "notes")
        .sort(),
    ).toEqual(["meetings", "notes"]);
  });
});
