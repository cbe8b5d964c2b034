import { Schema } from 'mongoose';
import type { Connection, Model } from 'mongoose';
import type { KeyPurpose, KeyStore, StoredKey } from '../storage.ts';

interface KeyDoc {
  kid: string;
  purpose: KeyPurpose;
  alg: string;
  privateJwk: Record<string, unknown>;
  createdAt: number;
  retireAfter?: number | null;
}

const keySchema = new Schema<KeyDoc>(
  {
    kid: { type: String, required: true, unique: true },
    purpose: { type: String, required: true },
    alg: { type: String, required: true },
    privateJwk: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Number, required: true },
    retireAfter: Number,
  },
  { collection: 'keys', minimize: false, versionKey: false },
);
keySchema.index({ createdAt: -1 });

export async function createMongoKeyStore(connection: Connection): Promise<KeyStore> {
  const model = connection.model<KeyDoc>('StoredKey', keySchema);
  await model.init();
  return new MongoKeyStore(model);
}

class MongoKeyStore implements KeyStore {
  constructor(private readonly keys: Model<KeyDoc>) {}

  async listActive(now: number): Promise<StoredKey[]> {
    // _id (an ObjectId, increasing per insert) breaks ties between keys created in the same second.
    const docs = await this.keys
      .find({ $or: [{ retireAfter: null }, { retireAfter: { $gte: now } }] })
      .sort({ createdAt: -1, _id: -1 })
      .lean<KeyDoc[]>();
    return docs.map(toStoredKey);
  }

  async add(key: StoredKey): Promise<void> {
    await this.keys.create({
      kid: key.kid,
      purpose: key.purpose,
      alg: key.alg,
      privateJwk: { ...key.privateJwk },
      createdAt: key.createdAt,
      retireAfter: key.retireAfter ?? null,
    });
  }

  async retireOthers(purpose: KeyPurpose, alg: string, keepKid: string, retireAfter: number): Promise<void> {
    await this.keys.updateMany({ purpose, alg, kid: { $ne: keepKid }, retireAfter: null }, { $set: { retireAfter } });
  }
}

function toStoredKey(doc: KeyDoc): StoredKey {
  const key: StoredKey = {
    kid: doc.kid,
    purpose: doc.purpose,
    alg: doc.alg,
    privateJwk: doc.privateJwk,
    createdAt: doc.createdAt,
  };
  return doc.retireAfter === null || doc.retireAfter === undefined ? key : { ...key, retireAfter: doc.retireAfter };
}
