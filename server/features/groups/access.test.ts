import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, type Session } from "../../test/factories.ts";
import { anEnrolment, daysFromToday, expectStatus } from "../../test/participants.ts";

/** Who may not, for every endpoint of the groups feature; bodies are valid, so 401/403 come from the access rules. */
type Endpoint = { method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE"; url: string; body?: unknown; aggregate?: boolean };

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
const ids = { project: "", group: "", session: "", member: "", enrolment: "", spare: "" };
const persons = { member: "", spare: "" };
const pattern = { startDate: daysFromToday(-5), weeks: 1, weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: "09:00", durationMinutes: 120 };

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  ids.project = cast.project.id;
  const g = expectStatus(await cast.as.coach.post(`/api/projects/${ids.project}/groups`, { name: "Grupp A", leaderIds: [cast.users.coach.id], pattern }), 201);
  ids.group = g.id;
  ids.session = g.sessionList[0].id;
  const member = await anEnrolment(cast.as.coach, ids.project, { startDate: daysFromToday(-20) });
  const spare = await anEnrolment(cast.as.coach, ids.project, { startDate: daysFromToday(-20) });
  [ids.enrolment, ids.spare, persons.member, persons.spare] = [member.id, spare.id, member.personId, spare.personId];
  ids.member = expectStatus(await cast.as.coach.post(`/api/groups/${ids.group}/members`, { enrolmentId: ids.enrolment, fromDate: daysFromToday(-10) }), 201).id;
});
afterAll(async () => {
  await t?.close();
});

const endpoints = (): Endpoint[] => [
  { method: "GET", url: `/api/projects/${ids.project}/groups`, aggregate: true },
  { method: "POST", url: `/api/projects/${ids.project}/groups/preview`, body: { pattern } },
  { method: "POST", url: `/api/projects/${ids.project}/groups`, body: { name: "Obehörig grupp", leaderIds: [cast.users.coach.id] } },
  { method: "GET", url: `/api/groups/${ids.group}` },
  { method: "PATCH", url: `/api/groups/${ids.group}`, body: { version: 1, location: "Obehörig ändring" } },
  { method: "PUT", url: `/api/groups/${ids.group}/pattern`, body: { version: 1, pattern: { ...pattern, weekdays: [1] } } },
  { method: "POST", url: `/api/groups/${ids.group}/sessions`, body: { date: daysFromToday(3), startTime: "09:00", endTime: "10:00" } },
  { method: "PATCH", url: `/api/group-sessions/${ids.session}`, body: { version: 1, theme: "empowerment" } },
  { method: "GET", url: `/api/groups/${ids.group}/candidates` },
  { method: "POST", url: `/api/groups/${ids.group}/members`, body: { enrolmentId: ids.spare, fromDate: daysFromToday(-1) } },
  { method: "PATCH", url: `/api/group-members/${ids.member}`, body: { version: 1, toDate: daysFromToday(-1) } },
  { method: "DELETE", url: `/api/group-members/${ids.member}` },
  { method: "GET", url: `/api/group-sessions/${ids.session}/attendance` },
  { method: "PUT", url: `/api/group-sessions/${ids.session}/attendance`, body: { version: 1, entries: [{ enrolmentId: ids.enrolment, status: "present" }] } },
  { method: "GET", url: `/api/groups/${ids.group}/statistics`, aggregate: true },
  { method: "GET", url: `/api/group-sessions/${ids.session}/rating-scores` },
  { method: "GET", url: `/api/group-participation/${ids.enrolment}` },
];

const send = (as: Session | null, ep: Endpoint) => {
  const opts = { method: ep.method, url: ep.url, ...(ep.body !== undefined && { payload: ep.body as object }) };
  return as ? as.request(opts) : t.app.inject(opts);
};

describe("who may not use the groups API", () => {
  it("covers every route of the feature", () => {
    const documented = Object.entries(t.app.swagger().paths ?? {})
      .filter(([path]) => /group/.test(path) && !/target-group/.test(path))
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

  it("answers 403 to a coach of another project, the participant and an admin; the statistician reaches only the aggregates", async () => {
    for (const ep of endpoints()) {
      for (const who of ["otherCoach", "statistician", "participant", "admin"] as const) {
        const res = await send(cast.as[who], ep);
        if (who === "statistician" && ep.aggregate) {
          expect(res.statusCode, `${who} ${ep.method} ${ep.url}: ${res.body}`).toBe(200);
          continue;
        }
        expect(res.statusCode, `${who} ${ep.method} ${ep.url}: ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe("forbidden");
      }
    }
  });

  it("changed nothing, logged the denials and no reads", async () => {
    const g = await t.db.selectFrom("groups").select(["version", "location"]).where("id", "=", ids.group).executeTakeFirstOrThrow();
    expect(g).toEqual({ version: 1, location: null });
    expect(await t.db.selectFrom("groups").select("id").execute()).toHaveLength(1);
    expect(await t.db.selectFrom("group_members").select("id").execute()).toHaveLength(1);
    expect(await t.db.selectFrom("group_attendance").select("session_id").execute()).toEqual([]);
    const s = await t.db.selectFrom("group_sessions").select(["version", "theme"]).where("id", "=", ids.session).executeTakeFirstOrThrow();
    expect(s).toEqual({ version: 1, theme: null });
    const denials = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "access.denied")
      .where("actor_id", "=", cast.users.otherCoach.id)
      .execute();
    expect(denials).toHaveLength(endpoints().length);
    const reads = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "in", ["person.read", "group.read", "group.attendance.read", "group.candidates.read", "group.statistics.read"])
      .where("actor_id", "in", [cast.users.statistician.id, cast.users.admin.id, cast.users.otherCoach.id, cast.users.participant.id])
      .execute();
    expect(reads).toEqual([]);
  });

  it("puts every read of a group's persons in each person's own access log, as the audit search finds it", async () => {
    const logOf = async (personId: string) => {
      const page = expectStatus(await cast.as.admin.get(`/api/admin/audit?subjectId=${personId}&action=person.read&pageSize=200`), 200);
      return page.entries
        .filter((e: { actorId: string }) => e.actorId === cast.users.coach.id)
        .map((e: { details: { section: string; groupId?: string } }) => [e.details.section, e.details.groupId]);
    };
    for (const url of [
      `/api/groups/${ids.group}`,
      `/api/groups/${ids.group}/candidates`,
      `/api/group-sessions/${ids.session}/attendance`,
      `/api/groups/${ids.group}/statistics`,
      `/api/group-sessions/${ids.session}/rating-scores`,
    ])
      expectStatus(await cast.as.coach.get(url), 200);
    const sections = ["group", "group_attendance", "group_statistics", "rating_scores"];
    const memberLog = await logOf(persons.member);
    for (const section of sections) expect(memberLog, section).toContainEqual([section, ids.group]);
    expect(await logOf(persons.spare)).toContainEqual(["group_candidates", ids.group]);
  });

  it("lets the manager and the coach through, and logs their reads", async () => {
    for (const ep of endpoints()) {
      for (const who of ["manager", "coach"] as const) {
        const res = await send(cast.as[who], ep);
        // The manager's DELETE took the row away; the coach then finds nothing to delete.
        const gone = ep.method === "DELETE" && who === "coach" ? [404] : [];
        expect([200, 201, 204, 400, 409, ...gone], `${who} ${ep.method} ${ep.url}: ${res.body}`).toContain(res.statusCode);
        if (res.statusCode === 400) expect(ep.method, `${who} ${ep.method} ${ep.url}: ${res.body}`).not.toBe("GET");
      }
    }
    const reads = await t.db.selectFrom("audit_log").select("action").where("actor_id", "=", cast.users.manager.id).where("action", "like", "%read").execute();
    expect(new Set(reads.map((r) => r.action))).toEqual(
      new Set(["group.read", "group.candidates.read", "group.attendance.read", "group.statistics.read", "person.read"]),
    );
  });
});
