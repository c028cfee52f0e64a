import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { compile, type CompiledRuleset } from '@vexil/engine';
import type { ChangeHub, RulesetChange } from '../changes/hub.js';
import type { Store } from '../db/database.js';
import { loadRuleset, type EnvironmentRuleset } from './load.js';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
const HINT_RECHECK_MS = 1000;

/** One environment's ruleset at one revision, in every form the SDK endpoints serve it. */
export interface RulesetSnapshot {
  readonly environmentId: string;
  readonly revision: number;
  /** When it was read from the database (epoch milliseconds). */
  readonly builtAt: number;
  /** For evaluation on the server (remote evaluation, OFREP). */
  readonly compiled: CompiledRuleset;
  /** The engine's `Ruleset` as JSON text: what /sdk/v1/config and the stream's `put` carry. */
  readonly json: string;
  /** `json` encoded once per revision, so a request only picks one. */
  readonly bodies: Readonly<Record<ContentCoding, Buffer>>;
  /** Every flag's key, and those of flags a client key may see (clientSideAvailable). */
  readonly flagKeys: readonly string[];
  readonly clientFlagKeys: readonly string[];
}

export type ContentCoding = 'identity' | 'gzip' | 'br';

/**
 * Each environment's ruleset, loaded, compiled, serialised and compressed once per revision and
 * shared by every request until the hub announces the next change. Requests arriving together
 * while a revision is built share that one build, and a build overtaken by a change is never
 * cached, so nobody is served a revision older than the latest one this node has heard of.
 */
export class RulesetCache {
  private readonly snapshots = new Map<string, RulesetSnapshot>();
  private readonly builds = new Map<string, Promise<RulesetSnapshot | undefined>>();
  /** The latest revision announced per environment: what a snapshot must have reached. */
  private readonly announced = new Map<string, number>();

  constructor(
    private readonly store: Store,
    hub: ChangeHub,
  ) {
    hub.subscribe((change) => this.changed(change));
  }

  /** The cached snapshot if it is current; the hot path, with no promise and no database. */
  current(environmentId: string): RulesetSnapshot | undefined {
    return this.snapshots.get(environmentId);
  }

  /**
   * The environment's current snapshot, built if needed: at least the latest revision announced
   * when called. Undefined when the environment does not exist.
   *
   * `hint` is a revision a client says exists (it heard of it from another node, say): when the
   * snapshot is older, the database is read again — at most once a second, whatever clients claim.
   */
  async get(environmentId: string, hint?: number): Promise<RulesetSnapshot | undefined> {
    const cached = this.snapshots.get(environmentId);
    if (cached && (hint === undefined || cached.revision >= hint || Date.now() - cached.builtAt < HINT_RECHECK_MS))
      return cached;
    const wanted = this.announced.get(environmentId) ?? 0;
    // A build that started before a change reads the older revision; the change detached it,
    // so the next round starts a fresh one. Two rounds suffice; the third is a safety net.
    for (let round = 0; ; round++) {
      const snapshot = await this.build(environmentId);
      if (snapshot === undefined || snapshot.revision >= wanted || round === 2) return snapshot;
    }
  }

  private changed(change: RulesetChange): void {
    const { environmentId, revision } = change;
    if (revision > (this.announced.get(environmentId) ?? 0)) this.announced.set(environmentId, revision);
    const cached = this.snapshots.get(environmentId);
    if (cached && cached.revision < revision) this.snapshots.delete(environmentId);
    this.builds.delete(environmentId);
  }

  private build(environmentId: string): Promise<RulesetSnapshot | undefined> {
    let pending = this.builds.get(environmentId);
    if (pending !== undefined) return pending;
    pending = this.snapshotOf(environmentId).then((snapshot) => {
      if (snapshot && snapshot.revision >= (this.announced.get(environmentId) ?? 0)) {
        const cached = this.snapshots.get(environmentId);
        // An equal revision replaces the cached one too: it records when the database was last read.
        if (!cached || cached.revision <= snapshot.revision) this.snapshots.set(environmentId, snapshot);
      }
      return snapshot;
    });
    const build = pending;
    this.builds.set(environmentId, build);
    void build
      .finally(() => {
        if (this.builds.get(environmentId) === build) this.builds.delete(environmentId);
      })
      .catch(() => {});
    return build;
  }

  private async snapshotOf(environmentId: string): Promise<RulesetSnapshot | undefined> {
    const builtAt = Date.now();
    const ruleset = await this.read(environmentId);
    if (!ruleset) return undefined;
    const json = JSON.stringify(ruleset);
    const identity = Buffer.from(json);
    // In libuv's thread pool, not on the event loop: a large ruleset does not stall requests.
    const [gzipped, brotli] = await Promise.all([
      gzipAsync(identity),
      brotliAsync(identity, {
        params: {
          [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
          // Quality 11 is several times slower for a few per cent; 9 is the usual web setting.
          [zlib.BROTLI_PARAM_QUALITY]: 9,
          [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length,
        },
      }),
    ]);
    return {
      environmentId,
      revision: ruleset.version,
      builtAt,
      compiled: compile(ruleset),
      json,
      bodies: { identity, gzip: gzipped, br: brotli },
      flagKeys: ruleset.flags.map((flag) => flag.key),
      clientFlagKeys: ruleset.flags.filter((flag) => flag.clientSideAvailable === true).map((flag) => flag.key),
    };
  }

  /** The revision and the rows it numbers, read as one consistent snapshot of the database. */
  private read(environmentId: string): Promise<EnvironmentRuleset | undefined> {
    let transaction = this.store.db.transaction();
    if (this.store.dialect === 'postgres')
      transaction = transaction.setIsolationLevel('repeatable read').setAccessMode('read only');
    return transaction.execute((tx) => loadRuleset(tx, environmentId));
  }
}
