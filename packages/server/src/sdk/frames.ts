import type { RulesetChange } from '../changes/hub.js';
import type { Store } from '../db/database.js';
import type { RulesetCache, RulesetSnapshot } from '../rulesets/cache.js';
import { sseFrame, type StreamChannel } from './streams.js';

/**
 * The SDK stream (`GET /sdk/v1/stream`, docs/sdk-protocol.md): a `put` with the whole ruleset,
 * then one `patch` or `delete` per change. Every event's id is the revision it brings the client
 * to, so `Last-Event-ID` says exactly what a reconnecting client has.
 */
export const sdkChannel: StreamChannel = {
  protocol: 'sdk',
  coalesce: false,
  frame: (change) =>
    changeFrame(
      change.revision,
      change.kind,
      change.key,
      change.payload === null ? null : JSON.stringify(change.payload),
    ),
};

export function putFrame(snapshot: RulesetSnapshot): string {
  return sseFrame({ event: 'put', id: snapshot.revision, data: snapshot.json });
}

/** `payload` is the flag's or segment's JSON text (as stored in `changes`), null when it is gone. */
function changeFrame(revision: number, kind: RulesetChange['kind'], key: string, payload: string | null): string {
  const head = `{"revision":${revision},"kind":"${kind}","key":${JSON.stringify(key)}`;
  return payload === null
    ? sseFrame({ event: 'delete', id: revision, data: `${head}}` })
    : sseFrame({ event: 'patch', id: revision, data: `${head},"${kind}":${payload}}` });
}

/** What a new stream is sent first, and the revision it brings the client to. */
export interface Opening {
  text: string;
  revision: number;
}

/**
 * A resuming client (`Last-Event-ID: n`) gets exactly the changes after n when the `changes`
 * table still holds all of them; anyone else, or one too far behind, gets the whole ruleset.
 * Undefined when the environment no longer exists.
 */
export async function openingFor(
  store: Store,
  rulesets: RulesetCache,
  environmentId: string,
  lastEventId: number | undefined,
): Promise<Opening | undefined> {
  if (lastEventId !== undefined) {
    const replay = await replayAfter(store, environmentId, lastEventId);
    if (replay) return replay;
  }
  const snapshot = await rulesets.get(environmentId);
  return snapshot && { text: putFrame(snapshot), revision: snapshot.revision };
}

async function replayAfter(store: Store, environmentId: string, after: number): Promise<Opening | undefined> {
  let transaction = store.db.transaction();
  if (store.dialect === 'postgres')
    transaction = transaction.setIsolationLevel('repeatable read').setAccessMode('read only');
  return transaction.execute(async (tx) => {
    const environment = await tx
      .selectFrom('environments')
      .select('revision')
      .where('id', '=', environmentId)
      .executeTakeFirst();
    // An id from the future is not ours (another database, a restored backup): start over.
    if (!environment || after > environment.revision) return undefined;
    const rows = await tx
      .selectFrom('changes')
      .select(['revision', 'kind', 'key', 'payload'])
      .where('environmentId', '=', environmentId)
      .where('revision', '>', after)
      .where('revision', '<=', environment.revision)
      .orderBy('revision')
      .execute();
    if (rows.length !== environment.revision - after) return undefined; // some fell out of the window
    return {
      text: rows.map((row) => changeFrame(row.revision, row.kind, row.key, row.payload)).join(''),
      revision: environment.revision,
    };
  });
}

/** `Last-Event-ID` as a revision; anything else means "start over". */
export function lastEventIdOf(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string' || !/^\d{1,15}$/.test(header.trim())) return undefined;
  return Number(header.trim());
}
