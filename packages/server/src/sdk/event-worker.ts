/**
 * Ingestion's worker thread on SQLite (`WorkerEventStore`): a connection of its own to the
 * database file, the only one that writes ingestion's batches and the users list's merges.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Checkpointer, WRITER_CHECKPOINT_PAGES } from '../db/checkpointer.js';
import { openSqlite } from '../db/database.js';
import { writeMerged } from '../users/context-reports.js';
import { BatchWriter } from './event-store.js';
import { type EventStoreAnswer, type EventStoreCall, serializedError } from './worker-event-store.js';

const port = parentPort;
if (!port) throw new Error('event-worker.js runs as a worker thread');
const { file } = workerData as { file: string };
// Batches wait for the server's transactions however long they take (rebuilding an experiment's
// aggregates can take a minute), as they did on one connection: this thread has nothing else to do.
const db = openSqlite(file, { busyTimeoutMs: 10 * 60_000, autoCheckpointPages: WRITER_CHECKPOINT_PAGES });
const batches = new BatchWriter({ db, dialect: 'sqlite', location: file });

const answer = (message: EventStoreAnswer) => port.postMessage(message);
const checkpointer = new Checkpointer(file, (error) => answer({ failed: serializedError(error) }));

port.on('message', (call: EventStoreCall) => {
  const done = (() => {
    switch (call.call) {
      case 'store':
        return batches.store(call.rows, call.size);
      case 'writeMerged':
        return db.transaction().execute((tx) => writeMerged(tx, 'sqlite', call.merged));
      case 'close':
        return batches
          .close()
          .finally(() => db.destroy())
          .finally(() => checkpointer.close());
    }
  })();
  done.then(
    () => {
      // Whatever it committed goes on to the database file in the checkpointer's thread.
      checkpointer.committed();
      answer({ id: call.id });
    },
    (error: unknown) => answer({ id: call.id, error: serializedError(error) }),
  );
});
