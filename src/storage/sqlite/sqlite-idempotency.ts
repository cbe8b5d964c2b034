import type { Database, Statement } from 'better-sqlite3';
import type { IdempotencyClaim } from '../storage.ts';

export type ClaimCheck =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'same'; readonly resourceId: string }
  | { readonly kind: 'reused' };

/**
 * Idempotency keys, used only inside a caller's IMMEDIATE transaction: `check` then, when
 * the resource was created, `remember` in the same transaction, so a crash between the
 * two cannot happen and a retry finds either both or neither.
 */
export class SqliteIdempotency {
  private readonly select: Statement<unknown[], { readonly request_hash: string; readonly resource_id: string; readonly created_at: number }>;
  private readonly upsert: Statement;
  private readonly forgetOld: Statement;

  constructor(db: Database) {
    this.select = db.prepare(
      'SELECT request_hash, resource_id, created_at FROM idempotency_keys WHERE client_id = ? AND scope = ? AND key = ?',
    );
    // A key older than its window is forgotten: the new request replaces it.
    this.upsert = db.prepare(
      `INSERT INTO idempotency_keys (client_id, scope, key, request_hash, resource_id, created_at)
       VALUES (@clientId, @scope, @key, @requestHash, @resourceId, @createdAt)
       ON CONFLICT (client_id, scope, key) DO UPDATE SET
         request_hash = excluded.request_hash, resource_id = excluded.resource_id, created_at = excluded.created_at`,
    );
    this.forgetOld = db.prepare(
      `DELETE FROM idempotency_keys WHERE (client_id, scope, key) IN
         (SELECT client_id, scope, key FROM idempotency_keys WHERE created_at < ? ORDER BY created_at LIMIT ?)`,
    );
  }

  /** Keys past their window answer nothing any more (`check` calls them fresh); this removes them. */
  forget(createdBefore: number, limit: number): number {
    return this.forgetOld.run(createdBefore, limit).changes;
  }

  check(claim: IdempotencyClaim): ClaimCheck {
    const row = this.select.get(claim.clientId, claim.scope, claim.key);
    if (!row || row.created_at < claim.notBefore) return { kind: 'fresh' };
    return row.request_hash === claim.requestHash ? { kind: 'same', resourceId: row.resource_id } : { kind: 'reused' };
  }

  remember(claim: IdempotencyClaim, resourceId: string, createdAt: number): void {
    this.upsert.run({ clientId: claim.clientId, scope: claim.scope, key: claim.key, requestHash: claim.requestHash, resourceId, createdAt });
  }
}
