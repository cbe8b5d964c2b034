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
