import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { Activity, ActivityList, type CreateActivityInput, Task, TaskList, type UpdateActivityInput } from "../../../../schemas/activities.ts";
import {
  type AddTemplateItemInput,
  ChecklistItem,
  ChecklistList,
  ChecklistTemplate,
  ChecklistTemplateList,
  FollowUp,
  FollowUpList,
  FollowUpSettings,
  type RecordFollowUpInput,
  type ReorderTemplateInput,
  type TickInput,
  type UpdateFollowUpSettingsInput,
  type UpdateTemplateItemInput,
  WorkList,
} from "../../../../schemas/placements.ts";
import { apiGet, apiSend, seg } from "../../api.ts";

const enrolment = (id: string) => `/enrolments/${seg(id)}`;

// ----- one participant's activities -----

export const activitiesQuery = (enrolmentId: string) =>
  queryOptions({ queryKey: ["enrolment", enrolmentId, "activities"], queryFn: () => apiGet(`${enrolment(enrolmentId)}/activities`, ActivityList) });
export const tasksQuery = (enrolmentId: string) =>
  queryOptions({ queryKey: ["enrolment", enrolmentId, "tasks"], queryFn: () => apiGet(`${enrolment(enrolmentId)}/tasks`, TaskList) });
export const checklistsQuery = (enrolmentId: string) =>
  queryOptions({ queryKey: ["enrolment", enrolmentId, "checklists"], queryFn: () => apiGet(`${enrolment(enrolmentId)}/checklists`, ChecklistList) });
export const followUpsQuery = (enrolmentId: string) =>
  queryOptions({ queryKey: ["enrolment", enrolmentId, "follow-ups"], queryFn: () => apiGet(`${enrolment(enrolmentId)}/follow-ups`, FollowUpList) });

export function createActivity(enrolmentId: string, input: CreateActivityInput): Promise<Activity> {
  return apiSend("POST", `${enrolment(enrolmentId)}/activities`, input, Activity);
}
export function updateActivity(activityId: string, input: UpdateActivityInput): Promise<Activity> {
  return apiSend("PATCH", `/activities/${seg(activityId)}`, input, Activity);
}
export function tickItem(itemId: string, input: TickInput): Promise<ChecklistItem> {
  return apiSend("PATCH", `/checklist-items/${seg(itemId)}`, input, ChecklistItem);
}
export function recordFollowUp(id: string, input: RecordFollowUpInput): Promise<FollowUp> {
  return apiSend("PATCH", `/follow-ups/${seg(id)}`, input, FollowUp);
}
export function completeTask(taskId: string): Promise<Task> {
  return apiSend("POST", `/tasks/${seg(taskId)}/done`, undefined, Task);
}

/** After any change: the participant's activities, checklists, follow-ups, tasks, the page's timeline and the work lists. */
export async function refreshActivities(queryClient: QueryClient, enrolmentId?: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: enrolmentId ? ["enrolment", enrolmentId] : ["enrolment"] }),
    queryClient.invalidateQueries({ queryKey: ["work-list"] }),
  ]);
}

// ----- the project's checklists and follow-up schedule -----

const project = (id: string) => `/projects/${seg(id)}`;

export const templatesQuery = (projectId: string) =>
  queryOptions({
    queryKey: ["projects", projectId, "checklist-templates"],
    queryFn: () => apiGet(`${project(projectId)}/checklist-templates`, ChecklistTemplateList),
  });
export const followUpSettingsQuery = (projectId: string) =>
  queryOptions({
    queryKey: ["projects", projectId, "follow-up-settings"],
    queryFn: () => apiGet(`${project(projectId)}/follow-up-settings`, FollowUpSettings),
  });

export function addTemplateItem(projectId: string, type: string, input: AddTemplateItemInput): Promise<ChecklistTemplate> {
  return apiSend("POST", `${project(projectId)}/checklist-templates/${seg(type)}/items`, input, ChecklistTemplate);
}
export function updateTemplateItem(itemId: string, input: UpdateTemplateItemInput): Promise<ChecklistTemplate> {
  return apiSend("PATCH", `/checklist-template-items/${seg(itemId)}`, input, ChecklistTemplate);
}
export function reorderTemplate(projectId: string, type: string, input: ReorderTemplateInput): Promise<ChecklistTemplate> {
  return apiSend("PUT", `${project(projectId)}/checklist-templates/${seg(type)}/order`, input, ChecklistTemplate);
}
export function saveFollowUpSettings(projectId: string, input: UpdateFollowUpSettingsInput): Promise<FollowUpSettings> {
  return apiSend("PUT", `${project(projectId)}/follow-up-settings`, input, FollowUpSettings);
}

// ----- the work list -----

export const workListQuery = (projectId: string, scope: "mine" | "project") =>
  queryOptions({ queryKey: ["work-list", projectId, scope], queryFn: () => apiGet(`${project(projectId)}/work-list`, WorkList, { scope }) });
