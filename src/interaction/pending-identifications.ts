import type { OidcStore } from '../storage/storage.ts';
import type { FailureReason, PendingIdentification } from '../identity/identification-method.ts';
import { createDecoupledTransactions } from './decoupled-transactions.ts';

const BY_UID = 'PendingIdentification';
const BY_RETURN_KEY = 'PendingReturnKey';
const FAILED = 'FailedIdentification';

/** How the last attempt of a method failed, so its page can be shown again on reload. */
export interface RecordedFailure {
  /** The methods whose failures have a page of their own. */
  readonly method: 'mobile' | 'card';
  readonly optionId: string;
  readonly reason: FailureReason;
  readonly code: string;
  readonly retryable: boolean;
  /** The failed attempt's correlation id: the reference the citizen may quote. */
  readonly correlationId: string;
}

/**
 * What a method started for an interaction, kept in the store so that a broker restart
 * or another worker process can complete it.
 */
export function createPendingIdentifications(store: OidcStore, ttlSeconds: number) {
  return {
    /** Identifications confirmed on another device (mobile certificate), polled until they end. */
    decoupled: createDecoupledTransactions(store, ttlSeconds),
    async recordFailure(uid: string, failure: RecordedFailure): Promise<void> {
      await store.upsert(FAILED, uid, { failure: { ...failure } }, ttlSeconds);
    },
    async lastFailure(uid: string): Promise<RecordedFailure | undefined> {
      return (await store.find(FAILED, uid))?.failure as RecordedFailure | undefined;
    },
    async save(uid: string, pending: PendingIdentification): Promise<void> {
      await store.upsert(BY_RETURN_KEY, pending.returnKey, { uid }, ttlSeconds);
      await store.upsert(BY_UID, uid, { pending: { ...pending } }, ttlSeconds);
    },
    async uidForReturnKey(returnKey: string): Promise<string | undefined> {
      const record = await store.find(BY_RETURN_KEY, returnKey);
      return typeof record?.uid === 'string' ? record.uid : undefined;
    },
    /** Returns and removes the pending identification: a return is processed once. */
    async take(uid: string): Promise<PendingIdentification | undefined> {
      const record = await store.find(BY_UID, uid);
      if (!record) return undefined;
      const pending = record.pending as PendingIdentification;
      await store.destroy(BY_UID, uid);
      await store.destroy(BY_RETURN_KEY, pending.returnKey);
      return pending;
    },
  };
}

export type PendingIdentifications = ReturnType<typeof createPendingIdentifications>;
