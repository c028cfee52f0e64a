import { eppoContext, importEppoConfiguration } from '@vexil/engine';
import { init, type VexilClient } from '@vexil/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eppoCases,
  eppoConfiguration,
  EXPECTED_TYPE,
  importableConfiguration,
  REFUSED_BY_SERVER,
  type EppoCase,
} from '../../engine/test/support/eppo.js';
import { startTestServer, type TestServer } from '../../server/test/support/server.js';
import { recordingLogger } from './support/server.js';

/**
 * Eppo's flag-assignment suite (shared/conformance/eppo) evaluated through the SDK, all 225
 * subjects: those of the flags the server stores are imported through the management API (what a
 * user's backend would see); the rest — the flags the server refuses to store, and a flag that
 * does not exist — through an SDK started from the engine's own import of the whole suite, since
 * the SDK must give Eppo's answers for any ruleset it is handed.
 */
const everything = eppoConfiguration();
const importable = importableConfiguration();
const suites = eppoCases();
const imported = suites.filter(({ suite }) => suite.flag in importable.flags);
const notImported = suites.filter(({ suite }) => !(suite.flag in importable.flags));

/** Eppo's evaluation code in Vexil's words (as in the engine's own conformance suite). */
function expectedOutcome(suite: EppoCase, details: EppoCase['subjects'][number]['evaluationDetails']) {
  switch (details.flagEvaluationCode) {
    case 'MATCH': {
      const allocation = everything.flags[suite.flag]!.allocations.find(
        (a) => a.key === details.matchedAllocation!.key,
      )!;
      const split = allocation.splits.find((s) => s.variationKey === details.variationKey)!;
      return { reason: split.shards.length > 0 ? 'SPLIT' : 'TARGETING_MATCH', variation: details.variationKey! };
    }
    case 'DEFAULT_ALLOCATION_NULL':
      return { reason: 'DEFAULT' };
    case 'FLAG_UNRECOGNIZED_OR_DISABLED':
      return suite.flag in everything.flags ? { reason: 'DISABLED' } : { reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' };
    case 'ASSIGNMENT_ERROR':
      return { reason: 'ERROR', errorCode: 'TYPE_MISMATCH' };
  }
}

/** Every subject of the case gets Eppo's assignment, and the Vexil reason for Eppo's evaluation code. */
function expectEppoAssignments(sdk: VexilClient, suite: EppoCase): void {
  for (const subject of suite.subjects) {
    const detail = sdk.detail(
      suite.flag,
      eppoContext(subject.subjectKey, subject.subjectAttributes),
      suite.defaultValue as never,
      EXPECTED_TYPE[suite.variationType],
    );
    expect(detail.value, `${suite.flag} for ${subject.subjectKey}`).toEqual(subject.assignment);
    expect(detail, `${suite.flag} for ${subject.subjectKey}`).toMatchObject(
      expectedOutcome(suite, subject.evaluationDetails),
    );
  }
}

describe('Eppo UFC suite imported through the API and evaluated through the SDK', () => {
  let server: TestServer;
  let sdk: VexilClient;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const response = await server.api(
      'POST',
      '/api/v1/projects/default/environments/development/import/eppo',
      importable,
    );
    expect(response.status).toBe(200);
    sdk = init({ sdkKey: server.seeded.serverKey, baseUrl: server.url, events: false, logger: recordingLogger() });
    expect(await sdk.waitForInitialization()).toBe(true);
  });
  afterAll(async () => {
    await sdk.close();
    await server.close();
  });

  it('covers all 225 subjects: 210 of the flags the server stores, 15 of flags it refuses or that do not exist', () => {
    expect(suites.reduce((total, { suite }) => total + suite.subjects.length, 0)).toBe(225);
    expect(imported.reduce((total, { suite }) => total + suite.subjects.length, 0)).toBe(210);
    expect(notImported.reduce((total, { suite }) => total + suite.subjects.length, 0)).toBe(15);
    expect(new Set(notImported.map(({ suite }) => suite.flag))).toEqual(
      new Set([...REFUSED_BY_SERVER, 'flag-that-does-not-exist']),
    );
  });

  for (const { file, suite } of imported) {
    it(`${file}: ${suite.subjects.length} subjects get Eppo’s assignment`, () => expectEppoAssignments(sdk, suite));
  }
});

describe('the rest of the Eppo UFC suite (flags the server refuses, a flag that does not exist), bootstrapped from the engine’s import and evaluated through the SDK', () => {
  let sdk: VexilClient;
  const logger = recordingLogger();
  beforeAll(() => {
    sdk = init({ sdkKey: 'vx_server_unused', offline: true, bootstrap: importEppoConfiguration(everything), logger });
  });
  afterAll(() => sdk.close());

  it('takes the whole imported suite as it is, without a warning', () => {
    expect(sdk.status).toBe('ready');
    for (const flag of REFUSED_BY_SERVER) expect(sdk.flagMetadata(flag), flag).toBeDefined();
    expect(logger.lines.filter((line) => line.level !== 'debug')).toEqual([]);
  });

  for (const { file, suite } of notImported) {
    it(`${file}: ${suite.subjects.length} subjects get Eppo’s assignment`, () => expectEppoAssignments(sdk, suite));
  }
});
