import type { Actor } from "../../auth/actor.ts";
import { can, type ProjectAction, requireAccess } from "../../auth/can.ts";
import type { Db } from "../../db/client.ts";
import { forbidden, notFound } from "../../errors.ts";
import { requireSignedIn } from "../participants/access.ts";

/** 401 without a session; 403 unless the actor may do one of `actions` in the project. */
export function requireAnyOf(actor: Actor | null, projectId: string, actions: ProjectAction[]): void {
  requireSignedIn(actor);
  if (!actions.some((action) => can(actor, action, { projectId }))) {
    // Let requireAccess throw (and the app log the denial) with the first action.
    requireAccess(actor, actions[0] as ProjectAction, { projectId });
    throw forbidden();
  }
}

/** The project of a questionnaire round, self-evaluation day or questionnaire, or 404. */
export async function projectOf(db: Db, table: "questionnaire_rounds" | "self_evaluations" | "questionnaires", id: string, what: string): Promise<string> {
  const row = await db.selectFrom(table).select("project_id").where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound(what);
  return row.project_id;
}
