import type { Insertable } from 'kysely';
import type { ServerContext } from '../context.js';
import type { EvaluationCountTable, EventTable } from '../db/schema.js';
import { SeenContexts } from '../users/context-reports.js';
import type { EventRows } from './event-store.js';
import { RecentContexts } from './recent-contexts.js';
import type { SdkKey } from './authenticate.js';
import { parseEvents, type ParsedEvent, type ReportedContext, type SdkEvent } from './event-schemas.js';

/** Per server: the contexts it wrote lately. */
const recentContexts = new WeakMap<ServerContext, RecentContexts>();

function recentOf(ctx: ServerContext): RecentContexts {
  let recent = recentContexts.get(ctx);
  if (!recent) {
    recent = new RecentContexts();
    recentContexts.set(ctx, recent);
  }
  return recent;
}

/** What evaluation counts of the caller's default (no variation) are stored under. */
export const DEFAULT_VALUE_VARIATION = '';

/**
 * Stores a batch of SDK events for the key's environment, all or nothing: exposures and custom
 * events in `events`, summaries added to `evaluation_counts` by hour, the contexts it reports (with
 * first and last seen) for the users list (`context_reports`, merged into `contexts` in the
 * background), and what the batch changes in the running experiments' aggregates. These are
 * telemetry, not changes: no audit entry and no revision, so one plain transaction — shared with
 * the batches that arrive meanwhile (`EventStore`) — and the promise resolves once it commits.
 */
export async function ingestEvents(
  ctx: ServerContext,
  key: SdkKey,
  batch: readonly { kind: SdkEvent['kind'] }[],
): Promise<{ accepted: number }> {
  const parsed = parseEvents(batch);
  const receivedAt = new Date();
  const rows = rowsOf(key.environmentId, parsed, receivedAt);
  const recent = recentOf(ctx);
  const contexts = rows.contexts.filter((row) => !recent.unchanged(row));
  await ctx.events.store({ ...rows, contexts }, parsed.length);
  recent.remember(contexts);
  const kinds = new Map<string, number>();
  for (const { event } of parsed) kinds.set(event.kind, (kinds.get(event.kind) ?? 0) + 1);
  for (const [kind, count] of kinds) ctx.metrics.eventsIngested.inc({ kind }, count);
  return { accepted: parsed.length };
}

function rowsOf(environmentId: string, parsed: ParsedEvent[], receivedAt: Date): EventRows {
  const received = receivedAt.toISOString();
  const events: Insertable<EventTable>[] = [];
  // Added up when stored, with the other batches of the transaction.
  const counts: Insertable<EvaluationCountTable>[] = [];
  // Attributes stay objects until stored: a batch's reports of one context are merged like the stored row.
  const contexts = new SeenContexts();
  const seen = (context: ReportedContext, at: string) =>
    contexts.add({ environmentId, ...context, firstSeen: at, lastSeen: at });

  for (const { event, contexts: reported } of parsed) {
    if (event.kind === 'summary') {
      const hour = new Date(event.startDate).toISOString().slice(0, 13);
      for (const counter of event.counters) {
        const variationKey = counter.variation ?? DEFAULT_VALUE_VARIATION;
        counts.push({ environmentId, flagKey: counter.flag, variationKey, hour, count: counter.count });
      }
      continue;
    }
    const occurredAt = new Date(event.timestamp).toISOString();
    // A clock running ahead must not make a context "seen" in the future.
    const at = event.timestamp <= receivedAt.getTime() ? occurredAt : received;
    for (const context of reported) seen(context, at);
    if (event.kind === 'context') continue;
    const subject = subjectOf(reported);
    events.push({
      environmentId,
      type: event.kind,
      flagKey: event.kind === 'exposure' ? event.flag : null,
      variationKey: event.kind === 'exposure' ? event.variation : null,
      allocationId: event.kind === 'exposure' ? (event.allocation ?? null) : null,
      eventKey: event.kind === 'custom' ? event.key : null,
      value: event.kind === 'custom' ? (event.value ?? null) : null,
      contextKind: subject.kind,
      contextKey: subject.key,
      occurredAt,
      receivedAt: received,
    });
  }
  return { events, counts, contexts: contexts.rows() };
}

/**
 * The context an event row is about: the `user` kind when there is one (what experiments count
 * by default), else the first kind given.
 */
function subjectOf(contexts: ReportedContext[]): ReportedContext {
  return (contexts.find((context) => context.kind === 'user') ?? contexts[0]) as ReportedContext;
}
