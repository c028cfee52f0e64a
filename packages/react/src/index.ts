/**
 * @vexil/react: React bindings for `@vexil/web`. `<VexilProvider>` gives a client to the tree; `useFlag` and
 * `useFlagDetail` read a flag without blocking rendering and re-render a component only when that flag changes;
 * with bootstrap values from the server (`@vexil/node`'s `allFlags`), the server's HTML already shows them.
 */
export { useFlag, useFlagDetail, useTrack, useVexilStatus } from './hooks.js';
export { useVexilClient, VexilProvider, type VexilProviderProps } from './provider.js';
export type { ClientStatus, FlagDetail, FlagValue, JsonValue, VexilWebClient, WebClientOptions } from '@vexil/web';
