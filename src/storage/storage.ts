import type { PaymentStore, WebhookOutbox } from './payment-store.ts';

export type * from './payment-store.ts';

/**
 * The storage port. Two implementations (sqlite, mongo) pass one shared suite in
 * test/storage/store-suite.ts; nothing outside src/storage knows which one runs.
 */

/** oidc-provider's persisted artefact: an opaque JSON object with a few indexed fields. */
export interface OidcPayload {
  readonly [key: string]: unknown;
  readonly uid?: string;
  readonly userCode?: string;
  readonly grantId?: string;
  readonly consumed?: number;
}

/** Persistence for oidc-provider models (Session, Interaction, AuthorizationCode, ...). */
export interface OidcStore {
  /** Inserts or replaces; `expiresInSeconds` undefined means no expiry. */
  upsert(model: string, id: string, payload: OidcPayload, expiresInSeconds: number | undefined): Promise<void>;
  /**
   * Inserts only when no live record has this id (an expired one counts as absent), atomically
   * across processes; true when this call inserted. For claims such as "one request per phone".
   */
  insertIfAbsent(model: string, id: string, payload: OidcPayload, expiresInSeconds: number | undefined): Promise<boolean>;
  /** Returns undefined for a missing or expired record. */
  find(model: string, id: string): Promise<OidcPayload | undefined>;
  findByUid(model: string, uid: string): Promise<OidcPayload | undefined>;
  findByUserCode(model: string, userCode: string): Promise<OidcPayload | undefined>;
  /** Marks consumed (sets `consumed` to epoch seconds); a no-op when missing. */
  consume(model: string, id: string): Promise<void>;
  destroy(model: string, id: string): Promise<void>;
  /** Deletes every record of `model` bound to `grantId`. */
  revokeByGrantId(model: string, grantId: string): Promise<void>;
  /** Deletes expired records of every model; returns how many were deleted. */
  sweepExpired(): Promise<number>;
}

export type KeyPurpose = 'op-signing' | 'op-encryption' | 'rp-signing' | 'rp-encryption';

export interface StoredKey {
  readonly kid: string;
  readonly purpose: KeyPurpose;
  readonly alg: string;
  /** Private JWK as JSON. */
  readonly privateJwk: Readonly<Record<string, unknown>>;
  /** Epoch seconds. */
  readonly createdAt: number;
  /** Set when a newer key replaced this one; the key stays published until then. */
  readonly retireAfter?: number;
}

export interface KeyStore {
  /** Every key not yet past `retireAfter`, newest first. */
  listActive(now: number): Promise<StoredKey[]>;
  add(key: StoredKey): Promise<void>;
  /** Sets `retireAfter` on every key of `purpose` and `alg` other than `keepKid` that has none. */
  retireOthers(purpose: KeyPurpose, alg: string, keepKid: string, retireAfter: number): Promise<void>;
}

/** Long-lived server secrets (cookie keys, HMAC keys) created once and shared by every worker. */
export interface SecretStore {
  /**
   * Returns the secret stored under `name`, creating it with `create()` when there is none.
   * Concurrent first starts agree on one value (insert-if-absent).
   */
  getOrCreate(name: string, create: () => string): Promise<string>;
}

export interface AuditEventInput {
  /** e.g. `identification.succeeded`. */
  readonly type: string;
  readonly correlationId: string;
  /** Flat, non-secret facts. Never tokens, secrets or a full hetu. */
  readonly data: Readonly<Record<string, string | number | boolean | null>>;
}

export interface AuditRecord extends AuditEventInput {
  readonly seq: number;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly prevHash: string;
  /** sha256 over prevHash and the canonical event: the chain shows any edit or gap. */
  readonly hash: string;
}

export interface AuditStore {
  append(event: AuditEventInput): Promise<AuditRecord>;
  /** Newest last. */
  list(options?: { readonly type?: string; readonly sinceSeq?: number; readonly limit?: number }): Promise<AuditRecord[]>;
}

export interface Storage {
  readonly oidc: OidcStore;
  readonly keys: KeyStore;
  readonly secrets: SecretStore;
  readonly audit: AuditStore;
  readonly payments: PaymentStore;
  readonly webhooks: WebhookOutbox;
  close(): Promise<void>;
}
