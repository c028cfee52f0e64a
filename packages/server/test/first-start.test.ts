import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, testDialects } from './support/databases.js';
import { buildServer, startServerProcess, type ServerProcess } from './support/process.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const resetPassword = fileURLToPath(new URL('../dist/reset-password.js', import.meta.url));

interface Secrets {
  ownerEmail: string;
  ownerPassword: string;
  apiToken: string;
  serverKey: string;
  clientKey: string;
}

async function stop(server: ServerProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}

async function signIn(url: string, email: string, password: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return response.status;
}

// Issue 12, item 18: a first start that fails after seeding must not lose the secrets it showed nobody.
// Each case starts the real server process two or three times: room for a busy machine.
describe.each(await testDialects())('first start on %s', { timeout: 60_000 }, (dialect) => {
  let dataDir: string;
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let env: Record<string, string>;
  let secretsFile: string;

  beforeAll(async () => {
    buildServer();
    dataDir = mkdtempSync(join(tmpdir(), 'vexil-first-start-'));
    secretsFile = join(dataDir, 'first-start-secrets.json');
    database = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
    env = { VEXIL_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...(database ? { DATABASE_URL: database.url } : {}) };
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the secrets of a first start that could not listen, readable by its owner only', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(startServerProcess({ ...env, PORT: String(port) })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      taken.close();
    }
    expect(existsSync(secretsFile)).toBe(true);
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Secrets;
    expect(secrets.ownerEmail).toBe('owner@vexil.local');
    expect(secrets.apiToken).toMatch(/^vx_svc_/);
  });

  it('shows where they are at each start until the owner changes the password, and never prints a secret off a terminal', async () => {
    const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Secrets;
    const server = await startServerProcess(env);
    try {
      expect(server.output()).not.toContain('First start');
      expect(server.output()).toContain('The owner still has the password made on the first start');
      expect(server.output()).toContain(secretsFile);
      for (const secret of [secrets.ownerPassword, secrets.apiToken, secrets.serverKey, secrets.clientKey]) {
        expect(server.output()).not.toContain(secret);
      }
      expect(await signIn(server.url, secrets.ownerEmail, secrets.ownerPassword)).toBe(200);
      const projects = await fetch(`${server.url}/api/v1/projects`, {
        headers: { authorization: `Bearer ${secrets.apiToken}` },
      });
      expect(projects.status).toBe(200);
    } finally {
      await stop(server);
    }
    // Everything on stdout is a JSON log line: the banner is on stderr.
    const lines = server.stdout().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('forgets them once the owner has changed the password, and says how to get in', async () => {
    const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Secrets;
    const server = await startServerProcess(env);
    try {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: secrets.ownerEmail, password: secrets.ownerPassword }),
      });
      const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const changed = await fetch(`${server.url}/api/v1/auth/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-csrf-token': csrfToken },
        body: JSON.stringify({ currentPassword: secrets.ownerPassword, newPassword: 'a long new password 42' }),
      });
      expect(changed.status).toBe(204);
    } finally {
      await stop(server);
    }
    const again = await startServerProcess(env);
    try {
      expect(existsSync(secretsFile)).toBe(false);
      expect(again.output()).toContain('Lost the password? Stop the server and run: npm run reset-password -- <email>');
    } finally {
      await stop(again);
    }
  });

  it('resets a lost password from the command line: a new one, printed once, and the old sessions end', async () => {
    const before = await startServerProcess(env);
    let cookie: string;
    try {
      const login = await fetch(`${before.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'owner@vexil.local', password: 'a long new password 42' }),
      });
      expect(login.status).toBe(200);
      cookie = login.headers
        .getSetCookie()
        .map((value) => value.split(';')[0])
        .join('; ');
    } finally {
      await stop(before);
    }
    const printed = execFileSync(process.execPath, [resetPassword, 'Owner@Vexil.local'], {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    const password = /New password for owner@vexil\.local: (\S+)/.exec(printed)?.[1];
    expect(password).toBeDefined();
    const after = await startServerProcess(env);
    try {
      expect(await signIn(after.url, 'owner@vexil.local', 'a long new password 42')).toBe(401);
      expect(await signIn(after.url, 'owner@vexil.local', password!)).toBe(200);
      const session = await fetch(`${after.url}/api/v1/auth/session`, { headers: { cookie } });
      expect(session.status).toBe(401);
    } finally {
      await stop(after);
    }
    expect(() =>
      execFileSync(process.execPath, [resetPassword, 'nobody@example.com'], {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: 'pipe',
      }),
    ).toThrow(/no member has the email nobody@example.com/);
  });
});
