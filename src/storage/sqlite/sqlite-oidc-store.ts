import type { Database, Statement } from 'better-sqlite3';
import type { OidcPayload, OidcStore } from '../storage.ts';

interface PayloadRow {
  readonly payload: string;
}

// Every read filters on expiry itself: the sweeper runs now and then, and an expired
// code or session must be dead the moment it expires.
const LIVE = '(expires_at IS NULL OR expires_at > @now)';

export class SqliteOidcStore implements OidcStore {
  private readonly upsertRow: Statement;
  private readonly insertIfAbsentRow: Statement;
  private readonly findById: Statement<unknown[], PayloadRow>;
  private readonly findByUidRow: Statement<unknown[], PayloadRow>;
  private readonly findByUserCodeRow: Statement<unknown[], PayloadRow>;
  private readonly consumeRow: Statement;
  private readonly destroyRow: Statement;
  private readonly revokeGrant: Statement;
  private readonly sweep: Statement;

  constructor(db: Database) {
    this.upsertRow = db.prepare(
      `INSERT OR REPLACE INTO oidc (model, id, payload, uid, user_code, grant_id, expires_at, consumed)
       VALUES (@model, @id, @payload, @uid, @userCode, @grantId, @expiresAt, @consumed)`,
    );
    // The DO UPDATE fires only over an expired row, so a live one is never overwritten.
    this.insertIfAbsentRow = db.prepare(
      `INSERT INTO oidc (model, id, payload, uid, user_code, grant_id, expires_at, consumed)
       VALUES (@model, @id, @payload, @uid, @userCode, @grantId, @expiresAt, @consumed)
       ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, uid = excluded.uid,
         user_code = excluded.user_code, grant_id = excluded.grant_id, expires_at = excluded.expires_at,
         consumed = excluded.consumed
       WHERE oidc.expires_at IS NOT NULL AND oidc.expires_at <= @now`,
    );
    this.findById = db.prepare(`SELECT payload FROM oidc WHERE model = @model AND id = @id AND ${LIVE}`);
    this.findByUidRow = db.prepare(
      `SELECT payload FROM oidc WHERE model = @model AND uid = @uid AND ${LIVE} LIMIT 1`,
    );
    this.findByUserCodeRow = db.prepare(
      `SELECT payload FROM oidc WHERE model = @model AND user_code = @userCode AND ${LIVE} LIMIT 1`,
    );
    // json_set keeps the payload and the indexed column in one atomic write.
    this.consumeRow = db.prepare(
      `UPDATE oidc SET consumed = @consumed, payload = json_set(payload, '$.consumed', @consumed)
       WHERE model = @model AND id = @id`,
    );
    this.destroyRow = db.prepare('DELETE FROM oidc WHERE model = @model AND id = @id');
    this.revokeGrant = db.prepare('DELETE FROM oidc WHERE model = @model AND grant_id = @grantId');
    this.sweep = db.prepare('DELETE FROM oidc WHERE expires_at <= @now');
  }

  async upsert(model: string, id: string, payload: OidcPayload, expiresInSeconds: number | undefined): Promise<void> {
    this.upsertRow.run(rowOf(model, id, payload, expiresInSeconds));
  }

  async insertIfAbsent(model: string, id: string, payload: OidcPayload, expiresInSeconds: number | undefined): Promise<boolean> {
    return this.insertIfAbsentRow.run({ ...rowOf(model, id, payload, expiresInSeconds), now: Date.now() }).changes === 1;
  }

  async find(model: string, id: string): Promise<OidcPayload | undefined> {
    return parse(this.findById.get({ model, id, now: Date.now() }));
  }

  async findByUid(model: string, uid: string): Promise<OidcPayload | undefined> {
    return parse(this.findByUidRow.get({ model, uid, now: Date.now() }));
  }

  async findByUserCode(model: string, userCode: string): Promise<OidcPayload | undefined> {
    return parse(this.findByUserCodeRow.get({ model, userCode, now: Date.now() }));
  }

  async consume(model: string, id: string): Promise<void> {
    this.consumeRow.run({ model, id, consumed: Math.floor(Date.now() / 1000) });
  }

  async destroy(model: string, id: string): Promise<void> {
    this.destroyRow.run({ model, id });
  }

  async revokeByGrantId(model: string, grantId: string): Promise<void> {
    this.revokeGrant.run({ model, grantId });
  }

  async sweepExpired(): Promise<number> {
    return this.sweep.run({ now: Date.now() }).changes;
  }
}

function rowOf(model: string, id: string, payload: OidcPayload, expiresInSeconds: number | undefined) {
  return {
    model,
    id,
    payload: JSON.stringify(payload),
    uid: stringOrNull(payload.uid),
    userCode: stringOrNull(payload.userCode),
    grantId: stringOrNull(payload.grantId),
    expiresAt: expiresInSeconds === undefined ? null : Date.now() + expiresInSeconds * 1000,
    consumed: typeof payload.consumed === 'number' ? payload.consumed : null,
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function parse(row: PayloadRow | undefined): OidcPayload | undefined {
  return row === undefined ? undefined : (JSON.parse(row.payload) as OidcPayload);
}
