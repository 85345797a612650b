import { queryOptions, useSuspenseQuery } from "@tanstack/react-query";
import {
  type ChangePasswordInput,
  type LoginInput,
  Me,
  TotpSetup,
  type TotpDisableInput,
  type TotpEnableInput,
} from "../../../../schemas/auth.ts";
import { apiGet, apiSend, apiSendNoContent, rememberCsrfToken } from "../../api.ts";
import type { Language } from "../../i18n/index.ts";

export const meQueryKey = ["me"] as const;

async function fetchMe(): Promise<Me> {
  const me = await apiGet("/auth/me", Me);
  rememberCsrfToken(me.csrfToken);
  return me;
}

export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: fetchMe,
  staleTime: 5 * 60_000,
  retry: false,
});

/** The signed-in user. Only for pages inside the signed-in layout, where `me` is already loaded. */
export function useMe(): Me {
  return useSuspenseQuery(meQuery).data;
}

export async function login(input: LoginInput): Promise<Me> {
  const me = await apiSend("POST", "/auth/login", input, Me);
  rememberCsrfToken(me.csrfToken);
  return me;
}

export async function logout(): Promise<void> {
  try {
    await apiSendNoContent("POST", "/auth/logout");
  } finally {
    rememberCsrfToken(null);
  }
}

export function changePassword(input: ChangePasswordInput): Promise<void> {
  return apiSendNoContent("POST", "/auth/password", input);
}

export function startTotpSetup(): Promise<TotpSetup> {
  return apiSend("POST", "/auth/totp/setup", undefined, TotpSetup);
}

export function enableTotp(input: TotpEnableInput): Promise<void> {
  return apiSendNoContent("POST", "/auth/totp/enable", input);
}

export function disableTotp(input: TotpDisableInput): Promise<void> {
  return apiSendNoContent("POST", "/auth/totp/disable", input);
}

export function saveLocale(locale: Language): Promise<void> {
  return apiSendNoContent("PUT", "/auth/locale", { locale });
}
