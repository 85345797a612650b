import type { Actor } from "../../auth/actor.ts";
import { type ProjectAction, requireAccess } from "../../auth/can.ts";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import { organisationOfProject } from "../participants/persons.ts";
import "./tables.ts";

/**
 * Employers belong to the organisation and are reached through one of its projects: the user
 * needs `action` in the project named in the address (coaches and managers read and write,
 * managers merge), and the employer must belong to that project's organisation.
 * Returns the project's organisation.
 */
export async function requireProjectEmployers(db: Db, actor: Actor | null, projectId: string, action: ProjectAction): Promise<string> {
  requireAccess(actor, action, { projectId });
  return organisationOfProject(db, projectId);
}

/** The employer row if it belongs to the organisation; 404 otherwise (another organisation's employer does not exist here). */
export async function employerInOrganisation(db: Db, organisationId: string, employerId: string) {
  const row = await db.selectFrom("employers").selectAll().where("id", "=", employerId).where("organisation_id", "=", organisationId).executeTakeFirst();
  if (!row) throw notFound("Arbetsgivaren");
  return row;
}
