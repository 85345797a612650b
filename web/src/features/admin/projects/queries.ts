import { queryOptions } from "@tanstack/react-query";
import { type CreateTeamInput, type CreateUnitInput, OrgStructure, Team, Unit } from "../../../../../schemas/admin.ts";
import { type CreateProjectInput, Project, ProjectList } from "../../../../../schemas/projects.ts";
import { apiGet, apiSend, seg } from "../../../api.ts";

export const adminProjectsQuery = queryOptions({
  queryKey: ["admin", "projects"],
  queryFn: () => apiGet("/admin/projects", ProjectList),
});

export const structureQuery = queryOptions({
  queryKey: ["admin", "structure"],
  queryFn: () => apiGet("/admin/structure", OrgStructure),
});

export function createProject(input: CreateProjectInput): Promise<Project> {
  return apiSend("POST", "/admin/projects", input, Project);
}

export function createTeam(projectId: string, input: CreateTeamInput): Promise<Team> {
  return apiSend("POST", `/admin/projects/${seg(projectId)}/teams`, input, Team);
}

export function createUnit(input: CreateUnitInput): Promise<Unit> {
  return apiSend("POST", "/admin/units", input, Unit);
}
