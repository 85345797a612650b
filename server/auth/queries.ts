import type { Db } from "../db/client.ts";

export function findUserForLogin(db: Db, email: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "password_hash", "active", "is_admin", "totp_secret"])
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
}

export function findMemberships(db: Db, userId: string) {
  return db
    .selectFrom("project_memberships as m")
    .innerJoin("projects as p", "p.id", "m.project_id")
    .select(["m.project_id", "p.name as project_name", "p.slug as project_slug", "m.role", "m.sensitive_access"])
    .where("m.user_id", "=", userId)
    .where("p.active", "=", true)
    .orderBy("p.name")
    .execute();
}
