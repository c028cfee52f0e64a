/**
 * The WAL checkpointer's thread (`Checkpointer`): a connection of its own that copies committed pages
 * from `vexil.db-wal` into `vexil.db` when told a commit happened, beside the writer instead of
 * inside its commits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const port = parentPort;
if (!port) throw new Error('checkpoint-worker.js runs as a worker thread');
const sqlite = new SQLite((workerData as { file: string }).file);
sqlite.pragma('synchronous = FULL');
sqlite.pragma('busy_timeout = 5000');

let scheduled = false;
port.on('message', (message: 'committed' | 'close') => {
  if (message === 'close') {
    sqlite.close();
    port.close();
    return;
  }
  // Commits told while a checkpoint ran are all covered by the next one.
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    if (sqlite.open) sqlite.pragma('wal_checkpoint(PASSIVE)');
  });
});
