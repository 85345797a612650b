import type { Db } from "../../db/client.ts";

const projectColumns = [
  "p.id",
  "p.unit_id",
  "u.name as unit_name",
  "p.slug",
  "p.name",
  "p.description",
  "p.planned_months",
  "p.target_min_age",
  "p.target_max_age",
  "p.target_note",
  "p.target_districts",
  "p.target_incomes",
  "p.active",
  "p.version",
] as const;

export type ProjectRow = Awaited<ReturnType<typeof findProjectsByIds>>[number];

/** Projects with the given ids, or every project when `ids` is "all". */
export function findProjectsByIds(db: Db, ids: string[] | "all") {
  let q = db.selectFrom("projects as p").innerJoin("units as u", "u.id", "p.unit_id").select(projectColumns);
  if (ids !== "all") {
    if (ids.length === 0) return Promise.resolve([]);
    q = q.where("p.id", "in", ids);
  }
  return q.orderBy("p.name").execute();
}

export function findProject(db: Db, id: string) {
  return db.selectFrom("projects as p").innerJoin("units as u", "u.id", "p.unit_id").select(projectColumns).where("p.id", "=", id).executeTakeFirst();
}

export function findProjectBySlug(db: Db, slug: string) {
  return db.selectFrom("projects").select(["id", "slug", "name"]).where("slug", "=", slug).executeTakeFirst();
}

export function findTeamsOfProjects(db: Db, projectIds: string[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("teams").select(["id", "project_id", "name"]).where("project_id", "in", projectIds).orderBy("name").execute();
}

export function findProjectMembers(db: Db, projectId: string) {
  return db
    .selectFrom("project_memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.name", "u.email", "m.role"])
    .where("m.project_id", "=", projectId)
    .where("u.active", "=", true)
    .execute();
}
