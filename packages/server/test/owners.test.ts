import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import { startTestServer, type TestServer } from './support/server.js';

/** An organisation always keeps an owner, even when two owners are demoted at the same moment. */
describe.each(await testDialects())('the last owner on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  const owners = async () =>
    (
      (await server.api('GET', '/api/v1/members')).body as { id: string; roles: { role: string; project?: string }[] }[]
    ).filter((member) => member.roles.some((binding) => binding.role === 'owner' && binding.project === undefined));

  it('lets one of two simultaneous demotions through, and refuses the other with 409', async () => {
    for (let round = 0; round < 5; round++) {
      const added = await server.api('POST', '/api/v1/members', {
        email: `second-owner-${round}@example.com`,
        name: 'Second',
        password: 'a long enough password',
        roles: [{ role: 'owner' }],
      });
      expect(added.status).toBe(201);
      const [first, second] = await owners();
      expect(second).toBeDefined();
      const answers = await Promise.all(
        [first, second].map((owner) =>
          server.api('PATCH', `/api/v1/members/${owner!.id}`, { roles: [{ role: 'viewer' }] }),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect(await owners()).toHaveLength(1);
    }
  });
});
