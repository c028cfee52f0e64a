import type pg from 'pg';
import type { Tx } from '../db/database.js';
import { sql } from 'kysely';
import type { ChangeHub } from './hub.js';
import type { ChangePublisher } from './publisher.js';

/**
 * Several Vexil nodes can share one PostgreSQL database. Each commit NOTIFYs the others on
 * `vexil_changes` (node, environment, revision: small, as NOTIFY payloads must be; the changes
 * themselves are read from the `changes` table), and each node's feed hands the notice to its
 * publisher. After a lost connection the feed catches up from the table, so no stream misses a
 * change committed while the node was not listening.
 */
const CHANGES_CHANNEL = 'vexil_changes';
const KEYS_CHANNEL = 'vexil_keys';

interface ChangeNotice {
  node: string;
  environmentId: string;
  revision: number;
}

/** Inside the committing transaction: PostgreSQL delivers the notice only if it commits. */
export async function notifyChange(tx: Tx, notice: ChangeNotice): Promise<void> {
  await sql`select pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify(notice)})`.execute(tx);
}

export async function notifyKeysRevoked(tx: Tx, node: string, keyHashes: string[]): Promise<void> {
  if (keyHashes.length > 0)
    await sql`select pg_notify(${KEYS_CHANNEL}, ${JSON.stringify({ node, keyHashes })})`.execute(tx);
}

export class PostgresChangeFeed {
  private client: pg.Client | undefined;
  private closed = false;
  private retryMs = 250;

  constructor(
    private readonly connectionString: string,
    private readonly publisher: ChangePublisher,
    private readonly hub: ChangeHub,
    private readonly node: string,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const { default: postgres } = await import('pg');
    const client = new postgres.Client({ connectionString: this.connectionString });
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    client.on('notification', (message) => {
      if (!message.payload) return;
      if (message.channel === CHANGES_CHANNEL) {
        const notice = JSON.parse(message.payload) as ChangeNotice;
        if (notice.node !== this.node)
          void this.publisher.notified(notice.environmentId, notice.revision).catch(() => {});
      } else if (message.channel === KEYS_CHANNEL) {
        const { node, keyHashes } = JSON.parse(message.payload) as { node: string; keyHashes: string[] };
        if (node !== this.node) this.hub.keysRevoked(keyHashes);
      }
    });
    this.client = client;
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    await client.query(`LISTEN ${KEYS_CHANNEL}`);
    this.retryMs = 250;
    await this.publisher.catchUpAll();
  }

  private reconnect(client: pg.Client): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => {});
    const delay = this.retryMs * (0.5 + Math.random());
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
    setTimeout(() => {
      if (!this.closed) this.connect().catch(() => undefined);
    }, delay).unref();
  }
}
