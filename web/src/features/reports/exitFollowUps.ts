import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { type CreateFollowUpInput, EnrolmentFollowUps, FollowUp, FollowUpList } from "../../../../schemas/reports.ts";
import { apiGet, apiSend, seg } from "../../api.ts";

/** Persons due for follow-up after exit in a period, and the overdue ones from before it. */
export const followUpListQuery = (projectId: string, period: { from: string; to: string }) =>
  queryOptions({
    queryKey: ["exit-follow-ups", "project", projectId, period],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/reports/follow-up/due`, FollowUpList, period),
  });

/** One enrolment's follow-up points, for the participant's record. */
export const enrolmentFollowUpsQuery = (enrolmentId: string) =>
  queryOptions({
    queryKey: ["exit-follow-ups", "enrolment", enrolmentId],
    queryFn: () => apiGet(`/enrolments/${seg(enrolmentId)}/exit-follow-ups`, EnrolmentFollowUps),
  });

export function recordFollowUp(enrolmentId: string, input: CreateFollowUpInput): Promise<FollowUp> {
  return apiSend("POST", `/enrolments/${seg(enrolmentId)}/exit-follow-ups`, input, FollowUp);
}

/** After a follow-up is recorded: the lists, the participant's points and the project's results. */
export async function refreshFollowUps(client: QueryClient, projectId: string): Promise<void> {
  await Promise.all([client.invalidateQueries({ queryKey: ["exit-follow-ups"] }), client.invalidateQueries({ queryKey: ["reports", projectId, "follow-up"] })]);
}
