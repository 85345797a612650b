import { sql } from "kysely";
import type { CreateIntakeInput, Intake, UpdateIntakeInput } from "../../../schemas/participants.ts";
import { CreateIntakeInput as CreateSchema } from "../../../schemas/participants.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import type { Ctx } from "./persons.ts";

function intakeQuery(db: Db) {
  return db
    .selectFrom("intakes as i")
    .selectAll("i")
    .select((eb) => eb.selectFrom("enrolments as e").select(sql<number>`count(*)::int`.as("n")).whereRef("e.intake_id", "=", "i.id").as("enrolled"));
}

type IntakeRow = Awaited<ReturnType<ReturnType<typeof intakeQuery>["executeTakeFirstOrThrow"]>>;

const present = (i: IntakeRow): Intake => ({
  id: i.id,
  projectId: i.project_id,
  name: i.name,
  startDate: i.start_date,
  groupSessionsPerWeek: i.group_sessions_per_week,
  hoursPerSession: i.hours_per_session,
  weeks: i.weeks,
  individualMeetingsPerWeek: i.individual_meetings_per_week,
  mode: i.mode,
  enrolled: i.enrolled ?? 0,
  version: i.version,
});

export async function listIntakes(db: Db, projectId: string): Promise<Intake[]> {
  return (await intakeQuery(db).where("i.project_id", "=", projectId).orderBy("i.start_date", "desc").execute()).map(present);
}

export async function getIntake(db: Db, id: string): Promise<Intake> {
  const row = await intakeQuery(db).where("i.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Intaget");
  return present(row);
}

async function assertUniqueName(db: Db, projectId: string, name: string, exceptId?: string) {
  let q = db.selectFrom("intakes").select("id").where("project_id", "=", projectId).where("name", "=", name);
  if (exceptId) q = q.where("id", "<>", exceptId);
  if (await q.executeTakeFirst())
    throw new AppError("conflict", "Det finns redan ett intag med det namnet.", { fields: { name: "Namnet används redan i projektet." } });
}

export async function createIntake(db: Db, ctx: Ctx, projectId: string, raw: CreateIntakeInput): Promise<Intake> {
  const input = CreateSchema.parse(raw);
  await assertUniqueName(db, projectId, input.name);
  const row = await db
    .insertInto("intakes")
    .values({
      project_id: projectId,
      name: input.name,
      start_date: input.startDate,
      group_sessions_per_week: input.groupSessionsPerWeek,
      hours_per_session: input.hoursPerSession,
      weeks: input.weeks,
      individual_meetings_per_week: input.individualMeetingsPerWeek,
      mode: input.mode,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeAudit(db, ctx, {
    action: "intake.create",
    subjectType: "intake",
    subjectId: row.id,
    projectId,
    details: { name: input.name, startDate: input.startDate },
  });
  return getIntake(db, row.id);
}

export async function updateIntake(db: Db, ctx: Ctx, id: string, input: UpdateIntakeInput): Promise<Intake> {
  const before = await getIntake(db, id);
  if (input.name) await assertUniqueName(db, before.projectId, input.name, id);
  const res = await db
    .updateTable("intakes")
    .set((eb) => ({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.startDate !== undefined && { start_date: input.startDate }),
      ...(input.groupSessionsPerWeek !== undefined && { group_sessions_per_week: input.groupSessionsPerWeek }),
      ...(input.hoursPerSession !== undefined && { hours_per_session: input.hoursPerSession }),
      ...(input.weeks !== undefined && { weeks: input.weeks }),
      ...(input.individualMeetingsPerWeek !== undefined && { individual_meetings_per_week: input.individualMeetingsPerWeek }),
      ...(input.mode !== undefined && { mode: input.mode }),
      version: eb("version", "+", 1),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  const after = await getIntake(db, id);
  await writeAudit(db, ctx, { action: "intake.update", subjectType: "intake", subjectId: id, projectId: before.projectId, details: { before, after } });
  return after;
}
