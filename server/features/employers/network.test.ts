import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Activity } from "../../../schemas/activities.ts";
import type { EmployerDetail, EmployerList, SuggestionList, WeeklyContacts } from "../../../schemas/employers.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProject, aProjectWithStaff, aUser, type Session, signIn } from "../../test/factories.ts";
import { anEnrolment, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";
import { todayInSweden } from "../participants/dates.ts";
import { anEmployer, employerUrl } from "./fixtures.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let projectId: string;
/** A coach of a second project in the same organisation: shares the employers, not the participants. */
let neighbour: Session;
let neighbourProject: string;

beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  projectId = cast.project.id;
  const p = await aProject(t.db, { unitId: cast.project.unitId });
  neighbourProject = p.id;
  const u = await aUser(t.db, { projects: [{ projectId: p.id, role: "coach", sensitiveAccess: true }] });
  neighbour = await signIn(t.app, u.email);
});
afterAll(async () => {
  await t?.close();
});

const activity = (enrolmentId: string, body: Record<string, unknown>) => cast.as.coach.post(`/api/enrolments/${enrolmentId}/activities`, body);

async function placeAt(employerId: string, kind: "ended" | "employment" | "interrupted" | "ongoing", extra: Record<string, unknown> = {}) {
  const e = await anEnrolment(cast.as.coach, projectId, { startDate: daysFromToday(-200) });
  const internship = {
    type: "praktik",
    startDate: daysFromToday(-180),
    employerId,
    ...(kind === "ongoing" ? { status: "ongoing" } : { status: kind === "interrupted" ? "interrupted" : "ended", endDate: daysFromToday(-90) }),
    ...(kind === "interrupted" && { interruptedReason: "Passade inte" }),
    ...extra,
  };
  const a: Activity = expectStatus(await activity(e.id, internship), 201);
  if (kind === "employment") {
    expectStatus(
      await activity(e.id, {
        type: "anstallning",
        startDate: daysFromToday(-89),
        status: "ongoing",
        employerId,
        details: { kind: "employment", form: "wage_subsidy", employer: "external" },
      }),
      201,
    );
  }
  return { enrolment: e, activity: a };
}

describe("activities linked to the network", () => {
  it("accepts an employer with its workplace and supervisor, and refuses a workplace or supervisor of another employer", async () => {
    const emp = await anEmployer(cast.as.coach, projectId, { name: "Länkad AB" });
    const other = await anEmployer(cast.as.coach, projectId, { name: "Fel AB" });
    const w = expectStatus(await cast.as.coach.post(`${employerUrl(projectId, emp.id)}/workplaces`, { name: "Köket" }), 201);
    const s = expectStatus(await cast.as.coach.post(`${employerUrl(projectId, emp.id)}/contacts`, { name: "Sam Handledare", isSupervisor: true }), 201);
    const wrongW = expectStatus(await cast.as.coach.post(`${employerUrl(projectId, other.id)}/workplaces`, { name: "Lagret" }), 201);
    const wrongS = expectStatus(await cast.as.coach.post(`${employerUrl(projectId, other.id)}/contacts`, { name: "Alex Annan" }), 201);
    const e = await anEnrolment(cast.as.coach, projectId);
    const base = { type: "praktik", startDate: daysFromToday(-5), status: "ongoing" };

    const a: Activity = expectStatus(await activity(e.id, { ...base, employerId: emp.id, workplaceId: w.id, supervisorId: s.id }), 201);
    expect(a).toMatchObject({ employerId: emp.id, workplaceId: w.id, supervisorId: s.id });

    const badW = expectStatus(await activity(e.id, { ...base, employerId: emp.id, workplaceId: wrongW.id }), 400);
    expect(badW.error.fields.workplaceId).toMatch(/hör inte till/);
    const badS = expectStatus(await activity(e.id, { ...base, employerId: emp.id, supervisorId: wrongS.id }), 400);
    expect(badS.error.fields.supervisorId).toMatch(/hör inte till/);
    expectStatus(await activity(e.id, { ...base, workplaceId: w.id }), 400);
    // Moving the activity to the other employer while keeping the workplace is refused too.
    const moved = expectStatus(await cast.as.coach.patch(`/api/activities/${a.id}`, { version: a.version, employerId: other.id }), 400);
    expect(moved.error.fields.workplaceId).toBeTruthy();
    const cleared = expectStatus(
      await cast.as.coach.patch(`/api/activities/${a.id}`, { version: a.version, employerId: other.id, workplaceId: wrongW.id, supervisorId: null }),
      200,
    );
    expect(cleared).toMatchObject({ employerId: other.id, workplaceId: wrongW.id, supervisorId: null });
    // Another organisation's employer cannot be linked.
    const foreign = await anEmployer(cast.as.otherCoach, cast.other.id, { name: "Utsocknes AB" });
    expectStatus(await activity(e.id, { ...base, employerId: foreign.id }), 400);
  });
});

describe("placement history", () => {
  it("derives outcomes, and shows names only to users who may read the participant", async () => {
    const emp = await anEmployer(cast.as.coach, projectId, { name: "Historik AB" });
    const ended = await placeAt(emp.id, "ended");
    await placeAt(emp.id, "employment");
    await placeAt(emp.id, "interrupted");
    await placeAt(emp.id, "ongoing");
    const page: EmployerDetail = expectStatus(await cast.as.coach.get(employerUrl(projectId, emp.id)), 200);
    expect(page.placements.map((p) => p.outcome).sort()).toEqual(["employment", "employment", "ended_as_planned", "interrupted", "ongoing"]);
    expect(page.placements.every((p) => p.participantName !== null)).toBe(true);
    expect(page.placementCounts).toEqual({ total: 5, hidden: 0 });
    const reads = await auditOf(t.db, "person.read", ended.enrolment.personId);
    expect(reads.at(-1)?.details).toMatchObject({ section: "employer placements", employerId: emp.id });

    const seen: EmployerDetail = expectStatus(await neighbour.get(employerUrl(neighbourProject, emp.id)), 200);
    expect(seen.placements).toHaveLength(5);
    expect(seen.placements.every((p) => p.participantName === null && p.enrolmentId === null)).toBe(true);
    expect(seen.placementCounts).toEqual({ total: 5, hidden: 5 });
    expect(JSON.stringify(seen)).not.toContain(ended.enrolment.personId);
  });

  it("never names a person with protected identity, even to their own coach", async () => {
    const emp = await anEmployer(cast.as.coach, projectId, { name: "Skyddad AB" });
    const e = await anEnrolment(cast.as.coach, projectId, { startDate: daysFromToday(-100), person: { protectedIdentity: true, birthDate: "1999-05-05" } });
    expectStatus(await activity(e.id, { type: "praktik", startDate: daysFromToday(-90), status: "ongoing", employerId: emp.id }), 201);
    const page: EmployerDetail = expectStatus(await cast.as.coach.get(employerUrl(projectId, emp.id)), 200);
    expect(page.placements).toEqual([expect.objectContaining({ participantName: null, enrolmentId: null, outcome: "ongoing" })]);
    expect(page.placementCounts).toEqual({ total: 1, hidden: 1 });
  });
});

describe("finding a place", () => {
  it("filters by trade, sector, area and earlier outcomes, and suggests employers with successes in the trades", async () => {
    const cafe = await anEmployer(cast.as.coach, projectId, { name: "Kafé Solen", trades: ["Restaurang", "kafé"], sector: "private" });
    const kitchen = await anEmployer(cast.as.coach, projectId, { name: "Storköket", trades: ["restaurang"], sector: "municipal" });
    const care = await anEmployer(cast.as.coach, projectId, { name: "Vårdhemmet", trades: ["äldreomsorg"], sector: "municipal" });
    const resting = await anEmployer(cast.as.coach, projectId, { name: "Vilande Krog", trades: ["restaurang"], status: "resting" });
    await cast.as.coach.post(`${employerUrl(projectId, kitchen.id)}/workplaces`, { name: "Köket", postalTown: "Älvby", district: "Norrmalm" });
    await placeAt(cafe.id, "ended", { trade: "Restaurang" });
    await placeAt(kitchen.id, "employment");
    await placeAt(kitchen.id, "employment");
    await placeAt(care.id, "interrupted");
    await placeAt(resting.id, "employment");

    const search = async (body: Record<string, unknown>) =>
      (expectStatus(await cast.as.coach.post(`/api/projects/${projectId}/employers/search`, body), 200) as EmployerList).employers.map((e) => e.name);
    expect(await search({ trades: ["RESTAURANG"] })).toEqual(["Kafé Solen", "Storköket", "Vilande Krog"]);
    expect(await search({ trades: ["restaurang"], sector: "municipal" })).toEqual(["Storköket"]);
    expect(await search({ area: "norrmalm" })).toEqual(["Storköket"]);
    expect(await search({ q: "solen" })).toEqual(["Kafé Solen"]);
    expect(await search({ trades: ["restaurang", "äldreomsorg"], outcome: "interrupted" })).toEqual(["Vårdhemmet"]);
    expect(await search({ trades: ["restaurang"], outcome: "employment", status: "active" })).toEqual(["Storköket"]);
    const list: EmployerList = expectStatus(await cast.as.coach.post(`/api/projects/${projectId}/employers/search`, { q: "Storköket" }), 200);
    expect(list.employers[0]).toMatchObject({ placements: 2, successes: 2, employments: 2, areas: ["Älvby", "Norrmalm"] });
    expect(list.trades).toEqual(expect.arrayContaining(["kafé", "restaurang", "äldreomsorg"]));

    const suggested: SuggestionList = expectStatus(
      await cast.as.coach.post(`/api/projects/${projectId}/employers/suggest`, { trades: ["Restaurang", "Äldreomsorg"] }),
      200,
    );
    expect(suggested.suggestions.map((s) => [s.name, s.successesInTrades])).toEqual([
      ["Storköket", 2],
      ["Kafé Solen", 1],
    ]);
    expect(suggested.suggestions[0]?.matchedTrades).toEqual(["restaurang"]);
    const empty = expectStatus(await cast.as.coach.post(`/api/projects/${projectId}/employers/suggest`, { trades: [" "] }), 400);
    expect(empty.error.fields.trades).toBeTruthy();
  });
});

describe("contact log and the weekly figure", () => {
  it("counts employer contacts per coach per ISO week in the project", async () => {
    const fresh = await aProjectWithStaff(t.app, t.db);
    const pid = fresh.project.id;
    const emp = await anEmployer(fresh.as.coach, pid, { name: "Kontakt AB" });
    const c = expectStatus(await fresh.as.coach.post(`${employerUrl(pid, emp.id)}/contacts`, { name: "Robin Chef" }), 201);
    const log = (as: Session, body: Record<string, unknown>) => as.post(`${employerUrl(pid, emp.id)}/contact-log`, body);
    const today = todayInSweden();
    const monday = (() => {
      const d = new Date(`${today}T12:00:00Z`);
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      return d.toISOString().slice(0, 10);
    })();
    const shift = (date: string, days: number) => {
      const d = new Date(`${date}T12:00:00Z`);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    };
    const entry = expectStatus(
      await log(fresh.as.coach, { kind: "call", occurredOn: monday, contactId: c.id, outcome: "Kan ta emot en praktikant i maj" }),
      201,
    );
    expect(entry).toMatchObject({ coachId: fresh.users.coach.id, contactName: "Robin Chef", projectId: pid });
    expectStatus(await log(fresh.as.coach, { kind: "visit", occurredOn: monday }), 201);
    expectStatus(await log(fresh.as.coach, { kind: "email", occurredOn: shift(monday, -1) }), 201); // Sunday: the week before
    expectStatus(await log(fresh.as.manager, { kind: "event", occurredOn: shift(monday, -14), outcome: "Företagsfrukost" }), 201);
    expectStatus(await log(fresh.as.manager, { kind: "call", occurredOn: shift(monday, -7 * 8) }), 201); // outside four weeks
    // Another project's contacts with the same employer do not count here.
    expectStatus(await neighbour.post(`${employerUrl(neighbourProject, emp.id)}/contact-log`, { kind: "call", occurredOn: monday }), 404);
    // The coach must be staff of the project; the contact must be the employer's.
    expectStatus(await log(fresh.as.coach, { kind: "call", occurredOn: monday, coachId: fresh.users.statistician.id }), 400);
    const stranger = await anEmployer(fresh.as.coach, pid, { name: "Främling AB" });
    const sc = expectStatus(await fresh.as.coach.post(`${employerUrl(pid, stranger.id)}/contacts`, { name: "Noa Främling" }), 201);
    expectStatus(await log(fresh.as.coach, { kind: "call", occurredOn: monday, contactId: sc.id }), 400);
    expectStatus(await log(fresh.as.coach, { kind: "fax", occurredOn: monday }), 400);

    const fig: WeeklyContacts = expectStatus(await fresh.as.manager.get(`/api/projects/${pid}/employer-contacts/weekly?weeks=4`), 200);
    expect(fig.weeks).toHaveLength(4);
    expect(fig.weeks[3]).toMatch(/^\d{4}-W\d{2}$/);
    const row = (id: string) => fig.coaches.find((x) => x.coachId === id);
    expect(row(fresh.users.coach.id)).toMatchObject({ counts: [0, 0, 1, 2], total: 3 });
    expect(row(fresh.users.manager.id)).toMatchObject({ counts: [0, 1, 0, 0], total: 1 });
    expect(row(fresh.users.coachWithoutSensitive.id)).toMatchObject({ counts: [0, 0, 0, 0], total: 0 });
    expect(fig.totals).toEqual([0, 1, 1, 2]);
    const audit = await auditOf(t.db, "employer.contact_log.create", emp.id);
    expect(audit).toHaveLength(5);
  });
});

describe("merging duplicates", () => {
  it("moves workplaces, contacts, contact log and placements to the kept employer in one go, and audits it", async () => {
    const kept = await anEmployer(cast.as.coach, projectId, { name: "Bygg & Måleri AB", trades: ["bygg"], organisationNumber: null });
    const dup = await anEmployer(cast.as.coach, projectId, { name: "Bygg och Måleri", trades: ["måleri"], notes: "Ring före nio" });
    const w = expectStatus(await cast.as.coach.post(`${employerUrl(projectId, dup.id)}/workplaces`, { name: "Verkstaden" }), 201);
    const c = expectStatus(await cast.as.coach.post(`${employerUrl(projectId, dup.id)}/contacts`, { name: "Eli Byggare", workplaceId: w.id }), 201);
    expectStatus(
      await cast.as.coach.post(`${employerUrl(projectId, dup.id)}/contact-log`, { kind: "visit", occurredOn: daysFromToday(-3), contactId: c.id }),
      201,
    );
    const placed = await placeAt(dup.id, "ended", { workplaceId: w.id, supervisorId: c.id });

    const url = `${employerUrl(projectId, kept.id)}/merge`;
    expectStatus(await cast.as.coach.post(url, { version: kept.version, duplicateId: dup.id, duplicateVersion: dup.version }), 403);
    expectStatus(await cast.as.manager.post(url, { version: kept.version + 1, duplicateId: dup.id, duplicateVersion: dup.version }), 409);
    expectStatus(await cast.as.manager.post(url, { version: kept.version, duplicateId: dup.id, duplicateVersion: dup.version + 1 }), 409);
    expectStatus(await cast.as.manager.post(url, { version: kept.version, duplicateId: kept.id, duplicateVersion: kept.version }), 400);

    const res = expectStatus(await cast.as.manager.post(url, { version: kept.version, duplicateId: dup.id, duplicateVersion: dup.version }), 200);
    expect(res.moved).toEqual({ workplaces: 1, contacts: 1, contactLog: 1, placements: 1 });
    expect(res.employer).toMatchObject({
      trades: ["bygg", "måleri"],
      organisationNumber: dup.organisationNumber,
      notes: "Ring före nio",
      version: kept.version + 1,
    });

    expectStatus(await cast.as.manager.get(employerUrl(projectId, dup.id)), 404);
    const page: EmployerDetail = expectStatus(await cast.as.manager.get(employerUrl(projectId, kept.id)), 200);
    expect(page.workplaces.map((x) => x.id)).toEqual([w.id]);
    expect(page.contacts.map((x) => x.id)).toEqual([c.id]);
    expect(page.contactLog).toHaveLength(1);
    expect(page.placements.map((p) => [p.activityId, p.workplaceName, p.supervisorName])).toEqual([[placed.activity.id, "Verkstaden", "Eli Byggare"]]);

    const [entry] = await auditOf(t.db, "employer.merge", kept.id);
    expect(entry).toMatchObject({
      actor_id: cast.users.manager.id,
      project_id: projectId,
      details: { removed: { id: dup.id, name: "Bygg och Måleri" }, moved: res.moved, activityIds: [placed.activity.id] },
    });
  });

  it("counts an employer's successes per trade when the employer has two trades", async () => {
    const both = await anEmployer(cast.as.coach, projectId, { name: "Dubbelbranschen AB", trades: ["storkök", "lokalvård"] });
    const single = await anEmployer(cast.as.coach, projectId, { name: "Enbranschen AB", trades: ["lokalvård"] });
    await placeAt(both.id, "ended", { trade: "Storkök" });
    await placeAt(both.id, "employment", { trade: "storkök" });
    await placeAt(both.id, "ended", { trade: "lokalvård" });
    await placeAt(both.id, "interrupted", { trade: "lokalvård" });
    // Recorded without a trade: unknown at an employer of two trades, the only trade at an employer of one.
    await placeAt(both.id, "ended");
    await placeAt(single.id, "ended");
    const suggest = async (trades: string[]) =>
      (expectStatus(await cast.as.coach.post(`/api/projects/${projectId}/employers/suggest`, { trades }), 200) as SuggestionList).suggestions
        .filter((x) => x.id === both.id || x.id === single.id)
        .map((x) => [x.name, x.successesInTrades]);
    expect(await suggest(["storkök"])).toEqual([["Dubbelbranschen AB", 2]]);
    expect(await suggest(["lokalvård"])).toEqual([
      ["Dubbelbranschen AB", 1],
      ["Enbranschen AB", 1],
    ]);
    expect(await suggest(["storkök", "lokalvård"])).toEqual([
      ["Dubbelbranschen AB", 3],
      ["Enbranschen AB", 1],
    ]);
    // The trade must be one of the employer's, and needs an employer.
    const e = await anEnrolment(cast.as.coach, projectId);
    const base = { type: "praktik", startDate: daysFromToday(-5), status: "ongoing" };
    const wrong = expectStatus(await activity(e.id, { ...base, employerId: single.id, trade: "storkök" }), 400);
    expect(wrong.error.fields.trade).toMatch(/lokalvård/);
    expectStatus(await activity(e.id, { ...base, trade: "lokalvård" }), 400);
    const a: Activity = expectStatus(await activity(e.id, { ...base, employerId: both.id, trade: " Lokalvård " }), 201);
    expect(a.trade).toBe("lokalvård");
  });
});
