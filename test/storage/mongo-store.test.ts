import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { openMongoStorage } from '../../src/storage/mongo/open-mongo-storage.ts';
import type { Storage } from '../../src/storage/storage.ts';
import { runStoreSuite } from './store-suite.ts';

const uri = process.env.MONGODB_URI;
const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const databases: string[] = [];

/** The same URI pointed at another database, keeping host list and query options. */
function withDatabase(baseUri: string, database: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(baseUri);
  if (!match) throw new Error(`MONGODB_URI is not a mongodb:// URI: ${baseUri}`);
  return `${match[1]}/${database}${match[2] ?? ''}`;
}

/** One database per test, so audit sequences and secrets start empty every time. */
async function openFreshDatabase(): Promise<Storage> {
  if (!uri) throw new Error('MONGODB_URI is not set');
  const database = `portti_test_${runId}_${databases.length}`;
  databases.push(database);
  return openMongoStorage(withDatabase(uri, database));
}

describe('mongo storage (needs MONGODB_URI)', function () {
  before(function () {
    // There is no MongoDB server on developer machines or in CI by default; the suite
    // runs wherever MONGODB_URI points at one, and is reported as pending elsewhere.
    if (!uri) this.skip();
  });

  after(async () => {
    if (!uri || databases.length === 0) return;
    const connection = await mongoose.createConnection(uri).asPromise();
    try {
      for (const database of databases) await connection.useDb(database).dropDatabase();
    } finally {
      await connection.close();
    }
  });

  runStoreSuite('mongo', openFreshDatabase);
});
