import type { FlagType, UfcConfiguration } from '../../src/index.js';
import { readSharedJson, sharedJsonFiles } from './shared.js';

/**
 * Eppo's flag-assignment suite (`../shared/conformance/eppo/ufc`), read in place: the engine's,
 * the server's import and the Node SDK's conformance tests all read it through here.
 */
export interface EppoCase {
  flag: string;
  variationType: 'BOOLEAN' | 'INTEGER' | 'NUMERIC' | 'STRING' | 'JSON';
  defaultValue: unknown;
  subjects: {
    subjectKey: string;
    subjectAttributes: Record<string, unknown>;
    assignment: unknown;
    evaluationDetails: {
      flagEvaluationCode: 'MATCH' | 'DEFAULT_ALLOCATION_NULL' | 'FLAG_UNRECOGNIZED_OR_DISABLED' | 'ASSIGNMENT_ERROR';
      variationKey: string | null;
      matchedAllocation: { key: string } | null;
    };
  }[];
}

export const EXPECTED_TYPE: Record<EppoCase['variationType'], FlagType> = {
  BOOLEAN: 'boolean',
  INTEGER: 'number',
  NUMERIC: 'number',
  STRING: 'string',
  JSON: 'json',
};

export function readEppoJson<T>(name: string): T {
  return readSharedJson<T>(`conformance/eppo/ufc/${name}`);
}

export function eppoConfiguration(): UfcConfiguration {
  return readEppoJson<UfcConfiguration>('flags-v1.json');
}

/** Every case file, by file name (`test-case-….json`), in order. */
export function eppoCases(): { file: string; suite: EppoCase }[] {
  return sharedJsonFiles('conformance/eppo/ufc/tests').map((path) => ({
    file: path.split('/').pop() as string,
    suite: readSharedJson<EppoCase>(path),
  }));
}

/**
 * The suite's flags the server refuses to store (fewer than two variations, a fractional INTEGER,
 * a split naming a variation that does not exist): Eppo keeps them to test its SDKs' error paths.
 */
export const REFUSED_BY_SERVER = ['empty_flag', 'disabled_flag', 'invalid-value-flag', 'start-and-end-date-test'];

/** flags-v1.json without the flags the server refuses. */
export function importableConfiguration(): UfcConfiguration {
  const everything = eppoConfiguration();
  return {
    ...everything,
    flags: Object.fromEntries(Object.entries(everything.flags).filter(([key]) => !REFUSED_BY_SERVER.includes(key))),
  };
}
