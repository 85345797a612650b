import { keepPreviousData, type QueryClient, queryOptions } from "@tanstack/react-query";
import {
  Contact,
  ContactLogEntry,
  type CreateContactInput,
  type CreateContactLogInput,
  type CreateEmployerInput,
  type CreateWorkplaceInput,
  Employer,
  EmployerDetail,
  EmployerList,
  type EmployerSearch,
  type MergeEmployersInput,
  MergeResult,
  type SuggestInput,
  SuggestionList,
  type UpdateContactInput,
  type UpdateContactLogInput,
  type UpdateEmployerInput,
  type UpdateWorkplaceInput,
  WeeklyContacts,
  Workplace,
} from "../../../../schemas/employers.ts";
import { apiGet, apiSend, seg } from "../../api.ts";

const base = (projectId: string) => `/projects/${seg(projectId)}/employers`;
const one = (projectId: string, employerId: string) => `${base(projectId)}/${seg(employerId)}`;

/** POST, because the search text may be anything a user types and must stay out of URLs. */
export const employerListQuery = (projectId: string, search: EmployerSearch) =>
  queryOptions({
    queryKey: ["employers", projectId, "list", search],
    queryFn: () => apiSend("POST", `${base(projectId)}/search`, search, EmployerList),
    placeholderData: keepPreviousData,
  });

export const employerQuery = (projectId: string, employerId: string) =>
  queryOptions({
    queryKey: ["employers", projectId, "one", employerId],
    queryFn: () => apiGet(one(projectId, employerId), EmployerDetail),
  });

export const weeklyContactsQuery = (projectId: string, weeks = 8) =>
  queryOptions({
    queryKey: ["employers", projectId, "weekly", weeks],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/employer-contacts/weekly`, WeeklyContacts, { weeks }),
  });

export const employerApi = {
  create: (projectId: string, input: CreateEmployerInput) => apiSend("POST", base(projectId), input, Employer),
  update: (projectId: string, id: string, input: UpdateEmployerInput) => apiSend("PATCH", one(projectId, id), input, Employer),
  addWorkplace: (projectId: string, id: string, input: CreateWorkplaceInput) => apiSend("POST", `${one(projectId, id)}/workplaces`, input, Workplace),
  updateWorkplace: (projectId: string, id: string, workplaceId: string, input: UpdateWorkplaceInput) =>
    apiSend("PATCH", `${one(projectId, id)}/workplaces/${seg(workplaceId)}`, input, Workplace),
  addContact: (projectId: string, id: string, input: CreateContactInput) => apiSend("POST", `${one(projectId, id)}/contacts`, input, Contact),
  updateContact: (projectId: string, id: string, contactId: string, input: UpdateContactInput) =>
    apiSend("PATCH", `${one(projectId, id)}/contacts/${seg(contactId)}`, input, Contact),
  logContact: (projectId: string, id: string, input: CreateContactLogInput) => apiSend("POST", `${one(projectId, id)}/contact-log`, input, ContactLogEntry),
  updateContactLog: (projectId: string, id: string, entryId: string, input: UpdateContactLogInput) =>
    apiSend("PATCH", `${one(projectId, id)}/contact-log/${seg(entryId)}`, input, ContactLogEntry),
  merge: (projectId: string, id: string, input: MergeEmployersInput) => apiSend("POST", `${one(projectId, id)}/merge`, input, MergeResult),
  suggest: (projectId: string, input: SuggestInput) => apiSend("POST", `${base(projectId)}/suggest`, input, SuggestionList),
};

export async function refreshEmployers(queryClient: QueryClient, projectId: string): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: ["employers", projectId] });
}

/** "restaurang, lager" → ["restaurang", "lager"]; the server normalises them. */
export function splitTrades(text: string): string[] {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
}
