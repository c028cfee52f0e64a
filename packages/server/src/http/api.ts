import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Actor } from '../auth/actor.js';
import { problems } from './problems.js';

/** The Fastify instance routes are declared on: TypeBox schemas give handlers their types. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without credentials (sign-in, accepting an invitation). */
    public?: boolean;
    /** Reads a `text/plain` body as JSON (http/body.ts): what browsers send without a CORS preflight. */
    plainTextJson?: boolean;
  }
  interface FastifyRequest {
    /** Set by the management API's authentication hook. */
    actor?: Actor;
  }
}

/** The authenticated actor of a management API request. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw problems.unauthorized();
  return request.actor;
}
