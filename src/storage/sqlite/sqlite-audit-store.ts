import type { Database, Statement, Transaction } from 'better-sqlite3';
import { chainAuditRecord } from '../audit-hash.ts';
import type { AuditEventInput, AuditRecord, AuditStore } from '../storage.ts';

interface AuditRow {
  readonly seq: number;
  readonly at: number;
  readonly type: string;
  readonly correlation_id: string;
  readonly data: string;
  readonly prev_hash: string;
  readonly hash: string;
}

const COLUMNS = 'seq, at, type, correlation_id, data, prev_hash, hash';

export class SqliteAuditStore implements AuditStore {
  private readonly selectLast: Statement<unknown[], { readonly seq: number; readonly hash: string }>;
  private readonly insert: Statement;
  private readonly selectSince: Statement<unknown[], AuditRow>;
  private readonly selectSinceOfType: Statement<unknown[], AuditRow>;
  private readonly appendInTransaction: Transaction<(event: AuditEventInput) => AuditRecord>;

  constructor(db: Database) {
    this.selectLast = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare(
      `INSERT INTO audit (${COLUMNS}) VALUES (@seq, @at, @type, @correlationId, @data, @prevHash, @hash)`,
    );
    // LIMIT -1 is SQLite for "no limit", so one statement serves both cases.
    this.selectSince = db.prepare(`SELECT ${COLUMNS} FROM audit WHERE seq > @sinceSeq ORDER BY seq LIMIT @limit`);
    this.selectSinceOfType = db.prepare(
      `SELECT ${COLUMNS} FROM audit WHERE type = @type AND seq > @sinceSeq ORDER BY seq LIMIT @limit`,
    );
    this.appendInTransaction = db.transaction((event: AuditEventInput) => {
      const record = chainAuditRecord(event, this.selectLast.get(), Date.now());
      this.insert.run({ ...record, data: JSON.stringify(record.data) });
      return record;
    });
  }

  /**
   * Appends inside a transaction the caller already holds (an IMMEDIATE one, so the head
   * read is safe): a payment's state change and its audit record commit together.
   */
  appendWithinTransaction(event: AuditEventInput): AuditRecord {
    return this.appendInTransaction(event);
  }

  async append(event: AuditEventInput): Promise<AuditRecord> {
    // IMMEDIATE takes the write lock before reading the last hash, so two workers cannot
    // both chain onto the same record.
    return this.appendInTransaction.immediate(event);
  }

  /** Oldest first; `sinceSeq` is exclusive and `limit` counts from the oldest match. */
  async list(options: { readonly type?: string; readonly sinceSeq?: number; readonly limit?: number } = {}): Promise<AuditRecord[]> {
    const params = { sinceSeq: options.sinceSeq ?? 0, limit: options.limit ?? -1 };
    const rows =
      options.type === undefined
        ? this.selectSince.all(params)
        : this.selectSinceOfType.all({ ...params, type: options.type });
    return rows.map(toAuditRecord);
  }
}

function toAuditRecord(row: AuditRow): AuditRecord {
  return {
    seq: row.seq,
    at: row.at,
    type: row.type,
    correlationId: row.correlation_id,
    data: JSON.parse(row.data) as AuditRecord['data'],
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
