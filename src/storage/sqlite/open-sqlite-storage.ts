import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Storage } from '../storage.ts';
import { migrateSqliteSchema } from './migrate-sqlite-schema.ts';
import { SqliteAuditStore } from './sqlite-audit-store.ts';
import { SqliteKeyStore } from './sqlite-key-store.ts';
import { SqliteOidcStore } from './sqlite-oidc-store.ts';
import { SqliteSecretStore } from './sqlite-secret-store.ts';
import { SqlitePaymentStore } from './sqlite-payment-store.ts';
import { SqliteWebhookOutbox } from './sqlite-webhook-outbox.ts';
import { startBackgroundCheckpoints } from './background-checkpoints.ts';

/**
 * Opens (creating if needed) a SQLite database that several worker processes may share.
 * Every store works through transactions on the file, never through in-process caches.
 */
export function openSqliteStorage(path: string): Storage {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });

  const db = new Database(path);
  // busy_timeout first: switching to WAL itself needs a lock another worker may hold.
  db.pragma('busy_timeout = 5000');
  if (!inMemory) db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose
  // the last commits, which oidc-provider artefacts tolerate.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // A burst can grow the WAL file; once the log restarts, it is cut back to this size.
  db.pragma('journal_size_limit = 67108864');
  migrateSqliteSchema(db);
  const checkpoints = inMemory ? undefined : startBackgroundCheckpoints(db, path);

  const audit = new SqliteAuditStore(db);
  const webhooks = new SqliteWebhookOutbox(db);
  return {
    oidc: new SqliteOidcStore(db),
    keys: new SqliteKeyStore(db),
    secrets: new SqliteSecretStore(db),
    audit,
    payments: new SqlitePaymentStore(db, audit, webhooks),
    webhooks,
    async close() {
      await checkpoints?.stop();
      db.close();
    },
  };
}
