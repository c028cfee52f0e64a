import { randomUUID } from 'node:crypto';
import type { Actor } from './auth/actor.js';
import type { ServerConfig } from './config.js';
import { ChangeHub } from './changes/hub.js';
import { PostgresChangeFeed } from './changes/postgres-feed.js';
import { ChangePublisher } from './changes/publisher.js';
import { write, type Write } from './changes/writer.js';
import type { Store } from './db/database.js';
import { Metrics } from './metrics.js';
import { RulesetCache } from './rulesets/cache.js';
import { SdkKeyResolver } from './sdk/authenticate.js';
import { type EventStore, LocalEventStore } from './sdk/event-store.js';
import { WorkerEventStore } from './sdk/worker-event-store.js';

/** What every part of the server shares: settings, the database, and the change hub. */
export class ServerContext {
  readonly hub = new ChangeHub();
  /** Prometheus metrics, on a registry of this server's own. */
  readonly metrics = new Metrics();
  /** Each environment's ruleset, compiled and serialised once per revision (SDK delivery, OFREP). */
  readonly rulesets: RulesetCache;
  /** SDK keys, resolved and remembered for the SDK and OFREP endpoints. */
  readonly sdkKeys: SdkKeyResolver;
  /** Where SDK events are stored, and their reports of contexts merged into the users list. */
  readonly events: EventStore;
  /** This process, among the nodes that may share a PostgreSQL database. */
  readonly nodeId = randomUUID();
  private readonly publisher: ChangePublisher;
  private feed: PostgresChangeFeed | undefined;
  private readonly closers: (() => Promise<void> | void)[] = [];

  constructor(
    readonly config: ServerConfig,
    readonly store: Store,
  ) {
    this.publisher = new ChangePublisher(store.db, this.hub);
    this.rulesets = new RulesetCache(store, this.hub);
    this.sdkKeys = new SdkKeyResolver(store.db, this.hub);
    this.events = store.dialect === 'sqlite' ? new WorkerEventStore(store) : new LocalEventStore(store);
  }

  get db() {
    return this.store.db;
  }

  /** Call once the schema is migrated: changes are published from here on (and heard from other nodes). */
  async start(): Promise<void> {
    await this.publisher.start();
    if (this.store.dialect === 'postgres' && this.config.databaseUrl) {
      this.feed = new PostgresChangeFeed(this.config.databaseUrl, this.publisher, this.hub, this.nodeId);
      await this.feed.start();
    }
  }

  /** One transaction with its audit entries and change records (see changes/writer.ts). */
  write<T>(actor: Actor, work: (write: Write) => Promise<T>): Promise<T> {
    return write(
      {
        store: this.store,
        publisher: this.publisher,
        nodeId: this.nodeId,
        replayWindow: this.config.replayWindow,
        onKeysRevoked: (keyHashes) => this.hub.keysRevoked(keyHashes),
      },
      actor,
      work,
    );
  }

  /** Registers work to do on shutdown (say goodbye to streams, flush buffers), in order. */
  onClose(closer: () => Promise<void> | void): void {
    this.closers.push(closer);
  }

  async close(): Promise<void> {
    for (const closer of this.closers.splice(0)) await closer();
    await this.events.close();
    await this.feed?.close();
    await this.publisher.idle();
  }
}
