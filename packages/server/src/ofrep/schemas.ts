import { Type, type TSchema } from 'typebox';
import { problemResponse } from '../http/schemas.js';

/**
 * OFREP 0.3.0's shapes (../shared/conformance/ofrep/openapi.yaml), as Vexil answers them, for the
 * OpenAPI document. They document; they do not validate or serialise: OFREP's routes read their
 * bodies themselves, to answer in OFREP's own error shapes, and write what routes.ts builds.
 */

const Metadata = Type.Record(Type.String(), Type.Union([Type.Boolean(), Type.String(), Type.Number()]), {
  description:
    '`allocation`: the allocation that decided; `vexilReason`: Vexil’s reason where OFREP has no word for it',
});

const ERROR_CODES = ['PARSE_ERROR', 'TARGETING_KEY_MISSING', 'INVALID_CONTEXT', 'GENERAL'];
const errorCode = (codes: string[]) => Type.Unsafe<string>({ type: 'string', enum: codes });

const Success = Type.Object(
  {
    key: Type.String(),
    value: Type.Optional(
      Type.Unknown({ description: 'The flag’s value; absent: use the code’s default (OFREP’s codeDefaultFlag)' }),
    ),
    variant: Type.Optional(Type.String({ description: 'The variation’s key' })),
    reason: Type.Unsafe<string>({
      type: 'string',
      enum: ['STATIC', 'TARGETING_MATCH', 'SPLIT', 'DISABLED', 'UNKNOWN'],
    }),
    metadata: Type.Optional(Metadata),
  },
  { description: 'evaluationSuccess' },
);

const Failure = Type.Object(
  { key: Type.String(), errorCode: errorCode(ERROR_CODES), errorDetails: Type.String() },
  { description: 'evaluationFailure' },
);

const FlagNotFound = Type.Object(
  { key: Type.String(), errorCode: errorCode(['FLAG_NOT_FOUND']), errorDetails: Type.String() },
  { description: 'flagNotFound: no such flag, or not client-side available to a client key' },
);

/** A request-level failure: the body or the context cannot be read (`key` is there on the single-flag route). */
const RequestFailure = Type.Object(
  {
    key: Type.Optional(Type.String()),
    errorCode: errorCode(['PARSE_ERROR', 'INVALID_CONTEXT']),
    errorDetails: Type.String(),
  },
  { description: 'evaluationFailure (single flag) or bulkEvaluationFailure' },
);

const ServerFailure = Type.Object({ errorDetails: Type.String() }, { description: 'generalErrorResponse' });

const EventStream = Type.Object({
  type: Type.Literal('sse'),
  url: Type.Optional(Type.String({ format: 'uri', description: 'When VEXIL_PUBLIC_URL is set' })),
  endpoint: Type.Optional(
    Type.Object({ requestUri: Type.String({ pattern: '^/', description: 'Resolved against the OFREP base URL' }) }),
  ),
});

const BulkSuccess = Type.Object({
  flags: Type.Array(Type.Union([Success, Failure]), { description: 'Every flag the key may see' }),
  eventStreams: Type.Array(EventStream, { description: 'Where to hear that flags changed' }),
});

const json = (schema: TSchema, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/**
 * A 400 in OFREP's shape, or — for a URL that is not valid UTF-8, refused before any route is
 * chosen — an RFC 9457 problem, as everywhere else.
 */
const badRequest = (schema: TSchema, description: string) => ({
  description: `${description}; a URL that does not decode to UTF-8 is refused as a problem`,
  content: {
    'application/json': { schema },
    'application/problem+json': { schema: Type.Ref('Problem') },
  },
});

/** The OFREP request body: a context, `targetingKey` plus attributes. */
export const OfrepEvaluationRequestSchema = Type.Object(
  {
    context: Type.Object(
      { targetingKey: Type.Optional(Type.String({ description: 'The context’s key' })) },
      { additionalProperties: true, description: 'Attributes; `kind` names a context kind, or "multi"' },
    ),
  },
  {
    examples: [{ context: { targetingKey: 'ada', email: 'ada@example.com', plan: 'pro', country: 'CA' } }],
  },
);

const failures = {
  400: badRequest(RequestFailure, 'The body is not a JSON object, or its context is invalid'),
  413: problemResponse(413),
  415: problemResponse(415),
  500: json(ServerFailure, 'The server failed; the error is logged'),
};

export const singleFlagResponses = {
  200: json(Success, 'The flag’s value for the context'),
  ...failures,
  400: badRequest(
    Type.Union([Failure, RequestFailure]),
    'The flag cannot be evaluated for this context (TARGETING_KEY_MISSING, PARSE_ERROR, GENERAL), or the body or context is invalid',
  ),
  404: json(FlagNotFound, 'FLAG_NOT_FOUND'),
};

const REVISION_DESCRIPTION =
  'The revision of the flags answered: a change notification naming it needs no re-fetch (its `etag`)';

export const bulkResponses = {
  200: {
    ...json(BulkSuccess, 'Every flag the key may see, evaluated'),
    headers: {
      etag: { type: 'string', description: 'A digest of the answer: send it as If-None-Match' },
      'vexil-revision': { type: 'string', description: REVISION_DESCRIPTION },
    },
  },
  304: {
    type: 'null',
    description: 'Not modified: the answer would be the one If-None-Match names',
    headers: { 'vexil-revision': { type: 'string', description: REVISION_DESCRIPTION } },
  },
  ...failures,
};

export const streamResponses = {
  200: {
    description: 'Change notifications: `data: {"type":"refetchEvaluation","etag":"<revision>"}`, `id:` the revision',
    content: { 'text/event-stream': { schema: Type.String() } },
  },
  400: badRequest(RequestFailure, 'The query is invalid'),
  500: json(ServerFailure, 'The server failed; the error is logged'),
};
