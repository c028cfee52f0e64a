import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ServerContext } from '../context.js';
import type { Api } from '../http/api.js';
import { problems } from '../http/problems.js';
import { Strict } from '../http/schemas.js';
import type { RulesetSnapshot } from '../rulesets/cache.js';
import { authenticateSdkKey, requireSdkKey, sdkKeyOf, type KeyRequirement, type SdkKey } from '../sdk/authenticate.js';
import { visibleFlagKeys } from '../sdk/evaluate.js';
import { lastEventIdOf } from '../sdk/frames.js';
import { etagMatches } from '../sdk/negotiation.js';
import { environmentGone, snapshotFor } from '../sdk/snapshot.js';
import { StreamRegistry } from '../sdk/streams.js';
import { vexilContextOf } from './context.js';
import { ofrepErrorHandler } from './errors.js';
import { flagNotFound, ofrepResult, ofrepResultJson } from './results.js';
import { keyOfStreamToken, ofrepChannel, refetchFrame, streamToken } from './stream.js';

/** Both kinds of key; OFREP's ApiKeyAuth scheme puts the key in X-API-Key. */
const OFREP_KEYS: KeyRequirement = { kinds: ['server', 'client'], apiKeyHeader: true };
const BODY_BYTES = 64 * 1024;
const STREAM_PATH = '/ofrep/v1/stream';

/**
 * OpenFeature Remote Evaluation Protocol 0.3.0 (../shared/conformance/ofrep/openapi.yaml), so stock
 * OFREP providers work unchanged: single and bulk evaluation, and an SSE stream of change
 * notifications advertised in the bulk response. Mapping choices are in docs/sdk-protocol.md.
 */
export function ofrepRoutes(api: Api, ctx: ServerContext): void {
  const streams = new StreamRegistry(ofrepChannel, ctx);
  const evaluations = ctx.metrics.evaluations.labels({ endpoint: 'ofrep' });
  const eventStreamsOf = new Map<string, string>();
  /** The `eventStreams` of a key's bulk answers, as JSON text: the same for every answer. */
  const eventStreams = (key: SdkKey) => {
    let text = eventStreamsOf.get(key.id);
    if (text === undefined) {
      if (eventStreamsOf.size >= 10_000) eventStreamsOf.clear();
      eventStreamsOf.set(key.id, (text = JSON.stringify([eventStream(ctx, key)])));
    }
    return text;
  };
  void api.register(async (ofrep: Api) => {
    ofrep.decorateRequest('sdkKey', null);
    ofrep.setErrorHandler(ofrepErrorHandler);
    const hide = true;

    ofrep.post(
      '/ofrep/v1/evaluate/flags/:key',
      { schema: { hide, params: Strict({ key: Type.String() }) }, bodyLimit: BODY_BYTES, onRequest: requireSdkKey(ctx.sdkKeys, OFREP_KEYS) },
      async (request, reply) => {
        const key = sdkKeyOf(request);
        const flagKey = request.params.key;
        const context = vexilContextOf(request.body);
        const snapshot = await snapshotFor(ctx, key.environmentId);
        if (!sees(snapshot, key, flagKey)) return reply.code(404).send(flagNotFound(flagKey));
        evaluations.inc();
        const result = ofrepResult(flagKey, snapshot.compiled.evaluate(flagKey, context), key.kind);
        return reply.code('errorCode' in result ? 400 : 200).send(result);
      },
    );

    ofrep.post(
      '/ofrep/v1/evaluate/flags',
      {
        schema: {
          hide,
          // Sent by providers after a change notification; a revision this node has not reached yet
          // makes it look again (another node may have announced the change first).
          querystring: Type.Object({ flagConfigEtag: Type.Optional(Type.String()), flagConfigLastModified: Type.Optional(Type.String()) }),
        },
        bodyLimit: BODY_BYTES,
        onRequest: requireSdkKey(ctx.sdkKeys, OFREP_KEYS),
      },
      async (request, reply) => {
        const key = sdkKeyOf(request);
        const context = vexilContextOf(request.body);
        const wanted = Number(request.query.flagConfigEtag);
        const snapshot =
          Number.isInteger(wanted) && wanted > (ctx.rulesets.current(key.environmentId)?.revision ?? 0)
            ? await ctx.rulesets.get(key.environmentId, wanted)
            : await snapshotFor(ctx, key.environmentId);
        if (!snapshot) throw environmentGone();
        const flagKeys = visibleFlagKeys(snapshot, key);
        let body = '{"flags":[';
        for (let index = 0; index < flagKeys.length; index++) {
          const flagKey = flagKeys[index] as string;
          body += `${index === 0 ? '' : ','}${ofrepResultJson(flagKey, snapshot.compiled.evaluate(flagKey, context), key.kind)}`;
        }
        body += `],"eventStreams":${eventStreams(key)}}`;
        evaluations.inc(flagKeys.length);
        // The results depend on the context, the key and the clock (allocation windows), not only
        // on the revision: the ETag is the answer's own digest, so it changes exactly when it does.
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        reply.header('etag', etag).header('cache-control', 'no-cache');
        if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
        return reply.type('application/json; charset=utf-8').send(body);
      },
    );

    ofrep.get(
      STREAM_PATH,
      { schema: { hide, querystring: Strict({ token: Type.Optional(Type.String({ maxLength: 200 })) }) }, config: { streaming: true } },
      async (request, reply) => {
        const key = await streamKey(ctx, request, request.query.token);
        const stream = streams.register(reply, key);
        try {
          const snapshot = await snapshotFor(ctx, key.environmentId);
          // A client that has not seen the current revision (or says nothing) re-fetches at once:
          // a change may have come between its last evaluation and this connection.
          const lastEventId = lastEventIdOf(request.headers['last-event-id']);
          const opening = lastEventId !== undefined && lastEventId >= snapshot.revision ? '' : refetchFrame(snapshot.revision);
          streams.start(stream, reply, opening, snapshot.revision);
        } catch (error) {
          streams.abandon(stream);
          throw error;
        }
        return reply;
      },
    );
  });
}

/** Whether a key may evaluate a flag: it exists, and is client-side available for a client key. */
function sees(snapshot: RulesetSnapshot, key: SdkKey, flagKey: string): boolean {
  const config = snapshot.compiled.config(flagKey);
  return config !== undefined && (key.kind === 'server' || config.clientSideAvailable === true);
}

/**
 * Where providers listen for changes: the public URL when one is configured, else a path that
 * providers resolve against the OFREP base URL they were given (so proxies need no configuration).
 */
function eventStream(ctx: ServerContext, key: SdkKey): { type: 'sse'; url: string } | { type: 'sse'; endpoint: { requestUri: string } } {
  const requestUri = `${STREAM_PATH}?token=${encodeURIComponent(streamToken(key))}`;
  return ctx.config.publicUrl ? { type: 'sse', url: `${ctx.config.publicUrl}${requestUri}` } : { type: 'sse', endpoint: { requestUri } };
}

/** The stream's key: from the URL's token (browsers), or from the usual headers (servers). */
async function streamKey(ctx: ServerContext, request: FastifyRequest, token: string | undefined): Promise<SdkKey> {
  if (token === undefined) return authenticateSdkKey(ctx.sdkKeys, request.headers, OFREP_KEYS);
  const key = await keyOfStreamToken(ctx.sdkKeys, token);
  if (!key) throw problems.unauthorized('The stream token is not valid, or its SDK key was revoked.');
  return key;
}
