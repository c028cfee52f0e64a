import type { Scenario, Served, User } from '../scenarios.js';

/**
 * One engine under test (its name and packages are listed in `engines/index.ts`). The harness drives every engine through this interface, in three steps,
 * so that each step can be measured (or kept out of the measurement) on its own:
 *
 * 1. `prepare(users)` builds the engine's native context objects for the whole population
 *    (never timed, never counted in the heap figure);
 * 2. `load(scenario)` builds the engine's native flag configuration and loads it into a fresh
 *    client (the heap figure is taken around this step for S4);
 * 3. `evaluate(i)` evaluates `scenario.callKeys[i]` for context `i` and returns the served value
 *    (this is what is timed).
 */
export interface Engine {
  /** How this engine is configured for the benchmark, and where the configuration is only equivalent. */
  readonly notes: readonly string[];
  prepare(users: readonly User[]): PreparedEngine;
}

export interface PreparedEngine {
  load(scenario: Scenario): Promise<LoadedScenario>;
}

export type LoadedScenario = SyncScenario | AsyncScenario;

interface Closable {
  /** Stops the client (timers, sockets). */
  close(): void | Promise<void>;
}

export interface SyncScenario extends Closable {
  readonly mode: 'sync';
  evaluate(i: number): Served;
}

/** For SDKs whose evaluation API returns a promise (the harness awaits each call). */
export interface AsyncScenario extends Closable {
  readonly mode: 'async';
  evaluate(i: number): Promise<Served>;
}

/** Where the peers' SDKs are told to connect, if they insist on a URL: the discard port, never reached. */
export const UNREACHABLE_URL = 'http://127.0.0.1:9';
