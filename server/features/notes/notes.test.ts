import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Note } from "../../../schemas/notes.ts";
import type { Enrolment } from "../../../schemas/participants.ts";
import { makeTestApp, type TestApp } from "../../test/app.ts";
import { aProjectWithStaff } from "../../test/factories.ts";
import { anEnrolment, auditOf, expectStatus } from "../../test/participants.ts";

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

const write = async (body: string): Promise<Note> => expectStatus(await cast.as.coach.post(`/api/enrolments/${e.id}/notes`, { body }), 201);
const sign = async (n: Note): Promise<Note> => expectStatus(await cast.as.coach.post(`/api/notes/${n.id}/sign`, { version: n.version }), 200);
const list = async (as = cast.as.coach): Promise<Note[]> => expectStatus(await as.get(`/api/enrolments/${e.id}/notes`), 200).notes;

describe("journal notes", () => {
  it("writes a draft with author and time, lets the author edit it, and signs it", async () => {
    const draft = await write("Första samtalet om mål.");
    expect(draft).toMatchObject({ status: "draft", authorId: cast.users.coach.id, authorName: cast.users.coach.name, signedAt: null, mine: true, version: 1 });
    expect(Date.now() - Date.parse(draft.createdAt)).toBeLessThan(60_000);
    const edited: Note = expectStatus(await cast.as.coach.patch(`/api/notes/${draft.id}`, { version: 1, body: "Första samtalet om mål och intressen." }), 200);
    expect(edited).toMatchObject({ body: "Första samtalet om mål och intressen.", version: 2 });
    const signed = await sign(edited);
    expect(signed).toMatchObject({ status: "signed", version: 3 });
    expect(signed.signedAt).not.toBeNull();
    expect((await auditOf(t.db, "note.create", e.personId)).length).toBeGreaterThan(0);
    const [signEntry] = await auditOf(t.db, "note.sign", e.personId);
    expect(signEntry).toMatchObject({ actor_id: cast.users.coach.id, project_id: cast.project.id, subject_type: "person" });
  });

  it("answers 409 with the current note when the draft was changed meanwhile", async () => {
    const draft = await write("Utkast");
    expectStatus(await cast.as.coach.patch(`/api/notes/${draft.id}`, { version: 1, body: "Ändrat först" }), 200);
    const stale = expectStatus(await cast.as.coach.patch(`/api/notes/${draft.id}`, { version: 1, body: "Ändrat sedan" }), 409);
    expect(stale.error.current).toMatchObject({ id: draft.id, body: "Ändrat först", version: 2 });
    expectStatus(await cast.as.coach.post(`/api/notes/${draft.id}/sign`, { version: 1 }), 409);
  });

  it("refuses every change and removal of a signed note through the API", async () => {
    const signed = await sign(await write("Signerad text"));
    const edit = expectStatus(await cast.as.coach.patch(`/api/notes/${signed.id}`, { version: signed.version, body: "Försök att ändra" }), 409);
    expect(edit.error.message).toMatch(/rättelse/);
    expectStatus(await cast.as.coach.post(`/api/notes/${signed.id}/sign`, { version: signed.version }), 409);
    expectStatus(await cast.as.coach.delete(`/api/notes/${signed.id}`), 409);
    expectStatus(await cast.as.manager.patch(`/api/notes/${signed.id}`, { version: signed.version, body: "Projektledaren försöker" }), 409);
    const row = await t.db.selectFrom("journal_notes").select(["body", "version", "status"]).where("id", "=", signed.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ body: "Signerad text", version: signed.version, status: "signed" });
  });

  it("and the database refuses them too, whatever the application does", async () => {
    const signed = await sign(await write("Skyddad av databasen"));
    await expect(sql`UPDATE journal_notes SET body = 'ändrad' WHERE id = ${signed.id}`.execute(t.db)).rejects.toThrow(/signed/);
    await expect(sql`UPDATE journal_notes SET status = 'draft', signed_at = NULL WHERE id = ${signed.id}`.execute(t.db)).rejects.toThrow(/signed/);
    await expect(sql`DELETE FROM journal_notes WHERE id = ${signed.id}`.execute(t.db)).rejects.toThrow(/signed/);
    await expect(sql`TRUNCATE journal_notes`.execute(t.db)).rejects.toThrow(/truncated/);
    const row = await t.db.selectFrom("journal_notes").select("body").where("id", "=", signed.id).executeTakeFirstOrThrow();
    expect(row.body).toBe("Skyddad av databasen");
    // A correction can only point at a signed note, also when inserted directly.
    const draft = await write("Ett utkast");
    await expect(
      sql`INSERT INTO journal_notes (enrolment_id, author_id, body, corrects_id) VALUES (${e.id}, ${cast.users.coach.id}, 'x', ${draft.id})`.execute(t.db),
    ).rejects.toThrow(/signed note/);
  });

  it("corrects a signed note with a new note that refers to it; both stay visible and the original is marked", async () => {
    const original = await sign(await write("Deltagaren har körkort."));
    const draftCorrection: Note = expectStatus(
      await cast.as.coach.post(`/api/notes/${original.id}/corrections`, { body: "Rättelse: deltagaren har inte körkort, men övningskör." }),
      201,
    );
    expect(draftCorrection).toMatchObject({ correctsId: original.id, status: "draft" });
    // Until the correction is signed, the original is not marked corrected.
    expect((await list()).find((n) => n.id === original.id)?.correctedBy).toEqual([]);
    const correction = await sign(draftCorrection);
    const notes = await list(cast.as.manager);
    const shownOriginal = notes.find((n) => n.id === original.id);
    const shownCorrection = notes.find((n) => n.id === correction.id);
    expect(shownOriginal).toMatchObject({ body: "Deltagaren har körkort.", status: "signed", correctedBy: [correction.id] });
    expect(shownCorrection).toMatchObject({ correctsId: original.id, status: "signed", authorName: cast.users.coach.name });
    const [entry] = await auditOf(t.db, "note.correct", e.personId);
    expect(entry?.details).toMatchObject({ correctsId: original.id, noteId: correction.id });
  });

  it("refuses to correct a draft (a draft is edited directly)", async () => {
    const draft = await write("Utkast att rätta");
    expectStatus(await cast.as.coach.post(`/api/notes/${draft.id}/corrections`, { body: "Rättelse" }), 409);
  });

  it("keeps a draft to its author: others neither see nor change it, and only the author can throw it away", async () => {
    const draft = await write("Privat utkast");
    expect((await list(cast.as.manager)).some((n) => n.id === draft.id)).toBe(false);
    expectStatus(await cast.as.manager.patch(`/api/notes/${draft.id}`, { version: 1, body: "Inte mitt" }), 404);
    expectStatus(await cast.as.manager.post(`/api/notes/${draft.id}/sign`, { version: 1 }), 404);
    expectStatus(await cast.as.manager.delete(`/api/notes/${draft.id}`), 404);
    expect((await cast.as.coach.delete(`/api/notes/${draft.id}`)).statusCode).toBe(204);
    expect(await t.db.selectFrom("journal_notes").select("id").where("id", "=", draft.id).execute()).toEqual([]);
    expect(await auditOf(t.db, "note.delete", e.personId)).toHaveLength(1);
  });

  it("names the field when the text is missing or too long", async () => {
    const empty = expectStatus(await cast.as.coach.post(`/api/enrolments/${e.id}/notes`, { body: "  " }), 400);
    expect(empty.error.fields.body).toBe("Skriv anteckningen");
    const long = expectStatus(await cast.as.coach.post(`/api/enrolments/${e.id}/notes`, { body: "x".repeat(20001) }), 400);
    expect(long.error.fields.body).toMatch(/20 000/);
  });

  it("logs every read of the notes", async () => {
    const before = (await auditOf(t.db, "person.read", e.personId)).length;
    await list();
    const after = await auditOf(t.db, "person.read", e.personId);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)?.details).toMatchObject({ section: "notes", enrolmentId: e.id });
  });

  it("shows notes on the timeline as written/signed, without their text", async () => {
    const timeline = expectStatus(await cast.as.coach.get(`/api/enrolments/${e.id}/timeline`), 200).events;
    const noteEvents = timeline.filter((ev: { kind: string }) => ev.kind === "note");
    expect(noteEvents.length).toBeGreaterThan(0);
    expect(JSON.stringify(timeline)).not.toContain("körkort");
  });
});
