import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, type Session } from "../../test/factories.ts";
import { anEnrolment, daysFromToday, expectStatus } from "../../test/participants.ts";

/** Who may not, for every endpoint of the ratings feature; bodies are valid, so 401/403 come from the access rules. */
type Endpoint = { method: "GET" | "POST" | "PATCH" | "PUT"; url: string; body?: unknown };
const scale = (code: string) => ({
  code,
  nameSv: "Prövoskala",
  nameEn: "Trial scale",
  items: [{ key: "overall", sv: "Helhet", en: "Overall" }],
  itemMin: 0,
  itemMax: 10,
  decimals: 1,
  alertRule: "total_at_most",
  alertValue: 5,
  reliableChange: null,
  administered: "per_meeting",
  licensed: false,
});
type Who = "otherCoach" | "statistician" | "participant" | "admin" | "coach" | "manager";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
const ids = { project: "", enrolment: "", score: "", questionnaire: "", round: "", day: "", organisation: "", instrument: "", session: "" };

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  ids.project = cast.project.id;
  ids.enrolment = (await anEnrolment(cast.as.coach, cast.project.id)).id;
  ids.score = expectStatus(
    await cast.as.coach.post(`/api/enrolments/${ids.enrolment}/rating-scores`, {
      instrument: "srs",
      ratedOn: daysFromToday(-1),
      items: { relationship: 9, goals_topics: 9, approach: 9, overall: 9 },
    }),
    201,
  ).id;
  const q = expectStatus(
    await cast.as.manager.post(`/api/projects/${ids.project}/questionnaires`, {
      title: "Enkät",
      questions: [{ key: "ok", kind: "yes_no", text: "Gick det bra?" }],
    }),
    201,
  );
  ids.questionnaire = q.id;
  ids.round = expectStatus(
    await cast.as.manager.post(`/api/questionnaires/${q.id}/rounds`, { title: "Utskick", sentOn: daysFromToday(0), enrolmentIds: [ids.enrolment] }),
    201,
  ).rounds[0].id;
  ids.day = expectStatus(await cast.as.manager.post(`/api/projects/${ids.project}/self-evaluations`, { title: "Dag", heldOn: daysFromToday(0) }), 201).id;
  const instruments = (await cast.as.coach.get(`/api/projects/${ids.project}/rating-instruments`)).json();
  ids.organisation = instruments.licence.organisationId;
  ids.instrument = instruments.instruments.find((i: { code: string }) => i.code === "ors").id;
  const pattern = { startDate: daysFromToday(-2), weeks: 1, weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: "10:00", durationMinutes: 60 };
  const group = expectStatus(
    await cast.as.coach.post(`/api/projects/${ids.project}/groups`, { name: "Grupp", leaderIds: [cast.users.coach.id], pattern }),
    201,
  );
  ids.session = group.sessionList[0].id;
});
afterAll(async () => {
  await t?.close();
});

const scores = { development: 5, collaboration: 5, methods: 5, conditions: 5, confidence: 5 };
/** Each endpoint with the roles that may use it; everyone else in the cast must get 403. */
const endpoints = (): (Endpoint & { allowed: Who[] })[] => [
  { method: "GET", url: `/api/projects/${ids.project}/rating-instruments`, allowed: ["coach", "manager", "statistician", "participant", "admin"] },
  { method: "GET", url: "/api/admin/rating-licences", allowed: ["admin"] },
  { method: "POST", url: "/api/admin/rating-instruments", body: scale("trial"), allowed: ["admin"] },
  { method: "PATCH", url: `/api/admin/rating-instruments/${ids.instrument}`, body: { version: 1, nameEn: "ORS" }, allowed: ["admin"] },
  {
    method: "PUT",
    url: `/api/admin/organisations/${ids.organisation}/rating-licence`,
    body: { version: null, holder: "Enheten", validUntil: daysFromToday(30) },
    allowed: ["admin"],
  },
  { method: "GET", url: `/api/enrolments/${ids.enrolment}/rating-scores`, allowed: ["coach", "manager"] },
  {
    method: "POST",
    url: `/api/enrolments/${ids.enrolment}/rating-scores`,
    body: { instrument: "ors", ratedOn: daysFromToday(0), items: { individually: 5, interpersonally: 5, socially: 5, overall: 5 } },
    allowed: ["coach", "manager"],
  },
  {
    method: "PATCH",
    url: `/api/rating-scores/${ids.score}`,
    body: { version: 1, ratedOn: daysFromToday(-1), items: { relationship: 1, goals_topics: 1, approach: 1, overall: 1 } },
    allowed: ["coach", "manager"],
  },
  { method: "GET", url: `/api/projects/${ids.project}/rating-summary?instrument=gsrs`, allowed: ["coach", "manager", "statistician"] },
  { method: "GET", url: `/api/group-sessions/${ids.session}/rating-scores`, allowed: ["coach", "manager"] },
  { method: "GET", url: `/api/projects/${ids.project}/questionnaires`, allowed: ["coach", "manager", "statistician"] },
  {
    method: "POST",
    url: `/api/projects/${ids.project}/questionnaires`,
    body: { title: "Obehörig", questions: [{ key: "x", kind: "text", text: "?" }] },
    allowed: ["manager"],
  },
  {
    method: "PATCH",
    url: `/api/questionnaires/${ids.questionnaire}`,
    body: { version: 1, title: "Obehörig ändring", questions: [{ key: "ok", kind: "yes_no", text: "Gick det bra?" }] },
    allowed: ["manager"],
  },
  {
    method: "POST",
    url: `/api/questionnaires/${ids.questionnaire}/rounds`,
    body: { title: "Obehörig", sentOn: daysFromToday(0), enrolmentIds: [ids.enrolment] },
    allowed: ["manager"],
  },
  { method: "GET", url: `/api/questionnaire-rounds/${ids.round}/results`, allowed: ["coach", "manager", "statistician"] },
  { method: "GET", url: `/api/enrolments/${ids.enrolment}/questionnaires`, allowed: ["coach", "manager"] },
  {
    method: "POST",
    url: `/api/enrolments/${ids.enrolment}/questionnaires/${ids.round}/response`,
    body: { answeredOn: daysFromToday(0), answers: { ok: true } },
    allowed: ["coach", "manager"],
  },
  {
    method: "PUT",
    url: `/api/enrolments/${ids.enrolment}/questionnaires/${ids.round}/response`,
    body: { version: 1, answeredOn: daysFromToday(0), answers: { ok: false } },
    allowed: ["coach", "manager"],
  },
  { method: "GET", url: `/api/projects/${ids.project}/self-evaluations`, allowed: ["coach", "manager", "statistician"] },
  { method: "POST", url: `/api/projects/${ids.project}/self-evaluations`, body: { title: "Obehörig", heldOn: daysFromToday(0) }, allowed: ["manager"] },
  { method: "GET", url: `/api/self-evaluations/${ids.day}`, allowed: ["coach", "manager", "statistician"] },
  { method: "PATCH", url: `/api/self-evaluations/${ids.day}`, body: { version: 1, title: "Obehörig ändring", heldOn: daysFromToday(0) }, allowed: ["manager"] },
  { method: "POST", url: `/api/self-evaluations/${ids.day}/answers`, body: { respondentKind: "staff", scores }, allowed: ["coach", "manager"] },
];

const send = (as: Session | null, ep: Endpoint) => {
  const opts = { method: ep.method, url: ep.url, ...(ep.body !== undefined && { payload: ep.body as object }) };
  return as ? as.request(opts) : t.app.inject(opts);
};
const everyone: Who[] = ["otherCoach", "statistician", "participant", "admin", "coach", "manager"];

describe("who may not use the ratings API", () => {
  it("covers every route of the feature", () => {
    const documented = Object.entries(t.app.swagger().paths ?? {})
      .filter(([path]) => /rating|questionnaire|self-evaluation/.test(path))
      .flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    const template = (url: string) =>
      url
        .replace(ids.project, "{projectId}")
        .replace(ids.organisation, "{organisationId}")
        .replace(ids.instrument, "{instrumentId}")
        .replace(`rounds/${ids.round}`, "rounds/{roundId}")
        .replace(`questionnaires/${ids.round}`, "questionnaires/{roundId}")
        .replace(/[0-9a-f-]{36}/g, "{id}")
        .replace(/\?.*$/, "");
    expect(
      endpoints()
        .map((ep) => `${ep.method} ${template(ep.url)}`)
        .sort(),
    ).toEqual(documented.sort());
  });

  it("answers 401 without a session", async () => {
    for (const ep of endpoints()) expect((await send(null, ep)).statusCode, `${ep.method} ${ep.url}`).toBe(401);
  });

  it("answers 403 to everyone the endpoint is not for", async () => {
    for (const ep of endpoints()) {
      for (const who of everyone.filter((w) => !ep.allowed.includes(w))) {
        const res = await send(cast.as[who], ep);
        expect(res.statusCode, `${who} ${ep.method} ${ep.url}: ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe("forbidden");
      }
    }
  });

  it("changed nothing, and logged no reads of persons for those turned away", async () => {
    expect(await t.db.selectFrom("rating_scores").select("version").execute()).toEqual([{ version: 1 }]);
    expect(await t.db.selectFrom("questionnaires").select("id").execute()).toHaveLength(1);
    expect(await t.db.selectFrom("questionnaire_rounds").select("id").execute()).toHaveLength(1);
    expect(await t.db.selectFrom("questionnaire_responses").select("id").execute()).toHaveLength(0);
    expect(await t.db.selectFrom("self_evaluations").select("id").execute()).toHaveLength(1);
    expect(await t.db.selectFrom("self_evaluation_answers").select("id").execute()).toHaveLength(0);
    expect(await t.db.selectFrom("rating_licences").select("organisation_id").execute()).toHaveLength(0);
    expect(await t.db.selectFrom("rating_instruments").select("code").orderBy("code").execute()).toEqual([{ code: "gsrs" }, { code: "ors" }, { code: "srs" }]);
    expect(await t.db.selectFrom("rating_instruments").select(["version", "name_en"]).where("id", "=", ids.instrument).executeTakeFirst()).toEqual({
      version: 1,
      name_en: "ORS – outcome rating",
    });
    expect(await t.db.selectFrom("questionnaires").select(["title", "version"]).execute()).toEqual([{ title: "Enkät", version: 1 }]);
    expect(await t.db.selectFrom("self_evaluations").select(["title", "version"]).execute()).toEqual([{ title: "Dag", version: 1 }]);
    const reads = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "in", ["person.read", "questionnaire_results.read"])
      .where("actor_id", "in", [cast.users.statistician.id, cast.users.admin.id, cast.users.otherCoach.id, cast.users.participant.id])
      .execute();
    expect(reads).toEqual([]);
    const denials = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "access.denied")
      .where("actor_id", "=", cast.users.otherCoach.id)
      .execute();
    expect(denials).toHaveLength(endpoints().filter((ep) => !ep.allowed.includes("otherCoach")).length);
  });

  it("lets the allowed roles through", async () => {
    for (const ep of endpoints()) {
      for (const who of ep.allowed) {
        const res = await send(cast.as[who], ep);
        // The first allowed role's POST of a new scale took its code; the next is told so.
        const taken = ep.url.endsWith("/rating-instruments") && ep.method === "POST" ? [400] : [];
        expect([200, 201, 409, ...taken], `${who} ${ep.method} ${ep.url}: ${res.body}`).toContain(res.statusCode);
      }
    }
  });
});
