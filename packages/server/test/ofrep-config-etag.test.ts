import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * A bulk evaluation's `flagConfigEtag` (the revision a change notification announced) makes the
 * server read the database again when it has not reached that revision. Only decimal digits are a
 * revision: `Number()` would read "0x7fffffff" as 2147483647 and send every such request to the database.
 */
describe.each(await testDialects())('OFREP flagConfigEtag on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  const bulk = (flagConfigEtag: string) =>
    fetch(`${server.url}/ofrep/v1/evaluate/flags?flagConfigEtag=${encodeURIComponent(flagConfigEtag)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.seeded.clientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ context: { targetingKey: 'u-1' } }),
    });

  it('asks the database for a revision this node has not reached only when the etag is one', async () => {
    expect((await bulk('')).status).toBe(200); // the ruleset cached
    const get = vi.spyOn(server.ctx.rulesets, 'get');
    try {
      for (const etag of ['0x7fffffff', '1e9', ' 99999999', '99999999.0', '+99999999', 'Infinity']) {
        expect((await bulk(etag)).status, etag).toBe(200);
        expect(get, etag).not.toHaveBeenCalled();
      }
      expect((await bulk('99999999')).status).toBe(200);
      expect(get).toHaveBeenCalledWith(expect.any(String), 99999999);
    } finally {
      get.mockRestore();
    }
  });
});
