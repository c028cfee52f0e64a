import type { Engine } from './types.js';

export interface EngineEntry {
  /** Row label of the results table. */
  readonly label: string;
  /** Packages whose installed versions are reported (the SDK first, then the evaluator it wraps). */
  readonly packages: readonly string[];
  /** Imported lazily, so a worker process loads only the SDK it measures. */
  load(): Promise<Engine>;
}

/** Every engine, in table order; the keys are the `--engine` ids. */
export const ENGINES: Readonly<Record<string, EngineEntry>> = {
  vexil: {
    label: 'Vexil',
    packages: ['@vexil/engine'],
    load: async () => (await import('./vexil.js')).engine,
  },
  'vexil-node': {
    label: 'Vexil SDK (@vexil/node)',
    packages: ['@vexil/node', '@vexil/engine'],
    load: async () => (await import('./vexil-node.js')).engine,
  },
  'vexil-node-events': {
    label: 'Vexil SDK, events on',
    packages: ['@vexil/node', '@vexil/engine'],
    load: async () => (await import('./vexil-node.js')).eventsEngine,
  },
  flagd: {
    label: 'flagd (in-process core)',
    packages: ['@openfeature/flagd-core'],
    load: async () => (await import('./flagd.js')).engine,
  },
  growthbook: {
    label: 'GrowthBook',
    packages: ['@growthbook/growthbook'],
    load: async () => (await import('./growthbook.js')).engine,
  },
  unleash: {
    label: 'Unleash',
    packages: ['unleash-client'],
    load: async () => (await import('./unleash.js')).engine,
  },
  launchdarkly: {
    label: 'LaunchDarkly',
    packages: ['@launchdarkly/node-server-sdk', '@launchdarkly/js-server-sdk-common'],
    load: async () => (await import('./launchdarkly.js')).engine,
  },
  eppo: {
    label: 'Eppo',
    packages: ['@eppo/node-server-sdk', '@eppo/js-client-sdk-common'],
    load: async () => (await import('./eppo.js')).engine,
  },
  configcat: {
    label: 'ConfigCat',
    packages: ['configcat-node', 'configcat-common'],
    load: async () => (await import('./configcat.js')).engine,
  },
};

export const ENGINE_IDS: readonly string[] = Object.keys(ENGINES);
