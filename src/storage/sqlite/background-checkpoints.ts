import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

const INTERVAL_MS = 200;
/** SQLite's own default, restored when the background checkpointer is gone. */
const AUTOCHECKPOINT_PAGES = 1000;
/**
 * While the worker runs, the connection still checkpoints itself past this many pages: under
 * writes that never pause, a checkpoint running beside them never catches the log's end, so
 * the log would only grow. By then the worker has copied nearly all of it, so this one is short.
 */
const BACKSTOP_PAGES = 10_000;

// Plain CommonJS, so the worker needs no TypeScript loader whatever started the process.
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
parentPort.postMessage('ready');
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error));
  }
}, workerData.intervalMs);
`;

/**
 * Moves WAL checkpoints off the request path. A checkpoint copies the WAL back into the
 * database file and fsyncs it: on a slow disk tens of milliseconds, which SQLite would
 * otherwise spend inside whichever commit crossed its threshold, stalling every request
 * waiting behind it. A worker thread with its own connection runs PASSIVE checkpoints
 * (they never block writers) every 200 ms instead; the connection raises its own threshold
 * only once the worker runs, and restores it if the worker ever stops.
 */
export function startBackgroundCheckpoints(db: Database, path: string): { stop(): Promise<void> } {
  const worker = new Worker(WORKER_CODE, {
    eval: true,
    workerData: { path, intervalMs: INTERVAL_MS, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  let stopping = false;
  const restoreAutocheckpoint = () => {
    if (!stopping && db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  worker.on('message', (message) => {
    if (message === 'ready' && db.open) db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  });
  worker.on('error', restoreAutocheckpoint);
  worker.on('exit', restoreAutocheckpoint);
  // After the listeners: adding a 'message' listener refs the worker's port again.
  worker.unref();
  return {
    async stop() {
      stopping = true;
      await worker.terminate();
    },
  };
}
