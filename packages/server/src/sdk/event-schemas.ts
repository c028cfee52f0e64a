import { Type, type Static, type TSchema } from 'typebox';
import type { EvaluationContext } from '@vexil/engine';
import { fieldErrorsFromAjv, joinPath, problems, type FieldError } from '../http/problems.js';
import { Key, Strict } from '../http/schemas.js';
import { schemaValidatorCompiler } from '../http/validation.js';
import { ContextSchema, contextParts, type ContextPart } from './context.js';

/** Limits of one `POST /sdk/v1/events` request (docs/sdk-protocol.md). */
export const MAX_EVENTS_PER_BATCH = 1000;
export const MAX_EVENTS_BODY_BYTES = 512 * 1024;
/** A batch with more problems than this lists only the first ones. */
const MAX_REPORTED_ERRORS = 50;

const Timestamp = Type.Integer({
  minimum: 0,
  maximum: 8_640_000_000_000_000,
  description: 'When it happened, in milliseconds since the Unix epoch',
});
const AllocationId = Type.String({ minLength: 1, maxLength: 128 });

export const ExposureEventSchema = Strict(
  {
    kind: Type.Literal('exposure'),
    flag: Key,
    variation: Key,
    allocation: Type.Optional(AllocationId),
    context: ContextSchema,
    timestamp: Timestamp,
  },
  { description: 'A context was served a variation of a tracked allocation (experiments)' },
);

export const CustomEventSchema = Strict(
  {
    kind: Type.Literal('custom'),
    key: Key,
    value: Type.Optional(Type.Number()),
    context: ContextSchema,
    timestamp: Timestamp,
  },
  { description: 'A metric event: track(eventKey, value?)' },
);

export const SummaryEventSchema = Strict(
  {
    kind: Type.Literal('summary'),
    startDate: Timestamp,
    endDate: Timestamp,
    counters: Type.Array(
      Strict({
        flag: Key,
        variation: Type.Optional(
          Type.Union([Key, Type.Null()], { description: 'Absent or null: the caller’s default was served' }),
        ),
        count: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
      }),
      { maxItems: 10_000 },
    ),
  },
  { description: 'How many times each flag served each variation between startDate and endDate' },
);

export const ContextEventSchema = Strict(
  { kind: Type.Literal('context'), context: ContextSchema, timestamp: Timestamp },
  { description: 'A context the SDK saw' },
);

const EVENT_KINDS = ['exposure', 'custom', 'summary', 'context'] as const;

/** One event of each kind, as an SDK sends them. */
const EVENT_BATCH_EXAMPLE = {
  events: [
    {
      kind: 'exposure',
      flag: 'new-checkout',
      variation: 'on',
      allocation: 'staff',
      context: { key: 'ada', email: 'ada@example.com' },
      timestamp: 1795400100000,
    },
    { kind: 'custom', key: 'checkout-completed', value: 42.5, context: { key: 'ada' }, timestamp: 1795400160000 },
    {
      kind: 'summary',
      startDate: 1795400100000,
      endDate: 1795400160000,
      counters: [
        { flag: 'new-checkout', variation: 'on', count: 17 },
        { flag: 'banner-text', count: 2 },
      ],
    },
    {
      kind: 'context',
      context: { kind: 'device', key: 'd-9', os: 'iOS', _meta: { privateAttributes: ['os'] } },
      timestamp: 1795400100000,
    },
  ],
};

/**
 * The request body. Each event is checked against its kind's schema afterwards, so an error names
 * the one field at fault (`events[3].flag`) rather than every kind the event is not.
 */
export const EventBatchSchema = Strict(
  {
    events: Type.Array(
      Type.Object(
        { kind: Type.Enum(EVENT_KINDS, { description: EVENT_KINDS.join(', ') }) },
        { additionalProperties: true },
      ),
      {
        maxItems: MAX_EVENTS_PER_BATCH,
      },
    ),
  },
  { examples: [EVENT_BATCH_EXAMPLE] },
);

export type ExposureEvent = Static<typeof ExposureEventSchema>;
export type CustomEvent = Static<typeof CustomEventSchema>;
export type SummaryEvent = Static<typeof SummaryEventSchema>;
export type ContextEvent = Static<typeof ContextEventSchema>;
export type SdkEvent = ExposureEvent | CustomEvent | SummaryEvent | ContextEvent;

/** A context part as it may be stored: private attributes removed, `key` required. */
export interface ReportedContext {
  kind: string;
  key: string;
  /** What is stored: the attributes without `key`, `kind`, `_meta` and the private ones. */
  attributes: Record<string, unknown>;
  /**
   * The names (never the values) of the attributes marked private, by the top-level attribute
   * they are in: `{ email: ['email'], address: ['/address/street'] }`. Merged like `attributes`
   * (events.ts): a report that gives an attribute or marks it (or a path in it) private replaces both.
   */
  privateAttributes: PrivateAttributes;
}

/** Private attribute references (names or `/`-paths), sorted, by the top-level attribute they are in. */
export type PrivateAttributes = Record<string, string[]>;

export interface ParsedEvent {
  event: SdkEvent;
  contexts: ReportedContext[];
}

type Validator = ((data: unknown) => boolean) & { errors?: Parameters<typeof fieldErrorsFromAjv>[0] | null };

const compileBodySchema = schemaValidatorCompiler();
const validators: Record<SdkEvent['kind'], Validator> = {
  exposure: compiled(ExposureEventSchema),
  custom: compiled(CustomEventSchema),
  summary: compiled(SummaryEventSchema),
  context: compiled(ContextEventSchema),
};

function compiled(schema: TSchema): Validator {
  return compileBodySchema({ schema, method: 'POST', url: '/sdk/v1/events', httpPart: 'body' }) as Validator;
}

/**
 * Checks every event of a batch against its kind, and every context in it, and returns them
 * ready to store; or throws one 400 listing the fields at fault, so nothing of a bad batch is kept.
 */
export function parseEvents(events: readonly { kind: SdkEvent['kind'] }[]): ParsedEvent[] {
  const parsed: ParsedEvent[] = [];
  const errors: FieldError[] = [];
  events.forEach((raw, index) => {
    const path = `events[${index}]`;
    const validate = validators[raw.kind];
    if (!validate(raw)) {
      errors.push(...fieldErrorsFromAjv(validate.errors ?? [], path));
      return;
    }
    const event = raw as SdkEvent;
    if (event.kind === 'summary') {
      if (event.endDate < event.startDate)
        errors.push({ path: joinPath(path, 'endDate'), message: 'must not be before startDate' });
      parsed.push({ event, contexts: [] });
      return;
    }
    const { parts, errors: contextErrors } = contextParts(
      event.context as EvaluationContext,
      joinPath(path, 'context'),
      true,
    );
    errors.push(...contextErrors);
    const contexts: ReportedContext[] = [];
    for (const part of parts) {
      const reported = reportedContext(part, joinPath(path, 'context'), event.context.kind === 'multi', errors);
      if (reported) contexts.push(reported);
    }
    parsed.push({ event, contexts });
  });
  if (errors.length > 0) throw problems.validation(errors.slice(0, MAX_REPORTED_ERRORS));
  return parsed;
}

/**
 * Drops what must never be stored: the attributes a context lists in
 * `_meta.privateAttributes` (top-level names, or `/a/b` paths into nested objects), whose names
 * are kept instead — the users list shows that they exist.
 */
function reportedContext(
  part: ContextPart,
  contextPath: string,
  multi: boolean,
  errors: FieldError[],
): ReportedContext | undefined {
  const path = multi ? joinPath(contextPath, part.kind) : contextPath;
  const { key: _key, kind: _kind, _meta: meta, ...attributes } = part.attributes;
  const privateAttributes = privateAttributesOf(meta, joinPath(path, '_meta'), errors);
  if (privateAttributes === undefined) return undefined;
  const marked: PrivateAttributes = {};
  for (const reference of privateAttributes) {
    redact(attributes, reference);
    const { top, recorded } = privateReference(reference);
    // `key` and `kind` are always kept (they say who the context is), `_meta` is never stored: nothing withheld.
    if (top === 'key' || top === 'kind' || top === '_meta') continue;
    const references = marked[top] ?? [];
    if (!references.includes(recorded)) marked[top] = [...references, recorded].sort();
  }
  return { kind: part.kind, key: part.key as string, attributes, privateAttributes: marked };
}

/**
 * The top-level attribute a reference is in, and the reference as recorded: a name as it is, a
 * one-part path (`/email`) as the name it means, a longer path as given.
 */
export function privateReference(reference: string): { top: string; recorded: string } {
  if (!reference.startsWith('/')) return { top: reference, recorded: reference };
  const parts = pathParts(reference);
  const top = parts[0] as string;
  const plain = parts.length === 1 && top !== '' && !top.startsWith('/');
  return { top, recorded: plain ? top : reference };
}

function pathParts(reference: string): string[] {
  return reference
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function privateAttributesOf(meta: unknown, path: string, errors: FieldError[]): string[] | undefined {
  if (meta === undefined) return [];
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    errors.push({ path, message: 'must be an object' });
    return undefined;
  }
  const before = errors.length;
  for (const field of Object.keys(meta))
    if (field !== 'privateAttributes') errors.push({ path: joinPath(path, field), message: 'is not a known field' });
  const list = (meta as { privateAttributes?: unknown }).privateAttributes;
  if (list !== undefined && (!Array.isArray(list) || list.some((name) => typeof name !== 'string' || name === ''))) {
    errors.push({ path: joinPath(path, 'privateAttributes'), message: 'must be a list of attribute names' });
  }
  return errors.length > before ? undefined : ((list as string[] | undefined) ?? []);
}

/** Removes one attribute, by name or by `/path` (`~1` is `/`, `~0` is `~`, as in the engine). */
function redact(attributes: Record<string, unknown>, reference: string): void {
  if (!reference.startsWith('/')) {
    delete attributes[reference];
    return;
  }
  const parts = pathParts(reference);
  let target: unknown = attributes;
  for (const part of parts.slice(0, -1)) {
    if (typeof target !== 'object' || target === null || !Object.hasOwn(target, part)) return;
    // Copied on the way down, so the request's own objects are never changed.
    const child = (target as Record<string, unknown>)[part];
    if (typeof child !== 'object' || child === null) return;
    const copy = Array.isArray(child) ? [...child] : { ...child };
    (target as Record<string, unknown>)[part] = copy;
    target = copy;
  }
  if (typeof target === 'object' && target !== null)
    delete (target as Record<string, unknown>)[parts[parts.length - 1] as string];
}
