import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { verifyAuditChain } from '../../src/storage/audit-hash.ts';
import { openSqliteStorage } from '../../src/storage/sqlite/open-sqlite-storage.ts';
import type { Storage } from '../../src/storage/storage.ts';
import { runStoreSuite } from './store-suite.ts';

/** A fresh temp directory; the database goes one level down so parent creation is exercised. */
function makeTempDir(): { dir: string; dbPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'portti-sqlite-'));
  return { dir, dbPath: join(dir, 'data', 'portti.db') };
}

/** A storage on its own temp file, deleted when the storage is closed. */
async function openTempStorage(): Promise<Storage> {
  const { dir, dbPath } = makeTempDir();
  const storage = openSqliteStorage(dbPath);
  return {
    ...storage,
    async close() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

runStoreSuite('sqlite', openTempStorage);

const WORKERS = ['worker-1', 'worker-2', 'worker-3'];
const APPENDS_PER_WORKER = 200;

describe('sqlite storage on a shared file', () => {
  let temp: { dir: string; dbPath: string };
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => {
    rmSync(temp.dir, { recursive: true, force: true });
  });

  it('keeps data across close and reopen', async () => {
    const first = openSqliteStorage(temp.dbPath);
    await first.oidc.upsert('Session', 's1', { uid: 'u1' }, 3600);
    await first.secrets.getOrCreate('cookie', () => 'kept');
    await first.audit.append({ type: 'boot', correlationId: 'c1', data: {} });
    await first.close();

    const reopened = openSqliteStorage(temp.dbPath);
    try {
      expect(await reopened.oidc.find('Session', 's1')).to.deep.equal({ uid: 'u1' });
      expect(await reopened.secrets.getOrCreate('cookie', () => 'replaced')).to.equal('kept');
      const appended = await reopened.audit.append({ type: 'boot', correlationId: 'c2', data: {} });
      expect(appended.seq).to.equal(2);
      expect(verifyAuditChain(await reopened.audit.list())).to.deep.equal({ ok: true });
    } finally {
      await reopened.close();
    }
  });

  it("lets two workers see each other's writes and keep one audit chain", async () => {
    const workerA = openSqliteStorage(temp.dbPath);
    const workerB = openSqliteStorage(temp.dbPath);
    try {
      await workerA.oidc.upsert('Interaction', 'i1', { uid: 'i1' }, 3600);
      expect(await workerB.oidc.find('Interaction', 'i1')).to.deep.equal({ uid: 'i1' });
      await workerB.oidc.consume('Interaction', 'i1');
      expect(await workerA.oidc.find('Interaction', 'i1')).to.have.property('consumed');

      const secretA = await workerA.secrets.getOrCreate('hmac', () => 'from-a');
      expect(await workerB.secrets.getOrCreate('hmac', () => 'from-b')).to.equal(secretA);

      await workerB.keys.add({ kid: 'k1', purpose: 'op-signing', alg: 'ES256', privateJwk: { kty: 'EC' }, createdAt: 1 });
      expect((await workerA.keys.listActive(2)).map((k) => k.kid)).to.deep.equal(['k1']);

      for (let n = 0; n < 10; n += 1) {
        const worker = n % 2 === 0 ? workerA : workerB;
        const record = await worker.audit.append({ type: 'tick', correlationId: `c${n}`, data: { n } });
        expect(record.seq).to.equal(n + 1);
      }
      const chain = await workerB.audit.list();
      expect(chain).to.have.length(10);
      expect(verifyAuditChain(chain)).to.deep.equal({ ok: true });
    } finally {
      await workerA.close();
      await workerB.close();
    }
  });

  it('keeps one audit chain and one secret when real processes race on a new file', async function () {
    this.timeout(30_000);
    // In-process instances take turns on one thread; only separate processes truly
    // contend for the file lock (schema migration, secret insert, audit head). The
    // workers wait for a shared start time so their appends overlap instead of running
    // one after another as each finishes starting up.
    const moduleUrl = new URL('../../src/storage/sqlite/open-sqlite-storage.ts', import.meta.url).href;
    const script = `
      const { openSqliteStorage } = await import(${JSON.stringify(moduleUrl)});
      const [path, name, startAt] = process.argv.slice(1);
      await new Promise((resolve) => setTimeout(resolve, Number(startAt) - Date.now()));
      const storage = openSqliteStorage(path);
      const secret = await storage.secrets.getOrCreate('race', () => name);
      for (let n = 0; n < APPENDS; n += 1) await storage.audit.append({ type: 'tick', correlationId: name, data: { n } });
      await storage.close();
      process.stdout.write(secret);`.replace('APPENDS', String(APPENDS_PER_WORKER));
    const startAt = String(Date.now() + 2_500);
    const run = promisify(execFile);
    const outputs = await Promise.all(
      WORKERS.map((name) =>
        run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, temp.dbPath, name, startAt]),
      ),
    );
    expect(new Set(outputs.map((o) => o.stdout)).size).to.equal(1);
    const storage = openSqliteStorage(temp.dbPath);
    try {
      const chain = await storage.audit.list();
      const total = WORKERS.length * APPENDS_PER_WORKER;
      expect(chain.map((r) => r.seq)).to.deep.equal(Array.from({ length: total }, (_, i) => i + 1));
      expect(verifyAuditChain(chain)).to.deep.equal({ ok: true });
    } finally {
      await storage.close();
    }
  });
});
