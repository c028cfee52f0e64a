import type { Actor } from './auth/actor.js';
import type { ServerConfig } from './config.js';
import { ChangeHub } from './changes/hub.js';
import { write, type Write } from './changes/writer.js';
import type { Store } from './db/database.js';

/** What every part of the server shares: settings, the database, and the change hub. */
export class ServerContext {
  readonly hub = new ChangeHub();
  private readonly closers: (() => Promise<void> | void)[] = [];

  constructor(
    readonly config: ServerConfig,
    readonly store: Store,
  ) {}

  get db() {
    return this.store.db;
  }

  /** One transaction with its audit entries and change records (see changes/writer.ts). */
  write<T>(actor: Actor, work: (write: Write) => Promise<T>): Promise<T> {
    return write(this.store, this.hub, this.config.replayWindow, actor, work);
  }

  /** Registers work to do on shutdown (say goodbye to streams, flush buffers), in order. */
  onClose(closer: () => Promise<void> | void): void {
    this.closers.push(closer);
  }

  async close(): Promise<void> {
    for (const closer of this.closers.splice(0)) await closer();
  }
}
