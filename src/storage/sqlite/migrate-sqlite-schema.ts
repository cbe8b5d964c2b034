import type { Database } from 'better-sqlite3';
import { PorttiError } from '../../errors/portti-error.ts';

export class SqliteSchemaTooNewError extends PorttiError {
  readonly code = 'ERR_STORAGE_SCHEMA_TOO_NEW';
}

/**
 * Append-only: entry N brings a database from user_version N to N+1. Never edit an entry
 * that has shipped; add a new one instead.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE oidc (
    model      TEXT NOT NULL,
    id         TEXT NOT NULL,
    payload    TEXT NOT NULL,
    uid        TEXT,
    user_code  TEXT,
    grant_id   TEXT,
    expires_at INTEGER,
    consumed   INTEGER,
    PRIMARY KEY (model, id)
  ) WITHOUT ROWID;
  CREATE INDEX oidc_uid ON oidc (model, uid) WHERE uid IS NOT NULL;
  CREATE INDEX oidc_user_code ON oidc (model, user_code) WHERE user_code IS NOT NULL;
  CREATE INDEX oidc_grant_id ON oidc (model, grant_id) WHERE grant_id IS NOT NULL;
  CREATE INDEX oidc_expires_at ON oidc (expires_at) WHERE expires_at IS NOT NULL;

  CREATE TABLE keys (
    kid          TEXT PRIMARY KEY,
    purpose      TEXT NOT NULL,
    alg          TEXT NOT NULL,
    private_jwk  TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    retire_after INTEGER
  );
  CREATE INDEX keys_created_at ON keys (created_at);

  CREATE TABLE secrets (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE audit (
    seq            INTEGER PRIMARY KEY,
    at             INTEGER NOT NULL,
    type           TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    data           TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
  );
  CREATE INDEX audit_type ON audit (type, seq);
  `,
  `
  CREATE TABLE payments (
    id                       TEXT PRIMARY KEY,
    client_id                TEXT NOT NULL,
    state                    TEXT NOT NULL,
    amount                   INTEGER NOT NULL CHECK (amount > 0),
    currency                 TEXT NOT NULL,
    description              TEXT NOT NULL,
    reference                TEXT NOT NULL,
    language                 TEXT NOT NULL,
    return_url               TEXT NOT NULL,
    cancel_url               TEXT NOT NULL,
    webhook_url              TEXT,
    payer_must_be_identified INTEGER NOT NULL,
    items                    TEXT NOT NULL,
    payer_sub                TEXT,
    provider                 TEXT,
    provider_transaction_id  TEXT,
    provider_forms           TEXT NOT NULL,
    method                   TEXT,
    late_success             INTEGER NOT NULL,
    refund_reserved          INTEGER NOT NULL,
    refunded                 INTEGER NOT NULL,
    event_seq                INTEGER NOT NULL,
    created_at               INTEGER NOT NULL,
    updated_at               INTEGER NOT NULL,
    expires_at               INTEGER NOT NULL,
    finished_at              INTEGER,
    reconciled_at            INTEGER,
    version                  INTEGER NOT NULL,
    -- The last line of defence: refunds can never add up to more than was paid.
    CHECK (refunded >= 0 AND refunded <= refund_reserved AND refund_reserved <= amount)
  ) WITHOUT ROWID;
  CREATE INDEX payments_client_created ON payments (client_id, created_at DESC, id DESC);
  CREATE INDEX payments_open_expiry ON payments (expires_at) WHERE state IN ('created', 'started');
  CREATE INDEX payments_reconcile ON payments (state, updated_at)
    WHERE provider_transaction_id IS NOT NULL AND state IN ('started', 'expired');

  CREATE TABLE refunds (
    id                 TEXT PRIMARY KEY,
    payment_id         TEXT NOT NULL REFERENCES payments (id),
    client_id          TEXT NOT NULL,
    state              TEXT NOT NULL,
    amount             INTEGER NOT NULL CHECK (amount > 0),
    reason             TEXT,
    provider_refund_id TEXT,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    finished_at        INTEGER,
    version            INTEGER NOT NULL
  );
  CREATE INDEX refunds_payment ON refunds (payment_id, created_at);
  CREATE INDEX refunds_pending ON refunds (created_at) WHERE state = 'pending';

  CREATE TABLE idempotency_keys (
    client_id    TEXT NOT NULL,
    scope        TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    resource_id  TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (client_id, scope, key)
  ) WITHOUT ROWID;

  CREATE TABLE webhook_events (
    id              TEXT PRIMARY KEY,
    client_id       TEXT NOT NULL,
    payment_id      TEXT NOT NULL,
    refund_id       TEXT,
    type            TEXT NOT NULL,
    sequence        INTEGER NOT NULL,
    url             TEXT NOT NULL,
    body            TEXT NOT NULL,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    next_attempt_at INTEGER,
    delivered_at    INTEGER,
    UNIQUE (payment_id, sequence)
  );
  CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at) WHERE state = 'pending';

  CREATE TABLE webhook_deliveries (
    event_id    TEXT NOT NULL REFERENCES webhook_events (id),
    attempt     INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    status      INTEGER,
    error       TEXT,
    duration_ms INTEGER NOT NULL,
    PRIMARY KEY (event_id, attempt)
  ) WITHOUT ROWID;
  `,
  // 1 -> 2: idempotency keys past their window are deleted oldest first.
  `
  CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
  `,
];

/** Brings the schema up to date; safe when several workers start on the same file at once. */
export function migrateSqliteSchema(db: Database): void {
  // IMMEDIATE takes the write lock before reading user_version, so a second worker waits
  // and then sees the migrated version instead of running the same DDL twice.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new SqliteSchemaTooNewError(
        `database schema version ${current} is newer than this build knows (${MIGRATIONS.length})`,
      );
    }
    for (const migration of MIGRATIONS.slice(current)) db.exec(migration);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
