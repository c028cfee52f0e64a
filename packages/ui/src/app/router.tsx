import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
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
/**
 * The flag list is where most visits land: its chunk is fetched as soon as its address matches,
 * while the session and the project are still being checked, not after. The loader waits for
 * nothing, and a search or filter (a new `?q=`) does not run it again.
 */
const flagListPreload = {
  loader: () => {
    void loadFlagListPage();
    return null;
  },
  shouldRevalidate: () => false,
  hydrateFallbackElement: <PageLoading />,
};
const FlagPage = lazy(() => import('../flags/FlagPage').then((module) => ({ default: module.FlagPage })));
const NotFoundPage = lazy(() => import('../shell/NotFoundPage').then((module) => ({ default: module.NotFoundPage })));

/** Pages outside the shell (nobody need be signed in) load behind their own fallback. */
const standalone = (page: ReactNode) => <Suspense fallback={<PageLoading />}>{page}</Suspense>;

/** `/projects/:project` alone shows the flags, keeping `?env=`. */
function ProjectHome() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: 'flags', search }} replace />;
}

/**
 * Every page of the console and its address. Everything a page shows is in its URL — the project in
 * the path, the environment in `?env=` — so a pasted link opens what the sender saw.
 */
export const routes = [
  { path: '/sign-in', element: standalone(<SignInPage />), errorElement: <RouteError /> },
  { path: '/invitations/accept', element: standalone(<InvitationPage />), errorElement: <RouteError /> },
  {
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'account', element: <AccountPage /> },
      {
        path: 'projects/:project',
        element: <ProjectLayout />,
        children: [
          { index: true, element: <ProjectHome /> },
          { path: 'flags', element: <FlagListPage />, ...flagListPreload },
          { path: 'flags/:flag', element: <FlagPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
