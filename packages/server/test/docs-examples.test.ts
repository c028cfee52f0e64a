import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../src/index.js';
import { testDialects } from './support/databases.js';
import { mismatch, parseBody, readExamples, type Pattern } from './support/doc-examples.js';
import { startTestServer, type TestServer } from './support/server.js';

/**
 * Issue 12, item 22: every example of docs/api.md runs as written. Each `curl` command is run by
 * bash and curl, in the page's order, against a fresh server (as after a first start) on a random
 * port; its status and the body the page shows are checked. The page's `$VEXIL` and `$TOKEN` are
 * that server and its first-start owner token; values the page names in an answer (`"$CSRF"`)
 * become shell variables of the following commands, as a reader would set them.
 */
const page = fileURLToPath(new URL('../../../docs/api.md', import.meta.url));
const steps = readExamples(readFileSync(page, 'utf8'));
const run = promisify(execFile);

/** Where the page's examples say the server is, and the password it shows as a placeholder. */
const PAGE_URL = 'http://localhost:4000';
const PASSWORD_PLACEHOLDER = '<the password printed on first start>';

/** What each example's status line marks the end of the body with. */
const STATUS_MARK = '\n@@status ';

function describeStep(step: (typeof steps)[number]): string {
  if (step.kind === 'file') return `docs/api.md:${step.line} writes ${step.file}`;
  const request = /-X (\w+)/.exec(step.command)?.[1] ?? 'GET';
  const path = /\$VEXIL(\/[^\s'"?]*)/.exec(step.command)?.[1] ?? '';
  return `docs/api.md:${step.line} ${request} ${path} → ${step.status}`;
}

/** The page's examples, as read, so that a change to the page that makes them unreadable fails here. */
describe('how docs/api.md writes its examples', () => {
  it('has examples, every one with the status it answers', () => {
    const requests = steps.filter((step) => step.kind === 'request');
    expect(requests.length).toBeGreaterThan(40);
    for (const step of requests) expect(step.status, describeStep(step)).toBeGreaterThanOrEqual(200);
  });

  it('matches bodies by what they show: left out with …, named with $NAME', () => {
    const captures: Record<string, string> = {};
    const shown = parseBody('{"id":"$ID","name":"vx_…_p2Vb","items":[…,{"n":2}], …}', 1);
    expect(mismatch(shown, { id: 'a1', name: 'vx_server_p2Vb', items: [{ n: 1 }, { n: 2 }], more: 1 }, captures)).toBe(
      undefined,
    );
    expect(captures).toEqual({ ID: 'a1' });
    expect(mismatch(shown, { id: 'a1', name: 'vx_server_p2Vc', items: [{ n: 2 }] }, captures)).toMatch(/\$\.name/);
    expect(mismatch(shown, { id: 'a1', name: 'vx_x_p2Vb', items: [{ n: 2 }, { n: 1 }] }, captures)).toMatch(
      /\$\.items/,
    );
    expect(mismatch(shown, { id: 'b2', name: 'vx_x_p2Vb', items: [{ n: 2 }] }, captures)).toMatch(
      /expected \$ID \(a1\)/,
    );
    const closed: Pattern = parseBody('{"key":"a"}', 1);
    expect(mismatch(closed, { key: 'a', extra: true }, captures)).toMatch(/fields the page does not show: extra/);
    expect(mismatch(parseBody('[1, 2]', 1), [1, 2, 3], captures)).toMatch(/1 more items than the page shows/);
  });
});

describe.each(await testDialects())('docs/api.md, run as written, on %s', (dialect) => {
  let server: TestServer;
  let directory: string;
  const variables: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer(dialect);
    directory = mkdtempSync(join(tmpdir(), 'vexil-docs-'));
    // The page switches the owner's session to `acme`, an organisation that has added the owner
    // account as a viewer; no route of the API makes an organisation, so it is made here.
    const acme = await createOrganization(server.ctx, {
      key: 'acme',
      name: 'Acme',
      ownerEmail: 'owner@acme.example',
      project: 'acme-app',
    });
    const added = await server.api(
      'POST',
      '/api/v1/members',
      {
        email: server.seeded.ownerEmail,
        name: 'Owner',
        password: 'ignored: the account has one',
        roles: [{ role: 'viewer' }],
      },
      acme.apiToken,
    );
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    Object.assign(variables, { VEXIL: server.url, TOKEN: server.seeded.apiToken });
  });

  afterAll(async () => {
    await server?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  for (const step of steps) {
    it(describeStep(step), async () => {
      if (step.kind === 'file') {
        writeFileSync(join(directory, step.file), step.content);
        return;
      }
      const command = step.command.replaceAll(PASSWORD_PLACEHOLDER, server.seeded.ownerPassword);
      // The command as written; curl itself only adds the status after the body.
      const script = `curl() { command curl -w '${STATUS_MARK.replace('\n', '\\n')}%{http_code}' "$@"; }\n${command}`;
      const { stdout } = await run('bash', ['-c', script], {
        cwd: directory,
        env: { PATH: process.env.PATH, HOME: directory, ...variables },
        maxBuffer: 16 * 1024 * 1024,
      });
      const mark = stdout.lastIndexOf(STATUS_MARK);
      const status = Number(stdout.slice(mark + STATUS_MARK.length));
      const text = stdout.slice(0, mark);
      let body: unknown = text;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        // not JSON: compared as text
      }
      const shown = `${step.command}\n→ ${status} ${text}`;
      expect(status, shown).toBe(step.status);
      if (step.body) {
        const expected = JSON.parse(JSON.stringify(step.body).replaceAll(PAGE_URL, server.url)) as Pattern;
        const captures: Record<string, string> = { ...variables };
        expect(mismatch(expected, body, captures), shown).toBeUndefined();
        Object.assign(variables, captures);
      }
    });
  }
});
