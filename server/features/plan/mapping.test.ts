import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Enrolment } from "../../../schemas/participants.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, auditOf, daysFromToday, expectStatus } from "../../test/participants.ts";

let t: TestApp;
let cast: Awaited<ReturnType<typeof aProjectWithStaff>>;
let e: Enrolment;
beforeAll(async () => {
  t = await makeTestApp();
  cast = await aProjectWithStaff(t.app, t.db);
  e = await anEnrolment(cast.as.coach, cast.project.id);
});
afterAll(async () => {
  await t?.close();
});

const sections = (extra: Record<string, string> = {}) => ({
  goals: "Vill arbeta inom restaurang på heltid.",
  interests: "Matlagning och bakning.",
  situation: "Bor med sin syster, har försörjningsstöd.",
  competences: "Har jobbat i kök i två år i hemlandet.",
  resources: "Social, punktlig.",
  needs: "Svenska i tal och skrift.",
  network: "Syster och en vän från SFI.",
  housing: "Andrahandskontrakt till sommaren.",
  economy: "Försörjningsstöd.",
  ...extra,
});
const sensitive = { health: "Ryggbesvär vid tunga lyft.", violence: { answer: "no", note: "Frågan ställd vid andra träffen.", askedOn: daysFromToday(-10) } };
const url = () => `/api/enrolments/${e.id}/mapping`;

describe("mapping", () => {
  it("starts empty at version 0", async () => {
    const m = expectStatus(await cast.as.coach.get(url()), 200);
    expect(m).toMatchObject({ number: 0, version: 0, trades: [], versions: [], canSeeSensitive: true });
    expect(m.sections.goals).toBeNull();
  });

  it("saves a first version with normalised trades and the sensitive sections, and audits it without their text", async () => {
    const body = { version: 0, sections: sections(), trades: ["Restaurang", " lager ", "restaurang", "Storkök  Diskning"], sensitive };
    const m = expectStatus(await cast.as.coach.put(url(), body), 200);
    expect(m).toMatchObject({ number: 1, version: 1, trades: ["restaurang", "lager", "storkök diskning"], createdByName: cast.users.coach.name });
    expect(m.sections).toEqual(sections());
    expect(m).not.toHaveProperty("sensitive");
    const [entry] = await auditOf(t.db, "mapping.save", e.personId);
    expect(entry?.details).toMatchObject({ enrolmentId: e.id, version: 1, sensitiveEdited: true });
    expect(entry?.details?.changedSections).toEqual(expect.arrayContaining(["goals", "trades", "health", "violence"]));
    expect(JSON.stringify(entry?.details)).not.toContain("Ryggbesvär");
  });

  it("keeps every version: a second save adds version 2 and version 1 still reads as it was", async () => {
    const body = { version: 1, sections: sections({ goals: "Vill bli kock." }), trades: ["restaurang"] };
    const m = expectStatus(await cast.as.coach.put(url(), body), 200);
    expect(m.number).toBe(2);
    expect(m.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const v1 = expectStatus(await cast.as.coach.get(`${url()}?version=1`), 200);
    expect(v1).toMatchObject({ number: 1, version: 2, trades: ["restaurang", "lager", "storkök diskning"] });
    expect(v1.sections.goals).toBe("Vill arbeta inom restaurang på heltid.");
    expect((await cast.as.coach.get(`${url()}?version=9`)).statusCode).toBe(404);
  });

  it("carries the sensitive sections over when a save leaves them out", async () => {
    const s = expectStatus(await cast.as.coach.get(`${url()}/sensitive`), 200);
    expect(s).toEqual({ enrolmentId: e.id, number: 2, sensitive });
  });

  it("answers 409 with the current mapping to a save based on an old version, and saves nothing", async () => {
    const res = await cast.as.manager.put(url(), { version: 1, sections: sections({ goals: "Gammal ändring" }), trades: [] });
    const body = expectStatus(res, 409);
    expect(body.error.code).toBe("conflict");
    expect(body.error.current).toMatchObject({ number: 2, version: 2 });
    expect(body.error.current.sections.goals).toBe("Vill bli kock.");
    const count = await t.db.selectFrom("mapping_versions").select("id").where("enrolment_id", "=", e.id).execute();
    expect(count).toHaveLength(2);
  });

  it("refuses to change or remove a saved version in the database", async () => {
    await expect(t.db.updateTable("mapping_versions").set({ health: "ändrad" }).where("enrolment_id", "=", e.id).execute()).rejects.toThrow(/saved version/);
    await expect(t.db.deleteFrom("mapping_versions").where("enrolment_id", "=", e.id).execute()).rejects.toThrow(/saved version and cannot be removed/);
    await expect(sql`TRUNCATE mapping_versions CASCADE`.execute(t.db)).rejects.toThrow(/saved version and cannot be removed/);
    expect((await t.db.selectFrom("mapping_versions").select("id").where("enrolment_id", "=", e.id).execute()).length).toBeGreaterThan(0);
  });

  it("validates the violence question: a date is needed with an answer, and the answer is yes/no/declined", async () => {
    const res = await cast.as.coach.put(url(), { version: 2, sections: sections(), trades: [], sensitive: { health: null, violence: { answer: "yes" } } });
    expect(expectStatus(res, 400).error.fields).toHaveProperty(["sensitive.violence.askedOn"]);
    const res2 = await cast.as.coach.put(url(), {
      version: 2,
      sections: sections(),
      trades: [],
      sensitive: { health: null, violence: { answer: "kanske", askedOn: daysFromToday(0) } },
    });
    expect(expectStatus(res2, 400).error.fields?.["sensitive.violence.answer"]).toMatch(/ja, nej/);
  });
});

describe("the sensitive sections", () => {
  it("a coach without the sensitive permission reads the rest, but gets 403 for health and violence", async () => {
    const m = expectStatus(await cast.as.coachWithoutSensitive.get(url()), 200);
    expect(m.canSeeSensitive).toBe(false);
    expect(m.sections.goals).toBe("Vill bli kock.");
    expect(JSON.stringify(m)).not.toContain("Ryggbesvär");
    const res = await cast.as.coachWithoutSensitive.get(`${url()}/sensitive`);
    expect(expectStatus(res, 403).error.code).toBe("forbidden");
    const version1 = await cast.as.coachWithoutSensitive.get(`${url()}/sensitive?version=1`);
    expect(version1.statusCode).toBe(403);
  });

  it("a coach without the permission may save the ordinary sections, which keeps health and violence, but not change them", async () => {
    const withSensitive = await cast.as.coachWithoutSensitive.put(url(), { version: 2, sections: sections(), trades: [], sensitive });
    expect(withSensitive.statusCode).toBe(403);
    const m = expectStatus(await cast.as.coachWithoutSensitive.put(url(), { version: 2, sections: sections({ needs: "Körkort" }), trades: ["lager"] }), 200);
    expect(m.number).toBe(3);
    const s = expectStatus(await cast.as.coach.get(`${url()}/sensitive`), 200);
    expect(s).toEqual({ enrolmentId: e.id, number: 3, sensitive });
  });

  it("logs every opening of the sensitive sections, with who and which version, and logs the denials", async () => {
    const before = (await auditOf(t.db, "person.sensitive.read", e.personId)).length;
    expectStatus(await cast.as.manager.get(`${url()}/sensitive?version=1`), 200);
    const entries = await auditOf(t.db, "person.sensitive.read", e.personId);
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ actor_id: cast.users.manager.id, project_id: cast.project.id, outcome: "ok" });
    expect(entries.at(-1)?.details).toMatchObject({ enrolmentId: e.id, sections: ["health", "violence"], version: 1 });
    const denied = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "access.denied")
      .where("actor_id", "=", cast.users.coachWithoutSensitive.id)
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(3);
  });

  it("logs each ordinary read of the mapping (three so far; the 404 read nothing) as a person read with the section", async () => {
    const reads = await t.db
      .selectFrom("audit_log")
      .select(["details", "actor_id"])
      .where("action", "=", "person.read")
      .where("subject_id", "=", e.personId)
      .execute();
    expect(reads.filter((r) => r.details?.section === "mapping")).toHaveLength(3);
  });
});
