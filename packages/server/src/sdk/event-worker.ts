/**
 * Ingestion's worker thread on SQLite (`WorkerEventStore`): a connection of its own to the
 * database file, and a `LocalEventStore` on it that does what the server asks over the port.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Checkpointer, WRITER_CHECKPOINT_PAGES } from '../db/checkpointer.js';
import { openSqlite } from '../db/database.js';
import { LocalEventStore } from './event-store.js';
import { type EventStoreAnswer, type EventStoreCall, serializedError } from './worker-event-store.js';

const port = parentPort;
if (!port) throw new Error('event-worker.js runs as a worker thread');
const { file } = workerData as { file: string };
// Batches wait for the server's transactions however long they take (rebuilding an experiment's
// aggregates can take a minute), as they did on one connection: this thread has nothing else to do.
const db = openSqlite(file, { busyTimeoutMs: 10 * 60_000, autoCheckpointPages: WRITER_CHECKPOINT_PAGES });
const events = new LocalEventStore({ db, dialect: 'sqlite', location: file });

const answer = (message: EventStoreAnswer) => port.postMessage(message);
const checkpointer = new Checkpointer(file, (error) => answer({ failed: serializedError(error) }));

port.on('message', (call: EventStoreCall) => {
  const done = (() => {
    switch (call.call) {
      case 'store':
        return events.store(call.rows, call.size);
      case 'flushContexts':
        return events.flushContexts();
      case 'mergeContextsPeriodically':
        events.mergeContextsPeriodically((error) => answer({ failed: serializedError(error) }));
        return Promise.resolve();
      case 'close':
        return events
          .close()
          .finally(() => db.destroy())
          .finally(() => checkpointer.close());
    }
  })();
  done.then(
    () => {
      // Stored or merged: whatever it committed goes on to the database file in the checkpointer's thread.
      checkpointer.committed();
      answer({ id: call.id });
    },
    (error: unknown) => answer({ id: call.id, error: serializedError(error) }),
  );
});
