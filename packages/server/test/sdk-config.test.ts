import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../src/auth/secrets.js';
import { SdkKeyResolver } from '../src/sdk/authenticate.js';
import { newSdkKey } from '../src/sdk-keys/keys.js';
import { testDialects } from './support/databases.js';
import { createFlag, developmentId, developmentRevision, patchFlag, rawRequest, sdkCall } from './support/sdk.js';
import { startTestServer, type TestServer } from './support/server.js';

describe.each(await testDialects())('GET /sdk/v1/config on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createFlag(
      server,
      { key: 'new-checkout', clientSideAvailable: true },
      {
        on: true,
        allocations: [
          {
            id: 'staff',
            conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@acme.com'] }],
            serve: { variation: 'on' },
          },
        ],
      },
    );
    await createFlag(server, {
      key: 'banner',
      type: 'string',
      variations: [
        { key: 'a', value: 'hello' },
        { key: 'b', value: 'bonjour' },
      ],
    });
  });
  afterAll(() => server.close());

  const config = (headers: Record<string, string> = {}) =>
    rawRequest(`${server.url}/sdk/v1/config`, { headers: { authorization: server.seeded.serverKey, ...headers } });

  it("serves the environment's ruleset as the engine's Ruleset, versioned by the revision", async () => {
    const answer = await config();
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('application/json');
    const ruleset = JSON.parse(answer.body.toString());
    expect(Object.keys(ruleset).sort()).toEqual(['flags', 'segments', 'version']);
    expect(ruleset.version).toBe(await developmentRevision(server));
    expect(ruleset.flags.map((flag: { key: string }) => flag.key)).toEqual(['banner', 'new-checkout']);
    expect(ruleset.flags[1]).toMatchObject({
      key: 'new-checkout',
      type: 'boolean',
      on: true,
      allocations: [{ id: 'staff', serve: { variation: 'on' } }],
    });
    expect(answer.headers.etag).toBe(`"${ruleset.version}"`);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers.vary).toContain('Accept-Encoding');
  });

  it('accepts the key bare or as a bearer token', async () => {
    expect((await config({ authorization: `Bearer ${server.seeded.serverKey}` })).status).toBe(200);
    expect((await config({ authorization: `bearer ${server.seeded.serverKey}` })).status).toBe(200);
  });

  it('answers 304 without a body when If-None-Match names the current revision (RFC 9110 §13.1.2), and 200 once it changed', async () => {
    const { headers } = await config();
    const etag = headers.etag as string;
    const unchanged = await config({ 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body.length).toBe(0);
    expect(unchanged.headers.etag).toBe(etag);
    expect((await config({ 'if-none-match': `"0", W/${etag}` })).status).toBe(304);

    await patchFlag(server, 'banner', { on: true });
    const changed = await config({ 'if-none-match': etag });
    expect(changed.status).toBe(200);
    const ruleset = JSON.parse(changed.body.toString());
    expect(changed.headers.etag).toBe(`"${ruleset.version}"`);
    expect(ruleset.version).toBeGreaterThan(Number(etag.replace(/"/g, '')));
    expect(ruleset.flags.find((flag: { key: string }) => flag.key === 'banner').on).toBe(true);
  });

  it('compresses with Brotli or gzip as the client accepts, the same JSON either way', async () => {
    const identity = await config();
    const brotli = await config({ 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.body).toString()).toBe(identity.body.toString());
    const gzip = await config({ 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(identity.body.toString());
    const refused = await config({ 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.toString()).toBe(identity.body.toString());
  });

  it('refuses a client key with 403: its rules are not for public keys', async () => {
    const answer = await sdkCall(server, 'GET', '/sdk/v1/config', { key: server.seeded.clientKey });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.detail).toContain('Client keys cannot read rules');
  });

  it('refuses a missing or unknown key with 401', async () => {
    const missing = await sdkCall(server, 'GET', '/sdk/v1/config');
    expect(missing.status).toBe(401);
    expect(missing.body.detail).toContain('Authorization');
    expect((await sdkCall(server, 'GET', '/sdk/v1/config', { key: 'vx_server_not-a-key' })).status).toBe(401);
  });

  it('stops accepting a key as soon as its revocation is announced, although it was cached', async () => {
    const environmentId = await developmentId(server);
    const key = newSdkKey(environmentId, 'server', 'to revoke', new Date().toISOString());
    await server.ctx.db.insertInto('sdkKeys').values(key.row).execute();
    expect((await sdkCall(server, 'GET', '/sdk/v1/config', { key: key.secret })).status).toBe(200);
    await server.ctx.db
      .updateTable('sdkKeys')
      .set({ revokedAt: new Date().toISOString() })
      .where('id', '=', key.row.id)
      .execute();
    server.ctx.hub.keysRevoked([hashSecret(key.secret)]);
    expect((await sdkCall(server, 'GET', '/sdk/v1/config', { key: key.secret })).status).toBe(401);
  });

  it('keeps a rotated key working until it expires, checking the deadline on every use', async () => {
    const environmentId = await developmentId(server);
    const key = newSdkKey(environmentId, 'server', 'rotated', new Date().toISOString());
    const expiresAt = Date.now() + 60_000;
    await server.ctx.db
      .insertInto('sdkKeys')
      .values({ ...key.row, expiresAt: new Date(expiresAt).toISOString() })
      .execute();
    let now = Date.now();
    const resolver = new SdkKeyResolver(server.ctx.db, server.ctx.hub, () => now);
    expect((await resolver.resolve(key.secret))?.id).toBe(key.row.id);
    now = expiresAt + 1; // still cached, but past its deadline
    expect(await resolver.resolve(key.secret)).toBeUndefined();

    const expired = newSdkKey(environmentId, 'server', 'expired', new Date().toISOString());
    await server.ctx.db
      .insertInto('sdkKeys')
      .values({ ...expired.row, expiresAt: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect((await sdkCall(server, 'GET', '/sdk/v1/config', { key: expired.secret })).status).toBe(401);
  });

  it('drops the cached ruleset on a change and shares one build of the new revision among requests arriving together', async () => {
    const environmentId = await developmentId(server);
    await config();
    expect(server.ctx.rulesets.current(environmentId)).toBeDefined();
    await patchFlag(server, 'banner', { on: false });
    expect(server.ctx.rulesets.current(environmentId)).toBeUndefined();
    const snapshots = await Promise.all(Array.from({ length: 20 }, () => server.ctx.rulesets.get(environmentId)));
    expect(new Set(snapshots).size).toBe(1);
    expect(snapshots[0]?.revision).toBe(await developmentRevision(server));
  });
});
