import { queryOptions, useQuery } from "@tanstack/react-query";
import { type Code, type CodeListName, CodeLists, Code as CodeSchema, type CreateCodeInput, type UpdateCodeInput } from "../../../../schemas/codes.ts";
import { apiGet, apiSend, seg } from "../../api.ts";

export const codesQuery = (projectId: string) =>
  queryOptions({
    queryKey: ["projects", projectId, "codes"],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/codes`, CodeLists),
    staleTime: 5 * 60_000,
  });

export function createCode(projectId: string, input: CreateCodeInput): Promise<Code> {
  return apiSend("POST", `/projects/${seg(projectId)}/codes`, input, CodeSchema);
}

export function updateCode(projectId: string, codeId: string, input: UpdateCodeInput): Promise<Code> {
  return apiSend("PATCH", `/projects/${seg(projectId)}/codes/${seg(codeId)}`, input, CodeSchema);
}

export interface ProjectCodes {
  /** Codes of a list that may be chosen for new records (not retired), in the project's order. */
  options: (list: CodeListName) => { value: string; label: string }[];
  /** The label of a code, retired or not; the code itself when the list does not know it. */
  label: (list: CodeListName, code: string | null | undefined) => string;
  isPending: boolean;
  error: unknown;
}

/** The project's code lists, for selects and for showing labels instead of codes. */
export function useProjectCodes(projectId: string): ProjectCodes {
  const codes = useQuery(codesQuery(projectId));
  const all = codes.data?.codes ?? [];
  return {
    options: (list) => all.filter((c) => c.list === list && !c.retired).map((c) => ({ value: c.code, label: c.label })),
    label: (list, code) => (code ? (all.find((c) => c.list === list && c.code === code)?.label ?? code) : ""),
    isPending: codes.isPending,
    error: codes.error,
  };
}
