import { openMongoStorage } from './mongo/open-mongo-storage.ts';
import { openSqliteStorage } from './sqlite/open-sqlite-storage.ts';
import type { Storage } from './storage.ts';

export type StorageOptions =
  | { readonly kind: 'sqlite'; readonly sqlitePath: string }
  | { readonly kind: 'mongo'; readonly mongoUri: string };

/** The one place that knows which storage implementations exist. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  switch (options.kind) {
    case 'sqlite':
      return openSqliteStorage(options.sqlitePath);
    case 'mongo':
      return openMongoStorage(options.mongoUri);
  }
}
