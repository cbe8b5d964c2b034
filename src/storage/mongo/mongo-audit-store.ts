import { setTimeout as sleep } from 'node:timers/promises';
import { Schema } from 'mongoose';
import type { Connection, Model } from 'mongoose';
import type { MongoSession } from './mongo-session.ts';
import { chainAuditRecord } from '../audit-hash.ts';
import type { AuditEventInput, AuditRecord, AuditStore } from '../storage.ts';
import { isDuplicateKeyError } from './is-duplicate-key-error.ts';
import { StorageConflictError } from './storage-conflict-error.ts';

type AuditDoc = { -readonly [K in keyof AuditRecord]: AuditRecord[K] };

// minimize: false keeps an empty `data` object, which the hash covers.
const auditSchema = new Schema<AuditDoc>(
  {
    seq: { type: Number, required: true, unique: true },
    at: { type: Number, required: true },
    type: { type: String, required: true },
    correlationId: { type: String, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { collection: 'audit', minimize: false, versionKey: false },
);
auditSchema.index({ type: 1, seq: 1 });

const MAX_ATTEMPTS = 50;

export async function createMongoAuditStore(connection: Connection): Promise<MongoAuditStore> {
  const model = connection.model<AuditDoc>('AuditRecord', auditSchema);
  await model.init();
  return new MongoAuditStore(model);
}

/**
 * Optimistic chaining: read the head, insert seq + 1, and let the unique index on seq
 * reject the loser of a race, which then re-reads the head and tries again.
 */
export class MongoAuditStore implements AuditStore {
  // Appends from this process go one at a time so they do not race each other; the
  // unique index still settles races with other processes.
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly records: Model<AuditDoc>) {}

  append(event: AuditEventInput): Promise<AuditRecord> {
    const appended = this.tail.then(() => this.appendWithRetry(event));
    this.tail = appended.catch(() => undefined);
    return appended;
  }

  /**
   * Appends inside the caller's transaction (payment state changes): a race for the next
   * seq surfaces as a write conflict, and the driver retries the whole transaction.
   */
  async appendWithin(event: AuditEventInput, session: MongoSession): Promise<AuditRecord> {
    const head = await this.records
      .findOne({}, { seq: 1, hash: 1, _id: 0 }, { session })
      .sort({ seq: -1 })
      .lean<Pick<AuditDoc, 'seq' | 'hash'>>();
    const record = chainAuditRecord(event, head ?? undefined, Date.now());
    await this.records.create([record], { session });
    return record;
  }

  /** Oldest first; `sinceSeq` is exclusive and `limit` counts from the oldest match. */
  async list(options: { readonly type?: string; readonly sinceSeq?: number; readonly limit?: number } = {}): Promise<AuditRecord[]> {
    if (options.limit === 0) return []; // mongo reads limit(0) as "no limit"
    const filter = {
      seq: { $gt: options.sinceSeq ?? 0 },
      ...(options.type === undefined ? {} : { type: options.type }),
    };
    let query = this.records.find(filter, { _id: 0 }).sort({ seq: 1 });
    if (options.limit !== undefined) query = query.limit(options.limit);
    const docs = await query.lean<AuditDoc[]>();
    return docs.map(toAuditRecord);
  }

  private async appendWithRetry(event: AuditEventInput): Promise<AuditRecord> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const head = await this.records
        .findOne({}, { seq: 1, hash: 1, _id: 0 })
        .sort({ seq: -1 })
        .lean<Pick<AuditDoc, 'seq' | 'hash'>>();
      const record = chainAuditRecord(event, head ?? undefined, Date.now());
      try {
        await this.records.create(record);
        return record;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // Jitter so workers that collided do not collide again in lockstep.
        await sleep(Math.random() * 5 * (attempt + 1));
      }
    }
    throw new StorageConflictError(`audit append lost ${MAX_ATTEMPTS} races for the next seq`);
  }
}

function toAuditRecord(doc: AuditDoc): AuditRecord {
  const { seq, at, type, correlationId, data, prevHash, hash } = doc;
  return { seq, at, type, correlationId, data, prevHash, hash };
}
