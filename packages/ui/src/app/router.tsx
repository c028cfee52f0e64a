import type { QueryClient } from '@tanstack/react-query';
import {
  createBrowserRouter,
  type LoaderFunctionArgs,
  Navigate,
  type RouteObject,
  type ShouldRevalidateFunctionArgs,
  useLocation,
} from 'react-router';
import { environmentsQuery } from '../api/environments';
import { flagQuery } from '../api/flag';
import { flagListQuery } from '../api/flags-list';
import { projectsQuery } from '../api/projects';
import { sdkKeysQuery } from '../api/sdk-keys';
import { sessionQuery } from '../api/session';
import { can } from '../auth/permissions';
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
  environments: async () => ({ Component: (await import('../environments/EnvironmentsPage')).EnvironmentsPage }),
  sdkKeys: async () => ({ Component: (await import('../sdk-keys/SdkKeysPage')).SdkKeysPage }),
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
              path: 'environments',
              lazy: pages.environments,
              ...preload(({ params }) => [queryClient.prefetchQuery(environmentsQuery(params.project ?? ''))]),
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

export const createRouter = (queryClient: QueryClient) => createBrowserRouter(routes(queryClient));
