import type { Role } from "../../../../schemas/auth.ts";
import { useMe } from "../auth/session.ts";

/**
 * What the signed-in user may do in a project, as the server's `can.ts` grants it. Only to
 * decide what to show: the server checks every request again.
 */
export interface ProjectAccess {
  role: Role | undefined;
  /** Participants' data: caseload, referrals, participant pages (managers and coaches). */
  persons: boolean;
  /** Intakes, code lists and other set-up (managers). */
  manage: boolean;
  /** Aggregated statistics (managers and statisticians). */
  reports: boolean;
}

export function useProjectAccess(projectId: string): ProjectAccess {
  const me = useMe();
  const role = me.memberships.find((m) => m.projectId === projectId)?.role;
  return {
    role,
    persons: role === "manager" || role === "coach",
    manage: role === "manager",
    reports: role === "manager" || role === "statistician",
  };
}
