import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

describe.each(await testDialects())('flags API on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  it('creates a boolean flag that starts off in every environment', async () => {
    const created = await server.api('POST', '/api/v1/projects/default/flags', {
      key: 'new-checkout',
      name: 'New checkout',
    });
    expect(created.status).toBe(201);
    expect(created.body.variations).toEqual([
      { key: 'on', value: true },
      { key: 'off', value: false },
    ]);
    expect(Object.keys(created.body.environments)).toEqual(['development', 'staging', 'production']);
    expect(created.body.environments.production).toMatchObject({
      on: false,
      offVariation: 'off',
      fallthrough: { variation: 'on' },
      version: 1,
    });
  });

  it('turns a flag on in one environment with PATCH, leaving the others alone', async () => {
    const patched = await server.api('PATCH', '/api/v1/projects/default/flags/new-checkout/environments/staging', {
      on: true,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ on: true, version: 2 });
    const flag = await server.api('GET', '/api/v1/projects/default/flags/new-checkout');
    expect(flag.body.environments.staging.on).toBe(true);
    expect(flag.body.environments.production.on).toBe(false);
  });

  it('refuses a state naming an unknown variation, with the field path, and changes nothing', async () => {
    const refused = await server.api('PUT', '/api/v1/projects/default/flags/new-checkout/environments/staging', {
      on: true,
      allocations: [
        {
          id: 'beta',
          conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@acme.com'] }],
          serve: { variation: 'maybe' },
        },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors).toContainEqual({
      path: 'allocations[0].serve.variation',
      message: 'unknown variation "maybe"',
    });
    const flag = await server.api('GET', '/api/v1/projects/default/flags/new-checkout');
    expect(flag.body.environments.staging.version).toBe(2);
  });

  it('refuses a second flag with the same key', async () => {
    const again = await server.api('POST', '/api/v1/projects/default/flags', { key: 'new-checkout' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: 'key', message: 'is taken' }]);
  });

  it('requires variations for non-boolean flags and checks their values against the type', async () => {
    const missing = await server.api('POST', '/api/v1/projects/default/flags', { key: 'banner', type: 'string' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: 'variations', message: 'is required for string flags' }]);
    const wrong = await server.api('POST', '/api/v1/projects/default/flags', {
      key: 'banner',
      type: 'string',
      variations: [
        { key: 'a', value: 'hello' },
        { key: 'b', value: 3 },
      ],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('variations[1].value');
  });

  it('archives and restores a flag; a prerequisite of an active flag cannot be archived', async () => {
    await server.api('POST', '/api/v1/projects/default/flags', {
      key: 'checkout-tips',
      environments: { staging: { on: true, prerequisites: [{ flag: 'new-checkout', variations: ['on'] }] } },
    });
    const blocked = await server.api('POST', '/api/v1/projects/default/flags/new-checkout/archive');
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail).toContain('checkout-tips');

    expect((await server.api('POST', '/api/v1/projects/default/flags/checkout-tips/archive')).body.archived).toBe(true);
    expect(
      (await server.api('GET', '/api/v1/projects/default/flags')).body.items.map((flag: { key: string }) => flag.key),
    ).toEqual(['new-checkout']);
    expect(
      (await server.api('GET', '/api/v1/projects/default/flags?archived=true')).body.items.map(
        (flag: { key: string }) => flag.key,
      ),
    ).toEqual(['checkout-tips']);
    expect((await server.api('POST', '/api/v1/projects/default/flags/checkout-tips/restore')).body.archived).toBe(
      false,
    );
  });

  it('writes an audit entry with before and after for each change', async () => {
    const rows = await server.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('resourceKey', '=', 'new-checkout')
      .orderBy('id')
      .execute();
    expect(rows.map((row) => row.action)).toEqual(['flag.created', 'flag.state.updated']);
    expect(JSON.parse(rows[1]?.before ?? '{}')).toMatchObject({ on: false });
    expect(JSON.parse(rows[1]?.after ?? '{}')).toMatchObject({ on: true });
  });
});

describe.each(await testDialects())('flag definitions and concurrency on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await server.api('POST', '/api/v1/projects/default/flags', {
      key: 'banner',
      type: 'string',
      variations: [
        { key: 'blue', value: 'blue' },
        { key: 'green', value: 'green' },
      ],
    });
  });
  afterAll(() => server.close());

  it('changes a definition and keeps every environment valid', async () => {
    const renamed = await server.api('PATCH', '/api/v1/projects/default/flags/banner', {
      name: 'Banner colour',
      tags: ['ui'],
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Banner colour', tags: ['ui'], version: 2 });
    // The off variation of every environment is "blue": removing it would leave them invalid.
    const broken = await server.api('PATCH', '/api/v1/projects/default/flags/banner', {
      variations: [
        { key: 'green', value: 'green' },
        { key: 'red', value: 'red' },
      ],
    });
    expect(broken.status).toBe(409);
    expect(broken.body.errors[0]).toEqual({
      path: 'environments.development.offVariation',
      message: 'uses variation "blue", which this change removes',
    });
    expect(
      (await server.api('GET', '/api/v1/projects/default/flags?tag=ui')).body.items.map(
        (flag: { key: string }) => flag.key,
      ),
    ).toEqual(['banner']);
    expect((await server.api('GET', '/api/v1/projects/default/flags?q=colour')).body.items).toHaveLength(1);
  });

  it('refuses to remove a variation still in use, saying in which environment and where', async () => {
    await server.api('PATCH', '/api/v1/projects/default/flags/banner', {
      variations: [
        { key: 'blue', value: 'blue' },
        { key: 'green', value: 'green' },
        { key: 'red', value: 'red' },
      ],
    });
    await server.api('PUT', '/api/v1/projects/default/flags/banner/environments/production', {
      on: true,
      offVariation: 'blue',
      allocations: [
        {
          id: 'staff',
          conditions: [{ attribute: 'staff', operator: 'equals', values: [true] }],
          serve: { variation: 'blue' },
        },
        {
          id: 'test',
          serve: {
            split: [
              { variation: 'green', weight: 50 },
              { variation: 'red', weight: 50 },
            ],
          },
        },
      ],
      fallthrough: { variation: 'blue' },
    });
    await server.api('POST', '/api/v1/projects/default/flags', {
      key: 'banner-copy',
      environments: { staging: { on: true, prerequisites: [{ flag: 'banner', variations: ['red'] }] } },
    });
    const before = (await server.api('GET', '/api/v1/projects/default/flags/banner')).body;

    const refused = await server.api('PATCH', '/api/v1/projects/default/flags/banner', {
      variations: [
        { key: 'blue', value: 'blue' },
        { key: 'green', value: 'green' },
      ],
    });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.detail).toBe(
      'Variation "red" is still used — production: allocations[1] split; staging: prerequisite of "banner-copy". ' +
        'Serve another variation there first.',
    );
    expect(refused.body.errors).toEqual([
      {
        path: 'environments.production.allocations[1].serve.split[1].variation',
        message: 'uses variation "red", which this change removes',
      },
      {
        path: 'variations',
        message: 'flag "banner-copy" requires variation "red" in staging (prerequisites[0].variations)',
      },
    ]);

    const both = await server.api('PATCH', '/api/v1/projects/default/flags/banner', {
      variations: [
        { key: 'green', value: 'green' },
        { key: 'purple', value: 'purple' },
      ],
    });
    expect(both.status).toBe(409);
    expect(both.body.detail).toContain('Variations "blue", "red" are still used');
    expect(both.body.detail).toContain(
      'production: offVariation ("blue"), allocations[0] ("blue"), allocations[1] split ("red"), fallthrough ("blue")',
    );
    expect((await server.api('GET', '/api/v1/projects/default/flags/banner')).body).toEqual(before);

    // A variation nothing uses may go.
    const removed = await server.api('PATCH', '/api/v1/projects/default/flags/banner', {
      variations: [
        { key: 'blue', value: 'blue' },
        { key: 'green', value: 'green' },
        { key: 'red', value: 'red' },
        { key: 'unused', value: 'unused' },
      ],
    });
    expect(removed.status).toBe(200);
    expect(
      (
        await server.api('PATCH', '/api/v1/projects/default/flags/banner', {
          variations: [
            { key: 'blue', value: 'blue' },
            { key: 'green', value: 'green' },
            { key: 'red', value: 'red' },
          ],
        })
      ).status,
    ).toBe(200);
    expect((await server.api('DELETE', '/api/v1/projects/default/flags/banner-copy')).status).toBe(204);
  });

  it('refuses a stale edit when If-Match names an older state version', async () => {
    const stale = await server.api(
      'PATCH',
      '/api/v1/projects/default/flags/banner/environments/production',
      { on: true },
      undefined,
    );
    expect(stale.status).toBe(200);
    const response = await fetch(`${server.url}/api/v1/projects/default/flags/banner/environments/production`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', 'if-match': '"1"' },
      body: JSON.stringify({ on: false }),
    });
    expect(response.status).toBe(412);
    expect((await server.api('GET', '/api/v1/projects/default/flags/banner')).body.environments.production.on).toBe(
      true,
    );
  });

  it('refuses a stale definition edit when If-Match names an older flag version, and takes the current one', async () => {
    const patch = (ifMatch: string, body: object) =>
      fetch(`${server.url}/api/v1/projects/default/flags/banner`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', 'if-match': ifMatch },
        body: JSON.stringify(body),
      });
    const { version, name } = (await server.api('GET', '/api/v1/projects/default/flags/banner')).body;
    const stale = await patch(`"${version - 1}"`, { name: 'Overwritten' });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { detail: string }).detail).toContain(`at version ${version}`);
    expect((await server.api('GET', '/api/v1/projects/default/flags/banner')).body.name).toBe(name);

    const current = await patch(`"${version}"`, { description: 'Edited on the version seen' });
    expect(current.status).toBe(200);
    expect(((await current.json()) as { version: number }).version).toBe(version + 1);
    expect((await patch('three', { name: 'x' })).status).toBe(400);
  });

  it('deletes a flag', async () => {
    expect((await server.api('DELETE', '/api/v1/projects/default/flags/banner')).status).toBe(204);
    expect((await server.api('GET', '/api/v1/projects/default/flags/banner')).status).toBe(404);
    expect((await server.api('DELETE', '/api/v1/projects/default/flags/banner')).status).toBe(404);
  });
});

describe.each(await testDialects())('flag search on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await server.api('POST', '/api/v1/projects/default/flags', { key: 'discount_10', name: '10% off' });
    await server.api('POST', '/api/v1/projects/default/flags', { key: 'discountX10', name: 'Ten off' });
  });
  afterAll(() => server.close());

  it('matches %, _ and case literally', async () => {
    const search = async (q: string) =>
      (await server.api('GET', `/api/v1/projects/default/flags?q=${encodeURIComponent(q)}`)).body.items.map(
        (flag: { key: string }) => flag.key,
      );
    expect(await search('discount_')).toEqual(['discount_10']);
    expect(await search('10%')).toEqual(['discount_10']);
    expect(await search('TEN')).toEqual(['discountX10']);
  });
});
