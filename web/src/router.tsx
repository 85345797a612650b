import type { QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, notFound, Outlet, redirect } from "@tanstack/react-router";
import { AuditOutcome } from "../../schemas/audit.ts";
import type { Me } from "../../schemas/auth.ts";
import { Id } from "../../schemas/common.ts";
import { ApiError, isApiError } from "./api.ts";
import { AppLayout } from "./components/AppLayout.tsx";
import { NotFoundContent, NotFoundPage, RootError, RouteError } from "./components/ErrorPages.tsx";
import { Loading } from "./components/Loading.tsx";
import type { AuditSearch } from "./features/admin/audit/queries.ts";
import { AccountPage } from "./features/auth/AccountPage.tsx";
import { LoginPage } from "./features/auth/LoginPage.tsx";
import { safeRedirect } from "./features/auth/redirect.ts";
import { meQuery } from "./features/auth/session.ts";
import type { CaseloadSearch } from "./features/participants/caseload/search.ts";
import { HomePage } from "./features/projects/HomePage.tsx";
import { ProjectPage } from "./features/projects/ProjectPage.tsx";
import { projectQuery } from "./features/projects/queries.ts";
import { i18n } from "./i18n/index.ts";
import { queryClient } from "./queryClient.ts";

interface RouterContext {
  queryClient: QueryClient;
}

/** A search value as text, or nothing. */
function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RootError,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/logga-in",
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({ redirect: safeRedirect(search.redirect) }),
  beforeLoad: async ({ context, search }) => {
    // Coming here because "who am I" just answered 401: no need to ask again.
    if (context.queryClient.getQueryState(meQuery.queryKey)?.status === "error") return;
    // Already signed in: there is nothing to do here.
    try {
      await context.queryClient.ensureQueryData(meQuery);
    } catch (error) {
      if (isApiError(error) && error.status === 401) return;
      throw error;
    }
    throw redirect({ href: search.redirect ?? "/" });
  },
  component: LoginPage,
  errorComponent: RootError,
});

/** Everything below needs a session. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ context, location }): Promise<{ me: Me }> => {
    let me: Me;
    try {
      me = await context.queryClient.ensureQueryData(meQuery);
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        const back = location.href === "/" ? undefined : location.href;
        throw redirect({ to: "/logga-in", search: { redirect: back } });
      }
      throw error;
    }
    if (me.mustEnrollTotp && location.pathname !== "/konto") throw redirect({ to: "/konto" });
    return { me };
  },
  component: AppLayout,
  // An error in the guard itself (server down) has no layout around it yet.
  errorComponent: RootError,
  notFoundComponent: NotFoundContent,
});

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: "/", component: HomePage });

const projectRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId",
  loader: async ({ context, params }) => {
    if (!Id.safeParse(params.projectId).success) throw notFound();
    await context.queryClient.ensureQueryData(projectQuery(params.projectId));
  },
  component: ProjectPage,
});

/** A page inside a project: a valid id, and the project (for its name) loaded first. */
async function loadProject({ context, params }: { context: RouterContext; params: { projectId: string } }) {
  if (!Id.safeParse(params.projectId).success) throw notFound();
  await context.queryClient.ensureQueryData(projectQuery(params.projectId));
}

/** An id from the address, or nothing. */
function id(value: unknown): string | undefined {
  return typeof value === "string" && Id.safeParse(value).success ? value : undefined;
}

/** A positive whole number from the address, or nothing. */
function positive(value: unknown): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

// The participant pages load on demand. Their filters in the address hold no personal data:
// the caseload's search text stays in the page's memory and goes to the server in a POST body.
const caseloadRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/deltagare",
  validateSearch: (search: Record<string, unknown>): CaseloadSearch => ({
    mine: search.mine === "true" || search.mine === true ? true : undefined,
    intake: id(search.intake),
    status: text(search.status),
    coach: search.coach === "none" ? "none" : id(search.coach),
    party: text(search.party),
    ending: positive(search.ending),
    page: positive(search.page),
  }),
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/participants/caseload/CaseloadPage.tsx"), "CaseloadPage"),
});

const referralsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/aktualiseringar",
  validateSearch: (search: Record<string, unknown>): { decision?: string } => ({ decision: text(search.decision) }),
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/participants/referrals/ReferralsPage.tsx"), "ReferralsPage"),
});

const newReferralRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/aktualiseringar/ny",
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/participants/referrals/NewReferralPage.tsx"), "NewReferralPage"),
});

const referralRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/aktualiseringar/$referralId",
  loader: async (args) => {
    if (!Id.safeParse(args.params.referralId).success) throw notFound();
    await loadProject(args);
  },
  component: lazyRouteComponent(() => import("./features/participants/referrals/ReferralPage.tsx"), "ReferralPage"),
});

const newEnrolmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/inskrivning/ny",
  validateSearch: (search: Record<string, unknown>): { referral?: string; previous?: string } => ({
    referral: id(search.referral),
    previous: id(search.previous),
  }),
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/participants/enrolment/NewEnrolmentPage.tsx"), "NewEnrolmentPage"),
});

const participantRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/deltagare/$enrolmentId",
  loader: ({ params }) => {
    if (!Id.safeParse(params.enrolmentId).success) throw notFound();
  },
  component: lazyRouteComponent(() => import("./features/participants/participant/ParticipantPage.tsx"), "ParticipantPage"),
});

const participantActivitiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/deltagare/$enrolmentId/aktiviteter",
  loader: ({ params }) => {
    if (!Id.safeParse(params.enrolmentId).success) throw notFound();
  },
  component: lazyRouteComponent(() => import("./features/activities/ActivitiesPage.tsx"), "ActivitiesPage"),
});

const workListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/uppgifter",
  validateSearch: (search: Record<string, unknown>): { projekt?: string; alla?: boolean } => ({
    projekt: id(search.projekt),
    alla: search.alla === "true" || search.alla === true ? true : undefined,
  }),
  component: lazyRouteComponent(() => import("./features/activities/WorkListPage.tsx"), "WorkListPage"),
});

const enrolmentLoader = ({ params }: { params: { enrolmentId: string } }) => {
  if (!Id.safeParse(params.enrolmentId).success) throw notFound();
};

const mappingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/deltagare/$enrolmentId/kartlaggning",
  loader: enrolmentLoader,
  component: lazyRouteComponent(() => import("./features/mapping/MappingPage.tsx"), "MappingPage"),
});

const planRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/deltagare/$enrolmentId/plan",
  loader: enrolmentLoader,
  component: lazyRouteComponent(() => import("./features/plan/PlanPage.tsx"), "PlanPage"),
});

const participantRatingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/deltagare/$enrolmentId/skattningar",
  loader: ({ params }) => {
    if (!Id.safeParse(params.enrolmentId).success) throw notFound();
  },
  component: lazyRouteComponent(() => import("./features/ratings/RatingsPage.tsx"), "RatingsPage"),
});

/** A part of a participant's record: a valid enrolment id in the address. */
function checkEnrolmentId({ params }: { params: { enrolmentId: string } }) {
  if (!Id.safeParse(params.enrolmentId).success) throw notFound();
}

const participantMeetingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/deltagare/$enrolmentId/moten",
  loader: checkEnrolmentId,
  component: lazyRouteComponent(() => import("./features/meetings/MeetingsPage.tsx"), "MeetingsPage"),
});

const participantNotesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/deltagare/$enrolmentId/anteckningar",
  loader: checkEnrolmentId,
  component: lazyRouteComponent(() => import("./features/notes/NotesPage.tsx"), "NotesPage"),
});

/** The signed-in user's week; `vecka` is any date in the week (its Monday is used). */
const calendarRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/kalender",
  validateSearch: (search: Record<string, unknown>): { vecka?: string } => {
    const value = text(search.vecka);
    return { vecka: value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined };
  },
  component: lazyRouteComponent(() => import("./features/calendar/CalendarPage.tsx"), "CalendarPage"),
});

const intakesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/intag",
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/participants/intakes/IntakesPage.tsx"), "IntakesPage"),
});

// The employer network. Filters and search text live in the page's memory and go in POST bodies.
const employersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/arbetsgivare",
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/employers/EmployersPage.tsx"), "EmployersPage"),
});

const newEmployerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/arbetsgivare/ny",
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/employers/NewEmployerPage.tsx"), "NewEmployerPage"),
});

const findPlaceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/arbetsgivare/hitta-plats",
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/employers/FindPlacePage.tsx"), "FindPlacePage"),
});

const employerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/arbetsgivare/$employerId",
  loader: async (args) => {
    if (!Id.safeParse(args.params.employerId).success) throw notFound();
    await loadProject(args);
  },
  component: lazyRouteComponent(() => import("./features/employers/EmployerPage.tsx"), "EmployerPage"),
});

const groupsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/grupper",
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/groups/GroupsPage.tsx"), "GroupsPage"),
});

const newGroupRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/grupper/ny",
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/groups/NewGroupPage.tsx"), "NewGroupPage"),
});

/** A group page: valid ids in the address, and the project loaded first. */
async function loadGroupPage(args: { context: RouterContext; params: { projectId: string; groupId: string; sessionId?: string } }) {
  if (!Id.safeParse(args.params.groupId).success) throw notFound();
  if (args.params.sessionId !== undefined && !Id.safeParse(args.params.sessionId).success) throw notFound();
  await loadProject(args);
}

const groupRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/grupper/$groupId",
  loader: loadGroupPage,
  component: lazyRouteComponent(() => import("./features/groups/GroupPage.tsx"), "GroupPage"),
});

const groupStatisticsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/grupper/$groupId/statistik",
  loader: loadGroupPage,
  component: lazyRouteComponent(() => import("./features/groups/StatisticsPage.tsx"), "StatisticsPage"),
});

const groupSessionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/grupper/$groupId/traffar/$sessionId",
  loader: loadGroupPage,
  component: lazyRouteComponent(() => import("./features/groups/SessionPage.tsx"), "SessionPage"),
});

const participantGroupsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/deltagare/$enrolmentId/grupper",
  loader: ({ params }) => {
    if (!Id.safeParse(params.enrolmentId).success) throw notFound();
  },
  component: lazyRouteComponent(() => import("./features/groups/ParticipantGroupsPage.tsx"), "ParticipantGroupsPage"),
});

const codesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/kodlistor",
  validateSearch: (search: Record<string, unknown>): { lista?: string } => ({ lista: text(search.lista) }),
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/codes/CodeListsPage.tsx"), "CodeListsPage"),
});

const checklistTemplatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/checklistor",
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/activities/ChecklistTemplatesPage.tsx"), "ChecklistTemplatesPage"),
});

const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/import",
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/imports/ImportPage.tsx"), "ImportPage"),
});

const annualReportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/statistik",
  validateSearch: (search: Record<string, unknown>): { from?: string; to?: string; intake?: string } => ({
    from: text(search.from),
    to: text(search.to),
    intake: id(search.intake),
  }),
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/reports/AnnualReportPage.tsx"), "AnnualReportPage"),
});

const questionnairesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/enkater",
  validateSearch: (search: Record<string, unknown>): { omgang?: string } => ({ omgang: id(search.omgang) }),
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/ratings/QuestionnairesPage.tsx"), "QuestionnairesPage"),
});

const selfEvaluationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/sjalvvardering",
  validateSearch: (search: Record<string, unknown>): { dag?: string } => ({ dag: id(search.dag) }),
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/ratings/SelfEvaluationPage.tsx"), "SelfEvaluationPage"),
});

const reportsHubRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/rapporter",
  validateSearch: (search: Record<string, unknown>): { from?: string; to?: string } => ({ from: text(search.from), to: text(search.to) }),
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/reports/ReportsHubPage.tsx"), "ReportsHubPage"),
});

const reportTextsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/rapporter/texter",
  validateSearch: (search: Record<string, unknown>): { ar?: string } => ({ ar: text(search.ar) }),
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/reports/ReportTextsPage.tsx"), "ReportTextsPage"),
});

const followUpRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/projekt/$projectId/uppfoljning",
  validateSearch: (search: Record<string, unknown>): { from?: string; to?: string } => ({ from: text(search.from), to: text(search.to) }),
  loader: loadProject,
  component: lazyRouteComponent(() => import("./features/reports/FollowUpPage.tsx"), "FollowUpPage"),
});

const accountRoute = createRoute({ getParentRoute: () => appRoute, path: "/konto", component: AccountPage });

/** Administration: only for administrators. The pages load on demand, outside the first bundle. */
const adminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin",
  beforeLoad: ({ context }) => {
    if (!context.me.isAdmin) throw new ApiError(403, "forbidden", i18n.t("errors.adminOnly"));
  },
});

const adminIndexRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/admin/anvandare" });
  },
});

const adminUsersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/anvandare",
  validateSearch: (search: Record<string, unknown>): { q?: string } => ({ q: text(search.q) }),
  component: lazyRouteComponent(() => import("./features/admin/users/UserListPage.tsx"), "UserListPage"),
});

const adminNewUserRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/anvandare/ny",
  component: lazyRouteComponent(() => import("./features/admin/users/NewUserPage.tsx"), "NewUserPage"),
});

const adminUserRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/anvandare/$userId",
  loader: ({ params }) => {
    if (!Id.safeParse(params.userId).success) throw notFound();
  },
  component: lazyRouteComponent(() => import("./features/admin/users/UserPage.tsx"), "UserPage"),
});

const adminProjectsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/projekt",
  component: lazyRouteComponent(() => import("./features/admin/projects/AdminProjectsPage.tsx"), "AdminProjectsPage"),
});

const adminAuditRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/granskningslogg",
  validateSearch: (search: Record<string, unknown>): AuditSearch => {
    const outcome = AuditOutcome.safeParse(search.outcome);
    const page = Number(search.page);
    return {
      actor: text(search.actor),
      action: text(search.action),
      subjectId: text(search.subjectId),
      outcome: outcome.success ? outcome.data : undefined,
      from: text(search.from),
      to: text(search.to),
      page: Number.isInteger(page) && page > 1 ? page : undefined,
    };
  },
  component: lazyRouteComponent(() => import("./features/admin/audit/AuditLogPage.tsx"), "AuditLogPage"),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    homeRoute,
    projectRoute,
    caseloadRoute,
    referralsRoute,
    newReferralRoute,
    referralRoute,
    newEnrolmentRoute,
    participantRoute,
    participantActivitiesRoute,
    workListRoute,
    mappingRoute,
    planRoute,
    participantRatingsRoute,
    participantMeetingsRoute,
    participantNotesRoute,
    calendarRoute,
    intakesRoute,
    employersRoute,
    newEmployerRoute,
    findPlaceRoute,
    employerRoute,
    participantGroupsRoute,
    groupsRoute,
    newGroupRoute,
    groupRoute,
    groupStatisticsRoute,
    groupSessionRoute,
    codesRoute,
    checklistTemplatesRoute,
    importRoute,
    annualReportRoute,
    questionnairesRoute,
    selfEvaluationRoute,
    reportsHubRoute,
    reportTextsRoute,
    followUpRoute,
    accountRoute,
    adminRoute.addChildren([adminIndexRoute, adminUsersRoute, adminNewUserRoute, adminUserRoute, adminProjectsRoute, adminAuditRoute]),
  ]),
]);

// Plain `?q=anna&page=2` in the address bar, instead of the router's default JSON-encoded values.
function parseSearch(searchText: string): Record<string, unknown> {
  return Object.fromEntries(new URLSearchParams(searchText));
}

function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const result = params.toString();
  return result ? `?${result}` : "";
}

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: "intent",
  // React Query decides what is fresh; the router should always ask it.
  defaultPreloadStaleTime: 0,
  defaultErrorComponent: RouteError,
  defaultNotFoundComponent: NotFoundContent,
  defaultPendingComponent: Loading,
  scrollRestoration: true,
  parseSearch,
  stringifySearch,
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
