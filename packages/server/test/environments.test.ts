import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

describe.each(await testDialects())('projects and environments API on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await server.api('POST', '/api/v1/projects/default/flags', { key: 'existing-flag' });
  });
  afterAll(() => server.close());

  const keys = (environments: { key: string }[]) => environments.map((environment) => environment.key);

  it('creates a project with development, staging and production', async () => {
    const created = await server.api('POST', '/api/v1/projects', { key: 'mobile', name: 'Mobile app' });
    expect(created.status).toBe(201);
    expect(keys(created.body.environments)).toEqual(['development', 'staging', 'production']);
    expect((await server.api('GET', '/api/v1/projects')).body.map((project: { key: string }) => project.key)).toEqual([
      'default',
      'mobile',
    ]);
  });

  it('creates a project with the environments asked for', async () => {
    const created = await server.api('POST', '/api/v1/projects', {
      key: 'edge',
      environments: [{ key: 'dev' }, { key: 'live', name: 'Live' }],
    });
    expect(keys(created.body.environments)).toEqual(['dev', 'live']);
    const duplicate = await server.api('POST', '/api/v1/projects', {
      key: 'edge2',
      environments: [{ key: 'dev' }, { key: 'dev' }],
    });
    expect(duplicate.status).toBe(400);
  });

  it('adds an environment where every existing flag starts off', async () => {
    const created = await server.api('POST', '/api/v1/projects/default/environments', {
      key: 'qa',
      name: 'QA',
      position: 1,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'qa', name: 'QA', position: 1, revision: 0 });
    expect(keys((await server.api('GET', '/api/v1/projects/default/environments')).body)).toEqual([
      'development',
      'qa',
      'staging',
      'production',
    ]);
    const flag = await server.api('GET', '/api/v1/projects/default/flags/existing-flag');
    expect(flag.body.environments.qa).toMatchObject({ on: false, offVariation: 'off' });
  });

  it('renames and moves an environment', async () => {
    const renamed = await server.api('PATCH', '/api/v1/projects/default/environments/qa', {
      name: 'Quality',
      position: 3,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Quality', position: 3 });
    expect(keys((await server.api('GET', '/api/v1/projects/default/environments')).body)).toEqual([
      'development',
      'staging',
      'production',
      'qa',
    ]);
  });

  it('reorders all environments at once, and refuses an order that is not a permutation', async () => {
    const order = ['production', 'qa', 'staging', 'development'];
    const reordered = await server.api('PUT', '/api/v1/projects/default/environments/order', { order });
    expect(keys(reordered.body)).toEqual(order);
    const unknown = await server.api('PUT', '/api/v1/projects/default/environments/order', {
      order: ['production', 'nope'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual({ path: 'order[1]', message: 'unknown environment "nope"' });
    const partial = await server.api('PUT', '/api/v1/projects/default/environments/order', { order: ['production'] });
    expect(partial.status).toBe(400);
    expect(partial.body.errors[0].path).toBe('order');
  });

  it('deletes an environment with its flag states', async () => {
    expect((await server.api('DELETE', '/api/v1/projects/default/environments/qa')).status).toBe(204);
    expect((await server.api('GET', '/api/v1/projects/default/environments/qa')).status).toBe(404);
    const flag = await server.api('GET', '/api/v1/projects/default/flags/existing-flag');
    expect(Object.keys(flag.body.environments).sort()).toEqual(['development', 'production', 'staging']);
    expect(keys((await server.api('GET', '/api/v1/projects/default/environments')).body)).toEqual([
      'production',
      'staging',
      'development',
    ]);
  });

  it('refuses a duplicate environment key and unknown projects', async () => {
    const duplicate = await server.api('POST', '/api/v1/projects/default/environments', { key: 'staging' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ path: 'key', message: 'is taken' }]);
    expect((await server.api('GET', '/api/v1/projects/nope/environments')).status).toBe(404);
  });

  it('marks production critical in new projects and on first start, and no other environment', async () => {
    const critical = (environments: { key: string; critical: boolean }[]) =>
      environments.filter((environment) => environment.critical).map((environment) => environment.key);
    expect(critical((await server.api('GET', '/api/v1/projects/default/environments')).body)).toEqual(['production']);
    const project = await server.api('GET', '/api/v1/projects/mobile');
    expect(critical(project.body.environments)).toEqual(['production']);
    expect((await server.api('GET', '/api/v1/projects/default/environments/staging')).body.critical).toBe(false);
    const custom = await server.api('POST', '/api/v1/projects', {
      key: 'shop',
      environments: [{ key: 'test' }, { key: 'production', name: 'Live' }],
    });
    expect(critical(custom.body.environments)).toEqual(['production']);
  });

  it('sets critical on create and update, audited with before and after', async () => {
    const created = await server.api('POST', '/api/v1/projects/default/environments', {
      key: 'eu-live',
      critical: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.critical).toBe(true);
    const plain = await server.api('POST', '/api/v1/projects/default/environments', { key: 'sandbox' });
    expect(plain.body.critical).toBe(false);

    const updated = await server.api('PATCH', '/api/v1/projects/default/environments/production', { critical: false });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ key: 'production', name: 'Production', critical: false });
    expect((await server.api('GET', '/api/v1/projects/default/environments/production')).body.critical).toBe(false);
    const entry = await server.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'environment.updated')
      .where('resourceKey', '=', 'production')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before ?? '{}')).toMatchObject({ critical: true });
    expect(JSON.parse(entry.after ?? '{}')).toMatchObject({ critical: false });
    expect(
      (await server.api('PATCH', '/api/v1/projects/default/environments/production', { critical: true })).body.critical,
    ).toBe(true);

    const wrong = await server.api('PATCH', '/api/v1/projects/default/environments/sandbox', { critical: 'yes' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ path: 'critical', message: 'must be boolean' }]);
    for (const key of ['eu-live', 'sandbox'])
      expect((await server.api('DELETE', `/api/v1/projects/default/environments/${key}`)).status).toBe(204);
    expect((await server.api('DELETE', '/api/v1/projects/shop')).status).toBe(204);
  });

  it('deletes a project and everything in it', async () => {
    await server.api('POST', '/api/v1/projects/mobile/flags', { key: 'mobile-flag' });
    expect((await server.api('DELETE', '/api/v1/projects/mobile')).status).toBe(204);
    expect((await server.api('GET', '/api/v1/projects/mobile')).status).toBe(404);
    expect(await server.ctx.db.selectFrom('flags').select('key').where('key', '=', 'mobile-flag').execute()).toEqual(
      [],
    );
  });
});
