import type { QueryClient } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense } from 'react';
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
import { sessionQuery } from '../api/session';
import { filtersFromParams } from '../flags/list/filters';
import { PageLoading } from '../components/PageLoading';
import { ProjectLayout } from '../projects/ProjectLayout';
import { Shell } from '../shell/Shell';
import { RouteError } from './RouteError';

// Each page is its own chunk, loaded when first visited: the first load carries only the shell.
const SignInPage = lazy(() => import('../auth/SignInPage').then((module) => ({ default: module.SignInPage })));
const InvitationPage = lazy(() =>
  import('../auth/InvitationPage').then((module) => ({ default: module.InvitationPage })),
);
const AccountPage = lazy(() => import('../account/AccountPage').then((module) => ({ default: module.AccountPage })));
const HomeRedirect = lazy(() =>
  import('../projects/HomeRedirect').then((module) => ({ default: module.HomeRedirect })),
);
const loadFlagListPage = () => import('../flags/FlagListPage');
const FlagListPage = lazy(() => loadFlagListPage().then((module) => ({ default: module.FlagListPage })));
const loadFlagPage = () => import('../flags/FlagPage');
const FlagPage = lazy(() => loadFlagPage().then((module) => ({ default: module.FlagPage })));
const NotFoundPage = lazy(() => import('../shell/NotFoundPage').then((module) => ({ default: module.NotFoundPage })));

/** Pages outside the shell (nobody need be signed in) load behind their own fallback. */
const standalone = (page: ReactNode) => <Suspense fallback={<PageLoading />}>{page}</Suspense>;

/** `/projects/:project` alone shows the flags, keeping `?env=`. */
function ProjectHome() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: 'flags', search }} replace />;
}

/**
 * A route's loader starts what its page will ask for — its code and its first data — as soon as the
 * address matches, all at once rather than each after the last, and waits for none of it: the page
 * renders at once and finds the answers in flight. Only a new path starts them again (a search or a
 * filter is the page's own business).
 */
function preload(start: (args: LoaderFunctionArgs) => void) {
  return {
    loader: (args: LoaderFunctionArgs) => {
      start(args);
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
    { path: '/sign-in', element: standalone(<SignInPage />), errorElement: <RouteError /> },
    { path: '/invitations/accept', element: standalone(<InvitationPage />), errorElement: <RouteError /> },
    {
      element: <Shell />,
      errorElement: <RouteError />,
      ...preload(() => {
        void queryClient.prefetchQuery(sessionQuery);
        void queryClient.prefetchQuery(projectsQuery);
      }),
      children: [
        { index: true, element: <HomeRedirect /> },
        { path: 'account', element: <AccountPage /> },
        {
          path: 'projects/:project',
          element: <ProjectLayout />,
          ...preload(({ params }) => void queryClient.prefetchQuery(environmentsQuery(params.project ?? ''))),
          children: [
            { index: true, element: <ProjectHome /> },
            {
              path: 'flags',
              element: <FlagListPage />,
              ...preload(({ params, request }) => {
                void loadFlagListPage();
                const filters = filtersFromParams(new URL(request.url).searchParams);
                void queryClient.prefetchInfiniteQuery(flagListQuery(params.project ?? '', filters));
              }),
            },
            {
              path: 'flags/:flag',
              element: <FlagPage />,
              ...preload(({ params }) => {
                void loadFlagPage();
                void queryClient.prefetchQuery(flagQuery(params.project ?? '', params.flag ?? ''));
              }),
            },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ];
}

export const createRouter = (queryClient: QueryClient) => createBrowserRouter(routes(queryClient));
