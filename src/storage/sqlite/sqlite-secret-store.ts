import type { Database, Statement } from 'better-sqlite3';
import type { SecretStore } from '../storage.ts';

export class SqliteSecretStore implements SecretStore {
  private readonly select: Statement<unknown[], { readonly value: string }>;
  private readonly insertIfAbsent: Statement<unknown[], { readonly value: string }>;

  constructor(db: Database) {
    this.select = db.prepare('SELECT value FROM secrets WHERE name = ?');
    // The no-op DO UPDATE makes RETURNING yield the stored row even when another worker
    // inserted first, so insert-if-absent and read-back are one atomic statement.
    this.insertIfAbsent = db.prepare(
      `INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET name = excluded.name
       RETURNING value`,
    );
  }

  async getOrCreate(name: string, create: () => string): Promise<string> {
    const existing = this.select.get(name);
    if (existing) return existing.value;
    const stored = this.insertIfAbsent.get(name, create(), Date.now());
    // Unreachable: an upsert with RETURNING yields the row whether it inserted or not.
    if (!stored) throw new Error(`secret ${name}: upsert returned no row`);
    return stored.value;
  }
}
