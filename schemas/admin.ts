import { z } from "zod";
import { Email, PasswordPolicy, Role } from "./auth.ts";
import { Version } from "./common.ts";

export const UserSummary = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const UserMembership = z.object({
  projectId: z.uuid(),
  projectName: z.string(),
  role: Role,
  sensitiveAccess: z.boolean(),
});
export type UserMembership = z.infer<typeof UserMembership>;

export const UserDetail = UserSummary.extend({ memberships: z.array(UserMembership) });
export type UserDetail = z.infer<typeof UserDetail>;

export const UserList = z.object({ users: z.array(UserSummary) });
export type UserList = z.infer<typeof UserList>;

export const UserQuery = z.object({ q: z.string().trim().max(200).optional() });

const Name = z.string({ error: "Ange ett namn" }).trim().min(1, { error: "Ange ett namn" }).max(200, { error: "Namnet får ha högst 200 tecken" });

export const CreateUserInput = z.object({
  email: Email,
  name: Name,
  password: PasswordPolicy,
  isAdmin: z.boolean().default(false),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.object({
  version: Version,
  name: Name.optional(),
  isAdmin: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const ResetPasswordInput = z.object({ password: PasswordPolicy });
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>;

export const SetMembershipInput = z.object({
  projectId: z.uuid({ error: "Välj ett projekt" }),
  role: Role,
  sensitiveAccess: z.boolean().default(false),
});
export type SetMembershipInput = z.infer<typeof SetMembershipInput>;

export const MembershipParams = z.object({ id: z.uuid(), projectId: z.uuid() });

export const Slug = z
  .string({ error: "Ange en kortform" })
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: "Kortformen får bara innehålla a–z, 0–9 och bindestreck (2–63 tecken)" });

export const Organisation = z.object({ id: z.uuid(), name: z.string() });
export type Organisation = z.infer<typeof Organisation>;

export const Unit = z.object({ id: z.uuid(), organisationId: z.uuid(), name: z.string() });
export type Unit = z.infer<typeof Unit>;

export const CreateUnitInput = z.object({ organisationId: z.uuid(), name: Name });
export type CreateUnitInput = z.infer<typeof CreateUnitInput>;

export const Team = z.object({ id: z.uuid(), projectId: z.uuid(), name: z.string() });
export type Team = z.infer<typeof Team>;

export const CreateTeamInput = z.object({ name: Name });
export type CreateTeamInput = z.infer<typeof CreateTeamInput>;

export const OrgStructure = z.object({
  organisations: z.array(Organisation),
  units: z.array(Unit),
});
export type OrgStructure = z.infer<typeof OrgStructure>;
