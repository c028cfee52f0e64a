import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * Writes that race. SQLite runs one write transaction at a time; PostgreSQL runs them side by side,
 * so each check a save makes (is the flag it requires archived? does it close a cycle?) must hold
 * against a write committing meanwhile. Every round starts both writes at once; whichever order the
 * database picks, the outcome must be one a sequence of the two writes could give.
 */
const ROUNDS = 12;
const flags = '/api/v1/projects/default/flags';
const requires = (flag: string) => ({ on: true, prerequisites: [{ flag, variations: ['on'] }] });

describe.each(await testDialects())('flag writes racing on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  const create = async (key: string) => {
    const created = await server.api('POST', flags, { key });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  };

  it('never leaves a live flag requiring an archived one when archiving races a save that requires it', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [base, dependent] = [`base-${round}`, `dependent-${round}`];
      await create(base);
      await create(dependent);
      const [archive, save] = await Promise.all([
        server.api('POST', `${flags}/${base}/archive`),
        server.api('PUT', `${flags}/${dependent}/environments/production`, requires(base)),
      ]);
      // One of them goes through; both cannot (the save would require an archived flag).
      expect([archive.status, save.status].sort(), JSON.stringify([archive.body, save.body])).not.toEqual([200, 200]);
      expect([archive.status, save.status]).toContain(200);
      const state = (await server.api('GET', `${flags}/${dependent}`)).body.environments.production;
      const baseArchived = (await server.api('GET', `${flags}/${base}`)).body.archived;
      expect(baseArchived && state.prerequisites?.length > 0).toBe(false);
    }
  });

  it('never stores a cycle when two saves each require the other', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = [`ping-${round}`, `pong-${round}`];
      await create(a);
      await create(b);
      const [first, second] = await Promise.all([
        server.api('PUT', `${flags}/${a}/environments/production`, requires(b)),
        server.api('PUT', `${flags}/${b}/environments/production`, requires(a)),
      ]);
      expect([first.status, second.status].sort(), JSON.stringify([first.body, second.body])).toEqual([200, 400]);
    }
  });
});
