import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isProblem } from '../api/problem';
import { SIGN_IN_META, sessionKeys } from '../api/session';

/**
 * One cache for the console. A 401 anywhere means the session is gone: the session becomes null and
 * the shell sends the member to sign in, with the page they were on as the way back. Client errors
 * are answers, not glitches, so only network failures and 5xx are retried — briefly, so no spinner
 * waits long.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey !== sessionKeys.session && isProblem(error, 401)) signedOut();
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.signIn !== SIGN_IN_META.signIn && isProblem(error, 401)) signedOut();
      },
    }),
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 2 && (!isProblem(error) || error.status === 0 || error.status >= 500),
        refetchOnWindowFocus: false,
      },
    },
  });
  function signedOut() {
    client.setQueryData(sessionKeys.session, null);
  }
  return client;
}
