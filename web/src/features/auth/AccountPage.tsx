import { Alert, Radio, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useChooseLanguage } from "../../components/LanguageSelect.tsx";
import { Panel } from "../../components/Panel.tsx";
import { usePageTitle } from "../../components/usePageTitle.ts";
import { currentLanguage, isLanguage } from "../../i18n/index.ts";
import { FeedSection } from "../calendar/FeedSection.tsx";
import { ChangePasswordForm } from "./ChangePasswordForm.tsx";
import { useMe } from "./session.ts";
import { TwoFactorSection } from "./TwoFactorSection.tsx";

export function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t("account.title"));
  const me = useMe();
  const password = (
    <Panel key="password" title={t("account.password.title")} maw={640}>
      <ChangePasswordForm />
    </Panel>
  );
  const twoFactor = (
    <Panel key="two-factor" title={t("account.twoFactor.title")} maw={640}>
      <TwoFactorSection />
    </Panel>
  );
  const language = (
    <Panel key="language" title={t("account.language.title")} maw={640}>
      <LanguageChoice />
    </Panel>
  );
  // Until two-factor is set up nothing else is open, so that section comes first then. The
  // order is fixed when the page opens, so it does not jump away once two-factor is on.
  const [twoFactorFirst] = useState(me.mustEnrollTotp);
  const sections = twoFactorFirst ? [twoFactor, password, language] : [password, twoFactor, language];

  return (
    <Stack gap="xl">
      <div>
        <Title order={1}>{t("account.title")}</Title>
        <Text c="dimmed">
          {me.name} · {me.email}
        </Text>
      </div>

      {me.mustEnrollTotp && (
        <Alert color="orange" variant="light" role="alert" title={t("account.mustEnrollTitle")}>
          {t("account.mustEnrollText")}
        </Alert>
      )}

      {sections}
      <FeedSection />
    </Stack>
  );
}

function LanguageChoice() {
  const { t } = useTranslation();
  const choose = useChooseLanguage(true);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  return (
    <Stack gap="sm">
      <Radio.Group
        label={t("account.language.label")}
        value={currentLanguage()}
        onChange={(value) => {
          if (!isLanguage(value)) return;
          setError(null);
          setSaved(false);
          choose(value).then(
            () => setSaved(true),
            (e: unknown) => setError(e),
          );
        }}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="sv" label="Svenska" lang="sv" />
          <Radio value="en" label="English" lang="en" />
        </Stack>
      </Radio.Group>
      <ErrorAlert error={error} />
      {saved && (
        <Text size="sm" role="status">
          {t("account.language.saved")}
        </Text>
      )}
    </Stack>
  );
}
