import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 12, item 21: we promise Node 20, 22 and 24 (`engines.node` in the root package.json), so
 * every production dependency must allow the first release of each of those lines, and every
 * development one the releases contributors need (scripts/check-engines.mjs says which).
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const script = join(root, 'scripts/check-engines.mjs');

interface Conflict {
  name: string;
  version: string;
  engines: string;
  dev: boolean;
  excludes: string[];
  allowed: string | null;
}

interface Result {
  promise: string;
  production: string[];
  conflicts: Conflict[];
}

function check(lockPath?: string): { status: number | null; result: Result } {
  const args = [script, '--json', ...(lockPath ? ['--lock', lockPath] : [])];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  return { status: run.status, result: JSON.parse(run.stdout) as Result };
}

describe('the Node.js versions every installed package supports', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'vexil-engines-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** A lockfile like ours, with `packages` beside the root entry. */
  function lockWith(packages: Record<string, object>): string {
    const path = join(scratch, `lock-${Object.keys(packages).length}-${Date.now()}.json`);
    const lock = { lockfileVersion: 3, packages: { '': { name: 'vexil', engines: { node: '>=20' } }, ...packages } };
    writeFileSync(path, JSON.stringify(lock));
    return path;
  }

  it('promises Node 20, 22 and 24 from their first releases', () => {
    const { engines } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(engines.node).toBe('>=20');
    expect(check().result.production).toEqual(['20.0.0', '22.0.0', '24.0.0']);
  });

  it('finds no installed production dependency that excludes a promised release', () => {
    const { status, result } = check();
    const production = result.conflicts.filter((conflict) => !conflict.dev);
    expect(production).toEqual([]);
    expect(result.conflicts.filter((conflict) => conflict.allowed === null)).toEqual([]);
    expect(status).toBe(0);
  });

  it('fails on a production dependency that needs Node 22, naming it and what it excludes', () => {
    const { status, result } = check(
      lockWith({
        'node_modules/kysely': { version: '0.29.9', engines: { node: '>=22.0.0' } },
        'node_modules/ok': { version: '1.0.0', engines: { node: '>=18' } },
      }),
    );
    expect(status).toBe(1);
    expect(result.conflicts).toEqual([
      {
        path: 'node_modules/kysely',
        name: 'kysely',
        version: '0.29.9',
        engines: '>=22.0.0',
        dev: false,
        excludes: ['20.0.0'],
        allowed: null,
      },
    ]);
  });

  it('fails on a development dependency contributors could not run, unless it is allowed with a reason', () => {
    const failing = check(
      lockWith({ 'node_modules/eventsource': { version: '5.1.5', dev: true, engines: { node: '>=22.12.0' } } }),
    );
    expect(failing.status).toBe(1);
    expect(failing.result.conflicts.map((conflict) => [conflict.name, conflict.excludes])).toEqual([
      ['eventsource', ['20.19.0']],
    ]);

    const allowed = check(
      lockWith({
        'node_modules/@rolldown/binding-wasm32-wasi': {
          version: '1.3.4',
          dev: true,
          engines: { node: '^20.19.0 || ^22.13.0 || >=23.5.0' },
        },
      }),
    );
    expect(allowed.status).toBe(0);
    expect(allowed.result.conflicts[0]?.allowed).toMatch(/WebAssembly fallback/);
  });

  it('never allows a production dependency, even one on the development allowlist', () => {
    const { status, result } = check(
      lockWith({
        'node_modules/@rolldown/binding-wasm32-wasi': { version: '1.3.4', engines: { node: '>=23.5.0' } },
      }),
    );
    expect(status).toBe(1);
    expect(result.conflicts[0]?.allowed).toBeNull();
  });

  it('prints what it checked and each conflict for people', () => {
    const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    expect(out).toContain('engines.node ">=20": production packages on 20.0.0, 22.0.0, 24.0.0');
    expect(out).toContain('Every package runs on every supported Node.js release.');
  });
});
