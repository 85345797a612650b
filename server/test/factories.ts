import { fakerSV as faker } from "@faker-js/faker";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import type { Role } from "../../schemas/auth.ts";
import { systemActor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { createProject } from "../features/projects/service.ts";
import { createUser, setMembership } from "../features/users/service.ts";

export const TEST_PASSWORD = "Blåbärsskog-vid-älven-42";
const ctx = { actor: systemActor("test") };
let seq = 0;

export async function aUnit(db: Db) {
  const org = await db
    .insertInto("organisations")
    .values({ name: `${faker.location.city()} kommun` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return db
    .insertInto("units")
    .values({ organisation_id: org.id, name: "Arbetsmarknadsenheten" })
    .returning(["id", "organisation_id"])
    .executeTakeFirstOrThrow();
}

export async function aProject(
  db: Db,
  { unitId, slug, minAge = null, maxAge = null }: { unitId?: string; slug?: string; minAge?: number | null; maxAge?: number | null } = {},
) {
  const unit = unitId ?? (await aUnit(db)).id;
  seq++;
  return createProject(db, ctx, {
    unitId: unit,
    slug: slug ?? `projekt-${seq}-${faker.string.alphanumeric(5).toLowerCase()}`,
    name: `Projekt ${faker.word.noun()} ${seq}`,
    description: null,
    plannedMonths: 12,
    targetGroup: { minAge, maxAge, note: null, districts: [], incomes: [] },
  });
}

export interface UserSpec {
  isAdmin?: boolean;
  name?: string;
  email?: string;
  projects?: { projectId: string; role: Role; sensitiveAccess?: boolean }[];
}

export async function aUser(db: Db, spec: UserSpec = {}) {
  seq++;
  const name = spec.name ?? faker.person.fullName();
  const email = spec.email ?? `user${seq}.${faker.string.alphanumeric(6).toLowerCase()}@example.se`;
  const user = await createUser(db, ctx, { email, name, password: TEST_PASSWORD, isAdmin: spec.isAdmin ?? false });
  for (const p of spec.projects ?? []) {
    await setMembership(db, ctx, user.id, { projectId: p.projectId, role: p.role, sensitiveAccess: p.sensitiveAccess ?? false });
  }
  return { ...user, password: TEST_PASSWORD };
}

/** A signed-in browser: carries the session cookie and the CSRF token on every request. */
export interface Session {
  cookie: string;
  csrf: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export function sessionFrom(app: FastifyInstance, cookie: string, csrf: string): Session {
  const request = (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { cookie: `stegvis_session=${cookie}`, "x-csrf-token": csrf, ...(opts.headers ?? {}) } });
  return {
    cookie,
    csrf,
    request,
    get: (url) => request({ method: "GET", url }),
    post: (url, body) => request({ method: "POST", url, ...(body !== undefined && { payload: body as object }) }),
    put: (url, body) => request({ method: "PUT", url, ...(body !== undefined && { payload: body as object }) }),
    patch: (url, body) => request({ method: "PATCH", url, ...(body !== undefined && { payload: body as object }) }),
    delete: (url, body) => request({ method: "DELETE", url, ...(body !== undefined && { payload: body as object }) }),
  };
}

export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD, code?: string): Promise<Session> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password, ...(code && { code }) } });
  if (res.statusCode !== 200) throw new Error(`login of ${email} answered ${res.statusCode}: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "stegvis_session");
  if (!cookie) throw new Error("login set no session cookie");
  return sessionFrom(app, cookie.value, res.json().csrfToken);
}

/** A project with one user of each role, signed in: the cast of most "who may not" tests. */
export async function aProjectWithStaff(app: FastifyInstance, db: Db) {
  const project = await aProject(db);
  const other = await aProject(db);
  const users = {
    admin: await aUser(db, { isAdmin: true }),
    manager: await aUser(db, { projects: [{ projectId: project.id, role: "manager", sensitiveAccess: true }] }),
    coach: await aUser(db, { projects: [{ projectId: project.id, role: "coach", sensitiveAccess: true }] }),
    coachWithoutSensitive: await aUser(db, { projects: [{ projectId: project.id, role: "coach" }] }),
    otherCoach: await aUser(db, { projects: [{ projectId: other.id, role: "coach", sensitiveAccess: true }] }),
    statistician: await aUser(db, { projects: [{ projectId: project.id, role: "statistician" }] }),
    participant: await aUser(db, { projects: [{ projectId: project.id, role: "participant" }] }),
  };
  const as = {} as Record<keyof typeof users, Session>;
  for (const [k, u] of Object.entries(users)) as[k as keyof typeof users] = await signIn(app, u.email);
  return { project, other, users, as };
}
