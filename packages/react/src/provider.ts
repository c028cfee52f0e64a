import { createClient, type VexilWebClient, type WebClientOptions } from '@vexil/web';
import { createContext, createElement, type ReactNode, useContext, useEffect, useState } from 'react';

export const VexilContext = createContext<VexilWebClient | null>(null);

/** Props of `<VexilProvider>`: a client you created (and close), or the options of one it creates and closes. */
export type VexilProviderProps =
  | { client: VexilWebClient; options?: never; children?: ReactNode }
  | { options: WebClientOptions; client?: never; children?: ReactNode };

/** True while rendering on a server (no `window`): a client made there must not touch the network. */
const onServer = () => typeof window === 'undefined' || typeof document === 'undefined';

function create(options: WebClientOptions): VexilWebClient {
  // On a server the client lives for one render: offline, so it sends nothing and keeps no timer.
  return createClient(onServer() ? { ...options, offline: true, cache: false, events: false } : options);
}

/** A stable text for a context, to tell a new context from the same one written again. */
const contextText = (context: unknown) => JSON.stringify(context);

/**
 * Gives the components below it a Vexil client. With `client`, that one (you close it); with `options`, one it
 * creates on first render and closes on unmount. The options are read once; a new `options.context` identifies
 * the client with it. Rendering is never blocked: hooks answer cached, bootstrap or default values at once.
 */
export function VexilProvider(props: VexilProviderProps): ReactNode {
  const { client: given, options, children } = props;
  // The options are read once: on creation (and again after a strict-mode remount closed the first client).
  const [initial] = useState(options);
  const [owned, setOwned] = useState<VexilWebClient | null>(() => (given ? null : create(initial as WebClientOptions)));
  const client = given ?? (owned as VexilWebClient);

  useEffect(() => {
    if (given || !owned) return;
    // Strict mode runs effects twice: a client closed by the first cleanup is replaced.
    if (owned.status === 'closed') {
      setOwned(create(initial as WebClientOptions));
      return;
    }
    return () => void owned.close();
  }, [given, owned, initial]);

  const wanted = options ? contextText(options.context) : undefined;
  useEffect(() => {
    if (given || !owned || wanted === undefined || owned.status === 'closed') return;
    if (contextText(owned.context) !== wanted) void owned.identify(JSON.parse(wanted));
  }, [given, owned, wanted]);

  return createElement(VexilContext.Provider, { value: client }, children);
}

/** The client of the nearest `<VexilProvider>`; throws outside one (a wiring mistake, not a flag's state). */
export function useVexilClient(): VexilWebClient {
  const client = useContext(VexilContext);
  if (!client) throw new Error('useVexilClient: no <VexilProvider> above this component');
  return client;
}
