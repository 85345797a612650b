import { type QueryClient, queryOptions } from "@tanstack/react-query";
import {
  type CreateUserInput,
  type ResetPasswordInput,
  type SetMembershipInput,
  type UpdateUserInput,
  UserDetail,
  UserList,
} from "../../../../../schemas/admin.ts";
import type { Me } from "../../../../../schemas/auth.ts";
import { apiGet, apiSend, apiSendNoContent, seg } from "../../../api.ts";
import { meQueryKey } from "../../auth/session.ts";

export const usersQuery = (q: string | undefined) =>
  queryOptions({
    queryKey: ["admin", "users", "list", q ?? ""],
    queryFn: () => apiGet("/admin/users", UserList, { q }),
  });

export const userQuery = (userId: string) =>
  queryOptions({
    queryKey: ["admin", "users", userId],
    queryFn: () => apiGet(`/admin/users/${seg(userId)}`, UserDetail),
  });

export function createUser(input: CreateUserInput): Promise<UserDetail> {
  return apiSend("POST", "/admin/users", input, UserDetail);
}

export function updateUser(userId: string, input: UpdateUserInput): Promise<UserDetail> {
  return apiSend("PATCH", `/admin/users/${seg(userId)}`, input, UserDetail);
}

export function setUserPassword(userId: string, input: ResetPasswordInput): Promise<void> {
  return apiSendNoContent("POST", `/admin/users/${seg(userId)}/password`, input);
}

export function resetUserTotp(userId: string): Promise<void> {
  return apiSendNoContent("POST", `/admin/users/${seg(userId)}/totp/reset`);
}

export function setMembership(userId: string, { projectId, role, sensitiveAccess }: SetMembershipInput): Promise<UserDetail> {
  return apiSend("PUT", `/admin/users/${seg(userId)}/memberships/${seg(projectId)}`, { role, sensitiveAccess }, UserDetail);
}

export function removeMembership(userId: string, projectId: string): Promise<UserDetail> {
  return apiSend("DELETE", `/admin/users/${seg(userId)}/memberships/${seg(projectId)}`, undefined, UserDetail);
}

/** An administrator who edits their own account also changes who "me" is: name, projects, admin. */
export async function refreshMeIfSelf(queryClient: QueryClient, userId: string): Promise<void> {
  if (queryClient.getQueryData<Me>(meQueryKey)?.id === userId) await queryClient.invalidateQueries({ queryKey: meQueryKey });
}
