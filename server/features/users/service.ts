import type { CreateUserInput, SetMembershipInput, UpdateUserInput, UserDetail } from "../../../schemas/admin.ts";
import { type ServiceContext, writeAudit } from "../../auth/audit.ts";
import { hashPassword, weakPasswordReason } from "../../auth/passwords.ts";
import { endAllSessions, forgetSessions } from "../../auth/sessions.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import { findUser, findUserMemberships } from "./queries.ts";

type Ctx = ServiceContext;

export async function getUser(db: Db, id: string): Promise<UserDetail> {
  const u = await findUser(db, id);
  if (!u) throw notFound("Användaren");
  const memberships = await findUserMemberships(db, id);
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    isAdmin: u.is_admin,
    active: u.active,
    totpEnabled: u.totp_secret != null,
    lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
    version: u.version,
    memberships: memberships.map((m) => ({ projectId: m.project_id, projectName: m.project_name, role: m.role, sensitiveAccess: m.sensitive_access })),
  };
}

function assertStrong(password: string, who: { email?: string; name?: string }) {
  const weak = weakPasswordReason(password, who);
  if (weak) throw new AppError("invalid_input", weak, { fields: { password: weak } });
}

/** Create an account. `allowWeakPassword` exists only for the demo seed's shared demo password. */
export async function createUser(db: Db, ctx: Ctx, input: CreateUserInput, { allowWeakPassword = false } = {}): Promise<UserDetail> {
  if (!allowWeakPassword) assertStrong(input.password, input);
  const exists = await db.selectFrom("users").select("id").where("email", "=", input.email).executeTakeFirst();
  if (exists) throw new AppError("conflict", "Det finns redan en användare med den e-postadressen.", { fields: { email: "E-postadressen används redan." } });
  const row = await db
    .insertInto("users")
    .values({ email: input.email, name: input.name, is_admin: input.isAdmin, password_hash: await hashPassword(input.password) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeAudit(db, ctx, { action: "user.create", subjectType: "user", subjectId: row.id, details: { isAdmin: input.isAdmin } });
  return getUser(db, row.id);
}

export async function updateUser(db: Db, ctx: Ctx, id: string, input: UpdateUserInput): Promise<UserDetail> {
  const before = await getUser(db, id);
  if (ctx.actor.kind === "user" && ctx.actor.userId === id && (input.isAdmin === false || input.active === false)) {
    throw new AppError("invalid_input", "Du kan inte ta bort din egen administratörsroll eller inaktivera dig själv.", {
      fields: input.isAdmin === false ? { isAdmin: "Be en annan administratör göra det." } : { active: "Be en annan administratör göra det." },
    });
  }
  const res = await db
    .updateTable("users")
    .set((eb) => ({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.isAdmin !== undefined && { is_admin: input.isAdmin }),
      ...(input.active !== undefined && { active: input.active }),
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0)
    throw conflict(before, "Någon annan har ändrat användaren sedan du öppnade den. Se de aktuella uppgifterna och gör din ändring igen.");
  forgetSessions();
  if (input.active === false) await endAllSessions(db, id);
  const after = await getUser(db, id);
  await writeAudit(db, ctx, {
    action: "user.update",
    subjectType: "user",
    subjectId: id,
    details: {
      before: { name: before.name, isAdmin: before.isAdmin, active: before.active },
      after: { name: after.name, isAdmin: after.isAdmin, active: after.active },
    },
  });
  return after;
}

export async function setUserPassword(db: Db, ctx: Ctx, id: string, password: string): Promise<void> {
  const user = await getUser(db, id);
  assertStrong(password, user);
  const passwordHash = await hashPassword(password);
  await db
    .updateTable("users")
    .set((eb) => ({ password_hash: passwordHash, password_changed_at: new Date(), version: eb("version", "+", 1), updated_at: new Date() }))
    .where("id", "=", id)
    .execute();
  await endAllSessions(db, id);
  await writeAudit(db, ctx, { action: "user.password_reset", subjectType: "user", subjectId: id });
}

export async function resetUserTotp(db: Db, ctx: Ctx, id: string): Promise<void> {
  await getUser(db, id);
  await db
    .updateTable("users")
    .set((eb) => ({ totp_secret: null, totp_pending_secret: null, version: eb("version", "+", 1), updated_at: new Date() }))
    .where("id", "=", id)
    .execute();
  await endAllSessions(db, id);
  await writeAudit(db, ctx, { action: "user.totp_reset", subjectType: "user", subjectId: id });
}

export async function setMembership(db: Db, ctx: Ctx, userId: string, input: SetMembershipInput): Promise<UserDetail> {
  await getUser(db, userId);
  const project = await db.selectFrom("projects").select("id").where("id", "=", input.projectId).executeTakeFirst();
  if (!project) throw new AppError("invalid_input", "Projektet finns inte.", { fields: { projectId: "Välj ett projekt som finns." } });
  const before = await db
    .selectFrom("project_memberships")
    .select(["role", "sensitive_access"])
    .where("user_id", "=", userId)
    .where("project_id", "=", input.projectId)
    .executeTakeFirst();
  await db
    .insertInto("project_memberships")
    .values({ user_id: userId, project_id: input.projectId, role: input.role, sensitive_access: input.sensitiveAccess })
    .onConflict((oc) => oc.columns(["user_id", "project_id"]).doUpdateSet({ role: input.role, sensitive_access: input.sensitiveAccess }))
    .execute();
  forgetSessions();
  await writeAudit(db, ctx, {
    action: "membership.set",
    subjectType: "user",
    subjectId: userId,
    projectId: input.projectId,
    details: { before: before ?? null, after: { role: input.role, sensitive_access: input.sensitiveAccess } },
  });
  return getUser(db, userId);
}

export async function removeMembership(db: Db, ctx: Ctx, userId: string, projectId: string): Promise<UserDetail> {
  await getUser(db, userId);
  const res = await db.deleteFrom("project_memberships").where("user_id", "=", userId).where("project_id", "=", projectId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound("Behörigheten");
  forgetSessions();
  await writeAudit(db, ctx, { action: "membership.remove", subjectType: "user", subjectId: userId, projectId });
  return getUser(db, userId);
}
