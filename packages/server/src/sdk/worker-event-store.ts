import type { Worker } from 'node:worker_threads';
import type { Store } from '../db/database.js';
import { startWorker } from '../db/worker-thread.js';
import { ContextReports, type MergedReports } from '../users/context-reports.js';
import type { EventRows, EventStore } from './event-store.js';

/** What the server asks of the worker thread (`event-worker.ts`), each answered by its id. */
export type EventStoreCall = { id: number } & (
  | { call: 'store'; rows: EventRows; size: number }
  | { call: 'writeMerged'; merged: MergedReports }
  | { call: 'close' }
);

/** The worker's answers: to a call (failed when `error` is set), or a failure of its own (the checkpointer's). */
export type EventStoreAnswer = { id: number; error?: SerializedError } | { failed: SerializedError };

/** An error as it crosses threads: the message, and the database's code that callers test. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

export function serializedError(error: unknown): SerializedError {
  const { name, message, code, stack } = error as Partial<SerializedError>;
  return { name: name ?? 'Error', message: message ?? String(error), code, stack };
}

function revived(error: SerializedError): Error {
  return Object.assign(new Error(error.message), error);
}

/**
 * Ingestion on SQLite, in a worker thread with its own connection (`event-worker.ts`): the
 * transactions and the experiments' upkeep run there, beside the requests' parsing on the server's
 * thread. The users list's merges are read and merged on the server's connection (`store`), and only
 * written by the worker: SQLite has one writer at a time, and the worker's transactions leave it
 * free for a moment only, too briefly for another connection's to be sure of its turn. The server's
 * own writes (changes, rare beside ingestion) wait their turn (`openSqlite`).
 *
 * The worker starts on first use, and again after it stopped unexpectedly; calls it had not
 * answered then fail.
 */
export class WorkerEventStore implements EventStore {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { worker: Worker; resolve: () => void; reject: (error: Error) => void }>();
  private lastId = 0;
  private readonly file: string;
  private readonly contextReports: ContextReports;
  private stopMerging: (() => Promise<void>) | undefined;
  private closed = false;

  constructor(
    /** The server's connection to the database file: where the users list's merges read. */
    store: Store,
  ) {
    this.file = store.location;
    this.contextReports = new ContextReports(store, (merged) => this.send({ call: 'writeMerged', merged }));
  }

  async store(rows: EventRows, size: number): Promise<void> {
    await this.send({ call: 'store', rows, size });
    this.contextReports.committed(rows.contexts.length);
  }

  flushContexts(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The server is shutting down'));
    return this.contextReports.flush();
  }

  mergeContextsPeriodically(onError: (error: unknown) => void): void {
    this.contextReports.onError = onError;
    this.stopMerging ??= this.contextReports.mergePeriodically();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // The last merge's writes are the worker's: it goes before the worker closes.
    await this.stopMerging?.().catch(this.contextReports.onError);
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    try {
      await this.call(worker, { call: 'close' });
    } finally {
      await worker.terminate();
    }
  }

  private send(call: DistributiveOmit<EventStoreCall, 'id'>): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The server is shutting down'));
    return this.call(this.worker ?? this.start(), call);
  }

  private call(worker: Worker, call: DistributiveOmit<EventStoreCall, 'id'>): Promise<void> {
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage({ ...call, id });
    });
  }

  private start(): Worker {
    const worker = startWorker(import.meta.url, './event-worker', { file: this.file });
    worker.unref();
    worker.on('message', (answer: EventStoreAnswer) => {
      if ('failed' in answer) {
        this.contextReports.onError(revived(answer.failed));
        return;
      }
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (answer.error) waiting?.reject(revived(answer.error));
      else waiting?.resolve();
    });
    const stopped = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, waiting] of this.pending)
        if (waiting.worker === worker) {
          this.pending.delete(id);
          waiting.reject(error);
        }
    };
    worker.on('error', stopped);
    worker.on('exit', (code) => stopped(new Error(`The event worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
