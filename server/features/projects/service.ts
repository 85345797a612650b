import type { CreateProjectInput, UpdateProjectInput } from "../../../schemas/projects.ts";
import { type ServiceContext, writeAudit } from "../../auth/audit.ts";
import { forgetSessions } from "../../auth/sessions.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import { ensureDefaultCodes } from "../codes/service.ts";
import { presentProjects } from "./present.ts";
import { findProject, findProjectBySlug } from "./queries.ts";

type Ctx = ServiceContext;

export async function createProject(db: Db, ctx: Ctx, input: CreateProjectInput) {
  if (await findProjectBySlug(db, input.slug)) {
    throw new AppError("conflict", "Kortformen används redan av ett annat projekt.", { fields: { slug: "Kortformen används redan. Välj en annan." } });
  }
  const unit = await db.selectFrom("units").select("id").where("id", "=", input.unitId).executeTakeFirst();
  if (!unit) throw new AppError("invalid_input", "Enheten finns inte.", { fields: { unitId: "Välj en enhet som finns." } });
  const row = await db
    .insertInto("projects")
    .values({
      unit_id: input.unitId,
      slug: input.slug,
      name: input.name,
      description: input.description,
      planned_months: input.plannedMonths,
      target_min_age: input.targetGroup.minAge,
      target_max_age: input.targetGroup.maxAge,
      target_note: input.targetGroup.note,
      target_districts: input.targetGroup.districts,
      target_incomes: input.targetGroup.incomes,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await ensureDefaultCodes(db, row.id);
  await writeAudit(db, ctx, {
    action: "project.create",
    subjectType: "project",
    subjectId: row.id,
    projectId: row.id,
    details: { slug: input.slug, name: input.name },
  });
  return getProject(db, row.id);
}

export async function getProject(db: Db, id: string) {
  const row = await findProject(db, id);
  if (!row) throw notFound("Projektet");
  const [project] = await presentProjects(db, [row]);
  if (!project) throw notFound("Projektet");
  return project;
}

export async function updateProject(db: Db, ctx: Ctx, id: string, input: UpdateProjectInput) {
  const before = await getProject(db, id);
  const { version, targetGroup, ...rest } = input;
  const res = await db
    .updateTable("projects")
    .set((eb) => ({
      ...(rest.name !== undefined && { name: rest.name }),
      ...(rest.description !== undefined && { description: rest.description }),
      ...(rest.plannedMonths !== undefined && { planned_months: rest.plannedMonths }),
      ...(rest.active !== undefined && { active: rest.active }),
      ...(targetGroup && {
        target_min_age: targetGroup.minAge,
        target_max_age: targetGroup.maxAge,
        target_note: targetGroup.note,
        target_districts: targetGroup.districts,
        target_incomes: targetGroup.incomes,
      }),
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  // Memberships of an inactive project grant nothing: the kept sessions must learn of it.
  if (rest.active !== undefined) forgetSessions();
  const after = await getProject(db, id);
  await writeAudit(db, ctx, { action: "project.update", subjectType: "project", subjectId: id, projectId: id, details: { before, after } });
  return after;
}

export async function createTeam(db: Db, ctx: Ctx, projectId: string, name: string) {
  await getProject(db, projectId);
  const exists = await db.selectFrom("teams").select("id").where("project_id", "=", projectId).where("name", "=", name).executeTakeFirst();
  if (exists) throw new AppError("conflict", "Det finns redan ett team med det namnet i projektet.", { fields: { name: "Namnet används redan i projektet." } });
  const team = await db.insertInto("teams").values({ project_id: projectId, name }).returning(["id", "project_id", "name"]).executeTakeFirstOrThrow();
  await writeAudit(db, ctx, { action: "team.create", subjectType: "team", subjectId: team.id, projectId, details: { name } });
  return { id: team.id, projectId: team.project_id, name: team.name };
}
