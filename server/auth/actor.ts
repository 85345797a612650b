import type { Role } from "../../schemas/auth.ts";

export interface ProjectGrant {
  role: Role;
  sensitiveAccess: boolean;
}

export interface UserActor {
  kind: "user";
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  locale: "sv" | "en";
  totpEnabled: boolean;
  mustEnrollTotp: boolean;
  grants: Map<string, ProjectGrant>;
  sessionTokenHash: string;
  csrfToken: string;
}

/** The command line and jobs act as the system; what they do is still audited. */
export interface SystemActor {
  kind: "system";
  label: string;
}

export type Actor = UserActor | SystemActor;

export const systemActor = (label = "system"): SystemActor => ({ kind: "system", label });
