import { queryOptions } from "@tanstack/react-query";
import { Mapping, MappingSensitive, type SaveMappingInput } from "../../../../schemas/mapping.ts";
import { PlanComparison, PlanOverview, PlanRevision, type SavePlanInput } from "../../../../schemas/plan.ts";
import { apiGet, apiSend, seg } from "../../api.ts";

const base = (enrolmentId: string) => `/enrolments/${seg(enrolmentId)}`;

// ----- mapping -----

/** The mapping without its sensitive sections: the current version, or `version`. */
export const mappingQuery = (enrolmentId: string, version?: number) =>
  queryOptions({
    queryKey: ["enrolment", enrolmentId, "mapping", version ?? "current"],
    queryFn: () => apiGet(`${base(enrolmentId)}/mapping`, Mapping, { version }),
  });

/** Health and violence: fetched only when the user asks to see them, since every fetch is logged. */
export const sensitiveQuery = (enrolmentId: string, version: number) =>
  queryOptions({
    queryKey: ["enrolment", enrolmentId, "mapping-sensitive", version],
    queryFn: () => apiGet(`${base(enrolmentId)}/mapping/sensitive`, MappingSensitive, { version: version || undefined }),
    staleTime: 0,
    gcTime: 0,
  });

export const saveMapping = (enrolmentId: string, input: SaveMappingInput) => apiSend("PUT", `${base(enrolmentId)}/mapping`, input, Mapping);

// ----- plan -----

export const planQuery = (enrolmentId: string) =>
  queryOptions({ queryKey: ["enrolment", enrolmentId, "plan"], queryFn: () => apiGet(`${base(enrolmentId)}/plan`, PlanOverview) });

export const revisionQuery = (enrolmentId: string, number: number) =>
  queryOptions({
    queryKey: ["enrolment", enrolmentId, "plan", "revision", number],
    queryFn: () => apiGet(`${base(enrolmentId)}/plan/revisions/${number}`, PlanRevision),
  });

export const compareQuery = (enrolmentId: string, from: number, to: number) =>
  queryOptions({
    queryKey: ["enrolment", enrolmentId, "plan", "compare", from, to],
    queryFn: () => apiGet(`${base(enrolmentId)}/plan/compare`, PlanComparison, { from, to }),
  });

export const savePlan = (enrolmentId: string, input: SavePlanInput) => apiSend("POST", `${base(enrolmentId)}/plan/revisions`, input, PlanRevision);

/** The PDF is a plain link: the browser downloads it with the session cookie. Only the enrolment id is in the address. */
export const planPdfUrl = (enrolmentId: string, revision?: number) => `/api${base(enrolmentId)}/plan/pdf${revision ? `?revision=${revision}` : ""}`;
