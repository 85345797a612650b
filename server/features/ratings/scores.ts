import type { Instrument, Licence, LicenceInput, Score, ScoreInput, ScoreUpdate } from "../../../schemas/ratings.ts";
import { type ServiceContext, writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import { swedishLocal } from "../groups/pattern.ts";
import { todayInSweden } from "../participants/dates.ts";
import { isAlert, itemErrors, reliableChange, round, totalOf } from "./rules.ts";
import "../groups/tables.ts";
import "../meetings/tables.ts";
import "./tables.ts";

const bad = (fields: Record<string, string>) => new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields });

type InstrumentRow = Awaited<ReturnType<typeof instrumentRows>>[number];

function instrumentRows(db: Db) {
  return db
    .selectFrom("rating_instruments as i")
    .selectAll("i")
    .select((eb) => eb.selectFrom("rating_scores as s").whereRef("s.instrument_id", "=", "i.id").select(eb.fn.countAll<number>().as("n")).as("scores"))
    .orderBy("i.position")
    .orderBy("i.code")
    .execute();
}

function presentInstrument(r: InstrumentRow): Instrument {
  return {
    id: r.id,
    code: r.code,
    nameSv: r.name_sv,
    nameEn: r.name_en,
    items: r.items,
    itemMin: Number(r.item_min),
    itemMax: Number(r.item_max),
    decimals: r.decimals,
    totalMin: Number(r.total_min),
    totalMax: Number(r.total_max),
    alertRule: r.alert_rule,
    alertValue: Number(r.alert_value),
    reliableChange: r.reliable_change === null ? null : Number(r.reliable_change),
    administered: r.administered,
    licensed: r.licensed,
    version: r.version,
    scores: Number(r.scores ?? 0),
  };
}

export async function listInstruments(db: Db): Promise<Instrument[]> {
  return (await instrumentRows(db)).map(presentInstrument);
}

export async function getInstrument(db: Db, by: { code?: string; id?: string }): Promise<Instrument> {
  const all = await listInstruments(db);
  const found = all.find((i) => (by.code ? i.code === by.code : i.id === by.id));
  if (!found) throw bad({ instrument: "Okänd skattningsskala." });
  return found;
}

// Licence ------------------------------------------------------------------------------------

export async function licenceOf(db: Db, organisationId: string): Promise<Licence> {
  const row = await db
    .selectFrom("organisations as o")
    .leftJoin("rating_licences as l", "l.organisation_id", "o.id")
    .select(["o.id", "o.name", "l.holder", "l.valid_until", "l.note", "l.version"])
    .where("o.id", "=", organisationId)
    .executeTakeFirst();
  if (!row) throw notFound("Organisationen");
  return {
    organisationId: row.id,
    organisationName: row.name,
    holder: row.holder,
    validUntil: row.valid_until,
    note: row.note,
    valid: row.valid_until !== null && row.valid_until >= todayInSweden(),
    version: row.version,
  };
}

export async function listLicences(db: Db): Promise<Licence[]> {
  const orgs = await db.selectFrom("organisations").select("id").orderBy("name").execute();
  return Promise.all(orgs.map((o) => licenceOf(db, o.id)));
}

export async function organisationOfProjectId(db: Db, projectId: string): Promise<string> {
  const row = await db
    .selectFrom("projects as p")
    .innerJoin("units as u", "u.id", "p.unit_id")
    .select("u.organisation_id")
    .where("p.id", "=", projectId)
    .executeTakeFirst();
  if (!row) throw notFound("Projektet");
  return row.organisation_id;
}

/** Record or renew the organisation's licence; the first time with version null, then with the current version. */
export async function saveLicence(db: Db, ctx: ServiceContext, organisationId: string, input: LicenceInput): Promise<Licence> {
  const before = await licenceOf(db, organisationId);
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  if (before.version === null) {
    if (input.version !== null) throw conflict(before);
    const inserted = await db
      .insertInto("rating_licences")
      .values({ organisation_id: organisationId, holder: input.holder, valid_until: input.validUntil, note: input.note, updated_by: userId })
      .onConflict((oc) => oc.column("organisation_id").doNothing())
      .returning("organisation_id")
      .executeTakeFirst();
    if (!inserted) throw conflict(await licenceOf(db, organisationId));
  } else {
    const res = await db
      .updateTable("rating_licences")
      .set((eb) => ({
        holder: input.holder,
        valid_until: input.validUntil,
        note: input.note,
        updated_by: userId,
        updated_at: new Date(),
        version: eb("version", "+", 1),
      }))
      .where("organisation_id", "=", organisationId)
      .where("version", "=", input.version ?? -1)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  }
  const after = await licenceOf(db, organisationId);
  await writeAudit(db, ctx, { action: "rating_licence.save", subjectType: "organisation", subjectId: organisationId, details: { before, after } });
  return after;
}

// Scores -------------------------------------------------------------------------------------

interface ScoreRow {
  id: string;
  enrolment_id: string;
  instrument_id: string;
  rated_on: string;
  context_kind: "group_session" | "meeting" | "other" | null;
  context_id: string | null;
  context_label: string | null;
  item_values: Record<string, number>;
  total: number;
  alert: boolean;
  entered_by_name: string | null;
  version: number;
  created_at: Date;
}

function scoreRows(db: Db, where: { enrolmentId?: string; id?: string }) {
  let q = db
    .selectFrom("rating_scores as s")
    .leftJoin("users as u", "u.id", "s.entered_by")
    .select([
      "s.id",
      "s.enrolment_id",
      "s.instrument_id",
      "s.rated_on",
      "s.context_kind",
      "s.context_id",
      "s.context_label",
      "s.item_values",
      "s.total",
      "s.alert",
      "u.name as entered_by_name",
      "s.version",
      "s.created_at",
    ]);
  if (where.enrolmentId) q = q.where("s.enrolment_id", "=", where.enrolmentId);
  if (where.id) q = q.where("s.id", "=", where.id);
  return q.orderBy("s.rated_on").orderBy("s.created_at").execute() as Promise<ScoreRow[]>;
}

/**
 * The enrolment's scores, oldest first, each with its change from the instrument's first and
 * previous score and whether the change from the first is reliable (ORS: 5 points or more).
 */
export async function listScores(db: Db, enrolmentId: string): Promise<Score[]> {
  const instruments = await listInstruments(db);
  const rows = await scoreRows(db, { enrolmentId });
  const seen = new Map<string, ScoreRow[]>();
  return rows.map((r) => {
    const instrument = instruments.find((i) => i.id === r.instrument_id) as Instrument;
    const earlier = seen.get(r.instrument_id) ?? [];
    seen.set(r.instrument_id, [...earlier, r]);
    const first = earlier[0];
    const previous = earlier.at(-1);
    const total = Number(r.total);
    const changeFromFirst = first ? round(total - Number(first.total)) : null;
    return {
      id: r.id,
      enrolmentId: r.enrolment_id,
      instrument: instrument.code,
      ratedOn: r.rated_on,
      context: r.context_kind ? { kind: r.context_kind, id: r.context_id, label: r.context_label } : null,
      items: Object.fromEntries(Object.entries(r.item_values).map(([k, v]) => [k, Number(v)])),
      total,
      alert: r.alert,
      changeFromFirst,
      changeFromPrevious: previous ? round(total - Number(previous.total)) : null,
      reliableChange: reliableChange(instrument.reliableChange, changeFromFirst),
      enteredBy: r.entered_by_name,
      version: r.version,
    };
  });
}

async function getScore(db: Db, id: string): Promise<Score> {
  const row = await db.selectFrom("rating_scores").select("enrolment_id").where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Skattningen");
  const found = (await listScores(db, row.enrolment_id)).find((s) => s.id === id);
  if (!found) throw notFound("Skattningen");
  return found;
}

async function enrolmentOf(db: Db, id: string) {
  const e = await db.selectFrom("enrolments").select(["id", "project_id", "person_id", "start_date"]).where("id", "=", id).executeTakeFirst();
  if (!e) throw notFound("Inskrivningen");
  return e;
}

function checkScore(instrument: Instrument, input: { ratedOn: string; items: Record<string, number> }, startDate: string) {
  const errors = itemErrors(instrument, input.items);
  if (input.ratedOn > todayInSweden()) errors.ratedOn = "Datumet kan inte vara i framtiden.";
  else if (input.ratedOn < startDate) errors.ratedOn = `Datumet kan inte vara före inskrivningens start (${startDate}).`;
  if (Object.keys(errors).length > 0) throw bad(errors);
  const total = totalOf(instrument, input.items);
  return { total, alert: isAlert(instrument, total) };
}

/**
 * A score given at a group session must name a real session: one of a group of the enrolment's
 * project, not cancelled, on the day of the score, with the enrolment among the group's
 * participants that day and not registered absent from it. A meeting must be one of the enrolment's. One score per scale per
 * enrolment and session: a second is a conflict with the first.
 */
async function checkContext(
  db: Db,
  e: { id: string; project_id: string },
  input: { ratedOn: string; context?: ScoreInput["context"] },
  instrumentId: string,
  scoreId?: string,
) {
  const c = input.context;
  if (!c?.id) return;
  if (c.kind === "group_session") {
    const s = await db
      .selectFrom("group_sessions as s")
      .innerJoin("groups as g", "g.id", "s.group_id")
      .select(["s.id", "s.group_id", "s.starts_at", "s.cancelled", "g.project_id"])
      .where("s.id", "=", c.id)
      .executeTakeFirst();
    if (!s || s.project_id !== e.project_id) throw bad({ "context.id": "Gruppträffen finns inte i deltagarens projekt." });
    if (s.cancelled) throw bad({ "context.id": "Gruppträffen är inställd." });
    const date = swedishLocal(new Date(s.starts_at)).date;
    if (input.ratedOn !== date) throw bad({ ratedOn: `Datumet ska vara gruppträffens datum (${date}).` });
    const member = await db
      .selectFrom("group_members")
      .select("id")
      .where("group_id", "=", s.group_id)
      .where("enrolment_id", "=", e.id)
      .where("from_date", "<=", date)
      .where((eb) => eb.or([eb("to_date", "is", null), eb("to_date", ">=", date)]))
      .executeTakeFirst();
    if (!member) throw bad({ "context.id": "Personen är inte deltagare i gruppen den dag träffen hölls." });
    // GSRS is the participant's own rating of the session, so nobody registered absent can give one.
    const attendance = await db
      .selectFrom("group_attendance")
      .select("status")
      .where("session_id", "=", s.id)
      .where("enrolment_id", "=", e.id)
      .executeTakeFirst();
    if (attendance && attendance.status !== "present") {
      throw bad({ "context.id": "Personen är registrerad som frånvarande vid träffen och kan inte ha skattat den." });
    }
    let same = db
      .selectFrom("rating_scores")
      .select("id")
      .where("enrolment_id", "=", e.id)
      .where("instrument_id", "=", instrumentId)
      .where("context_kind", "=", "group_session")
      .where("context_id", "=", c.id);
    if (scoreId) same = same.where("id", "<>", scoreId);
    const existing = await same.executeTakeFirst();
    if (existing) throw conflict(await getScore(db, existing.id));
  } else if (c.kind === "meeting") {
    const m = await db.selectFrom("meetings").select("id").where("id", "=", c.id).where("enrolment_id", "=", e.id).executeTakeFirst();
    if (!m) throw bad({ "context.id": "Samtalet hör inte till deltagaren." });
  } else {
    throw bad({ "context.id": "Bara en gruppträff eller ett samtal kan anges." });
  }
}

function contextColumns(context: ScoreInput["context"]) {
  return {
    context_kind: context?.kind ?? null,
    context_id: context?.id ?? null,
    context_label: context?.label ?? null,
  };
}

export async function createScore(db: Db, ctx: ServiceContext, enrolmentId: string, input: ScoreInput): Promise<Score> {
  const e = await enrolmentOf(db, enrolmentId);
  const instrument = await getInstrument(db, { code: input.instrument });
  const { total, alert } = checkScore(instrument, input, e.start_date);
  await checkContext(db, e, input, instrument.id);
  const row = await db
    .insertInto("rating_scores")
    .values({
      enrolment_id: enrolmentId,
      instrument_id: instrument.id,
      rated_on: input.ratedOn,
      ...contextColumns(input.context),
      item_values: JSON.stringify(input.items),
      total,
      alert,
      entered_by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const after = await getScore(db, row.id);
  await writeAudit(db, ctx, {
    action: "rating_score.create",
    subjectType: "person",
    subjectId: e.person_id,
    projectId: e.project_id,
    details: { enrolmentId, scoreId: row.id, after },
  });
  return after;
}

export async function updateScore(db: Db, ctx: ServiceContext, id: string, input: ScoreUpdate): Promise<Score> {
  const before = await getScore(db, id);
  const e = await enrolmentOf(db, before.enrolmentId);
  const instrument = await getInstrument(db, { code: before.instrument });
  const { total, alert } = checkScore(instrument, input, e.start_date);
  await checkContext(db, e, input, instrument.id, id);
  const res = await db
    .updateTable("rating_scores")
    .set((eb) => ({
      rated_on: input.ratedOn,
      ...contextColumns(input.context),
      item_values: JSON.stringify(input.items),
      total,
      alert,
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  const after = await getScore(db, id);
  await writeAudit(db, ctx, {
    action: "rating_score.update",
    subjectType: "person",
    subjectId: e.person_id,
    projectId: e.project_id,
    details: { enrolmentId: e.id, scoreId: id, before, after },
  });
  return after;
}

export async function enrolmentOfScore(db: Db, id: string): Promise<string> {
  const row = await db.selectFrom("rating_scores").select("enrolment_id").where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Skattningen");
  return row.enrolment_id;
}
