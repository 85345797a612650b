import { NativeSelect } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Me } from "../../../schemas/auth.ts";
import { meQueryKey, rememberLanguageChosenBeforeLogin, saveLocale } from "../features/auth/session.ts";
import { currentLanguage, isLanguage, type Language, switchLanguage } from "../i18n/index.ts";

/**
 * Switch between Swedish and English. When signed in the choice is also saved on the account,
 * so it follows the user to other devices.
 */
export function LanguageSelect({ signedIn, className }: { signedIn: boolean; className?: string }) {
  const { t } = useTranslation();
  const choose = useChooseLanguage(signedIn);

  return (
    <NativeSelect
      className={className}
      label={t("layout.language")}
      value={currentLanguage()}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (isLanguage(value))
          void choose(value).catch(() => {
            // The language still changes on this device; the account keeps its earlier choice.
          });
      }}
    >
      <option value="sv" lang="sv">
        Svenska
      </option>
      <option value="en" lang="en">
        English
      </option>
    </NativeSelect>
  );
}

/** Change the interface language now, and when signed in save it on the account. */
export function useChooseLanguage(signedIn: boolean): (language: Language) => Promise<void> {
  const queryClient = useQueryClient();
  return async (language: Language) => {
    await switchLanguage(language);
    if (!signedIn) {
      rememberLanguageChosenBeforeLogin(language);
      return;
    }
    await saveLocale(language);
    queryClient.setQueryData<Me>(meQueryKey, (me) => (me ? { ...me, locale: language } : me));
  };
}
