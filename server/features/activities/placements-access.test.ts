import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff, type Session } from "../../test/factories.ts";
import { anEnrolment, daysFromToday, expectStatus } from "../../test/participants.ts";

/** Who may not, for every endpoint of checklists, follow-ups, tasks and the work list; bodies are valid. */
type Endpoint = { method: "GET" | "POST" | "PATCH" | "PUT"; url: string; body?: unknown; managerOnly?: boolean };

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
const ids = { project: "", enrolment: "", activity: "", item: "", templateItem: "", followUp: "", task: "" };
let templateVersion = 0;
let templateItemIds: string[] = [];

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  ids.project = cast.project.id;
  ids.enrolment = (await anEnrolment(cast.as.coach, cast.project.id, { startDate: daysFromToday(-60) })).id;
  ids.activity = expectStatus(
    await cast.as.coach.post(`/api/enrolments/${ids.enrolment}/activities`, { type: "praktik", startDate: daysFromToday(-20), status: "ongoing" }),
    201,
  ).id;
  ids.item = expectStatus(await cast.as.coach.get(`/api/enrolments/${ids.enrolment}/checklists`), 200).checklists[0].items[0].id;
  ids.followUp = expectStatus(await cast.as.coach.get(`/api/enrolments/${ids.enrolment}/follow-ups`), 200).followUps[0].id;
  const tpl = expectStatus(await cast.as.manager.get(`/api/projects/${ids.project}/checklist-templates`), 200).templates.find(
    (x: { typeCode: string }) => x.typeCode === "praktik",
  );
  ids.templateItem = tpl.items[0].id;
  templateVersion = tpl.version;
  templateItemIds = tpl.items.map((i: { id: string }) => i.id);
  const visit = expectStatus(
    await cast.as.coach.post(`/api/enrolments/${ids.enrolment}/activities`, {
      type: "studiebesok",
      startDate: daysFromToday(-2),
      endDate: daysFromToday(-2),
      status: "ended",
    }),
    201,
  );
  ids.task = (await t.db.selectFrom("tasks").select("id").where("activity_id", "=", visit.id).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t?.close();
});

const endpoints = (): Endpoint[] => [
  { method: "GET", url: `/api/projects/${ids.project}/checklist-templates` },
  {
    method: "PUT",
    url: `/api/projects/${ids.project}/checklist-templates/praktik/order`,
    body: { version: templateVersion, itemIds: templateItemIds },
    managerOnly: true,
  },
  {
    method: "POST",
    url: `/api/projects/${ids.project}/checklist-templates/praktik/items`,
    body: { version: templateVersion, label: "Obehörigt steg" },
    managerOnly: true,
  },
  { method: "PATCH", url: `/api/checklist-template-items/${ids.templateItem}`, body: { version: templateVersion, label: "Obehörigt namn" }, managerOnly: true },
  { method: "GET", url: `/api/enrolments/${ids.enrolment}/checklists` },
  { method: "PATCH", url: `/api/checklist-items/${ids.item}`, body: { version: 1, done: true } },
  { method: "GET", url: `/api/projects/${ids.project}/follow-up-settings` },
  {
    method: "PUT",
    url: `/api/projects/${ids.project}/follow-up-settings`,
    body: { version: 0, rules: [{ anchor: "start", unit: "days", amount: 5 }] },
    managerOnly: true,
  },
  { method: "GET", url: `/api/enrolments/${ids.enrolment}/follow-ups` },
  { method: "PATCH", url: `/api/follow-ups/${ids.followUp}`, body: { version: 1, doneOn: daysFromToday(-1), how: "visit" } },
  { method: "POST", url: `/api/tasks/${ids.task}/done` },
  { method: "GET", url: `/api/projects/${ids.project}/work-list` },
];

const send = (as: Session | null, ep: Endpoint) => {
  const opts = { method: ep.method, url: ep.url, ...(ep.body !== undefined && { payload: ep.body as object }) };
  return as ? as.request(opts) : t.app.inject(opts);
};

const MINE = /checklist|follow-up|work-list|^\/api\/tasks\//;

describe("who may not use checklists, follow-ups, tasks and the work list", () => {
  it("covers every route", () => {
    const documented = Object.entries(t.app.swagger().paths ?? {})
      .filter(([path]) => MINE.test(path) && !path.includes("/reports/") && !path.includes("exit-follow-ups"))
      .flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    const template = (url: string) =>
      Object.values(ids)
        .reduce((u, id) => u.replace(id, "{id}"), url)
        .replace("/praktik/", "/{type}/");
    expect(
      endpoints()
        .map((ep) => `${ep.method} ${template(ep.url)}`)
        .sort(),
    ).toEqual(documented.sort());
  });

  it("answers 401 without a session", async () => {
    for (const ep of endpoints()) expect((await send(null, ep)).statusCode, `${ep.method} ${ep.url}`).toBe(401);
  });

  it("answers 403 to a coach of another project, the statistician, the participant and an admin, and to coaches for the manager's settings", async () => {
    for (const ep of endpoints()) {
      const refused = ["otherCoach", "statistician", "participant", "admin", ...(ep.managerOnly ? ["coach", "coachWithoutSensitive"] : [])] as const;
      for (const who of refused) {
        const res = await send(cast.as[who as keyof typeof cast.as], ep);
        expect(res.statusCode, `${who} ${ep.method} ${ep.url}: ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe("forbidden");
      }
    }
  });

  it("changed nothing and logged no reads for those refused", async () => {
    const x = t.db.withTables<{
      checklist_items: { id: string; done_on: string | null };
      placement_follow_ups: { id: string; done_on: string | null };
      checklist_template_items: { id: string; label: string };
      follow_up_settings: { project_id: string };
    }>();
    expect((await x.selectFrom("checklist_items").select("done_on").where("id", "=", ids.item).executeTakeFirstOrThrow()).done_on).toBeNull();
    expect((await x.selectFrom("placement_follow_ups").select("done_on").where("id", "=", ids.followUp).executeTakeFirstOrThrow()).done_on).toBeNull();
    expect((await x.selectFrom("checklist_template_items").select("label").where("id", "=", ids.templateItem).executeTakeFirstOrThrow()).label).not.toMatch(
      /Obehörig/,
    );
    expect(await x.selectFrom("follow_up_settings").select("project_id").where("project_id", "=", ids.project).execute()).toEqual([]);
    expect((await t.db.selectFrom("tasks").select("done_at").where("id", "=", ids.task).executeTakeFirstOrThrow()).done_at).toBeNull();
    const reads = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "in", ["person.read", "worklist.read"])
      .where("actor_id", "in", [cast.users.statistician.id, cast.users.admin.id, cast.users.otherCoach.id, cast.users.participant.id])
      .execute();
    expect(reads).toEqual([]);
    const denials = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "access.denied")
      .where("actor_id", "=", cast.users.otherCoach.id)
      .execute();
    expect(denials).toHaveLength(endpoints().length);
  });

  it("lets the manager through everywhere and the coach where staff may, logging their reads", async () => {
    for (const ep of endpoints()) {
      const res = await send(cast.as.manager, ep);
      // The template edits share one version: after the first, the others are stale (409), past the access check.
      expect([200, 201, 409], `manager ${ep.method} ${ep.url}: ${res.body}`).toContain(res.statusCode);
    }
    for (const ep of endpoints().filter((x) => !x.managerOnly && x.method === "GET")) {
      const res = await send(cast.as.coach, ep);
      expect(res.statusCode, `coach ${ep.method} ${ep.url}: ${res.body}`).toBe(200);
    }
    const reads = await t.db.selectFrom("audit_log").select(["action", "details"]).where("actor_id", "=", cast.users.manager.id).execute();
    expect(reads.filter((r) => r.action === "person.read").map((r) => r.details?.section)).toEqual(expect.arrayContaining(["checklists", "follow-ups"]));
    expect(reads.some((r) => r.action === "worklist.read")).toBe(true);
  });
});
