import { createHash } from 'node:crypto';
import type { OidcStore } from '../storage/storage.ts';
import type { DecoupledPending, IdentificationFailure } from '../identity/identification-method.ts';
import type { Identity } from '../identity/identity.ts';

const BY_UID = 'DecoupledIdentification';
const BY_USER_ID = 'DecoupledUserId';
const ATTEMPTS = 'DecoupledAttempts';

/** The upstream's final answer, kept until the browser comes to finish the login. */
export type StoredResult =
  | { readonly ok: true; readonly identity: Identity }
  | { readonly ok: false; readonly failure: Omit<IdentificationFailure, 'cause'> };

export interface DecoupledRecord {
  readonly pending: DecoupledPending;
  readonly result?: StoredResult;
}

export type UserIdClaim = 'claimed' | 'own' | 'busy';

/**
 * Decoupled identifications in the store, so that every worker and a restarted broker
 * see them: the transaction of each interaction, which interaction holds an outstanding
 * request for a user id (one phone, one request), and recent attempts per user id.
 * A claim is an insert-if-absent in the store, so two workers cannot both win one.
 */
export function createDecoupledTransactions(store: OidcStore, ttlSeconds: number) {
  const locks = new Map<string, Promise<unknown>>();
  const keyOf = (userId: string) => createHash('sha256').update(`user-id\0${userId}`).digest('base64url');

  function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = locks.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(() => undefined, () => undefined);
    locks.set(key, settled);
    void settled.then(() => { if (locks.get(key) === settled) locks.delete(key); });
    return next;
  }

  const find = async (uid: string): Promise<DecoupledRecord | undefined> =>
    (await store.find(BY_UID, uid)) as DecoupledRecord | undefined;
  const releaseUserId = async (userId: string, uid: string): Promise<void> => {
    const key = keyOf(userId);
    await withLock(key, async () => {
      const held = await store.find(BY_USER_ID, key);
      if (held?.uid === uid) await store.destroy(BY_USER_ID, key);
    });
  };

  return {
    async save(uid: string, record: DecoupledRecord): Promise<void> {
      await store.upsert(BY_UID, uid, { ...record } as Record<string, unknown>, ttlSeconds);
    },
    find,
    /** Returns and removes the record, and frees its user id: a result is used once. */
    async take(uid: string): Promise<DecoupledRecord | undefined> {
      const record = await find(uid);
      if (!record) return undefined;
      await store.destroy(BY_UID, uid);
      await releaseUserId(record.pending.userId, uid);
      return record;
    },
    /** Reserves `userId` for this interaction until `untilMs`; `own` when this interaction already holds it. */
    claimUserId(userId: string, uid: string, untilMs: number): Promise<UserIdClaim> {
      const key = keyOf(userId);
      return withLock(key, async () => {
        const ttl = Math.max(1, Math.ceil((untilMs - Date.now()) / 1000));
        if (await store.insertIfAbsent(BY_USER_ID, key, { uid, until: untilMs }, ttl)) return 'claimed';
        const held = await store.find(BY_USER_ID, key);
        return held?.uid === uid ? 'own' : 'busy';
      });
    },
    /** Extends this interaction's claim (after a restarted attempt) or makes a fresh one. */
    async holdUserId(userId: string, uid: string, untilMs: number): Promise<void> {
      const key = keyOf(userId);
      await withLock(key, () => store.upsert(BY_USER_ID, key, { uid, until: untilMs }, Math.max(1, Math.ceil((untilMs - Date.now()) / 1000))));
    },
    releaseUserId,
    /** Counts one attempt for `userId`; false (and not counted) when `max` were made within the window. */
    countAttempt(userId: string, max: number, windowSeconds: number): Promise<boolean> {
      const key = keyOf(userId);
      return withLock(`attempts\0${key}`, async () => {
        const since = Date.now() - windowSeconds * 1000;
        const record = await store.find(ATTEMPTS, key);
        const times = (Array.isArray(record?.times) ? (record.times as number[]) : []).filter((t) => t > since);
        if (times.length >= max) return false;
        await store.upsert(ATTEMPTS, key, { times: [...times, Date.now()] }, windowSeconds);
        return true;
      });
    },
  };
}

export type DecoupledTransactions = ReturnType<typeof createDecoupledTransactions>;
