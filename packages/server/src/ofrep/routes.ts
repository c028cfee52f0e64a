import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ServerContext } from '../context.js';
import type { Api } from '../http/api.js';
import { problems } from '../http/problems.js';
import { documentedOnly } from '../http/openapi.js';
import { problemResponse, Strict } from '../http/schemas.js';
import { authenticateSdkKey, requireSdkKey, sdkKeyOf, type KeyRequirement, type SdkKey } from '../sdk/authenticate.js';
import { lastEventIdOf } from '../sdk/frames.js';
import { etagMatches } from '../sdk/negotiation.js';
import { snapshotFor } from '../sdk/snapshot.js';
import { StreamRegistry } from '../sdk/streams.js';
import { vexilContextOf } from './context.js';
import { ofrepErrorHandler } from './errors.js';
import { bulkSnapshot, evaluateBulk, evaluateOne } from './evaluate.js';
import { bulkResponses, OfrepEvaluationRequestSchema, singleFlagResponses, streamResponses } from './schemas.js';
import { EventStreams, keyOfStreamToken, ofrepChannel, REVISION_HEADER, refetchFrame, STREAM_PATH } from './stream.js';

/** Both kinds of key; OFREP's ApiKeyAuth scheme puts the key in X-API-Key. */
const OFREP_KEYS: KeyRequirement = { kinds: ['server', 'client'], apiKeyHeader: true };
const BODY_BYTES = 64 * 1024;

/**
 * OpenFeature Remote Evaluation Protocol 0.3.0 (../shared/conformance/ofrep/openapi.yaml), so stock
 * OFREP providers work unchanged: single and bulk evaluation, and an SSE stream of change
 * notifications advertised in the bulk answer. Mapping choices are in docs/sdk-protocol.md.
 */
export function ofrepRoutes(api: Api, ctx: ServerContext): void {
  const streams = new StreamRegistry(ofrepChannel, ctx);
  const eventStreams = new EventStreams(ctx.config.publicUrl);
  const evaluations = ctx.metrics.evaluations.labels({ endpoint: 'ofrep' });
  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits async plugins (the rule misreads register's overloads)
  void api.register(async (ofrep: Api) => {
    ofrep.decorateRequest('sdkKey', null);
    ofrep.setErrorHandler(ofrepErrorHandler);
    // Documented under their own tag; the schemas describe OFREP's answers, and answers are written as routes.ts
    // builds them (JSON.stringify), so the protocol's wire format never depends on a documentation schema.
    const tags = ['ofrep'];
    const security: Record<string, string[]>[] = [{ sdkKey: [] }, { ofrepApiKey: [] }];
    const asBuilt = () => (data: unknown) => JSON.stringify(data);

    ofrep.post(
      '/ofrep/v1/evaluate/flags/:key',
      {
        schema: {
          tags,
          security,
          summary: 'OFREP evaluateFlag: one flag, evaluated for a context (client and server keys)',
          params: Strict({ key: Type.String() }),
          response: singleFlagResponses,
        },
        config: documentedOnly({ body: OfrepEvaluationRequestSchema }),
        serializerCompiler: asBuilt,
        bodyLimit: BODY_BYTES,
        onRequest: requireSdkKey(ctx.sdkKeys, OFREP_KEYS),
      },
      async (request, reply) => {
        const key = sdkKeyOf(request);
        const context = vexilContextOf(request.body);
        const answer = evaluateOne(await snapshotFor(ctx, key.environmentId), key, request.params.key, context);
        if (answer.status !== 404) evaluations.inc();
        return reply.code(answer.status).send(answer.body);
      },
    );

    ofrep.post(
      '/ofrep/v1/evaluate/flags',
      {
        schema: {
          tags,
          security,
          summary: 'OFREP evaluateFlagsBulk: every flag the key may see, with an ETag (client and server keys)',
          response: bulkResponses,
          querystring: Type.Object({
            flagConfigEtag: Type.Optional(Type.String()),
            flagConfigLastModified: Type.Optional(Type.String()),
          }),
        },
        config: documentedOnly({
          body: OfrepEvaluationRequestSchema,
          headers: Type.Object({
            'if-none-match': Type.Optional(
              Type.String({ description: 'The ETag of your last answer: 304 if unchanged' }),
            ),
          }),
        }),
        serializerCompiler: asBuilt,
        bodyLimit: BODY_BYTES,
        onRequest: requireSdkKey(ctx.sdkKeys, OFREP_KEYS),
      },
      async (request, reply) => {
        const key = sdkKeyOf(request);
        const context = vexilContextOf(request.body);
        const snapshot = await bulkSnapshot(ctx, key.environmentId, request.query.flagConfigEtag);
        const answer = evaluateBulk(snapshot, key, context, eventStreams.of(key));
        evaluations.inc(answer.evaluated);
        // The revision answered, so that a client told of it by the change stream need not ask again.
        reply
          .header('etag', answer.etag)
          .header(REVISION_HEADER, String(snapshot.revision))
          .header('cache-control', 'no-store');
        if (etagMatches(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
        return reply.type('application/json; charset=utf-8').send(answer.json);
      },
    );

    ofrep.get(
      STREAM_PATH,
      {
        schema: {
          tags,
          // A browser's EventSource cannot send headers: the token from eventStreams stands in for the key.
          security: [...security, {}],
          summary: 'OFREP change notifications (Server-Sent Events), with the token from eventStreams or an SDK key',
          querystring: Strict({
            token: Type.Optional(
              Type.String({ maxLength: 200, description: 'The stream token of the bulk answer’s eventStreams' }),
            ),
          }),
          headers: Type.Object({
            'last-event-id': Type.Optional(Type.String({ description: 'The revision you have heard of' })),
          }),
          response: { ...streamResponses, 401: problemResponse(401) },
        },
        config: { streaming: true },
        serializerCompiler: asBuilt,
        exposeHeadRoute: false,
      },
      async (request, reply) => {
        const key = await streamKey(ctx, request, request.query.token);
        const stream = streams.register(reply, key);
        try {
          const snapshot = await snapshotFor(ctx, key.environmentId);
          // A client that has not seen the current revision (or says nothing) re-fetches at once:
          // a change may have come between its last evaluation and this connection.
          const upToDate = lastEventIdOf(request.headers['last-event-id']) === snapshot.revision;
          streams.start(stream, reply, upToDate ? '' : refetchFrame(snapshot.revision), snapshot.revision);
        } catch (error) {
          streams.abandon(stream);
          throw error;
        }
        return reply;
      },
    );
  });
}

/** The stream's key: from the URL's token (browsers), or from the usual headers (servers). */
async function streamKey(ctx: ServerContext, request: FastifyRequest, token: string | undefined): Promise<SdkKey> {
  if (token === undefined) return authenticateSdkKey(ctx.sdkKeys, request.headers, OFREP_KEYS);
  const key = await keyOfStreamToken(ctx.sdkKeys, token);
  if (!key) throw problems.unauthorized('The stream token is not valid, or its SDK key was revoked.');
  return key;
}
