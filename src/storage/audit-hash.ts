import { createHash } from 'node:crypto';
import type { AuditEventInput, AuditRecord } from './storage.ts';

/** prevHash of the first record: nothing came before it. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth, so the same event hashes the same no
 * matter which store (or which driver's key order) it was read back from.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

type HashedFields = Pick<AuditRecord, 'seq' | 'at' | 'type' | 'correlationId' | 'data'>;

/** sha256 hex of prevHash + '\n' + the canonical event. */
export function hashAuditRecord(prevHash: string, fields: HashedFields): string {
  const { seq, at, type, correlationId, data } = fields;
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalJson({ seq, at, type, correlationId, data })}`)
    .digest('hex');
}

/** Builds the record that follows `previous` (undefined for the first record). */
export function chainAuditRecord(
  event: AuditEventInput,
  previous: { readonly seq: number; readonly hash: string } | undefined,
  at: number,
): AuditRecord {
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const fields: HashedFields = {
    seq: (previous?.seq ?? 0) + 1,
    at,
    type: event.type,
    correlationId: event.correlationId,
    data: { ...event.data },
  };
  return { ...fields, prevHash, hash: hashAuditRecord(prevHash, fields) };
}

/**
 * Checks a whole chain, oldest first, starting at seq 1: a missing head, a gap, an edited
 * record or a re-linked record all break it. `brokenAtSeq` is the first seq that cannot
 * be trusted (for a gap, the missing seq).
 */
export function verifyAuditChain(records: readonly AuditRecord[]): { ok: true } | { ok: false; brokenAtSeq: number } {
  let expectedSeq = 1;
  let expectedPrevHash = GENESIS_HASH;
  for (const record of records) {
    if (record.seq !== expectedSeq) return { ok: false, brokenAtSeq: expectedSeq };
    if (record.prevHash !== expectedPrevHash || record.hash !== hashAuditRecord(record.prevHash, record)) {
      return { ok: false, brokenAtSeq: record.seq };
    }
    expectedSeq += 1;
    expectedPrevHash = record.hash;
  }
  return { ok: true };
}
