/**
 * @vexil/web: Vexil's browser SDK. One client per page holds the evaluated values of the
 * environment's client-side flags for one context (never rules), starts from the values cached
 * for that context or given as bootstrap, and keeps them current over the OFREP event stream.
 */
export { createClient } from './client.js';
export type {
  Bootstrap,
  BootstrapDetail,
  CacheStore,
  ChangeEvent,
  ClientEvents,
  ClientStatus,
  Context,
  ErrorCode,
  EventSourceConstructor,
  EventSourceLike,
  FlagDetail,
  FlagValue,
  JsonValue,
  VexilWebClient,
  WebClientOptions,
} from './types.js';
