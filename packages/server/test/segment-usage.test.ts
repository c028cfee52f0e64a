import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * What the console's segment pages ask of the server: where segments are used
 * (GET /projects/{project}/segment-usage), whether a context is in one and why
 * (POST …/segments/{segment}/evaluate), and saves that do not overwrite someone else's (If-Match).
 */
describe.each(await testDialects())('segment usage, membership and If-Match on %s', (dialect) => {
  let server: TestServer;
  const v1 = '/api/v1/projects/default';
  const usage = (token?: string) => server.api('GET', `${v1}/segment-usage`, undefined, token);
  const evaluate = (segment: string, body: unknown) => server.api('POST', `${v1}/segments/${segment}/evaluate`, body);
  const inSegment = (segment: string, variation = 'on') => ({
    on: true,
    allocations: [{ id: `in-${segment}`, conditions: [{ segment }], serve: { variation } }],
  });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const key of ['beta', 'staff', 'unused'])
      expect((await server.api('POST', `${v1}/segments`, { key })).status).toBe(201);
    const created = await server.api('POST', `${v1}/flags`, {
      key: 'checkout',
      name: 'New checkout',
      environments: { staging: inSegment('beta'), production: inSegment('beta') },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await server.api('POST', `${v1}/flags`, { key: 'banner', environments: { development: inSegment('staff') } });
    await server.api('POST', `${v1}/flags`, { key: 'old', environments: { production: inSegment('beta') } });
    expect((await server.api('POST', `${v1}/flags/old/archive`)).status).toBe(200);
    // Names "beta" in its state, but not as a segment.
    await server.api('POST', `${v1}/flags`, {
      key: 'unrelated',
      environments: {
        production: {
          on: true,
          allocations: [
            {
              id: 'segment',
              conditions: [{ attribute: 'segment', operator: 'equals', values: ['beta'] }],
              serve: { variation: 'on' },
            },
          ],
        },
      },
    });
  });
  afterAll(() => server.close());

  it('lists, per segment, the flags naming it and in which environments, archived flags marked', async () => {
    const response = await usage();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [
        {
          segment: 'beta',
          flags: [
            { key: 'checkout', name: 'New checkout', archived: false, environments: ['staging', 'production'] },
            { key: 'old', name: 'old', archived: true, environments: ['production'] },
          ],
        },
        {
          segment: 'staff',
          flags: [{ key: 'banner', name: 'banner', archived: false, environments: ['development'] }],
        },
      ],
    });
  });

  it('follows the flags: a segment removed from a state is no longer used there, and then may be deleted', async () => {
    expect((await server.api('PUT', `${v1}/flags/banner/environments/development`, { on: false })).status).toBe(200);
    expect((await usage()).body.items.map((item: { segment: string }) => item.segment)).toEqual(['beta']);
    expect((await server.api('DELETE', `${v1}/segments/staff`)).status).toBe(204);
    const refused = await server.api('DELETE', `${v1}/segments/beta`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('"checkout" (staging, production)');
  });

  it('shows only the environments the caller may read', async () => {
    const staging = (
      await server.api('POST', '/api/v1/api-tokens', {
        name: 'staging viewer',
        roles: [{ role: 'viewer', project: 'default', environment: 'staging' }],
      })
    ).body.token;
    expect((await usage(staging)).body).toEqual({
      items: [
        {
          segment: 'beta',
          flags: [{ key: 'checkout', name: 'New checkout', archived: false, environments: ['staging'] }],
        },
      ],
    });
    expect((await server.api('GET', '/api/v1/projects/no-such-project/segment-usage')).status).toBe(404);
  });

  it('says whether a context is in a segment and why: included, excluded, the first rule matched, or none', async () => {
    const changed = await server.api('PUT', `${v1}/segments/unused`, {
      included: ['ada'],
      excluded: ['mallory', 'ada'],
      rules: [
        { id: 'staff', clauses: [{ attribute: 'email', operator: 'ends_with', values: ['@acme.com'] }] },
        { clauses: [{ attribute: 'plan', operator: 'in', values: ['pro'] }] },
        { clauses: [{ attribute: 'email', operator: 'exists', values: [] }] },
      ],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const saved = async (context: unknown) => {
      const response = await evaluate('unused', { context });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.saved;
    };
    // Included wins over excluded, as the engine decides.
    await expect(saved({ key: 'ada' })).resolves.toEqual({ contains: true, reason: 'included' });
    await expect(saved({ key: 'mallory', email: 'm@acme.com' })).resolves.toEqual({
      contains: false,
      reason: 'excluded',
    });
    await expect(saved({ key: 'bob', email: 'bob@acme.com', plan: 'pro' })).resolves.toEqual({
      contains: true,
      reason: 'rule',
      rule: 0,
      ruleId: 'staff',
    });
    await expect(saved({ key: 'carol', plan: 'pro' })).resolves.toEqual({ contains: true, reason: 'rule', rule: 1 });
    await expect(saved({ key: 'dan', email: 'dan@example.com' })).resolves.toEqual({
      contains: true,
      reason: 'rule',
      rule: 2,
    });
    await expect(saved({ key: 'erin' })).resolves.toEqual({ contains: false, reason: 'no-rule' });
    // Keys are a user's: an organisation with the key "ada" is not included.
    await expect(saved({ kind: 'organization', key: 'ada' })).resolves.toEqual({ contains: false, reason: 'no-rule' });
  });

  it('answers for a draft as well, and names the draft field at fault when it is invalid', async () => {
    const both = await evaluate('unused', { context: { key: 'erin' }, draft: { included: ['erin'] } });
    expect(both.status).toBe(200);
    expect(both.body).toEqual({
      saved: { contains: false, reason: 'no-rule' },
      draft: { contains: true, reason: 'included' },
    });
    const invalid = await evaluate('unused', {
      context: { key: 'erin' },
      draft: { rules: [{ clauses: [{ attribute: 'age', operator: 'gt', values: ['old'] }] }] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].path).toMatch(/^draft\.rules\[0\]\.clauses\[0\]\.values/);
    const noContext = await evaluate('unused', { context: { kind: 'multi' } });
    expect(noContext.status).toBe(400);
    expect(noContext.body.errors[0].path).toMatch(/^context/);
    expect((await evaluate('no-such-segment', { context: { key: 'erin' } })).status).toBe(404);
  });

  it('refuses a save made on an outdated version (If-Match), keeping the other save', async () => {
    const current = (await server.api('GET', `${v1}/segments/unused`)).body;
    const put = (version: string, body: unknown) =>
      fetch(`${server.url}${v1}/segments/unused`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', 'if-match': version },
        body: JSON.stringify(body),
      });
    const first = await put(`"${current.version}"`, { name: 'First' });
    expect(first.status).toBe(200);
    const second = await put(`"${current.version}"`, { name: 'Second' });
    expect(second.status).toBe(412);
    expect(((await second.json()) as { detail: string }).detail).toContain(`version ${current.version + 1}`);
    expect((await server.api('GET', `${v1}/segments/unused`)).body).toMatchObject({
      name: 'First',
      version: current.version + 1,
    });
    const malformed = await put('"1e2"', { name: 'Third' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('headers.if-match');
  });
});
