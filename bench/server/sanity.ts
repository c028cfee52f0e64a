/**
 * What every HTTP cell must answer before it is timed, so a fast wrong answer (an error body, an
 * empty flag list, stale values) can never pass for throughput. Evaluations are compared with
 * what @vexil/engine computes locally for the same fixture and context.
 */
import { gunzipSync } from 'node:zlib';
import { compile, type EvaluationResult, type Ruleset } from '@vexil/engine';
import { FLAGS, fixtureRuleset, ofrepContext, type UserContext } from './fixture.js';
import { call, type Secrets, type ServerProcess } from './server.js';

type Server = ServerProcess & { secrets: Secrets };

function expected(): (flagKey: string, context: UserContext) => EvaluationResult {
  const compiled = compile(fixtureRuleset());
  return (flagKey, context) => compiled.evaluate(flagKey, context);
}

async function postJson(server: Server, path: string, body: unknown): Promise<unknown> {
  const answer = await call(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.secrets.clientKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = answer.body.toString();
  if (answer.status !== 200) throw new Error(`POST ${path} → ${answer.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Tallies how often each flag served what, for the report (e.g. "new-checkout on 31 %"). */
function servedSummary(served: Map<string, number>, total: number): string {
  return `${served.size} distinct (flag, variation) pairs over ${total} contexts`;
}

/** `POST /sdk/v1/evaluate`: every client-side flag, with the engine's value, variation and reason, for every context. */
export async function checkEvaluate(server: Server, pool: UserContext[]): Promise<string> {
  const expect = expected();
  const served = new Map<string, number>();
  for (const context of pool) {
    const answer = (await postJson(server, '/sdk/v1/evaluate', { context })) as {
      flags?: Record<string, Partial<EvaluationResult>>;
    };
    const flags = answer.flags ?? {};
    if (Object.keys(flags).length !== FLAGS.length)
      throw new Error(`${Object.keys(flags).length} flags for ${context.key}, expected ${FLAGS.length}`);
    for (const flag of FLAGS) {
      const want = expect(flag.key, context);
      const got = flags[flag.key];
      if (!got || !same(got.value, want.value) || got.variation !== want.variation || got.reason !== want.reason) {
        throw new Error(
          `${flag.key} for ${context.key}: got ${JSON.stringify(got)}, the engine says ${JSON.stringify(want)}`,
        );
      }
      const pair = `${flag.key}=${want.variation ?? '(default)'}`;
      served.set(pair, (served.get(pair) ?? 0) + 1);
    }
  }
  return `answers match the engine for all ${pool.length} contexts × ${FLAGS.length} flags (${servedSummary(served, pool.length)})`;
}

interface OfrepFlag {
  key: string;
  value?: unknown;
  variant?: string;
  reason?: string;
  errorCode?: string;
}

/**
 * OFREP bulk: every flag the engine serves a variation for must come back with that value and
 * variant; a flag that serves the caller's default (traffic excluded) has no value to compare.
 */
export async function checkOfrep(server: Server, pool: UserContext[]): Promise<string> {
  const expect = expected();
  let compared = 0;
  let defaults = 0;
  for (const context of pool) {
    const answer = (await postJson(server, '/ofrep/v1/evaluate/flags', { context: ofrepContext(context) })) as {
      flags?: OfrepFlag[];
    };
    const byKey = new Map((answer.flags ?? []).map((flag) => [flag.key, flag]));
    for (const flag of FLAGS) {
      const want = expect(flag.key, context);
      const got = byKey.get(flag.key);
      if (want.variation === undefined) {
        defaults++;
        continue;
      }
      if (!got || !same(got.value, want.value) || got.variant !== want.variation) {
        throw new Error(
          `${flag.key} for ${context.key}: got ${JSON.stringify(got)}, the engine says ${JSON.stringify(want)}`,
        );
      }
      compared++;
    }
  }
  return `values and variants match the engine for all ${pool.length} contexts (${compared} evaluations compared; ${defaults} serve the caller's default, so carry no value)`;
}

/** `GET /sdk/v1/config`: gzip-encoded, an ETag, 304 on If-None-Match, and the whole fixture inside. */
export async function checkConfig(server: Server): Promise<string> {
  const headers = { authorization: `Bearer ${server.secrets.serverKey}`, 'accept-encoding': 'gzip' };
  const answer = await call(`${server.url}/sdk/v1/config`, { headers });
  if (answer.status !== 200)
    throw new Error(`GET /sdk/v1/config → ${answer.status}: ${answer.body.toString().slice(0, 500)}`);
  if (answer.headers['content-encoding'] !== 'gzip')
    throw new Error(`not gzip-encoded (Content-Encoding: ${String(answer.headers['content-encoding'])})`);
  const etag = answer.headers.etag;
  if (typeof etag !== 'string') throw new Error('no ETag');
  const ruleset = JSON.parse(gunzipSync(answer.body).toString()) as Ruleset;
  const keys = new Set(ruleset.flags.map((flag) => flag.key));
  const missing = FLAGS.filter((flag) => !keys.has(flag.key)).map((flag) => flag.key);
  if (missing.length > 0) throw new Error(`flags missing from the ruleset: ${missing.join(', ')}`);
  if (!ruleset.segments?.some((segment) => segment.key === 'beta-testers'))
    throw new Error('the segment is missing from the ruleset');
  const revalidated = await call(`${server.url}/sdk/v1/config`, { headers: { ...headers, 'if-none-match': etag } });
  if (revalidated.status !== 304) throw new Error(`If-None-Match ${etag} → ${revalidated.status}, expected 304`);
  const identity = Buffer.byteLength(JSON.stringify(ruleset));
  return `gzip, ETag ${etag}, 304 on If-None-Match; ${ruleset.flags.length} flags and ${ruleset.segments.length} segment(s) in ${answer.body.length} bytes (${identity} bytes of JSON)`;
}
