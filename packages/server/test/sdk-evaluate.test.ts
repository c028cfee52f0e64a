import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { createFlag, developmentRevision, patchFlag, sdkCall } from './support/sdk.js';
import { startTestServer, type TestServer } from './support/server.js';

/** Every object key anywhere in a JSON value. */
function keysIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysIn(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      into.add(key);
      keysIn(child, into);
    }
  }
  return into;
}

describe.each(await testDialects())('POST /sdk/v1/evaluate on %s', (dialect) => {
  let server: TestServer;
  const evaluate = (key: string | undefined, body: unknown) =>
    sdkCall(server, 'POST', '/sdk/v1/evaluate', { key, body });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    expect(
      (await server.api('POST', '/api/v1/projects/default/segments', { key: 'beta-testers', included: ['u-beta'] }))
        .status,
    ).toBe(201);
    await createFlag(
      server,
      { key: 'new-checkout', clientSideAvailable: true },
      {
        on: true,
        targets: [{ variation: 'on', values: ['u-pinned'] }],
        allocations: [
          { id: 'beta', conditions: [{ segment: 'beta-testers' }], serve: { variation: 'on' } },
          {
            id: 'staff',
            conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@acme.com'] }],
            serve: { variation: 'on' },
            track: true,
          },
          {
            id: 'nobody-yet',
            conditions: [{ attribute: 'country', operator: 'equals', values: ['FR'] }],
            exposure: 0,
            serve: { variation: 'on' },
          },
        ],
        fallthrough: { variation: 'off' },
      },
    );
    await createFlag(
      server,
      {
        key: 'banner-text',
        type: 'string',
        clientSideAvailable: true,
        variations: [
          { key: 'hello', value: 'Hello' },
          { key: 'bonjour', value: 'Bonjour' },
        ],
      },
      { on: true, fallthrough: { variation: 'hello' } },
    );
    await createFlag(
      server,
      {
        key: 'server-only-pricing',
        type: 'number',
        variations: [
          { key: 'low', value: 9 },
          { key: 'high', value: 19 },
        ],
      },
      { on: true, fallthrough: { variation: 'high' } },
    );
  });
  afterAll(() => server.close());

  it('answers a client key with the client-side-available flags only, evaluated for the context', async () => {
    const answer = await evaluate(server.seeded.clientKey, { context: { key: 'u-1', email: 'ada@acme.com' } });
    expect(answer.status).toBe(200);
    expect(answer.body.revision).toBe(await developmentRevision(server));
    expect(Object.keys(answer.body.flags).sort()).toEqual(['banner-text', 'new-checkout']);
    expect(answer.body.flags['new-checkout']).toEqual({
      value: true,
      variation: 'on',
      reason: 'TARGETING_MATCH',
      allocation: 'staff',
      track: true,
    });
    expect(answer.body.flags['banner-text']).toEqual({ value: 'Hello', variation: 'hello', reason: 'STATIC' });
  });

  it('never lets rules, segments or server-only flags reach a client key', async () => {
    const answer = await evaluate(server.seeded.clientKey, { context: { key: 'u-beta', country: 'FR' } });
    const keys = keysIn(answer.body);
    for (const forbidden of [
      'allocations',
      'conditions',
      'segments',
      'segment',
      'targets',
      'rules',
      'fallthrough',
      'prerequisites',
      'variations',
      'included',
      'split',
    ]) {
      expect(keys).not.toContain(forbidden);
    }
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain('server-only-pricing');
    expect(text).not.toContain('beta-testers');
    expect(text).not.toContain('@acme.com');
  });

  it('gives a server key every flag', async () => {
    const answer = await evaluate(`Bearer ${server.seeded.serverKey}`, { context: { key: 'u-1' } });
    expect(Object.keys(answer.body.flags).sort()).toEqual(['banner-text', 'new-checkout', 'server-only-pricing']);
    expect(answer.body.flags['server-only-pricing']).toEqual({ value: 19, variation: 'high', reason: 'STATIC' });
  });

  it('evaluates targets, segments, exposure and fallthrough as the engine does', async () => {
    const flagFor = async (context: Record<string, unknown>) =>
      (await evaluate(server.seeded.clientKey, { context })).body.flags['new-checkout'];
    expect(await flagFor({ key: 'u-pinned' })).toEqual({ value: true, variation: 'on', reason: 'TARGETING_MATCH' });
    expect(await flagFor({ key: 'u-beta' })).toEqual({
      value: true,
      variation: 'on',
      reason: 'TARGETING_MATCH',
      allocation: 'beta',
    });
    // Matched an allocation with 0 % exposure: the caller's default, so no value at all.
    expect(await flagFor({ key: 'u-2', country: 'FR' })).toEqual({
      reason: 'TRAFFIC_EXCLUDED',
      allocation: 'nobody-yet',
    });
    expect(await flagFor({ key: 'u-3' })).toEqual({ value: false, variation: 'off', reason: 'DEFAULT' });
    expect(await flagFor({ kind: 'multi', user: { key: 'u-beta' }, organization: { key: 'o-1' } })).toMatchObject({
      variation: 'on',
      allocation: 'beta',
    });
  });

  it('reflects a change made through the management API in the next answer', async () => {
    await patchFlag(server, 'banner-text', { fallthrough: { variation: 'bonjour' } });
    const answer = await evaluate(server.seeded.clientKey, { context: { key: 'u-1' } });
    expect(answer.body.flags['banner-text']).toEqual({ value: 'Bonjour', variation: 'bonjour', reason: 'STATIC' });
    expect(answer.body.revision).toBe(await developmentRevision(server));
  });

  it.each([
    ['no context', {}, 'context', 'is required'],
    ['a context that is not an object', { context: 'u-1' }, 'context', 'must be object'],
    ['an unknown field', { context: { key: 'u-1' }, flags: ['x'] }, 'flags', 'is not a known field'],
    ['a key that is not a string', { context: { key: 42 } }, 'context.key', 'must be string'],
    ['an invalid kind', { context: { kind: 'a kind', key: 'u-1' } }, 'context.kind', 'must be a context kind'],
    [
      'a multi-kind part that is not an object',
      { context: { kind: 'multi', user: { key: 'u-1' }, organization: 'o-1' } },
      'context.organization',
      'must be an object',
    ],
    ['a multi-kind context without kinds', { context: { kind: 'multi' } }, 'context', 'at least one kind'],
    [
      'a key longer than 512 characters',
      { context: { kind: 'multi', user: { key: 'u'.repeat(513) } } },
      'context.user.key',
      'at most 512 characters',
    ],
  ])('refuses %s with 400 naming the field', async (_case, body, path, message) => {
    const answer = await evaluate(server.seeded.clientKey, body);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    const error = answer.body.errors.find((candidate: { path: string }) => candidate.path === path);
    expect(error?.message).toContain(message);
  });

  it('refuses malformed JSON with 400 and a body over 64 KiB with 413', async () => {
    const malformed = await evaluate(server.seeded.clientKey, '{"context":');
    expect(malformed.status).toBe(400);
    const huge = await evaluate(server.seeded.clientKey, { context: { key: 'u-1', notes: 'x'.repeat(70 * 1024) } });
    expect(huge.status).toBe(413);
  });

  it('checks the key before the body: 401 without a key, whatever the body', async () => {
    expect((await evaluate(undefined, { context: { key: 'u-1' } })).status).toBe(401);
    expect((await evaluate(undefined, { nonsense: true })).status).toBe(401);
    expect((await evaluate('vx_client_unknown', { context: { key: 'u-1' } })).status).toBe(401);
  });
});
