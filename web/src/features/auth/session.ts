import { queryOptions, useSuspenseQuery } from "@tanstack/react-query";
import { type ChangePasswordInput, type LoginInput, Me, type TotpDisableInput, type TotpEnableInput, TotpSetup } from "../../../../schemas/auth.ts";
import { apiGet, apiSend, apiSendNoContent, rememberCsrfToken } from "../../api.ts";
import { type Language, switchLanguage } from "../../i18n/index.ts";

export const meQueryKey = ["me"] as const;

// Whenever the server tells us who we are, take its CSRF token and the user's saved language.
async function adopt(me: Me): Promise<Me> {
  rememberCsrfToken(me.csrfToken);
  await switchLanguage(me.locale);
  return me;
}

async function fetchMe(): Promise<Me> {
  return adopt(await apiGet("/auth/me", Me));
}

export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: fetchMe,
  staleTime: 5 * 60_000,
  retry: false,
  // Coming back to the tab: pick up a new CSRF token if the user signed in again elsewhere,
  // and notice if they signed out there.
  refetchOnWindowFocus: "always",
});

/** The signed-in user. Only for pages inside the signed-in layout, where `me` is already loaded. */
export function useMe(): Me {
  return useSuspenseQuery(meQuery).data;
}

// A language picked on the login page is a fresh, explicit choice: it wins over the one saved
// on the account, and is saved there once the user is signed in.
let languageChosenBeforeLogin: Language | null = null;

export function rememberLanguageChosenBeforeLogin(language: Language): void {
  languageChosenBeforeLogin = language;
}

export async function login(input: LoginInput): Promise<Me> {
  let me = await apiSend("POST", "/auth/login", input, Me);
  rememberCsrfToken(me.csrfToken);
  const chosen = languageChosenBeforeLogin;
  languageChosenBeforeLogin = null;
  if (chosen && chosen !== me.locale) {
    try {
      await saveLocale(chosen);
      me = { ...me, locale: chosen };
    } catch {
      // Keep the account's language; the user can change it again.
    }
  }
  return adopt(me);
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
