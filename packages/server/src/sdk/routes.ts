import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { EvaluationContext } from '@vexil/engine';
import type { ServerContext } from '../context.js';
import type { Api } from '../http/api.js';
import { problems } from '../http/problems.js';
import { problemResponse, Strict } from '../http/schemas.js';
import { requireSdkKey, sdkKeyOf, type KeyRequirement } from './authenticate.js';
import { ContextSchema, contextParts } from './context.js';
import { evaluateFlags } from './evaluate.js';
import { EventBatchSchema, MAX_EVENTS_BODY_BYTES } from './event-schemas.js';
import { ingestEvents } from './events.js';
import { lastEventIdOf, openingFor, sdkChannel } from './frames.js';
import { etagMatches, preferredCoding } from './negotiation.js';
import { EvaluationsSchema, EventsAcceptedSchema, eventStream, notModified, RulesetSchema } from './schemas.js';
import { environmentGone, snapshotFor } from './snapshot.js';
import { StreamRegistry } from './streams.js';

const SERVER_KEYS: KeyRequirement = {
  kinds: ['server'],
  refusal:
    'Client keys cannot read rules: they are public. Use POST /sdk/v1/evaluate for evaluated values, or a server key.',
};
const ANY_KEY: KeyRequirement = { kinds: ['server', 'client'] };

/** A context is a few attributes; this leaves room for generous ones without inviting abuse. */
const EVALUATE_BODY_BYTES = 64 * 1024;

/** SDK delivery, `/sdk/v1/*` (docs/sdk-protocol.md): ruleset, stream, remote evaluation, events. */
export function sdkRoutes(api: Api, ctx: ServerContext): void {
  const streams = new StreamRegistry(sdkChannel, ctx);
  const evaluated = ctx.metrics.evaluations.labels({ endpoint: 'sdk' });
  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits async plugins (the rule misreads register's overloads)
  void api.register(async (sdk: Api) => {
    sdk.decorateRequest('sdkKey', null);
    // In the OpenAPI document under their own tag and security scheme; docs/sdk-protocol.md is the guide.
    const tags = ['sdk'];
    const security: Record<string, string[]>[] = [{ sdkKey: [] }];
    const forbidden = {
      403: { ...problemResponse(403), description: 'A client key: this endpoint takes server keys' },
    };

    sdk.get(
      '/sdk/v1/config',
      {
        schema: {
          tags,
          security,
          summary: 'The environment’s ruleset, for local evaluation (server keys)',
          headers: Type.Object({
            'if-none-match': Type.Optional(Type.String({ description: 'The ETag you have: 304 if it is current' })),
            'accept-encoding': Type.Optional(Type.String({ description: 'br or gzip are used when accepted' })),
          }),
          response: {
            200: { ...RulesetSchema, headers: { etag: { type: 'string', description: 'The revision, "42"' } } },
            304: notModified,
            ...forbidden,
          },
        },
        onRequest: requireSdkKey(ctx.sdkKeys, SERVER_KEYS),
      },
      async (request, reply) => {
        const snapshot = await snapshotFor(ctx, sdkKeyOf(request).environmentId);
        const etag = `"${snapshot.revision}"`;
        reply.header('etag', etag).header('cache-control', 'no-store');
        addVary(reply, 'Accept-Encoding');
        if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
        const coding = preferredCoding(request.headers['accept-encoding']);
        if (coding !== 'identity') reply.header('content-encoding', coding);
        return reply.type('application/json; charset=utf-8').send(snapshot.bodies[coding]);
      },
    );

    sdk.get(
      '/sdk/v1/stream',
      {
        schema: {
          tags,
          security,
          summary: 'Server-Sent Events: the ruleset (put), then each change (patch, delete) (server keys)',
          headers: Type.Object({
            'last-event-id': Type.Optional(
              Type.String({ description: 'The revision you have: only the changes after it are sent' }),
            ),
          }),
          response: {
            200: eventStream('event: put, patch, delete or goodbye; id: the revision; data: one line of JSON'),
            ...forbidden,
          },
        },
        onRequest: requireSdkKey(ctx.sdkKeys, SERVER_KEYS),
        config: { streaming: true },
        exposeHeadRoute: false,
      },
      async (request, reply) => {
        const key = sdkKeyOf(request);
        const stream = streams.register(reply, key);
        try {
          const opening = await openingFor(
            ctx.store,
            ctx.rulesets,
            key.environmentId,
            lastEventIdOf(request.headers['last-event-id']),
          );
          if (!opening) throw environmentGone();
          streams.start(stream, reply, opening.text, opening.revision);
        } catch (error) {
          streams.abandon(stream);
          throw error;
        }
        return reply;
      },
    );

    sdk.post(
      '/sdk/v1/evaluate',
      {
        schema: {
          tags,
          security,
          summary: 'Every flag this key may see, evaluated for one context (client and server keys)',
          body: Strict(
            { context: ContextSchema },
            { examples: [{ context: { kind: 'user', key: 'ada', email: 'ada@example.com', plan: 'pro' } }] },
          ),
          response: { 200: EvaluationsSchema },
        },
        bodyLimit: EVALUATE_BODY_BYTES,
        onRequest: requireSdkKey(ctx.sdkKeys, ANY_KEY),
      },
      async (request, reply) => {
        const key = sdkKeyOf(request);
        const context = request.body.context as EvaluationContext;
        const { errors } = contextParts(context, 'context', false);
        if (errors.length > 0) throw problems.validation(errors);
        const { json, evaluated: count } = evaluateFlags(await snapshotFor(ctx, key.environmentId), key, context);
        evaluated.inc(count);
        return reply.type('application/json; charset=utf-8').send(json);
      },
    );

    sdk.post(
      '/sdk/v1/events',
      {
        schema: {
          tags,
          security,
          summary: 'A batch of exposures, custom events, evaluation summaries and contexts (client and server keys)',
          body: EventBatchSchema,
          consumes: ['application/json', 'text/plain'],
          response: { 202: EventsAcceptedSchema },
        },
        bodyLimit: MAX_EVENTS_BODY_BYTES,
        onRequest: requireSdkKey(ctx.sdkKeys, ANY_KEY),
        // A page flushes its last events as it closes (`fetch` with `keepalive`), and browsers send
        // a string body as text/plain unless told otherwise: it is the same JSON.
        config: { plainTextJson: true },
      },
      async (request, reply) => reply.code(202).send(await ingestEvents(ctx, sdkKeyOf(request), request.body.events)),
    );
  });
}

function addVary(reply: FastifyReply, header: string): void {
  const vary = reply.getHeader('vary');
  reply.header('vary', vary === undefined ? header : `${String(vary)}, ${header}`);
}
