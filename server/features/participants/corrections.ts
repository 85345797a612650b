import {
  type Enrolment,
  type RemoveInput,
  RemoveInput as RemoveSchema,
  type UpdateExitInput,
  UpdateExitInput as UpdateExitSchema,
  type UpdateExtensionInput,
  UpdateExtensionInput as UpdateExtensionSchema,
  type UpdatePauseInput,
  UpdatePauseInput as UpdatePauseSchema,
} from "../../../schemas/participants.ts";
import type { Db } from "../../db/client.ts";
import { AppError, notFound } from "../../errors.ts";
import { resolveCode } from "../codes/service.ts";
import { addDays, daysInclusive } from "./dates.ts";
import { loadEnrolment } from "./enrolment-view.ts";
import { assertNoOverlap, audited, bad, resolveIncomes, versioned } from "./enrolments.ts";
import type { Ctx } from "./persons.ts";

/**
 * Corrections of what was recorded on an enrolment: a pause, an extension or the exit changed
 * or taken away. Each carries the enrolment's version, since these records are parts of the
 * enrolment: a stale one gets 409 with the enrolment as it is now.
 */

/** The enrolment a pause or an extension belongs to; 404 when there is none. */
export async function enrolmentOfPart(db: Db, table: "pauses" | "extensions", id: string): Promise<string> {
  const row = await db.selectFrom(table).select("enrolment_id").where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(table === "pauses" ? "Uppehållet" : "Förlängningen");
  return row.enrolment_id;
}

/** Days between two dates: positive when `to` is later. */
const daysBetween = (from: string, to: string) => daysInclusive(from, to) - 1;

// ----- pauses -----

export async function updatePause(db: Db, ctx: Ctx, pauseId: string, raw: UpdatePauseInput): Promise<Enrolment> {
  const input = UpdatePauseSchema.parse(raw);
  const before = await loadEnrolment(db, await enrolmentOfPart(db, "pauses", pauseId));
  const pause = before.pauses.find((p) => p.id === pauseId) as Enrolment["pauses"][number];
  const next = { fromDate: input.fromDate ?? pause.fromDate, toDate: input.toDate ?? pause.toDate, reason: input.reason ?? pause.reason };
  if (next.toDate < next.fromDate) throw bad("toDate", "Slutdatum kan inte vara före startdatum.");
  if (next.fromDate < before.startDate) throw bad("fromDate", `Uppehållet kan inte börja före inskrivningens start (${before.startDate}).`);
  if (before.exit && next.toDate > before.exit.exitDate) throw bad("toDate", `Uppehållet kan inte sluta efter avslutsdatum (${before.exit.exitDate}).`);
  const clash = before.pauses.find((p) => p.id !== pauseId && p.fromDate <= next.toDate && p.toDate >= next.fromDate);
  if (clash) throw bad("fromDate", `Uppehållet överlappar ett annat uppehåll (${clash.fromDate}–${clash.toDate}).`);
  await db.transaction().execute(async (tx) => {
    await versioned(tx, before.id, input.version, before);
    await tx.updateTable("pauses").set({ from_date: next.fromDate, to_date: next.toDate, reason: next.reason }).where("id", "=", pauseId).execute();
  });
  return audited(db, ctx, "enrolment.pause.update", before, { pauseId });
}

export async function removePause(db: Db, ctx: Ctx, pauseId: string, raw: RemoveInput): Promise<Enrolment> {
  const input = RemoveSchema.parse(raw);
  const before = await loadEnrolment(db, await enrolmentOfPart(db, "pauses", pauseId));
  await db.transaction().execute(async (tx) => {
    await versioned(tx, before.id, input.version, before);
    await tx.deleteFrom("pauses").where("id", "=", pauseId).execute();
  });
  return audited(db, ctx, "enrolment.pause.remove", before, { pauseId });
}

// ----- extensions -----

/**
 * Extensions form a chain: each moves the planned end from where the one before left it. They
 * are ordered by the end they give, which rises along the chain.
 */
function chainOf(e: Enrolment, extensionId: string) {
  const chain = [...e.extensions].sort((a, b) => a.newPlannedEnd.localeCompare(b.newPlannedEnd));
  const at = chain.findIndex((x) => x.id === extensionId);
  return { extension: chain[at] as Enrolment["extensions"][number], later: chain[at + 1] };
}

export async function updateExtension(db: Db, ctx: Ctx, extensionId: string, raw: UpdateExtensionInput): Promise<Enrolment> {
  const input = UpdateExtensionSchema.parse(raw);
  const before = await loadEnrolment(db, await enrolmentOfPart(db, "extensions", extensionId));
  const { extension: x, later } = chainOf(before, extensionId);
  const decidedOn = input.decidedOn ?? x.decidedOn;
  const newEnd = input.newPlannedEnd ?? x.newPlannedEnd;
  if (decidedOn < before.startDate) throw bad("decidedOn", `Beslutet kan inte vara före inskrivningens start (${before.startDate}).`);
  if (newEnd <= x.previousPlannedEnd) throw bad("newPlannedEnd", `Nytt planerat slut måste vara efter det tidigare (${x.previousPlannedEnd}).`);
  if (later && newEnd >= later.newPlannedEnd)
    throw bad("newPlannedEnd", `Nytt planerat slut måste vara före slutet som nästa förlängning ger (${later.newPlannedEnd}).`);
  const reason = input.reason !== undefined ? await resolveCode(db, before.projectId, "extension_reason", input.reason, "reason") : x.reason;
  await db.transaction().execute(async (tx) => {
    // The last extension sets the planned end; moving it moves the end by as many days (a start
    // changed since keeps its shift). An earlier one hands its new end on to the next one.
    const end = later ? {} : { planned_end_date: addDays(before.plannedEndDate, daysBetween(x.newPlannedEnd, newEnd)) };
    await versioned(tx, before.id, input.version, before, end);
    await tx
      .updateTable("extensions")
      .set({ decided_on: decidedOn, new_planned_end: newEnd, reason_code: reason, ...(input.note !== undefined && { note: input.note }) })
      .where("id", "=", extensionId)
      .execute();
    if (later) await tx.updateTable("extensions").set({ previous_planned_end: newEnd }).where("id", "=", later.id).execute();
  });
  return audited(db, ctx, "enrolment.extension.update", before, { extensionId });
}

export async function removeExtension(db: Db, ctx: Ctx, extensionId: string, raw: RemoveInput): Promise<Enrolment> {
  const input = RemoveSchema.parse(raw);
  const before = await loadEnrolment(db, await enrolmentOfPart(db, "extensions", extensionId));
  const { extension: x, later } = chainOf(before, extensionId);
  await db.transaction().execute(async (tx) => {
    // Without the last extension the planned end goes back by the days it gave; without an
    // earlier one, the next extension starts from where this one started.
    const end = later ? {} : { planned_end_date: addDays(before.plannedEndDate, -daysBetween(x.previousPlannedEnd, x.newPlannedEnd)) };
    await versioned(tx, before.id, input.version, before, end);
    await tx.deleteFrom("extensions").where("id", "=", extensionId).execute();
    if (later) await tx.updateTable("extensions").set({ previous_planned_end: x.previousPlannedEnd }).where("id", "=", later.id).execute();
  });
  return audited(db, ctx, "enrolment.extension.remove", before, { extensionId });
}

// ----- the exit -----

function requireExit(e: Enrolment): NonNullable<Enrolment["exit"]> {
  if (!e.exit) throw new AppError("conflict", "Inskrivningen har inget avslut att rätta.", { current: e });
  return e.exit;
}

/** Follow-ups recorded after the exit, earliest first. */
function followUpsOf(db: Db, enrolmentId: string) {
  return db.selectFrom("follow_ups").select(["months", "done_on"]).where("enrolment_id", "=", enrolmentId).orderBy("done_on").execute();
}

export async function updateExit(db: Db, ctx: Ctx, enrolmentId: string, raw: UpdateExitInput): Promise<Enrolment> {
  const input = UpdateExitSchema.parse(raw);
  const before = await loadEnrolment(db, enrolmentId);
  const exit = requireExit(before);
  const exitDate = input.exitDate ?? exit.exitDate;
  if (exitDate < before.startDate) throw bad("exitDate", `Avslutsdatum kan inte vara före startdatum (${before.startDate}).`);
  const lastPause = before.pauses.at(-1);
  if (lastPause && exitDate < lastPause.fromDate) throw bad("exitDate", `Avslutsdatum kan inte vara före ett registrerat uppehåll (${lastPause.fromDate}).`);
  const [firstFollowUp] = await followUpsOf(db, enrolmentId);
  if (firstFollowUp && exitDate > firstFollowUp.done_on)
    throw bad("exitDate", `Avslutsdatum kan inte vara efter uppföljningen som gjordes ${firstFollowUp.done_on}.`);
  const status = input.exitStatus !== undefined ? await resolveCode(db, before.projectId, "exit_status", input.exitStatus, "exitStatus") : exit.exitStatus;
  const incomes = input.incomes !== undefined ? await resolveIncomes(db, before.projectId, input.incomes, "incomes") : undefined;
  await db.transaction().execute(async (tx) => {
    // A later exit date must not run into the person's next period in the project.
    if (exitDate > exit.exitDate) await assertNoOverlap(tx, before.projectId, before.personId, before.startDate, exitDate, before.id);
    await versioned(tx, before.id, input.version, before, {
      exit_date: exitDate,
      exit_status_code: status,
      exit_final: input.final ?? exit.final,
      ...(input.nextInstance !== undefined && { next_instance: input.nextInstance }),
    });
    if (incomes) {
      await tx.deleteFrom("enrolment_incomes").where("enrolment_id", "=", before.id).where("phase", "=", "exit").execute();
      await tx
        .insertInto("enrolment_incomes")
        .values(incomes.map((i) => ({ enrolment_id: before.id, phase: "exit" as const, income_code: i.code, share: i.share })))
        .execute();
    }
  });
  return audited(db, ctx, "enrolment.exit.update", before);
}

/**
 * Take back an exit recorded by mistake: the enrolment runs on. Refused when the person has a
 * later period in the project (the two would overlap) or when follow-ups after the exit are
 * recorded (they would be left without an exit).
 */
export async function undoExit(db: Db, ctx: Ctx, enrolmentId: string, raw: RemoveInput): Promise<Enrolment> {
  const input = RemoveSchema.parse(raw);
  const before = await loadEnrolment(db, enrolmentId);
  requireExit(before);
  const followUps = await followUpsOf(db, enrolmentId);
  if (followUps.length > 0)
    throw new AppError("conflict", "Det finns registrerade uppföljningar efter avslutet, så avslutet kan inte tas bort. Rätta avslutet i stället.", {
      current: before,
    });
  await db.transaction().execute(async (tx) => {
    // Lock the person so a new period cannot be added while this one opens again.
    await tx.selectFrom("persons").select("id").where("id", "=", before.personId).forUpdate().execute();
    await assertNoOverlap(tx, before.projectId, before.personId, before.startDate, null, before.id);
    await versioned(tx, before.id, input.version, before, { exit_date: null, exit_status_code: null, exit_final: null, next_instance: null });
    await tx.deleteFrom("enrolment_incomes").where("enrolment_id", "=", before.id).where("phase", "=", "exit").execute();
  });
  return audited(db, ctx, "enrolment.exit.undo", before);
}
