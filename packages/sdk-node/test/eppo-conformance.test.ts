import { eppoContext } from '@vexil/engine';
import { init, type VexilClient } from '@vexil/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eppoCases, eppoConfiguration, EXPECTED_TYPE, importableConfiguration, type EppoCase } from '../../engine/test/support/eppo.js';
import { startTestServer, type TestServer } from '../../server/test/support/server.js';
import { recordingLogger } from './support/server.js';

/**
 * Eppo's flag-assignment suite (shared/conformance/eppo), imported into a real server through the
 * management API and evaluated through the SDK: what a user's backend would see.
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
      const allocation = everything.flags[suite.flag]!.allocations.find((a) => a.key === details.matchedAllocation!.key)!;
      const split = allocation.splits.find((s) => s.variationKey === details.variationKey)!;
      return { reason: split.shards.length > 0 ? 'SPLIT' : 'TARGETING_MATCH', variation: details.variationKey! };
    }
    case 'DEFAULT_ALLOCATION_NULL':
      return { reason: 'DEFAULT' };
    case 'FLAG_UNRECOGNIZED_OR_DISABLED':
      return { reason: 'DISABLED' };
    case 'ASSIGNMENT_ERROR':
      return { reason: 'ERROR', errorCode: 'TYPE_MISMATCH' };
  }
}

describe('Eppo UFC suite imported through the API and evaluated through the SDK', () => {
  let server: TestServer;
  let sdk: VexilClient;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const response = await server.api('POST', '/api/v1/projects/default/environments/development/import/eppo', importable);
    expect(response.status).toBe(200);
    sdk = init({ sdkKey: server.seeded.serverKey, baseUrl: server.url, events: false, logger: recordingLogger() });
    expect(await sdk.waitForInitialization()).toBe(true);
  });
  afterAll(async () => {
    await sdk.close();
    await server.close();
  });

  it('covers all 225 subjects: those of imported flags get Eppo’s assignment, the rest are not found', () => {
    expect(suites.reduce((total, { suite }) => total + suite.subjects.length, 0)).toBe(225);
    expect(imported.reduce((total, { suite }) => total + suite.subjects.length, 0)).toBe(210);
  });

  for (const { file, suite } of imported) {
    it(`${file}: ${suite.subjects.length} subjects get Eppo’s assignment`, () => {
      for (const subject of suite.subjects) {
        const detail = sdk.detail(suite.flag, eppoContext(subject.subjectKey, subject.subjectAttributes), suite.defaultValue as never, EXPECTED_TYPE[suite.variationType]);
        expect(detail.value, `${suite.flag} for ${subject.subjectKey}`).toEqual(subject.assignment);
        expect(detail, `${suite.flag} for ${subject.subjectKey}`).toMatchObject(expectedOutcome(suite, subject.evaluationDetails));
      }
    });
  }

  for (const { file, suite } of notImported) {
    it(`${file}: not stored by the server, so the SDK answers FLAG_NOT_FOUND and the default`, () => {
      for (const subject of suite.subjects) {
        const detail = sdk.detail(suite.flag, eppoContext(subject.subjectKey, subject.subjectAttributes), suite.defaultValue as never, EXPECTED_TYPE[suite.variationType]);
        expect(detail).toMatchObject({ value: suite.defaultValue, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });
      }
    });
  }
});
