import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { AuditPage } from "../../../../../schemas/audit.ts";
import { apiGet } from "../../../api.ts";

/** The audit log filters as they stand in the address bar; all optional. */
export interface AuditSearch {
  actor?: string;
  action?: string;
  subjectId?: string;
  outcome?: "ok" | "denied" | "failed";
  from?: string;
  to?: string;
  page?: number;
}

export const AUDIT_PAGE_SIZE = 50;

export const auditQuery = (search: AuditSearch) =>
  queryOptions({
    queryKey: ["admin", "audit", search],
    queryFn: () => apiGet("/admin/audit", AuditPage, { ...search, pageSize: AUDIT_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
