import { Schema } from 'mongoose';
import type { Connection, Model } from 'mongoose';
import type { OidcPayload, OidcStore } from '../storage.ts';
import { isDuplicateKeyError } from './is-duplicate-key-error.ts';

interface OidcDoc {
  model: string;
  id: string;
  payload: OidcPayload;
  uid?: string | null;
  userCode?: string | null;
  grantId?: string | null;
  expiresAt?: Date | null;
  consumed?: number | null;
}

// minimize: false keeps empty objects inside payloads, which oidc-provider relies on.
const oidcSchema = new Schema<OidcDoc>(
  {
    model: { type: String, required: true },
    id: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    uid: String,
    userCode: String,
    grantId: String,
    expiresAt: Date,
    consumed: Number,
  },
  { collection: 'oidc', minimize: false, versionKey: false },
);
oidcSchema.index({ model: 1, id: 1 }, { unique: true });
oidcSchema.index({ model: 1, uid: 1 });
oidcSchema.index({ model: 1, userCode: 1 });
oidcSchema.index({ model: 1, grantId: 1 });
oidcSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** The TTL monitor runs only every 60 s, so reads must skip expired records themselves. */
function live(): object {
  return { $or: [{ expiresAt: null }, { expiresAt: { $gt: new Date() } }] };
}

export async function createMongoOidcStore(connection: Connection): Promise<OidcStore> {
  const model = connection.model<OidcDoc>('OidcRecord', oidcSchema);
  await model.init();
  return new MongoOidcStore(model);
}

class MongoOidcStore implements OidcStore {
  constructor(private readonly records: Model<OidcDoc>) {}

  async upsert(model: string, id: string, payload: OidcPayload, expiresInSeconds: number | undefined): Promise<void> {
    const doc = docOf(model, id, payload, expiresInSeconds);
    const replace = () => this.records.replaceOne({ model, id }, doc, { upsert: true });
    try {
      await replace();
    } catch (error) {
      // Two concurrent upserts of a new id can both try to insert; the loser replaces.
      if (!isDuplicateKeyError(error)) throw error;
      await replace();
    }
  }

  async insertIfAbsent(model: string, id: string, payload: OidcPayload, expiresInSeconds: number | undefined): Promise<boolean> {
    // Matches only an expired record; with none, the upsert inserts, and the unique index
    // turns a concurrent or live record into a duplicate-key error: not inserted.
    try {
      const result = await this.records.replaceOne(
        { model, id, expiresAt: { $ne: null, $lte: new Date() } },
        docOf(model, id, payload, expiresInSeconds),
        { upsert: true },
      );
      return result.upsertedCount === 1 || result.modifiedCount === 1;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async find(model: string, id: string): Promise<OidcPayload | undefined> {
    return this.findOne({ model, id });
  }

  async findByUid(model: string, uid: string): Promise<OidcPayload | undefined> {
    return this.findOne({ model, uid });
  }

  async findByUserCode(model: string, userCode: string): Promise<OidcPayload | undefined> {
    return this.findOne({ model, userCode });
  }

  async consume(model: string, id: string): Promise<void> {
    const consumed = Math.floor(Date.now() / 1000);
    await this.records.updateOne({ model, id }, { $set: { consumed, 'payload.consumed': consumed } });
  }

  async destroy(model: string, id: string): Promise<void> {
    await this.records.deleteOne({ model, id });
  }

  async revokeByGrantId(model: string, grantId: string): Promise<void> {
    await this.records.deleteMany({ model, grantId });
  }

  async sweepExpired(): Promise<number> {
    const result = await this.records.deleteMany({ expiresAt: { $lte: new Date() } });
    return result.deletedCount;
  }

  private async findOne(filter: Partial<Pick<OidcDoc, 'model' | 'id' | 'uid' | 'userCode'>>): Promise<OidcPayload | undefined> {
    const doc = await this.records.findOne({ ...filter, ...live() }, { payload: 1, _id: 0 }).lean<Pick<OidcDoc, 'payload'>>();
    return doc?.payload ?? undefined;
  }
}

function docOf(model: string, id: string, payload: OidcPayload, expiresInSeconds: number | undefined): OidcDoc {
  return {
    model,
    id,
    payload,
    uid: stringOrNull(payload.uid),
    userCode: stringOrNull(payload.userCode),
    grantId: stringOrNull(payload.grantId),
    expiresAt: expiresInSeconds === undefined ? null : new Date(Date.now() + expiresInSeconds * 1000),
    consumed: typeof payload.consumed === 'number' ? payload.consumed : null,
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
