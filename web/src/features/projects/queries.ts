import { queryOptions } from "@tanstack/react-query";
import { Project, ProjectList, ProjectMembers } from "../../../../schemas/projects.ts";
import { apiGet, seg } from "../../api.ts";

export const myProjectsQuery = queryOptions({
  queryKey: ["projects"],
  queryFn: () => apiGet("/projects", ProjectList),
});

export const projectQuery = (projectId: string) =>
  queryOptions({
    queryKey: ["projects", projectId],
    queryFn: () => apiGet(`/projects/${seg(projectId)}`, Project),
  });

export const projectMembersQuery = (projectId: string) =>
  queryOptions({
    queryKey: ["projects", projectId, "members"],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/members`, ProjectMembers),
  });
