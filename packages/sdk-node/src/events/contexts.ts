import type { EvaluationContext } from '@vexil/engine';

type Attributes = Record<string, unknown>;
const KIND = /^[A-Za-z0-9._-]{1,128}$/;

/** The kinds of a context and their attributes; undefined when events cannot be about it (a kind without a key). */
export function contextKinds(context: EvaluationContext): [kind: string, attributes: Attributes][] | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  const kinds: [string, Attributes][] = [];
  if (context.kind === 'multi') {
    for (const [kind, attributes] of Object.entries(context)) {
      if (kind === 'kind') continue;
      if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) return undefined;
      kinds.push([kind, attributes as Attributes]);
    }
  } else {
    kinds.push([typeof context.kind === 'string' ? context.kind : 'user', context as Attributes]);
  }
  if (kinds.length === 0) return undefined;
  for (const [kind, attributes] of kinds) {
    if (!KIND.test(kind) || typeof attributes.key !== 'string' || attributes.key.length > 512) return undefined;
  }
  return kinds;
}

/** `user:ada` or `organization:acme|user:ada`: who a context is, for deduplication. */
export function contextIdentity(context: EvaluationContext): string | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  if (context.kind !== 'multi')
    return typeof context.key === 'string'
      ? `${typeof context.kind === 'string' ? context.kind : 'user'}:${context.key}`
      : undefined;
  const kinds = contextKinds(context);
  return kinds
    ?.map(([kind, attributes]) => `${kind}:${attributes.key as string}`)
    .sort()
    .join('|');
}

/**
 * The context as events send it: private attributes (`_meta.privateAttributes`, names or
 * `/`-paths) removed here already, so their values never leave the process. `_meta` stays, so the
 * server knows which attributes were withheld.
 */
export function redactContext(context: EvaluationContext): EvaluationContext {
  if (context.kind === 'multi') {
    const redacted: Attributes = { kind: 'multi' };
    for (const [kind, attributes] of Object.entries(context))
      if (kind !== 'kind') redacted[kind] = redactKind(attributes as Attributes);
    return redacted as EvaluationContext;
  }
  return redactKind(context as Attributes) as EvaluationContext;
}

function redactKind(attributes: Attributes): Attributes {
  const meta = attributes._meta as { privateAttributes?: unknown } | undefined;
  const privateAttributes = Array.isArray(meta?.privateAttributes)
    ? meta.privateAttributes.filter((item): item is string => typeof item === 'string')
    : [];
  if (privateAttributes.length === 0) return attributes;
  const copy = structuredClone(attributes);
  for (const reference of privateAttributes) {
    const path = reference.startsWith('/')
      ? reference
          .slice(1)
          .split('/')
          .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      : [reference];
    if (path.length === 1 && (path[0] === 'key' || path[0] === 'kind' || path[0] === '_meta')) continue;
    let target: unknown = copy;
    for (const part of path.slice(0, -1))
      target = typeof target === 'object' && target !== null ? (target as Attributes)[part] : undefined;
    if (typeof target === 'object' && target !== null) delete (target as Attributes)[path[path.length - 1]!];
  }
  return copy;
}
