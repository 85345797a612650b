import type { Actor } from "../../auth/actor.ts";
import { can, type ProjectAction, requireAccess, requireUser } from "../../auth/can.ts";
import type { Db } from "../../db/client.ts";
import { forbidden, notFound } from "../../errors.ts";

/** 401 without a session; system actors (command line) pass. */
export function requireSignedIn(actor: Actor | null) {
  if (actor?.kind === "system") return;
  requireUser(actor);
}

/** Projects in which the person has a referral or an enrolment. */
export async function projectsOfPerson(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("enrolments")
    .select("project_id")
    .where("person_id", "=", personId)
    .union(db.selectFrom("referrals").select("project_id").where("person_id", "=", personId))
    .execute();
  return rows.map((r) => r.project_id);
}

/**
 * A person is reached through a project: the actor needs `action` in one of the projects
 * the person is in. Returns that project (for the audit log).
 */
export async function requirePersonAccess(db: Db, actor: Actor | null, personId: string, action: ProjectAction): Promise<string> {
  requireSignedIn(actor);
  const person = await db.selectFrom("persons").select("id").where("id", "=", personId).executeTakeFirst();
  if (!person) throw notFound("Personen");
  const projects = await projectsOfPerson(db, personId);
  const allowed = projects.find((projectId) => can(actor, action, { projectId }));
  if (!allowed) throw forbidden();
  return allowed;
}

export async function requireEnrolmentAccess(db: Db, actor: Actor | null, enrolmentId: string, action: ProjectAction) {
  requireSignedIn(actor);
  const e = await db.selectFrom("enrolments").select(["id", "project_id", "person_id", "version"]).where("id", "=", enrolmentId).executeTakeFirst();
  if (!e) throw notFound("Inskrivningen");
  requireAccess(actor, action, { projectId: e.project_id });
  return e;
}

export async function requireReferralAccess(db: Db, actor: Actor | null, referralId: string, action: ProjectAction) {
  requireSignedIn(actor);
  const r = await db.selectFrom("referrals").select(["id", "project_id", "person_id"]).where("id", "=", referralId).executeTakeFirst();
  if (!r) throw notFound("Aktualiseringen");
  requireAccess(actor, action, { projectId: r.project_id });
  return r;
}
