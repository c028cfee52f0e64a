import type { QueryClient } from '@tanstack/react-query';
import {
  createBrowserRouter,
  type LoaderFunctionArgs,
  Navigate,
  type RouteObject,
  type ShouldRevalidateFunctionArgs,
  useLocation,
} from 'react-router';
import { apiTokensQuery } from '../api/api-tokens';
import { auditQuery } from '../api/audit';
import { environmentsQuery } from '../api/environments';
import { flagQuery } from '../api/flag';
import { flagListQuery } from '../api/flags-list';
import { membersQuery } from '../api/members';
import { metricsQuery } from '../api/metrics';
import { experimentQuery, experimentResultsQuery, experimentsQuery } from '../api/experiments';
import { organizationQuery } from '../api/organization';
import { projectsQuery } from '../api/projects';
import { sdkKeysQuery } from '../api/sdk-keys';
import { segmentQuery, segmentsQuery, segmentUsageQuery } from '../api/segments';
import { sessionQuery } from '../api/session';
import { userListQuery, userQuery } from '../api/users';
import { apiFilters as auditApiFilters, filtersFromParams as auditFiltersFromParams } from '../audit/audit-model';
import { userFiltersFromParams } from '../users/user-model';
import { type Action, can } from '../auth/permissions';
import { filtersFromParams } from '../flags/list/filters';
import { PageLoading } from '../components/PageLoading';
import { ProjectLayout } from '../projects/ProjectLayout';
import { Shell } from '../shell/Shell';
import { RouteError } from './RouteError';

/**
 * Each page is its own chunk, loaded when first visited: the first load carries only the shell. The
 * router loads it (`lazy`) before it renders the page, so no page ever suspends: a suspended page
 * would show its fallback and then, React's reveal throttle, wait up to 300 ms more to appear.
 */
const pages = {
  signIn: async () => ({ Component: (await import('../auth/SignInPage')).SignInPage }),
  invitation: async () => ({ Component: (await import('../auth/InvitationPage')).InvitationPage }),
  account: async () => ({ Component: (await import('../account/AccountPage')).AccountPage }),
  home: async () => ({ Component: (await import('../projects/HomeRedirect')).HomeRedirect }),
  flagList: async () => ({ Component: (await import('../flags/FlagListPage')).FlagListPage }),
  flag: async () => ({ Component: (await import('../flags/FlagPage')).FlagPage }),
  segments: async () => ({ Component: (await import('../segments/SegmentsPage')).SegmentsPage }),
  segment: async () => ({ Component: (await import('../segments/SegmentPage')).SegmentPage }),
  environments: async () => ({ Component: (await import('../environments/EnvironmentsPage')).EnvironmentsPage }),
  sdkKeys: async () => ({ Component: (await import('../sdk-keys/SdkKeysPage')).SdkKeysPage }),
  users: async () => ({ Component: (await import('../users/UsersPage')).UsersPage }),
  user: async () => ({ Component: (await import('../users/UserPage')).UserPage }),
  audit: async () => ({ Component: (await import('../audit/AuditLogPage')).AuditLogPage }),
  members: async () => ({ Component: (await import('../members/MembersPage')).MembersPage }),
  apiTokens: async () => ({ Component: (await import('../api-tokens/ApiTokensPage')).ApiTokensPage }),
  organization: async () => ({ Component: (await import('../organization/OrganizationPage')).OrganizationPage }),
  projects: async () => ({ Component: (await import('../projects/ProjectsPage')).ProjectsPage }),
  metrics: async () => ({ Component: (await import('../metrics/MetricsPage')).MetricsPage }),
  experiments: async () => ({ Component: (await import('../experiments/ExperimentsPage')).ExperimentsPage }),
  experiment: async () => ({ Component: (await import('../experiments/ExperimentPage')).ExperimentPage }),
  eppoImport: async () => ({ Component: (await import('../imports/ImportPage')).ImportPage }),
  notFound: async () => ({ Component: (await import('../shell/NotFoundPage')).NotFoundPage }),
};

/** `/projects/:project` alone shows the flags, keeping `?env=`. */
function ProjectHome() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: 'flags', search }} replace />;
}

/**
 * A route's loader asks for its page's first data as soon as the address matches, beside the page's
 * code (`lazy`) and every other matched route's data, all at once rather than each after the last.
 * The page renders when they are in — in one pass, not once per answer, each arriving answer
 * restarting the render — or after `PRELOAD_WAIT_MS`, when it shows its own loading state instead.
 * A failed request is the page's to show: a loader never fails. Only a new path asks again (a
 * search or a filter is the page's own business).
 */
const PRELOAD_WAIT_MS = 1000;

function preload(start: (args: LoaderFunctionArgs) => Promise<unknown>[]) {
  return {
    loader: async (args: LoaderFunctionArgs) => {
      await Promise.race([Promise.all(start(args)), new Promise((resolve) => setTimeout(resolve, PRELOAD_WAIT_MS))]);
      return null;
    },
    shouldRevalidate: ({ currentUrl, nextUrl }: ShouldRevalidateFunctionArgs) =>
      currentUrl.pathname !== nextUrl.pathname,
    hydrateFallbackElement: <PageLoading />,
  };
}

/**
 * Every page of the console and its address. Everything a page shows is in its URL — the project in
 * the path, the environment in `?env=` — so a pasted link opens what the sender saw.
 */
export function routes(queryClient: QueryClient): RouteObject[] {
  return [
    { path: '/sign-in', lazy: pages.signIn, errorElement: <RouteError />, hydrateFallbackElement: <PageLoading /> },
    {
      path: '/invitations/accept',
      lazy: pages.invitation,
      errorElement: <RouteError />,
      hydrateFallbackElement: <PageLoading />,
    },
    {
      element: <Shell />,
      errorElement: <RouteError />,
      ...preload(() => [queryClient.prefetchQuery(sessionQuery), queryClient.prefetchQuery(projectsQuery)]),
      children: [
        { index: true, lazy: pages.home },
        { path: 'account', lazy: pages.account },
        {
          path: 'audit',
          lazy: pages.audit,
          ...preload(({ request }) => [
            queryClient.prefetchInfiniteQuery(
              auditQuery(auditApiFilters(auditFiltersFromParams(new URL(request.url).searchParams))),
            ),
          ]),
        },
        {
          path: 'settings/members',
          lazy: pages.members,
          // Only members with a role on the whole organisation may list them; for others the API says 403.
          ...preload(() => [whenAllowed(queryClient, 'member:read', () => queryClient.prefetchQuery(membersQuery))]),
        },
        {
          path: 'settings/api-tokens',
          lazy: pages.apiTokens,
          ...preload(() => [queryClient.prefetchQuery(apiTokensQuery)]),
        },
        {
          path: 'settings/organization',
          lazy: pages.organization,
          ...preload(() => [
            whenAllowed(queryClient, 'organization:read', () => queryClient.prefetchQuery(organizationQuery)),
          ]),
        },
        {
          path: 'settings/projects',
          lazy: pages.projects,
          ...preload(() => [queryClient.prefetchQuery(projectsQuery)]),
        },
        {
          path: 'projects/:project',
          element: <ProjectLayout />,
          ...preload(({ params }) => [queryClient.prefetchQuery(environmentsQuery(params.project ?? ''))]),
          children: [
            { index: true, element: <ProjectHome /> },
            {
              path: 'flags',
              lazy: pages.flagList,
              ...preload(({ params, request }) => {
                const filters = filtersFromParams(new URL(request.url).searchParams);
                return [queryClient.prefetchInfiniteQuery(flagListQuery(params.project ?? '', filters))];
              }),
            },
            {
              path: 'flags/:flag',
              lazy: pages.flag,
              ...preload(({ params }) => [
                queryClient.prefetchQuery(flagQuery(params.project ?? '', params.flag ?? '')),
              ]),
            },
            {
              path: 'segments',
              lazy: pages.segments,
              ...preload(({ params }) => [
                queryClient.prefetchQuery(segmentsQuery(params.project ?? '')),
                queryClient.prefetchQuery(segmentUsageQuery(params.project ?? '')),
              ]),
            },
            {
              path: 'segments/:segment',
              lazy: pages.segment,
              ...preload(({ params }) => [
                queryClient.prefetchQuery(segmentQuery(params.project ?? '', params.segment ?? '')),
              ]),
            },
            {
              path: 'metrics',
              lazy: pages.metrics,
              ...preload(({ params }) => [queryClient.prefetchQuery(metricsQuery(params.project ?? ''))]),
            },
            {
              path: 'experiments',
              lazy: pages.experiments,
              ...preload(({ params }) => [queryClient.prefetchQuery(experimentsQuery(params.project ?? ''))]),
            },
            {
              path: 'experiments/:experiment',
              lazy: pages.experiment,
              ...preload(({ params }) => [
                queryClient.prefetchQuery(experimentQuery(params.project ?? '', params.experiment ?? '')),
                queryClient.prefetchQuery(experimentResultsQuery(params.project ?? '', params.experiment ?? '')),
              ]),
            },
            { path: 'import', lazy: pages.eppoImport },
            {
              path: 'environments',
              lazy: pages.environments,
              ...preload(({ params }) => [queryClient.prefetchQuery(environmentsQuery(params.project ?? ''))]),
            },
            {
              path: 'users',
              lazy: pages.users,
              ...preload(({ params, request }) => {
                const search = new URL(request.url).searchParams;
                const environment = search.get('env');
                if (!environment) return [];
                return [
                  queryClient.prefetchInfiniteQuery(
                    userListQuery(params.project ?? '', environment, userFiltersFromParams(search)),
                  ),
                ];
              }),
            },
            {
              path: 'users/:kind/:key',
              lazy: pages.user,
              ...preload(({ params, request }) => {
                const environment = new URL(request.url).searchParams.get('env');
                if (!environment) return [];
                return [
                  queryClient.prefetchQuery(
                    userQuery(params.project ?? '', environment, params.kind ?? '', params.key ?? ''),
                  ),
                ];
              }),
            },
            {
              path: 'sdk-keys',
              lazy: pages.sdkKeys,
              ...preload(({ params, request }) => {
                // Only members who may manage the environment's keys can list them; for others the API says 403.
                const environment = new URL(request.url).searchParams.get('env');
                const project = params.project ?? '';
                if (!environment) return [];
                return [
                  queryClient
                    .ensureQueryData(sessionQuery)
                    .then((session) =>
                      can(session?.member, 'sdk-key:manage', { project, environment })
                        ? queryClient.prefetchQuery(sdkKeysQuery(project, environment))
                        : undefined,
                    )
                    .catch(() => undefined),
                ];
              }),
            },
          ],
        },
        { path: '*', lazy: pages.notFound },
      ],
    },
  ];
}

/** Prefetches what an organisation-wide page shows, when the signed-in member may read it. */
function whenAllowed(queryClient: QueryClient, action: Action, prefetch: () => Promise<void>): Promise<void> {
  return queryClient
    .ensureQueryData(sessionQuery)
    .then((session) => (can(session?.member, action, {}) ? prefetch() : undefined))
    .catch(() => undefined);
}

export const createRouter = (queryClient: QueryClient) => createBrowserRouter(routes(queryClient));
