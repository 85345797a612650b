import type { Db } from "../../db/client.ts";

export function findUser(db: Db, id: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "is_admin", "active", "totp_secret", "last_login_at", "version"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findUserMemberships(db: Db, userId: string) {
  return db
    .selectFrom("project_memberships as m")
    .innerJoin("projects as p", "p.id", "m.project_id")
    .select(["m.project_id", "p.name as project_name", "m.role", "m.sensitive_access"])
    .where("m.user_id", "=", userId)
    .orderBy("p.name")
    .execute();
}

/** Users whose name or e-mail contains the search text; all users when there is none. */
export function searchUsers(db: Db, q: string | undefined) {
  let query = db.selectFrom("users").select(["id", "email", "name", "is_admin", "active", "totp_secret", "last_login_at", "version"]);
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb("name", "ilike", like), eb("email", "ilike", like)]));
  }
  return query.limit(500).execute();
}
