import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { GENESIS_HASH, verifyAuditChain } from '../../src/storage/audit-hash.ts';
import type { AuditRecord, Storage, StoredKey } from '../../src/storage/storage.ts';
import { runPaymentStoreCases } from './payment-store-cases.ts';

const MODELS = [
  'Session', 'Interaction', 'AuthorizationCode', 'AccessToken', 'Grant',
  'ClientCredentials', 'ReplayDetection', 'PushedAuthorizationRequest',
] as const;

const HOUR = 3600;

/** Registers a fresh storage per test and returns an accessor for it. */
function useFreshStorage(open: () => Promise<Storage>): () => Storage {
  let storage: Storage | undefined;
  beforeEach(async () => {
    storage = await open();
  });
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
  });
  return () => {
    if (!storage) throw new Error('storage used outside a test');
    return storage;
  };
}

function key(kid: string, createdAt: number, overrides: Partial<StoredKey> = {}): StoredKey {
  return { kid, purpose: 'op-signing', alg: 'ES256', privateJwk: { kty: 'EC', crv: 'P-256', d: `d-${kid}` }, createdAt, ...overrides };
}

const seqs = (records: readonly AuditRecord[]) => records.map((r) => r.seq);

/** The behaviour every Storage implementation must show; run once per implementation. */
export function runStoreSuite(name: string, open: () => Promise<Storage>): void {
  describe(`${name} storage`, () => {
    describe('oidc', () => {
      const storage = useFreshStorage(open);

      it('returns what was upserted, for every model oidc-provider persists', async () => {
        for (const model of MODELS) {
          const payload = { jti: `${model}-1`, kind: model, nested: { list: [1, 'two', null], empty: {} }, text: 'äö €' };
          await storage().oidc.upsert(model, `${model}-1`, payload, HOUR);
          expect(await storage().oidc.find(model, `${model}-1`)).to.deep.equal(payload);
        }
        expect(await storage().oidc.find('Session', 'missing')).to.equal(undefined);
      });

      it('keeps records without expiry', async () => {
        await storage().oidc.upsert('Grant', 'g', { accountId: 'a' }, undefined);
        expect(await storage().oidc.find('Grant', 'g')).to.deep.equal({ accountId: 'a' });
      });

      it('replaces the whole record on a second upsert, including its indexed fields', async () => {
        await storage().oidc.upsert('Session', 's', { uid: 'old-uid', old: true }, HOUR);
        await storage().oidc.upsert('Session', 's', { uid: 'new-uid', fresh: 1 }, HOUR);
        expect(await storage().oidc.find('Session', 's')).to.deep.equal({ uid: 'new-uid', fresh: 1 });
        expect(await storage().oidc.findByUid('Session', 'old-uid')).to.equal(undefined);
        expect(await storage().oidc.findByUid('Session', 'new-uid')).to.deep.equal({ uid: 'new-uid', fresh: 1 });
      });

      it('finds by uid and by user code within the model only', async () => {
        await storage().oidc.upsert('Session', 's1', { uid: 'u1', accountId: 'a1' }, HOUR);
        await storage().oidc.upsert('DeviceCode', 'd1', { userCode: 'ABCD-EFGH', clientId: 'c' }, HOUR);
        expect(await storage().oidc.findByUid('Session', 'u1')).to.deep.equal({ uid: 'u1', accountId: 'a1' });
        expect(await storage().oidc.findByUid('Interaction', 'u1')).to.equal(undefined);
        expect(await storage().oidc.findByUid('Session', 'u2')).to.equal(undefined);
        expect(await storage().oidc.findByUserCode('DeviceCode', 'ABCD-EFGH')).to.deep.equal({ userCode: 'ABCD-EFGH', clientId: 'c' });
        expect(await storage().oidc.findByUserCode('DeviceCode', 'ZZZZ-ZZZZ')).to.equal(undefined);
      });

      it('consume sets consumed to the current epoch second and keeps the rest', async () => {
        await storage().oidc.upsert('AuthorizationCode', 'c1', { grantId: 'g1', scope: 'openid' }, HOUR);
        expect(await storage().oidc.find('AuthorizationCode', 'c1')).to.not.have.property('consumed');
        const before = Math.floor(Date.now() / 1000);
        await storage().oidc.consume('AuthorizationCode', 'c1');
        const after = Math.floor(Date.now() / 1000);
        const found = await storage().oidc.find('AuthorizationCode', 'c1');
        expect(found).to.include({ grantId: 'g1', scope: 'openid' });
        expect(found?.consumed).to.be.a('number').within(before, after);
      });

      it('consume of a missing record neither fails nor creates it', async () => {
        await storage().oidc.consume('AuthorizationCode', 'missing');
        expect(await storage().oidc.find('AuthorizationCode', 'missing')).to.equal(undefined);
      });

      it('destroy removes only that record', async () => {
        await storage().oidc.upsert('AccessToken', 'a1', { n: 1 }, HOUR);
        await storage().oidc.upsert('AccessToken', 'a2', { n: 2 }, HOUR);
        await storage().oidc.destroy('AccessToken', 'a1');
        expect(await storage().oidc.find('AccessToken', 'a1')).to.equal(undefined);
        expect(await storage().oidc.find('AccessToken', 'a2')).to.deep.equal({ n: 2 });
      });

      it("revokeByGrantId removes only that grant's records of that model", async () => {
        await storage().oidc.upsert('AccessToken', 'at1', { grantId: 'g1' }, HOUR);
        await storage().oidc.upsert('AccessToken', 'at2', { grantId: 'g1' }, HOUR);
        await storage().oidc.upsert('AccessToken', 'at3', { grantId: 'g2' }, HOUR);
        await storage().oidc.upsert('RefreshToken', 'rt1', { grantId: 'g1' }, HOUR);
        await storage().oidc.revokeByGrantId('AccessToken', 'g1');
        expect(await storage().oidc.find('AccessToken', 'at1')).to.equal(undefined);
        expect(await storage().oidc.find('AccessToken', 'at2')).to.equal(undefined);
        expect(await storage().oidc.find('AccessToken', 'at3')).to.deep.equal({ grantId: 'g2' });
        expect(await storage().oidc.find('RefreshToken', 'rt1')).to.deep.equal({ grantId: 'g1' });
      });

      it('insertIfAbsent inserts once: a live record is kept, concurrent callers get one winner', async () => {
        expect(await storage().oidc.insertIfAbsent('Claim', 'phone-1', { uid: 'first' }, HOUR)).to.equal(true);
        expect(await storage().oidc.insertIfAbsent('Claim', 'phone-1', { uid: 'second' }, HOUR)).to.equal(false);
        expect(await storage().oidc.find('Claim', 'phone-1')).to.deep.equal({ uid: 'first' });
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
          storage().oidc.insertIfAbsent('Claim', 'phone-2', { uid: `racer-${i}` }, HOUR)));
        expect(results.filter(Boolean)).to.have.length(1);
        const winner = results.indexOf(true);
        expect(await storage().oidc.find('Claim', 'phone-2')).to.deep.equal({ uid: `racer-${winner}` });
      });

      it('keeps models in separate namespaces', async () => {
        await storage().oidc.upsert('Session', 'same-id', { model: 'Session' }, HOUR);
        await storage().oidc.upsert('AccessToken', 'same-id', { model: 'AccessToken' }, HOUR);
        expect(await storage().oidc.find('Session', 'same-id')).to.deep.equal({ model: 'Session' });
        expect(await storage().oidc.find('AccessToken', 'same-id')).to.deep.equal({ model: 'AccessToken' });
        await storage().oidc.destroy('Session', 'same-id');
        expect(await storage().oidc.find('AccessToken', 'same-id')).to.deep.equal({ model: 'AccessToken' });
      });
    });

    // One shared wait for every expiry check keeps the suite fast; the tests below read
    // the same seeded records, and the sweep (which deletes) comes last on purpose.
    describe('oidc expiry', () => {
      let storage: Storage;
      before(async function () {
        this.timeout(10_000);
        storage = await open();
        await storage.oidc.upsert('Session', 'expired', { uid: 'expired-uid' }, 1);
        await storage.oidc.upsert('DeviceCode', 'expired', { userCode: 'EXPI-RED0' }, 1);
        await storage.oidc.upsert('AccessToken', 'expired', { grantId: 'g' }, 1);
        await storage.oidc.upsert('Session', 'live', { uid: 'live-uid' }, HOUR);
        await storage.oidc.upsert('Claim', 'expired-claim', { uid: 'old' }, 1);
        await storage.oidc.upsert('Grant', 'forever', { accountId: 'a' }, undefined);
        await sleep(1_100);
      });
      after(async () => {
        await storage?.close();
      });

      it('hides expired records from every find before any sweep ran', async () => {
        expect(await storage.oidc.find('Session', 'expired')).to.equal(undefined);
        expect(await storage.oidc.find('AccessToken', 'expired')).to.equal(undefined);
        expect(await storage.oidc.findByUid('Session', 'expired-uid')).to.equal(undefined);
        expect(await storage.oidc.findByUserCode('DeviceCode', 'EXPI-RED0')).to.equal(undefined);
        expect(await storage.oidc.findByUid('Session', 'live-uid')).to.deep.equal({ uid: 'live-uid' });
      });

      it('insertIfAbsent takes the place of an expired record', async () => {
        expect(await storage.oidc.insertIfAbsent('Claim', 'expired-claim', { uid: 'new' }, HOUR)).to.equal(true);
        expect(await storage.oidc.find('Claim', 'expired-claim')).to.deep.equal({ uid: 'new' });
      });

      it('sweepExpired deletes the expired records, counts them and leaves live ones', async () => {
        expect(await storage.oidc.sweepExpired()).to.equal(3);
        expect(await storage.oidc.sweepExpired()).to.equal(0);
        expect(await storage.oidc.find('Session', 'live')).to.deep.equal({ uid: 'live-uid' });
        expect(await storage.oidc.find('Grant', 'forever')).to.deep.equal({ accountId: 'a' });
      });
    });

    describe('keys', () => {
      const storage = useFreshStorage(open);

      it('lists keys newest first with their private JWK', async () => {
        await storage().keys.add(key('k-200', 200));
        await storage().keys.add(key('k-300', 300, { purpose: 'rp-encryption', alg: 'RSA-OAEP-256' }));
        await storage().keys.add(key('k-100', 100));
        const active = await storage().keys.listActive(1_000);
        expect(active.map((k) => k.kid)).to.deep.equal(['k-300', 'k-200', 'k-100']);
        expect(active[2]).to.deep.equal(key('k-100', 100));
      });

      it('retireOthers retires same purpose and alg except the kept key, and keeps the first retireAfter', async () => {
        await storage().keys.add(key('old', 100));
        await storage().keys.add(key('other-alg', 150, { alg: 'RS256' }));
        await storage().keys.add(key('other-purpose', 160, { purpose: 'rp-signing' }));
        await storage().keys.add(key('new', 200));
        await storage().keys.retireOthers('op-signing', 'ES256', 'new', 1_000);
        await storage().keys.retireOthers('op-signing', 'ES256', 'new', 5_000);

        const beforeRetirement = await storage().keys.listActive(1_000);
        expect(beforeRetirement.map((k) => k.kid)).to.deep.equal(['new', 'other-purpose', 'other-alg', 'old']);
        expect(beforeRetirement.find((k) => k.kid === 'old')?.retireAfter).to.equal(1_000);
        expect(beforeRetirement.find((k) => k.kid === 'new')).to.not.have.property('retireAfter');
        const afterRetirement = await storage().keys.listActive(1_001);
        expect(afterRetirement.map((k) => k.kid)).to.deep.equal(['new', 'other-purpose', 'other-alg']);
      });
    });

    describe('secrets', () => {
      const storage = useFreshStorage(open);

      it('creates a secret once and returns the stored value afterwards', async () => {
        let calls = 0;
        const create = () => `value-${++calls}`;
        expect(await storage().secrets.getOrCreate('cookie', create)).to.equal('value-1');
        expect(await storage().secrets.getOrCreate('cookie', create)).to.equal('value-1');
        expect(calls).to.equal(1);
        expect(await storage().secrets.getOrCreate('hmac', () => 'other')).to.equal('other');
      });

      it('concurrent first calls agree on one value', async () => {
        let calls = 0;
        const values = await Promise.all(
          Array.from({ length: 10 }, () => storage().secrets.getOrCreate('race', () => `value-${++calls}`)),
        );
        expect(new Set(values).size).to.equal(1);
        expect(values[0]).to.match(/^value-\d+$/);
      });
    });

    describe('audit', () => {
      const storage = useFreshStorage(open);
      const event = (type: string, n: number) => ({ type, correlationId: `corr-${n}`, data: { n, ok: true, note: null } });

      it('appends a hash chain that starts at the genesis hash', async () => {
        const before = Date.now();
        const appended = [];
        for (let n = 1; n <= 3; n += 1) appended.push(await storage().audit.append(event('login', n)));
        expect(seqs(appended)).to.deep.equal([1, 2, 3]);
        expect(appended[0]?.prevHash).to.equal(GENESIS_HASH);
        expect(appended[1]?.prevHash).to.equal(appended[0]?.hash);
        expect(appended[2]).to.include({ type: 'login', correlationId: 'corr-3' });
        expect(appended[2]?.data).to.deep.equal({ n: 3, ok: true, note: null });
        expect(appended[2]?.at).to.be.within(before, Date.now());
        expect(appended[2]?.hash).to.match(/^[0-9a-f]{64}$/);
        const listed = await storage().audit.list();
        expect(listed).to.deep.equal(appended);
        expect(verifyAuditChain(listed)).to.deep.equal({ ok: true });
      });

      it('lists by type, after sinceSeq (exclusive) and up to limit, oldest first', async () => {
        for (const [n, type] of ['a', 'b', 'a', 'b', 'a'].entries()) await storage().audit.append(event(type, n));
        expect(seqs(await storage().audit.list({ type: 'a' }))).to.deep.equal([1, 3, 5]);
        expect(seqs(await storage().audit.list({ sinceSeq: 2 }))).to.deep.equal([3, 4, 5]);
        expect(seqs(await storage().audit.list({ limit: 2 }))).to.deep.equal([1, 2]);
        expect(seqs(await storage().audit.list({ type: 'a', sinceSeq: 1, limit: 1 }))).to.deep.equal([3]);
        expect(await storage().audit.list({ type: 'none' })).to.deep.equal([]);
      });

      it('verifyAuditChain finds an edited, re-hashed, missing, headless or re-linked record', async () => {
        for (let n = 1; n <= 4; n += 1) await storage().audit.append(event('login', n));
        const chain = await storage().audit.list();
        const edited = chain.map((r) => (r.seq === 2 ? { ...r, data: { ...r.data, n: 99 } } : r));
        expect(verifyAuditChain(edited)).to.deep.equal({ ok: false, brokenAtSeq: 2 });
        const rehashed = chain.map((r) => (r.seq === 3 ? { ...r, hash: 'f'.repeat(64) } : r));
        expect(verifyAuditChain(rehashed)).to.deep.equal({ ok: false, brokenAtSeq: 3 });
        expect(verifyAuditChain(chain.filter((r) => r.seq !== 3))).to.deep.equal({ ok: false, brokenAtSeq: 3 });
        expect(verifyAuditChain(chain.slice(1))).to.deep.equal({ ok: false, brokenAtSeq: 1 });
        const relinked = chain.map((r) => (r.seq === 4 ? { ...r, prevHash: chain[1]!.hash } : r));
        expect(verifyAuditChain(relinked)).to.deep.equal({ ok: false, brokenAtSeq: 4 });
        // A store may hand keys back in another order; the canonical form must not care.
        const reordered = chain.map((r) => ({ ...r, data: Object.fromEntries(Object.entries(r.data).reverse()) }));
        expect(Object.keys(reordered[0]!.data)).to.not.deep.equal(Object.keys(chain[0]!.data));
        expect(verifyAuditChain(reordered)).to.deep.equal({ ok: true });
      });

      it('50 concurrent appends form one chain with seq 1..50', async () => {
        const appended = await Promise.all(Array.from({ length: 50 }, (_, n) => storage().audit.append(event('burst', n))));
        const expected = Array.from({ length: 50 }, (_, i) => i + 1);
        expect(seqs(appended).sort((a, b) => a - b)).to.deep.equal(expected);
        const listed = await storage().audit.list();
        expect(seqs(listed)).to.deep.equal(expected);
        expect(verifyAuditChain(listed)).to.deep.equal({ ok: true });
      });
    });

    describe('payments, refunds and webhooks', () => {
      runPaymentStoreCases(useFreshStorage(open));
    });
  });
}
