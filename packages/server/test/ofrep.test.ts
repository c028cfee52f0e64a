import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OFREPProvider } from '@openfeature/ofrep-provider';
import { OpenFeature } from '@openfeature/server-sdk';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hashSecret } from '../src/auth/secrets.js';
import { newSdkKey } from '../src/sdk-keys/keys.js';
import { testDialects } from './support/databases.js';
import { createFlag, developmentId, developmentRevision, patchFlag, sdkCall, SseClient } from './support/sdk.js';
import { startTestServer, type TestServer } from './support/server.js';

// ── The OFREP 0.3.0 schemas, read from ../shared in place ───────────────────────────────────

const SPEC = parse(
  readFileSync(fileURLToPath(new URL('../../../../shared/conformance/ofrep/openapi.yaml', import.meta.url)), 'utf8'),
) as {
  components: { schemas: Record<string, any> };
};
const VALUE_SHAPES = ['booleanFlag', 'stringFlag', 'integerFlag', 'floatFlag', 'objectFlag'];

const ajv = addFormats.default(new Ajv2020({ strict: false, allErrors: true }));
ajv.addFormat('float', true);
const schemas = structuredClone(SPEC.components.schemas);
// The spec's value alternatives overlap — codeDefaultFlag (`{}`) accepts any object and every
// integer is a float too — so its `oneOf` can never hold for a response with a value. It is read
// as `anyOf` here, and a value is checked against its own alternative separately (conforms()).
schemas.evaluationSuccess.allOf[1] = { anyOf: schemas.evaluationSuccess.allOf[1].oneOf };
ajv.addSchema({ $id: 'ofrep.json', components: { schemas } });

/** Validates a response body against the named schema of openapi.yaml; returns the errors. */
function conforms(schema: string, body: unknown): string[] {
  const validate = ajv.getSchema(`ofrep.json#/components/schemas/${schema}`);
  if (!validate) throw new Error(`no schema ${schema} in the OFREP spec`);
  const errors = validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  const successes = schema === 'bulkEvaluationSuccess' ? (body as { flags: unknown[] }).flags : [body];
  for (const success of successes) {
    if (typeof success !== 'object' || success === null || !('value' in success)) continue;
    const shaped = VALUE_SHAPES.some((shape) => ajv.getSchema(`ofrep.json#/components/schemas/${shape}`)?.(success));
    if (!shaped) errors.push(`${JSON.stringify(success)}: value fits none of ${VALUE_SHAPES.join(', ')}`);
  }
  return errors;
}

// ── The server under test ────────────────────────────────────────────────────────────────────

describe.each(await testDialects())('OFREP on %s', (dialect) => {
  let server: TestServer;
  const clients: SseClient[] = [];
  const single = (flag: string, body: unknown, key = server.seeded.serverKey, headers: Record<string, string> = {}) =>
    sdkCall(server, 'POST', `/ofrep/v1/evaluate/flags/${flag}`, { key: `Bearer ${key}`, body, headers });
  const bulk = (body: unknown, key = server.seeded.clientKey, headers: Record<string, string> = {}) =>
    sdkCall(server, 'POST', '/ofrep/v1/evaluate/flags', { key: `Bearer ${key}`, body, headers });
  const open = async (url: string, headers: Record<string, string> = {}) => {
    const client = await SseClient.open(url, headers);
    clients.push(client);
    return client;
  };
  const clientFor = async (name: string, headers: Record<string, string>) => {
    await OpenFeature.setProviderAndWait(name, new OFREPProvider({ baseUrl: server.url, headers }));
    return OpenFeature.getClient(name);
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const email = (domain: string) => [{ attribute: 'email', operator: 'ends_with', values: [domain] }];
    await createFlag(
      server,
      { key: 'new-checkout', clientSideAvailable: true },
      {
        on: true,
        allocations: [{ id: 'staff', conditions: email('@acme.com'), serve: { variation: 'on' } }],
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
        key: 'discount',
        type: 'number',
        clientSideAvailable: true,
        variations: [
          { key: 'none', value: 0 },
          { key: 'some', value: 12.5 },
        ],
      },
      {
        on: true,
        allocations: [
          {
            id: 'french',
            conditions: [{ attribute: 'country', operator: 'equals', values: ['FR'] }],
            serve: { variation: 'some' },
          },
        ],
        fallthrough: { variation: 'none' },
      },
    );
    await createFlag(
      server,
      {
        key: 'theme',
        type: 'json',
        clientSideAvailable: true,
        variations: [
          { key: 'blue', value: { color: 'blue', contrast: 1 } },
          { key: 'red', value: { color: 'red' } },
        ],
      },
      { on: true, fallthrough: { variation: 'blue' } },
    );
    await createFlag(server, { key: 'server-only' }, { on: true, fallthrough: { variation: 'on' } });
    await createFlag(server, { key: 'kill-switch', clientSideAvailable: true }, { on: false });
    await createFlag(
      server,
      { key: 'dark-launch', clientSideAvailable: true },
      { on: true, allocations: [{ id: 'nobody', exposure: 0, serve: { variation: 'on' } }] },
    );
    await createFlag(
      server,
      { key: 'device-rollout', clientSideAvailable: true },
      {
        on: true,
        bucketBy: { attribute: 'deviceId' },
        fallthrough: {
          split: [
            { variation: 'on', weight: 50 },
            { variation: 'off', weight: 50 },
          ],
        },
      },
    );
    await createFlag(
      server,
      { key: 'enterprise-only', clientSideAvailable: true },
      {
        on: true,
        allocations: [
          {
            id: 'enterprise',
            conditions: [
              { contextKind: 'organization', attribute: 'plan', operator: 'equals', values: ['enterprise'] },
            ],
            serve: { variation: 'on' },
          },
        ],
        fallthrough: { variation: 'off' },
      },
    );
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await OpenFeature.clearProviders();
    await server.close();
  });

  describe('with the stock @openfeature/ofrep-provider and @openfeature/server-sdk', () => {
    it('evaluates boolean, string, number and object flags', async () => {
      const client = await clientFor(`bearer-${dialect}`, { Authorization: `Bearer ${server.seeded.serverKey}` });
      expect(await client.getBooleanValue('new-checkout', false, { targetingKey: 'u-1', email: 'ada@acme.com' })).toBe(
        true,
      );
      expect(
        await client.getBooleanValue('new-checkout', true, { targetingKey: 'u-2', email: 'bob@example.com' }),
      ).toBe(false);
      expect(await client.getStringValue('banner-text', 'fallback', { targetingKey: 'u-1' })).toBe('Hello');
      expect(await client.getNumberValue('discount', -1, { targetingKey: 'u-1', country: 'FR' })).toBe(12.5);
      expect(await client.getNumberValue('discount', -1, { targetingKey: 'u-1', country: 'DE' })).toBe(0);
      expect(await client.getObjectValue('theme', {}, { targetingKey: 'u-1' })).toEqual({ color: 'blue', contrast: 1 });
    });

    it('reports reason, variant and the allocation as flag metadata', async () => {
      const client = await clientFor(`details-${dialect}`, { Authorization: `Bearer ${server.seeded.serverKey}` });
      const matched = await client.getBooleanDetails('new-checkout', false, {
        targetingKey: 'u-1',
        email: 'ada@acme.com',
      });
      expect(matched).toMatchObject({
        value: true,
        variant: 'on',
        reason: 'TARGETING_MATCH',
        flagMetadata: { allocation: 'staff' },
      });
      const fellThrough = await client.getBooleanDetails('new-checkout', true, { targetingKey: 'u-2' });
      expect(fellThrough).toMatchObject({
        value: false,
        variant: 'off',
        reason: 'UNKNOWN',
        flagMetadata: { vexilReason: 'DEFAULT' },
      });
      expect(await client.getBooleanDetails('kill-switch', true, { targetingKey: 'u-1' })).toMatchObject({
        value: false,
        variant: 'off',
        reason: 'DISABLED',
      });
      expect(await client.getStringDetails('banner-text', '', { targetingKey: 'u-1' })).toMatchObject({
        value: 'Hello',
        variant: 'hello',
        reason: 'STATIC',
      });
    });

    it('answers FLAG_NOT_FOUND for unknown flags, with the caller’s default', async () => {
      const client = await clientFor(`missing-${dialect}`, { Authorization: `Bearer ${server.seeded.serverKey}` });
      const details = await client.getBooleanDetails('no-such-flag', true, { targetingKey: 'u-1' });
      expect(details).toMatchObject({ value: true, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });
    });

    it('authenticates with X-API-Key, and hides flags a client key may not see behind FLAG_NOT_FOUND', async () => {
      const client = await clientFor(`api-key-${dialect}`, { 'X-API-Key': server.seeded.clientKey });
      expect(await client.getBooleanValue('new-checkout', false, { targetingKey: 'u-1', email: 'ada@acme.com' })).toBe(
        true,
      );
      expect(await client.getBooleanDetails('server-only', false, { targetingKey: 'u-1' })).toMatchObject({
        value: false,
        errorCode: 'FLAG_NOT_FOUND',
      });
    });

    it('surfaces TARGETING_KEY_MISSING when a rollout has nothing to bucket by', async () => {
      const client = await clientFor(`rollout-${dialect}`, { Authorization: `Bearer ${server.seeded.serverKey}` });
      expect(await client.getBooleanDetails('device-rollout', true, { targetingKey: 'u-1' })).toMatchObject({
        value: true,
        reason: 'ERROR',
        errorCode: 'TARGETING_KEY_MISSING',
      });
      expect(
        (await client.getBooleanDetails('device-rollout', true, { targetingKey: 'u-1', deviceId: 'd-1' })).reason,
      ).toBe('SPLIT');
    });
  });

  describe('evaluateFlag (POST /ofrep/v1/evaluate/flags/{key}) against openapi.yaml', () => {
    it('200 is a serverEvaluationSuccess for every type of flag', async () => {
      for (const [flag, context] of [
        ['new-checkout', { targetingKey: 'u-1', email: 'ada@acme.com' }],
        ['banner-text', { targetingKey: 'u-1' }],
        ['discount', { targetingKey: 'u-1', country: 'FR' }],
        ['discount', { targetingKey: 'u-1' }],
        ['theme', { targetingKey: 'u-1' }],
        ['kill-switch', { targetingKey: 'u-1' }],
      ] as const) {
        const answer = await single(flag, { context });
        expect(answer.status).toBe(200);
        expect(answer.headers.get('content-type')).toContain('application/json');
        expect(conforms('serverEvaluationSuccess', answer.body)).toEqual([]);
        expect(answer.body.key).toBe(flag);
      }
    });

    it('200 without a value (codeDefaultFlag) when the context is excluded from the traffic', async () => {
      const answer = await single('dark-launch', { context: { targetingKey: 'u-1' } });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        key: 'dark-launch',
        reason: 'UNKNOWN',
        metadata: { allocation: 'nobody', vexilReason: 'TRAFFIC_EXCLUDED' },
      });
      expect(conforms('serverEvaluationSuccess', answer.body)).toEqual([]);
    });

    it('404 is a flagNotFound with FLAG_NOT_FOUND, also for a flag a client key may not see', async () => {
      for (const [flag, key] of [
        ['no-such-flag', server.seeded.serverKey],
        ['server-only', server.seeded.clientKey],
      ] as const) {
        const answer = await single(flag, { context: { targetingKey: 'u-1' } }, key);
        expect(answer.status).toBe(404);
        expect(answer.body).toMatchObject({ key: flag, errorCode: 'FLAG_NOT_FOUND' });
        expect(conforms('flagNotFound', answer.body)).toEqual([]);
      }
    });

    it('400 is an evaluationFailure: INVALID_CONTEXT, PARSE_ERROR, TARGETING_KEY_MISSING', async () => {
      const cases: [unknown, string][] = [
        [{}, 'INVALID_CONTEXT'],
        [{ context: 'u-1' }, 'INVALID_CONTEXT'],
        [{ context: { targetingKey: 42 } }, 'INVALID_CONTEXT'],
        [{ context: { targetingKey: 'u-1', kind: 'not a kind' } }, 'INVALID_CONTEXT'],
        ['{"context": {', 'PARSE_ERROR'],
        [[1, 2], 'PARSE_ERROR'],
      ];
      for (const [body, errorCode] of cases) {
        const answer = await single('new-checkout', body);
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ key: 'new-checkout', errorCode });
        expect(typeof answer.body.errorDetails).toBe('string');
        expect(conforms('evaluationFailure', answer.body)).toEqual([]);
      }
      const missing = await single('device-rollout', { context: { targetingKey: 'u-1' } }, server.seeded.clientKey);
      expect(missing.status).toBe(400);
      expect(missing.body.errorCode).toBe('TARGETING_KEY_MISSING');
      expect(conforms('evaluationFailure', missing.body)).toEqual([]);
    });

    it('401 without a key or with an unknown one', async () => {
      expect(
        (
          await sdkCall(server, 'POST', '/ofrep/v1/evaluate/flags/new-checkout', {
            body: { context: { targetingKey: 'u' } },
          })
        ).status,
      ).toBe(401);
      expect((await single('new-checkout', { context: { targetingKey: 'u' } }, 'vx_client_nope')).status).toBe(401);
    });
  });

  describe('evaluateFlagsBulk (POST /ofrep/v1/evaluate/flags) against openapi.yaml', () => {
    it('200 is a bulkEvaluationSuccess with every flag the key may see, and an event stream', async () => {
      const answer = await bulk({ context: { targetingKey: 'u-1', email: 'ada@acme.com' } });
      expect(answer.status).toBe(200);
      expect(conforms('bulkEvaluationSuccess', answer.body)).toEqual([]);
      const keys = answer.body.flags.map((flag: { key: string }) => flag.key).sort();
      expect(keys).toEqual([
        'banner-text',
        'dark-launch',
        'device-rollout',
        'discount',
        'enterprise-only',
        'kill-switch',
        'new-checkout',
        'theme',
      ]);
      expect(answer.body.flags.find((flag: { key: string }) => flag.key === 'new-checkout')).toEqual({
        key: 'new-checkout',
        reason: 'TARGETING_MATCH',
        variant: 'on',
        value: true,
        metadata: { allocation: 'staff' },
      });
      expect(answer.body.flags.find((flag: { key: string }) => flag.key === 'device-rollout')).toMatchObject({
        errorCode: 'TARGETING_KEY_MISSING',
      });
      expect(answer.body.eventStreams).toEqual([
        { type: 'sse', endpoint: { requestUri: expect.stringMatching(/^\/ofrep\/v1\/stream\?token=/) } },
      ]);

      const all = await bulk({ context: { targetingKey: 'u-1' } }, server.seeded.serverKey);
      expect(all.body.flags.map((flag: { key: string }) => flag.key)).toContain('server-only');
    });

    it('400 is a bulkEvaluationFailure for a context that is not one', async () => {
      const answer = await bulk({ context: [] });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ errorCode: 'INVALID_CONTEXT', errorDetails: 'context must be an object' });
      expect(conforms('bulkEvaluationFailure', answer.body)).toEqual([]);
    });

    it('sends an ETag and answers If-None-Match with 304 until the answer changes', async () => {
      const body = { context: { targetingKey: 'u-1', email: 'ada@acme.com' } };
      const first = await bulk(body);
      const etag = first.headers.get('etag') as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      const again = await bulk(body, server.seeded.clientKey, { 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.body).toBeUndefined();

      const someoneElse = await bulk({ context: { targetingKey: 'u-2' } }, server.seeded.clientKey, {
        'if-none-match': etag,
      });
      expect(someoneElse.status).toBe(200);
      expect(someoneElse.headers.get('etag')).not.toBe(etag);
      // The revision answered, on a 304 too: what the stream's etag names.
      const revision = String(await developmentRevision(server));
      for (const answer of [first, again, someoneElse]) expect(answer.headers.get('vexil-revision')).toBe(revision);

      await patchFlag(server, 'banner-text', { fallthrough: { variation: 'bonjour' } });
      const changed = await bulk(body, server.seeded.clientKey, { 'if-none-match': etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('vexil-revision')).toBe(String(Number(revision) + 1));
      expect(changed.body.flags.find((flag: { key: string }) => flag.key === 'banner-text').value).toBe('Bonjour');
    });

    it('maps a `kind` attribute and multi-kind contexts to Vexil context kinds', async () => {
      const flag = async (context: Record<string, unknown>) =>
        (await bulk({ context })).body.flags.find((entry: { key: string }) => entry.key === 'enterprise-only');
      expect(await flag({ targetingKey: 'o-1', kind: 'organization', plan: 'enterprise' })).toMatchObject({
        variant: 'on',
        reason: 'TARGETING_MATCH',
      });
      expect(await flag({ targetingKey: 'u-1', plan: 'enterprise' })).toMatchObject({ variant: 'off' });
      expect(
        await flag({
          targetingKey: 'ignored',
          kind: 'multi',
          user: { key: 'u-1' },
          organization: { key: 'o-1', plan: 'enterprise' },
        }),
      ).toMatchObject({ variant: 'on' });
    });
  });

  describe('the event stream advertised in eventStreams (event-streams.yaml)', () => {
    const streamUrl = async (key = server.seeded.clientKey) =>
      `${server.url}${(await bulk({ context: { targetingKey: 'u-1' } }, key)).body.eventStreams[0].endpoint.requestUri}`;

    it('sends refetchEvaluation with the revision as etag on connect and after each change, needing no headers', async () => {
      const client = await open(await streamUrl());
      expect(client.status).toBe(200);
      expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      const hello = await client.next();
      const revision = await developmentRevision(server);
      expect(hello).toMatchObject({ event: 'message', id: String(revision) });
      expect(JSON.parse(hello.data)).toEqual({ type: 'refetchEvaluation', etag: String(revision) });

      await patchFlag(server, 'kill-switch', { on: true });
      const changed = await client.next();
      expect(JSON.parse(changed.data)).toEqual({ type: 'refetchEvaluation', etag: String(revision + 1) });
      expect(changed.id).toBe(String(revision + 1));
    });

    it('announces a burst of changes committed together once, with the latest revision', async () => {
      const client = await open(await streamUrl());
      await client.next();
      const before = await developmentRevision(server);
      // An Eppo import writes its flags (and segments) in one transaction: one change and revision each.
      const ufc = JSON.parse(
        readFileSync(
          fileURLToPath(new URL('../../../../shared/conformance/eppo/ufc/flags-v1.json', import.meta.url)),
          'utf8',
        ),
      );
      const flags = Object.fromEntries(
        ['numeric_flag', 'regex-flag', 'integer-flag'].map((key) => [key, ufc.flags[key]]),
      );
      expect(
        (await server.api('POST', '/api/v1/projects/default/environments/development/import/eppo', { ...ufc, flags }))
          .status,
      ).toBe(200);
      const after = await developmentRevision(server);
      expect(after - before).toBeGreaterThanOrEqual(3);
      const events = [await client.next(), ...(await client.quiet(300))];
      expect(events.map((event) => [event.id, JSON.parse(event.data).etag])).toEqual([[String(after), String(after)]]);
    });

    it('is quiet on reconnect with the current revision as Last-Event-ID', async () => {
      const client = await open(await streamUrl(), { 'last-event-id': String(await developmentRevision(server)) });
      expect(await client.quiet(200)).toEqual([]);
    });

    it('refuses a forged or revoked token with 401, and never puts the key in the URL', async () => {
      const url = await streamUrl(server.seeded.serverKey);
      expect(url).not.toContain(server.seeded.serverKey);
      expect((await open(url.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A')))).status).toBe(401);
      expect((await open(`${server.url}/ofrep/v1/stream?token=nonsense`)).status).toBe(401);

      const key = newSdkKey(await developmentId(server), 'client', 'browser', new Date().toISOString());
      await server.ctx.db.insertInto('sdkKeys').values(key.row).execute();
      const revocable = await streamUrl(key.secret);
      const client = await open(revocable);
      await client.next();
      await server.ctx.db
        .updateTable('sdkKeys')
        .set({ revokedAt: new Date().toISOString() })
        .where('id', '=', key.row.id)
        .execute();
      server.ctx.hub.keysRevoked([hashSecret(key.secret)]);
      await client.end();
      expect((await open(revocable)).status).toBe(401);
    });

    it('gives an absolute URL when the server knows its public URL', async () => {
      const published = await startTestServer(dialect, { publicUrl: 'https://flags.example.com' });
      try {
        const answer = await sdkCall(published, 'POST', '/ofrep/v1/evaluate/flags', {
          key: `Bearer ${published.seeded.clientKey}`,
          body: { context: { targetingKey: 'u' } },
        });
        expect(answer.body.eventStreams).toEqual([
          { type: 'sse', url: expect.stringMatching(/^https:\/\/flags\.example\.com\/ofrep\/v1\/stream\?token=/) },
        ]);
        expect(conforms('bulkEvaluationSuccess', answer.body)).toEqual([]);
      } finally {
        await published.close();
      }
    });
  });

  describe('CORS, for browser providers', () => {
    it('answers a preflight for Authorization, X-API-Key and If-None-Match from any origin', async () => {
      const preflight = await fetch(`${server.url}/ofrep/v1/evaluate/flags`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, x-api-key, if-none-match, content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
      const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      for (const header of ['authorization', 'x-api-key', 'if-none-match', 'content-type'])
        expect(allowed).toContain(header);
    });

    it('lets the page read the ETag and the revision of a bulk evaluation, and the stream', async () => {
      const answer = await bulk({ context: { targetingKey: 'u-1' } }, server.seeded.clientKey, {
        origin: 'https://app.example.com',
      });
      expect(answer.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(answer.headers.get('access-control-expose-headers')).toContain('ETag');
      expect(answer.headers.get('access-control-expose-headers')).toContain('Vexil-Revision');
      const url = `${server.url}${answer.body.eventStreams[0].endpoint.requestUri}`;
      const stream = await open(url, { origin: 'https://app.example.com' });
      expect(stream.headers['access-control-allow-origin']).toBe('https://app.example.com');
    });
  });
});
