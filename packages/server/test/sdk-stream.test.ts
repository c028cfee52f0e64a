import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../src/auth/secrets.js';
import { newSdkKey } from '../src/sdk-keys/keys.js';
import { testDialects } from './support/databases.js';
import { createFlag, developmentId, developmentRevision, patchFlag, SseClient } from './support/sdk.js';
import { startTestServer, type TestServer } from './support/server.js';

describe.each(await testDialects())('GET /sdk/v1/stream on %s', (dialect) => {
  let server: TestServer;
  const clients: SseClient[] = [];
  const open = async (headers: Record<string, string> = {}, target: TestServer = server) => {
    const client = await SseClient.open(`${target.url}/sdk/v1/stream`, {
      authorization: target.seeded.serverKey,
      ...headers,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createFlag(server, { key: 'new-checkout' });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => server.close());

  it('opens with a put carrying the whole ruleset, its id the revision', async () => {
    const client = await open();
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.headers['cache-control']).toBe('no-store');
    const put = await client.next();
    expect(put.event).toBe('put');
    const revision = await developmentRevision(server);
    expect(put.id).toBe(String(revision));
    const ruleset = JSON.parse(put.data);
    expect(ruleset.version).toBe(revision);
    expect(ruleset.flags.map((flag: { key: string }) => flag.key)).toEqual(['new-checkout']);
    expect(ruleset.segments).toEqual([]);
  });

  it('sends a change made through the management API as a patch with the flag, and never the whole ruleset again', async () => {
    const client = await open();
    await client.next();
    await patchFlag(server, 'new-checkout', { on: true });
    const patch = await client.next();
    expect(patch.event).toBe('patch');
    const revision = await developmentRevision(server);
    expect(patch.id).toBe(String(revision));
    const data = JSON.parse(patch.data);
    expect(data).toMatchObject({ revision, kind: 'flag', key: 'new-checkout' });
    expect(data.flag).toMatchObject({ key: 'new-checkout', on: true, variations: [{ key: 'on' }, { key: 'off' }] });
    expect(Object.keys(data).sort()).toEqual(['flag', 'key', 'kind', 'revision']);

    await createFlag(server, { key: 'dark-mode' });
    const created = await client.next();
    expect(created.event).toBe('patch');
    expect(JSON.parse(created.data).flag.key).toBe('dark-mode');
  });

  it('sends archiving a flag as a delete', async () => {
    await createFlag(server, { key: 'short-lived' });
    const client = await open();
    await client.next();
    expect((await server.api('POST', '/api/v1/projects/default/flags/short-lived/archive')).status).toBe(200);
    const deleted = await client.next();
    expect(deleted.event).toBe('delete');
    expect(JSON.parse(deleted.data)).toEqual({
      revision: await developmentRevision(server),
      kind: 'flag',
      key: 'short-lived',
    });
  });

  it('replays exactly the changes after Last-Event-ID, in order, then goes on live', async () => {
    const first = await open();
    const put = await first.next();
    first.close();
    await patchFlag(server, 'new-checkout', { on: false });
    await patchFlag(server, 'new-checkout', { offVariation: 'on' });
    await createFlag(server, { key: 'replayed' });

    const resumed = await open({ 'last-event-id': put.id as string });
    const missed = [await resumed.next(), await resumed.next(), await resumed.next()];
    const revision = Number(put.id);
    expect(missed.map((event) => [event.event, event.id])).toEqual([
      ['patch', String(revision + 1)],
      ['patch', String(revision + 2)],
      ['patch', String(revision + 3)],
    ]);
    expect(missed.map((event) => JSON.parse(event.data).flag.key)).toEqual([
      'new-checkout',
      'new-checkout',
      'replayed',
    ]);
    expect(JSON.parse(missed[1]?.data ?? '{}').flag.offVariation).toBe('on');
    expect(await resumed.quiet(200)).toEqual([]);

    await patchFlag(server, 'replayed', { on: true });
    expect(await resumed.next()).toMatchObject({ event: 'patch', id: String(revision + 4) });
  });

  it('sends nothing to a client that is up to date, until the next change', async () => {
    const client = await open({ 'last-event-id': String(await developmentRevision(server)) });
    expect(await client.quiet(200)).toEqual([]);
    await patchFlag(server, 'new-checkout', { on: true });
    expect((await client.next()).event).toBe('patch');
  });

  it('sends a put to a client whose Last-Event-ID is unknown (from the future, or not a revision)', async () => {
    for (const id of [String((await developmentRevision(server)) + 100), 'abc']) {
      const client = await open({ 'last-event-id': id });
      const put = await client.next();
      expect(put.event).toBe('put');
      expect(put.id).toBe(String(await developmentRevision(server)));
    }
  });

  it('ends the stream of a key when its revocation is announced', async () => {
    const key = newSdkKey(await developmentId(server), 'server', 'streaming', new Date().toISOString());
    await server.ctx.db.insertInto('sdkKeys').values(key.row).execute();
    const client = await open({ authorization: key.secret });
    await client.next();
    await server.ctx.db
      .updateTable('sdkKeys')
      .set({ revokedAt: new Date().toISOString() })
      .where('id', '=', key.row.id)
      .execute();
    server.ctx.hub.keysRevoked([hashSecret(key.secret)]);
    await client.end();
    const again = await open({ authorization: key.secret });
    expect(again.status).toBe(401);
  });

  it('refuses client keys (403) and requests without a key (401)', async () => {
    expect((await open({ authorization: server.seeded.clientKey })).status).toBe(403);
    expect((await SseClient.open(`${server.url}/sdk/v1/stream`)).status).toBe(401);
  });

  it('gives every stream of the environment the same change', async () => {
    const many = await Promise.all(Array.from({ length: 25 }, () => open()));
    await Promise.all(many.map((client) => client.next()));
    await patchFlag(server, 'new-checkout', { on: false });
    const patches = await Promise.all(many.map((client) => client.next()));
    expect(new Set(patches.map((patch) => patch.data)).size).toBe(1);
    expect(patches[0]?.event).toBe('patch');
  });

  describe('with a short replay window and heartbeat', () => {
    let small: TestServer;
    beforeAll(async () => {
      small = await startTestServer(dialect, { replayWindow: 2, heartbeatSeconds: 1 });
      await createFlag(small, { key: 'windowed' });
    });
    afterAll(() => small.close());

    it('sends a put when the changes after Last-Event-ID are no longer all kept', async () => {
      const before = await developmentRevision(small);
      for (const on of [true, false, true]) await patchFlag(small, 'windowed', { on });
      const client = await open({ 'last-event-id': String(before) }, small);
      const put = await client.next();
      expect(put.event).toBe('put');
      expect(put.id).toBe(String(before + 3));
      expect(JSON.parse(put.data).flags[0]).toMatchObject({ key: 'windowed', on: true });

      const recent = await open({ 'last-event-id': String(before + 1) }, small);
      expect((await recent.next()).id).toBe(String(before + 2));
      expect((await recent.next()).id).toBe(String(before + 3));
    });

    it('ends the stream of a rotated key once its grace period is over', async () => {
      const key = newSdkKey(await developmentId(small), 'server', 'rotated', new Date().toISOString());
      await small.ctx.db
        .insertInto('sdkKeys')
        .values({ ...key.row, expiresAt: new Date(Date.now() + 1500).toISOString() })
        .execute();
      const client = await open({ authorization: key.secret }, small);
      expect((await client.next()).event).toBe('put');
      await client.end(6000);
      expect((await open({ authorization: key.secret }, small)).status).toBe(401);
    });

    it('keeps idle streams alive with heartbeat comments', async () => {
      const client = await open({}, small);
      await client.next();
      await new Promise((resolve) => setTimeout(resolve, 2300));
      expect(client.comments).toBeGreaterThanOrEqual(1);
      expect(client.ended).toBe(false);
    });
  });

  it('says goodbye with a jittered reconnect delay when the server shuts down', async () => {
    const closing = await startTestServer(dialect);
    try {
      const client = await open({}, closing);
      await client.next();
      await closing.ctx.close();
      const goodbye = await client.next();
      expect(goodbye.event).toBe('goodbye');
      const { reconnectAfterMs } = JSON.parse(goodbye.data);
      expect(reconnectAfterMs).toBeGreaterThanOrEqual(1000);
      expect(reconnectAfterMs).toBeLessThanOrEqual(5000);
      expect(goodbye.retry).toBe(reconnectAfterMs);
      await client.end();
    } finally {
      await closing.close();
    }
  });
});
