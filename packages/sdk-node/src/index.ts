/**
 * @vexil/node — Vexil's server-side SDK: flags evaluated locally by the shared engine, kept up to
 * date over the SDK stream, with exposures, counts and custom events sent back in batches.
 */
export {
  init,
  PROVIDER_NOT_READY,
  type VexilClient,
  type ClientStatus,
  type EvaluationDetail,
  type FlagMetadata,
} from './client.js';
export type { VexilOptions, Logger } from './options.js';
export type { Change } from './store/ruleset-store.js';
export type { EvaluationContext, FlagType, FlagValue, JsonValue, Ruleset } from '@vexil/engine';
