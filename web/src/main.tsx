import "@mantine/core/styles.css";
import "./app.css";
import { MantineProvider } from "@mantine/core";
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { isApiError, rememberCsrfToken, setUnauthenticatedHandler } from "./api.ts";
import { meQuery } from "./features/auth/session.ts";
import { i18n } from "./i18n/index.ts";
import { queryClient } from "./queryClient.ts";
import { router } from "./router.tsx";
import { cssVariablesResolver, theme } from "./theme.ts";

// A request answered 401 in the middle of work. Ask the server whether the session is really
// gone (a 401 can also mean "wrong current password"); if it is, go to login and come back after.
let checkingSession = false;
setUnauthenticatedHandler(() => {
  if (checkingSession) return;
  checkingSession = true;
  queryClient
    .fetchQuery({ ...meQuery, staleTime: 0 })
    .catch(async (error: unknown) => {
      if (!isApiError(error) || error.status !== 401) return;
      rememberCsrfToken(null);
      queryClient.removeQueries();
      const back = router.state.location.href;
      await router.navigate({ to: "/logga-in", search: { redirect: back === "/" ? undefined : back } });
    })
    .finally(() => {
      checkingSession = false;
    });
});

const container = document.getElementById("root");
if (!container) throw new Error("The page has no #root element.");

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
