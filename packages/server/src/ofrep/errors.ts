import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Problem, problemErrorHandler } from '../http/problems.js';

/** The error codes of OFREP's `evaluationFailure` (openapi.yaml). */
export type OfrepErrorCode = 'PARSE_ERROR' | 'TARGETING_KEY_MISSING' | 'INVALID_CONTEXT' | 'GENERAL';

/** A request OFREP answers with its own error shape: `{ key?, errorCode, errorDetails }`. */
export class OfrepError extends Error {
  constructor(
    readonly status: 400,
    readonly errorCode: OfrepErrorCode,
    readonly errorDetails: string,
  ) {
    super(errorDetails);
  }
}

/**
 * OFREP clients read `errorCode`, not RFC 9457 problems: a body that is not JSON, or not the
 * expected object, is PARSE_ERROR (with the flag's `key` on the single-flag endpoint); a server
 * failure is `{ errorDetails }`. Authentication (401/403) and limits (413, 415) have no OFREP
 * shape, so they stay problems, like everywhere else in Vexil.
 */
export function ofrepErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const key = (request.params as { key?: unknown } | undefined)?.key;
  const withKey = typeof key === 'string' ? { key } : {};
  if (error instanceof OfrepError) {
    void reply.code(error.status).send({ ...withKey, errorCode: error.errorCode, errorDetails: error.errorDetails });
    return;
  }
  const status = error instanceof Problem ? error.status : (error.statusCode ?? 500);
  if (status === 400) {
    void reply.code(400).send({ ...withKey, errorCode: 'PARSE_ERROR', errorDetails: error.message });
    return;
  }
  if (status >= 500) {
    request.log.error({ err: error }, 'unhandled error');
    void reply.code(500).send({ errorDetails: 'The server failed to evaluate; the error has been logged.' });
    return;
  }
  problemErrorHandler(error, request, reply);
}
