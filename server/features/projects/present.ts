import type { Project } from "../../../schemas/projects.ts";
import type { Db } from "../../db/client.ts";
import { findTeamsOfProjects, type ProjectRow } from "./queries.ts";

export async function presentProjects(db: Db, rows: ProjectRow[]): Promise<Project[]> {
  const teams = await findTeamsOfProjects(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((p) => ({
    id: p.id,
    unitId: p.unit_id,
    unitName: p.unit_name,
    slug: p.slug,
    name: p.name,
    description: p.description,
    plannedMonths: p.planned_months,
    targetGroup: {
      minAge: p.target_min_age,
      maxAge: p.target_max_age,
      note: p.target_note,
      districts: p.target_districts,
      incomes: p.target_incomes,
    },
    active: p.active,
    teams: teams.filter((t) => t.project_id === p.id).map((t) => ({ id: t.id, name: t.name })),
    version: p.version,
  }));
}
