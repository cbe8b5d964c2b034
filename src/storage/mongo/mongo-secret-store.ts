import { Schema } from 'mongoose';
import type { Connection, Model } from 'mongoose';
import type { SecretStore } from '../storage.ts';
import { isDuplicateKeyError } from './is-duplicate-key-error.ts';
import { StorageConflictError } from './storage-conflict-error.ts';

interface SecretDoc {
  name: string;
  value: string;
  createdAt: Date;
}

const secretSchema = new Schema<SecretDoc>(
  {
    name: { type: String, required: true, unique: true },
    value: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'secrets', versionKey: false },
);

export async function createMongoSecretStore(connection: Connection): Promise<SecretStore> {
  const model = connection.model<SecretDoc>('Secret', secretSchema);
  await model.init();
  return new MongoSecretStore(model);
}

class MongoSecretStore implements SecretStore {
  constructor(private readonly secrets: Model<SecretDoc>) {}

  async getOrCreate(name: string, create: () => string): Promise<string> {
    const existing = await this.secrets.findOne({ name }).lean<SecretDoc>();
    if (existing) return existing.value;
    const candidate = create();
    // Two concurrent upserts may both try the insert and one fails on the unique index;
    // its second attempt then matches the winner's document.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        // $setOnInsert: when another worker inserted first, its value stays and is returned.
        // The upsert takes `name` from the equality filter.
        const stored = await this.secrets
          .findOneAndUpdate(
            { name },
            { $setOnInsert: { value: candidate, createdAt: new Date() } },
            { upsert: true, returnDocument: 'after' },
          )
          .lean<SecretDoc>();
        if (stored) return stored.value;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    throw new StorageConflictError(`could not insert or read secret ${name}`);
  }
}
