import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { isProblem } from './problem';
import type { paths } from './schema';

export type Session = paths['/api/v1/auth/session']['get']['responses'][200]['content']['application/json'];
export type Member = Session['member'];
export type AuthProviders = paths['/api/v1/auth/providers']['get']['responses'][200]['content']['application/json'];
type Credentials = paths['/api/v1/auth/login']['post']['requestBody']['content']['application/json'];
type InvitationAcceptance =
  paths['/api/v1/auth/invitations/accept']['post']['requestBody']['content']['application/json'];
type PasswordChange = paths['/api/v1/auth/password']['post']['requestBody']['content']['application/json'];

export const sessionKeys = {
  session: ['session'] as const,
  providers: ['auth', 'providers'] as const,
};

/** Mutations that answer 401 for wrong credentials, not for a lost session: no redirect to sign-in. */
export const SIGN_IN_META = { signIn: true } as const;

/** The signed-in member, or null when nobody is signed in (a 401 is an answer here, not an error). */
export function useSession() {
  return useQuery(sessionQuery);
}

/** The session query, shared by the hook and by the router's prefetch (same key, same request). */
export const sessionQuery = queryOptions({
  queryKey: sessionKeys.session,
  queryFn: async (): Promise<Session | null> => {
    try {
      return await unwrap(api.GET('/api/v1/auth/session'));
    } catch (error) {
      if (isProblem(error, 401)) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

/** How one can sign in here: password, and single sign-on when configured. */
export function useAuthProviders() {
  return useQuery({
    queryKey: sessionKeys.providers,
    queryFn: () => unwrap(api.GET('/api/v1/auth/providers')),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** After signing in as someone, nothing cached for whoever was here before may show. */
function useStartSession() {
  const queryClient = useQueryClient();
  return (session: Session) => {
    queryClient.removeQueries();
    queryClient.setQueryData(sessionKeys.session, session);
  };
}

export function useSignIn() {
  const start = useStartSession();
  return useMutation({
    meta: SIGN_IN_META,
    mutationFn: (credentials: Credentials) => unwrap(api.POST('/api/v1/auth/login', { body: credentials })),
    onSuccess: start,
  });
}

export function useAcceptInvitation() {
  const start = useStartSession();
  return useMutation({
    meta: SIGN_IN_META,
    mutationFn: (acceptance: InvitationAcceptance) =>
      unwrap(api.POST('/api/v1/auth/invitations/accept', { body: acceptance })),
    onSuccess: start,
  });
}

/** Changes the password; the server ends the member's other sessions and keeps this one. */
export function useChangePassword() {
  return useMutation({
    meta: SIGN_IN_META,
    mutationFn: (change: PasswordChange) => unwrap(api.POST('/api/v1/auth/password', { body: change })),
  });
}

/** Moves the session to another organisation of the account; nothing cached from the one left may show. */
export function useSwitchOrganization() {
  const start = useStartSession();
  return useMutation({
    mutationFn: (organization: string) => unwrap(api.POST('/api/v1/auth/organization', { body: { organization } })),
    onSuccess: start,
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    // Signed out locally even when the server could not be told: the cookie may be gone already.
    onSettled: () => {
      queryClient.removeQueries();
      queryClient.setQueryData(sessionKeys.session, null);
    },
  });
}
