import { createContext, useContext } from 'react';
import type { Session } from '../api/session';

/** The signed-in member's session, provided by the shell to every page inside it. */
export const SessionContext = createContext<Session | null>(null);

/** The session of a page inside the shell, where someone is always signed in. */
export function useSignedIn(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSignedIn() is only for pages inside the shell');
  return session;
}
