import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, testDialects } from './support/databases.js';
import { buildServer, killHard, startServerProcess } from './support/process.js';

// PRODUCT.md §3: nothing acknowledged is lost, even to `kill -9`.
describe.each(await testDialects())('durability on %s', (dialect) => {
  let dataDir: string;
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    buildServer();
    dataDir = mkdtempSync(join(tmpdir(), 'vexil-durability-'));
    database = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
    env = {
      VEXIL_DATA_DIR: dataDir,
      VEXIL_ADMIN_TOKEN: 'durability-admin-token',
      ...(database ? { DATABASE_URL: database.url } : {}),
    };
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write after kill -9 and a restart', async () => {
    const first = await startServerProcess(env);
    expect(first.output()).toContain('First start');
    const headers = { authorization: 'Bearer durability-admin-token', 'content-type': 'application/json' };
    const acknowledged: string[] = [];
    // Writes in flight at once, as a busy console or CI pipeline would send them.
    await Promise.all(
      Array.from({ length: 4 }, async (_, worker) => {
        for (let index = 0; index < 10; index++) {
          const key = `durable-${worker}-${index}`;
          const response = await fetch(`${first.url}/api/v1/projects/default/flags`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ key }),
          });
          if (response.status === 201) acknowledged.push(key);
        }
      }),
    );
    const toggled = await fetch(`${first.url}/api/v1/projects/default/flags/durable-0-0/environments/production`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ on: true }),
    });
    expect(toggled.status).toBe(200);
    await killHard(first);

    const second = await startServerProcess(env);
    try {
      expect(second.output()).not.toContain('First start');
      const { items: flags } = (await (
        await fetch(`${second.url}/api/v1/projects/default/flags`, { headers })
      ).json()) as {
        items: { key: string; environments: Record<string, { on: boolean }> }[];
      };
      expect(acknowledged).toHaveLength(40);
      expect(flags.map((flag) => flag.key).sort()).toEqual([...acknowledged].sort());
      expect(flags.find((flag) => flag.key === 'durable-0-0')?.environments.production?.on).toBe(true);
      const flag = (await (
        await fetch(`${second.url}/api/v1/projects/default/flags/durable-0-0`, { headers })
      ).json()) as { environments: { production: { version: number } } };
      expect(flag.environments.production.version).toBe(2);
    } finally {
      await killHard(second);
    }
  });
});
