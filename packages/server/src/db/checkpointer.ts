import type { Worker } from 'node:worker_threads';
import { startWorker } from './worker-thread.js';

/**
 * Checkpoints a SQLite database's WAL from a thread of its own (`checkpoint-worker.ts`), told after
 * each of the writer's commits. SQLite otherwise checkpoints inside the commit that grows the WAL
 * past 1,000 pages: the writer copies every page it wrote once more, into the database file, and
 * waits for that file's fsync, before its next transaction can begin. A checkpoint holds no write
 * lock, so here it runs beside the next transaction; the writer keeps its own automatic checkpoint,
 * at a larger WAL (`WRITER_CHECKPOINT_PAGES`), for what this thread has not copied yet, and the WAL
 * starts over once everything in it is copied.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private closed = false;

  constructor(file: string, onError: (error: Error) => void) {
    this.worker = startWorker(import.meta.url, './checkpoint-worker', { file });
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    // Without this thread, the writer's own checkpoints still keep the WAL bounded.
    this.worker.on('error', (error: Error & { code?: string }) =>
      onError(
        Object.assign(new Error(`The WAL checkpointer stopped (the writer checkpoints alone): ${error.message}`), {
          code: error.code,
          stack: error.stack,
        }),
      ),
    );
  }

  /** The writer committed: pages wait in the WAL. */
  committed(): void {
    if (!this.closed) this.worker.postMessage('committed');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage('close');
    await this.exited;
  }
}

/** The writer's automatic checkpoint beside a `Checkpointer`: a WAL of ~40 MiB, instead of SQLite's 1,000 pages. */
export const WRITER_CHECKPOINT_PAGES = 10_000;
