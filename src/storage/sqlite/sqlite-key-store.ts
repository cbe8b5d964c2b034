import type { Database, Statement } from 'better-sqlite3';
import type { KeyPurpose, KeyStore, StoredKey } from '../storage.ts';

interface KeyRow {
  readonly kid: string;
  readonly purpose: KeyPurpose;
  readonly alg: string;
  readonly private_jwk: string;
  readonly created_at: number;
  readonly retire_after: number | null;
}

export class SqliteKeyStore implements KeyStore {
  private readonly selectActive: Statement<unknown[], KeyRow>;
  private readonly insert: Statement;
  private readonly retire: Statement;

  constructor(db: Database) {
    // rowid breaks ties between keys created in the same second: the later insert is newer.
    this.selectActive = db.prepare(
      `SELECT kid, purpose, alg, private_jwk, created_at, retire_after FROM keys
       WHERE retire_after IS NULL OR retire_after >= @now
       ORDER BY created_at DESC, rowid DESC`,
    );
    this.insert = db.prepare(
      `INSERT INTO keys (kid, purpose, alg, private_jwk, created_at, retire_after)
       VALUES (@kid, @purpose, @alg, @privateJwk, @createdAt, @retireAfter)`,
    );
    this.retire = db.prepare(
      `UPDATE keys SET retire_after = @retireAfter
       WHERE purpose = @purpose AND alg = @alg AND kid <> @keepKid AND retire_after IS NULL`,
    );
  }

  async listActive(now: number): Promise<StoredKey[]> {
    return this.selectActive.all({ now }).map(toStoredKey);
  }

  async add(key: StoredKey): Promise<void> {
    this.insert.run({
      kid: key.kid,
      purpose: key.purpose,
      alg: key.alg,
      privateJwk: JSON.stringify(key.privateJwk),
      createdAt: key.createdAt,
      retireAfter: key.retireAfter ?? null,
    });
  }

  async retireOthers(purpose: KeyPurpose, alg: string, keepKid: string, retireAfter: number): Promise<void> {
    this.retire.run({ purpose, alg, keepKid, retireAfter });
  }
}

function toStoredKey(row: KeyRow): StoredKey {
  const key: StoredKey = {
    kid: row.kid,
    purpose: row.purpose,
    alg: row.alg,
    privateJwk: JSON.parse(row.private_jwk) as Record<string, unknown>,
    createdAt: row.created_at,
  };
  return row.retire_after === null ? key : { ...key, retireAfter: row.retire_after };
}
