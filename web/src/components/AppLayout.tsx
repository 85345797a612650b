import { AppShell, Box, Burger, Group, Text } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api.ts";
import { meQuery, useMe } from "../features/auth/session.ts";
import { LanguageSelect } from "./LanguageSelect.tsx";
import { AnchorLink, NavItemLink } from "./links.tsx";
import { ProjectSwitcher } from "./ProjectSwitcher.tsx";
import { MAIN_ID, SkipLink } from "./SkipLink.tsx";
import { UserMenu } from "./UserMenu.tsx";

/** The signed-in layout: header, navigation and the page in <main>. */
export function AppLayout() {
  return (
    <AppFrame>
      <Outlet />
    </AppFrame>
  );
}

export function AppFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  useLeaveWhenSignedOut();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  // The project and language choices live in the header on wide screens and in the menu on
  // narrow ones. Render each once, not twice with one hidden, so it has one label on the page.
  const smallScreen = useMediaQuery("(max-width: 47.99em)", undefined, { getInitialValueInEffect: false });
  const wideScreen = useMediaQuery("(min-width: 62em)", undefined, { getInitialValueInEffect: false });
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a navigation, start screen readers and keyboard users at the new page's content
  // rather than leaving focus on a link that may no longer exist.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose whenever the path changes.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    closeNav();
    mainRef.current?.focus();
  }, [pathname, closeNav]);

  const isActive = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

  return (
    <>
      <SkipLink />
      <AppShell header={{ height: 64 }} navbar={{ width: 250, breakpoint: "sm", collapsed: { mobile: !navOpened } }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
            <Group wrap="nowrap" gap="md">
              <Burger
                opened={navOpened}
                onClick={toggleNav}
                hiddenFrom="sm"
                size="sm"
                aria-label={t("layout.toggleNavigation")}
                aria-expanded={navOpened}
                aria-controls="huvudmeny"
              />
              <AnchorLink to="/" fw={700} fz="xl" c="stegvis.8" underline="never">
                Stegvis
              </AnchorLink>
              {!smallScreen && <ProjectSwitcher className="inline-field" />}
            </Group>
            <Group wrap="nowrap" gap="md">
              {wideScreen && <LanguageSelect signedIn className="inline-field" />}
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar id="huvudmeny" p="sm" aria-label={t("layout.mainNavigation")} inert={smallScreen && !navOpened}>
          {smallScreen && (
            <Box mb="md">
              <ProjectSwitcher />
            </Box>
          )}
          <NavItemLink to="/" label={t("nav.start")} active={pathname === "/"} activeOptions={{ exact: true }} />
          {me.memberships.some((m) => m.role === "coach" || m.role === "manager") && (
            <>
              <NavItemLink to="/uppgifter" label={t("nav.myTasks")} active={isActive("/uppgifter")} />
              <NavItemLink to="/kalender" label={t("nav.calendar")} active={isActive("/kalender")} />
            </>
          )}
          <NavItemLink to="/konto" label={t("nav.account")} active={isActive("/konto")} />
          {me.isAdmin && (
            <>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed" mt="lg" mb={4} px="sm">
                {t("nav.administration")}
              </Text>
              <NavItemLink to="/admin/anvandare" label={t("nav.users")} active={isActive("/admin/anvandare")} />
              <NavItemLink to="/admin/projekt" label={t("nav.projects")} active={isActive("/admin/projekt")} />
              <NavItemLink to="/admin/granskningslogg" label={t("nav.audit")} active={isActive("/admin/granskningslogg")} />
            </>
          )}
          {!wideScreen && (
            <Box mt="xl">
              <LanguageSelect signedIn />
            </Box>
          )}
        </AppShell.Navbar>

        <AppShell.Main id={MAIN_ID} ref={mainRef} tabIndex={-1}>
          <Box maw={1100}>{children}</Box>
        </AppShell.Main>
      </AppShell>
    </>
  );
}

/** When "who am I" starts answering 401 (signed out in another tab, session expired), go to login. */
function useLeaveWhenSignedOut() {
  const { error } = useQuery(meQuery);
  const navigate = useNavigate();
  const href = useRouterState({ select: (state) => state.location.href });
  useEffect(() => {
    if (isApiError(error) && error.status === 401) void navigate({ to: "/logga-in", search: { redirect: href === "/" ? undefined : href } });
  }, [error, navigate, href]);
}
