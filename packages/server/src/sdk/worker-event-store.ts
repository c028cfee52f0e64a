import type { Worker } from 'node:worker_threads';
import { startWorker } from '../db/worker-thread.js';
import type { EventRows, EventStore } from './event-store.js';

/** What the server asks of the worker thread (`event-worker.ts`), each answered by its id. */
export type EventStoreCall = { id: number } & (
  | { call: 'store'; rows: EventRows; size: number }
  | { call: 'flushContexts' }
  | { call: 'mergeContextsPeriodically' }
  | { call: 'close' }
);

/** The worker's answers: to a call (failed when `error` is set), or a background merge's failure. */
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
 * transactions, the experiments' upkeep and the users list's merges run there, beside the requests'
 * parsing on the server's thread. SQLite has one writer at a time; ingestion's writes are all this
 * thread's, and the server's own (changes, rare beside them) wait their turn (`openSqlite`).
 *
 * The worker starts on first use, and again after it stopped unexpectedly; calls it had not
 * answered then fail.
 */
export class WorkerEventStore implements EventStore {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { worker: Worker; resolve: () => void; reject: (error: Error) => void }>();
  private lastId = 0;
  private onMergeError: ((error: unknown) => void) | undefined;
  private closed = false;

  constructor(private readonly file: string) {}

  store(rows: EventRows, size: number): Promise<void> {
    return this.send({ call: 'store', rows, size });
  }

  flushContexts(): Promise<void> {
    return this.send({ call: 'flushContexts' });
  }

  mergeContextsPeriodically(onError: (error: unknown) => void): void {
    const running = this.worker;
    this.onMergeError = onError;
    if (running) this.call(running, { call: 'mergeContextsPeriodically' }).catch(onError);
    // `start` tells a new worker to, since `onMergeError` is set.
    else if (!this.closed) this.start();
  }

  async close(): Promise<void> {
    if (this.closed) return;
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
        this.onMergeError?.(revived(answer.failed));
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
    const onMergeError = this.onMergeError;
    if (onMergeError) this.call(worker, { call: 'mergeContextsPeriodically' }).catch(onMergeError);
    return worker;
  }
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
