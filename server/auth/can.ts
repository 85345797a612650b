import { AppError, forbidden } from "../errors.ts";
import type { Actor, UserActor } from "./actor.ts";

/**
 * Everything a user may do is named here. Anything not granted is denied: a new action
 * reaches nobody until it is added to a role below.
 */
export type ProjectAction =
  | "project.read" // see the project's name, teams and settings
  | "project.members.read" // see who works in the project
  | "project.manage" // intakes, code lists, settings
  | "person.read" // a participant's ordinary data
  | "person.write"
  | "person.sensitive" // health and violence sections; needs the membership's sensitive flag too
  | "report.aggregate"; // statistics only, no person

export type SystemAction = "admin.users" | "admin.projects" | "audit.read";
export type Action = ProjectAction | SystemAction;

export type Resource = { projectId: string } | "system";

const projectRoleActions: Record<string, ReadonlySet<ProjectAction>> = {
  manager: new Set(["project.read", "project.members.read", "project.manage", "person.read", "person.write", "person.sensitive", "report.aggregate"]),
  coach: new Set(["project.read", "person.read", "person.write", "person.sensitive"]),
  statistician: new Set(["project.read", "report.aggregate"]),
  participant: new Set(["project.read"]),
};

const systemActions: ReadonlySet<SystemAction> = new Set(["admin.users", "admin.projects", "audit.read"]);

export function can(actor: Actor | null, action: Action, resource: Resource): boolean {
  if (!actor) return false;
  if (actor.kind === "system") return true;
  if (actor.mustEnrollTotp) return false;
  if (resource === "system") return actor.isAdmin && systemActions.has(action as SystemAction);
  // Admins run the installation and see every project's set-up, but not its participants:
  // reading a person needs a role in the project like anyone else.
  if (actor.isAdmin && (action === "project.read" || action === "project.members.read")) return true;
  const grant = actor.grants.get(resource.projectId);
  if (!grant) return false;
  if (!projectRoleActions[grant.role]?.has(action as ProjectAction)) return false;
  if (action === "person.sensitive") return grant.sensitiveAccess;
  return true;
}

export function requireUser(actor: Actor | null): UserActor {
  if (!actor) throw new AppError("unauthenticated", "Du behöver logga in.");
  if (actor.kind !== "user") throw forbidden();
  if (actor.mustEnrollTotp) throw new AppError("forbidden", "Du behöver aktivera tvåstegsverifiering under Mitt konto innan du kan fortsätta.");
  return actor;
}

/** Throws 401 without a session, 403 when the actor may not; the app logs the denial. */
export function requireAccess(actor: Actor | null, action: Action, resource: Resource): void {
  if (!actor) throw new AppError("unauthenticated", "Du behöver logga in.");
  if (actor.kind === "user") requireUser(actor);
  if (!can(actor, action, resource)) throw forbidden();
}

/** The signed-in user and their address, as services take them; 401/403 like `requireUser`. */
export function serviceContext(req: { actor: Actor | null; ip: string }): { actor: UserActor; clientAddress: string } {
  return { actor: requireUser(req.actor), clientAddress: req.ip };
}

/** Project ids the actor may perform `action` in; admins get `all` for the set-up actions. */
export function projectsWhere(actor: UserActor, action: ProjectAction): string[] {
  return [...actor.grants.entries()].filter(([projectId]) => can(actor, action, { projectId })).map(([id]) => id);
}
