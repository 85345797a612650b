import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery, useQueryErrorResetBoundary } from "@tanstack/react-query";
import { type ErrorComponentProps, useRouter } from "@tanstack/react-router";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api.ts";
import { meQuery } from "../features/auth/session.ts";
import { AppFrame } from "./AppLayout.tsx";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { Loading } from "./Loading.tsx";
import { AnchorLink } from "./links.tsx";
import { PlainLayout } from "./PlainLayout.tsx";
import { usePageTitle } from "./usePageTitle.ts";

/** "Page not found", for use inside a layout. */
export function NotFoundContent() {
  const { t } = useTranslation();
  usePageTitle(t("notFound.title"));
  return (
    <Stack gap="md">
      <Title order={1}>{t("notFound.title")}</Title>
      <Text>{t("notFound.text")}</Text>
      <AnchorLink to="/">{t("notFound.toStart")}</AnchorLink>
    </Stack>
  );
}

/** "Page not found" for an address no route knows: inside the app when signed in. */
export function NotFoundPage() {
  const me = useQuery(meQuery);
  if (me.isPending) return <Loading />;
  if (me.data) {
    return (
      <AppFrame>
        <NotFoundContent />
      </AppFrame>
    );
  }
  return (
    <PlainLayout>
      <NotFoundContent />
    </PlainLayout>
  );
}

/** What a page shows when loading its data failed. */
export function RouteError({ error }: ErrorComponentProps) {
  const router = useRouter();
  const queryErrorReset = useQueryErrorResetBoundary();
  useEffect(() => queryErrorReset.reset(), [queryErrorReset]);
  return <RouteErrorContent error={error} onRetry={() => void router.invalidate()} />;
}

/** A page-sized error: a heading that says what kind of problem, the server's message, a way on. */
export function RouteErrorContent({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status = isApiError(error) ? error.status : 0;
  const title = status === 404 ? t("errors.notFoundTitle") : status === 403 ? t("errors.forbiddenTitle") : t("errors.title");
  usePageTitle(title);
  const mayRetry = onRetry && (status === 0 || status >= 500 || status === 429);

  return (
    <Stack gap="md">
      <Title order={1}>{title}</Title>
      <ErrorAlert error={error} />
      <Group>
        {mayRetry && <Button onClick={onRetry}>{t("common.tryAgain")}</Button>}
        <AnchorLink to="/">{t("notFound.toStart")}</AnchorLink>
      </Group>
    </Stack>
  );
}

/** When even "who am I" fails for another reason than a missing session, e.g. the server is down. */
export function RootError(props: ErrorComponentProps) {
  return (
    <PlainLayout>
      <RouteError {...props} />
    </PlainLayout>
  );
}
