import type { AuditEventInput } from './storage.ts';

/**
 * The payments part of the storage port: payments, refunds, idempotency keys and the
 * webhook outbox. Every state change is one compare-and-set that writes the audit record
 * and the webhook event in the same atomic step, so a crash can lose neither, and a
 * duplicate (a second callback, a second worker) finds nothing left to change.
 */

export type PaymentState = 'created' | 'started' | 'succeeded' | 'failed' | 'cancelled' | 'expired';
export type RefundState = 'pending' | 'succeeded' | 'failed';

export interface PaymentItem {
  readonly description: string;
  readonly units: number;
  /** Cents, VAT included. */
  readonly unitPrice: number;
  /** Percent with at most one decimal, e.g. 25.5. */
  readonly vatPercentage: number;
  readonly productCode: string;
}

/** A payment form the provider offers (a bank, a card acquirer), shown on the payment page. */
export interface ProviderFormRecord {
  readonly id: string;
  readonly name: string;
  readonly group: string;
  readonly url: string;
  readonly parameters: readonly { readonly name: string; readonly value: string }[];
}

export interface PaymentRecord {
  readonly id: string;
  readonly clientId: string;
  readonly state: PaymentState;
  /** Cents. */
  readonly amount: number;
  readonly currency: 'EUR';
  readonly description: string;
  readonly reference: string;
  readonly language: string;
  readonly returnUrl: string;
  readonly cancelUrl: string;
  readonly webhookUrl: string | null;
  readonly payerMustBeIdentified: boolean;
  readonly items: readonly PaymentItem[];
  /** Pairwise `sub` of the citizen who paid, for this e-service; never the hetu. */
  readonly payerSub: string | null;
  /** Which payment service provider (e.g. `paytrail`) and its transaction. */
  readonly provider: string | null;
  readonly providerTransactionId: string | null;
  readonly providerForms: readonly ProviderFormRecord[];
  /** The payment method the citizen used at the provider (bank or card acquirer id). */
  readonly method: string | null;
  /** A verified success that arrived after the payment had expired, failed or been cancelled. */
  readonly lateSuccess: boolean;
  /** Sum of pending and succeeded refunds: what is no longer available to refund. */
  readonly refundReserved: number;
  /** Sum of succeeded refunds. */
  readonly refunded: number;
  /** Webhook events issued so far; the next event gets eventSeq + 1. */
  readonly eventSeq: number;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly expiresAt: number;
  readonly finishedAt: number | null;
  readonly reconciledAt: number | null;
  /** Incremented by every change; a compare-and-set may name the version it read. */
  readonly version: number;
}

export type NewPaymentRecord = Omit<PaymentRecord,
  'state' | 'payerSub' | 'provider' | 'providerTransactionId' | 'providerForms' | 'method' | 'lateSuccess'
  | 'refundReserved' | 'refunded' | 'eventSeq' | 'updatedAt' | 'finishedAt' | 'reconciledAt' | 'version'>;

export interface RefundRecord {
  readonly id: string;
  readonly paymentId: string;
  readonly clientId: string;
  readonly state: RefundState;
  readonly amount: number;
  readonly reason: string | null;
  readonly providerRefundId: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly finishedAt: number | null;
  readonly version: number;
}

export type NewRefundRecord = Pick<RefundRecord, 'id' | 'paymentId' | 'clientId' | 'amount' | 'reason' | 'createdAt'>;

/** The Idempotency-Key of a request, with a hash of its body, scoped to one client and endpoint. */
export interface IdempotencyClaim {
  readonly clientId: string;
  /** `payments`, or `refunds:<paymentId>`. */
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
  /** Keys older than this (epoch ms) are forgotten: the same key then starts afresh. */
  readonly notBefore: number;
}

/** A webhook event to enqueue together with a transition, built from the payment as it becomes. */
export interface WebhookEventDraft {
  readonly type: string;
  /** JSON of the event, given the new payment (and refund) and this event's id and sequence number. */
  readonly body: (facts: { readonly payment: PaymentRecord; readonly refund?: RefundRecord; readonly eventId: string; readonly sequence: number }) => string;
}

export interface PaymentTransition {
  readonly paymentId: string;
  readonly from: readonly PaymentState[];
  readonly to: PaymentState;
  readonly at: number;
  /** When set, the change applies only to this version (an update based on what was read). */
  readonly expectedVersion?: number;
  readonly set?: Partial<Pick<PaymentRecord, 'payerSub' | 'provider' | 'providerTransactionId' | 'providerForms' | 'method' | 'lateSuccess' | 'finishedAt'>>;
  /** Written when the change applies; the store adds `from` (the state left) and `to`. */
  readonly audit: AuditEventInput;
  /** Enqueued only when the payment has a webhook URL. */
  readonly webhook?: WebhookEventDraft;
  readonly newEventId: () => string;
}

export interface RefundTransition {
  readonly paymentId: string;
  readonly refundId: string;
  readonly from: readonly RefundState[];
  readonly to: RefundState;
  readonly at: number;
  readonly set?: Partial<Pick<RefundRecord, 'providerRefundId'>>;
  /** Written when the change applies; the store adds `from` and `to`. */
  readonly audit: AuditEventInput;
  readonly webhook?: WebhookEventDraft;
  readonly newEventId: () => string;
}

export type TransitionResult<T> =
  | { readonly applied: true; readonly record: T }
  /** The record was not in a `from` state (or not at the expected version): nothing changed. */
  | { readonly applied: false; readonly record: T | undefined };

export type CreatePaymentResult =
  | { readonly outcome: 'created' | 'replayed'; readonly payment: PaymentRecord }
  | { readonly outcome: 'key_reused' };

export type CreateRefundResult =
  | { readonly outcome: 'created' | 'replayed'; readonly refund: RefundRecord; readonly payment: PaymentRecord }
  | { readonly outcome: 'key_reused' }
  | { readonly outcome: 'payment_not_found' }
  | { readonly outcome: 'not_refundable'; readonly payment: PaymentRecord }
  | { readonly outcome: 'available_mismatch' | 'exceeds_available'; readonly available: number };

export interface PaymentListQuery {
  readonly clientId: string;
  readonly states?: readonly PaymentState[];
  /** Epoch ms, inclusive. */
  readonly createdFrom?: number;
  /** Epoch ms, exclusive. */
  readonly createdBefore?: number;
  /** Newest first; continue after this (createdAt, id) from the previous page. */
  readonly after?: { readonly createdAt: number; readonly id: string };
  readonly limit: number;
}

export interface ReconcileQuery {
  readonly now: number;
  /** `started` payments untouched for this long are asked about. */
  readonly staleAfterMs: number;
  /** A payment asked about is asked again only after this long. */
  readonly recheckAfterMs: number;
  /** Expired payments with a provider transaction are asked about this long after expiry (late successes). */
  readonly expiredWindowMs: number;
  readonly expiredRecheckAfterMs: number;
  readonly limit: number;
}

export interface PaymentStore {
  /**
   * Inserts the payment and its idempotency key in one step, or returns the payment an
   * earlier request with the same key and body created (`replayed`), or `key_reused` when
   * the key came with another body. The audit record is written only when created.
   */
  create(payment: NewPaymentRecord, claim: IdempotencyClaim, audit: AuditEventInput): Promise<CreatePaymentResult>;
  get(id: string): Promise<PaymentRecord | undefined>;
  list(query: PaymentListQuery): Promise<PaymentRecord[]>;
  transition(change: PaymentTransition): Promise<TransitionResult<PaymentRecord>>;
  /** Notes that reconciliation asked the provider about this payment now. */
  markReconciled(id: string, at: number): Promise<void>;
  /** Payments in `created` or `started` whose expiry time has passed, oldest first. */
  listExpired(now: number, limit: number): Promise<PaymentRecord[]>;
  listReconcilable(query: ReconcileQuery): Promise<PaymentRecord[]>;

  /**
   * Reserves `amount` of the payment for a new pending refund, atomically: the payment must
   * have succeeded, `expectedAvailable` (when given) must equal what is available, and the
   * amount must fit. Idempotent by key like `create`.
   */
  createRefund(refund: NewRefundRecord, options: { readonly expectedAvailable?: number }, claim: IdempotencyClaim, audit: AuditEventInput): Promise<CreateRefundResult>;
  getRefund(paymentId: string, refundId: string): Promise<RefundRecord | undefined>;
  listRefunds(paymentId: string): Promise<RefundRecord[]>;
  /** Moves a refund on and adjusts the payment's refund sums in the same step. */
  transitionRefund(change: RefundTransition): Promise<TransitionResult<RefundRecord>>;
  /** Pending refunds created before `createdBefore`, oldest first (their provider request may be lost). */
  listPendingRefunds(createdBefore: number, limit: number): Promise<RefundRecord[]>;
  /** Deletes up to `limit` idempotency keys created before `createdBefore` (past their window); returns how many. */
  forgetIdempotencyKeys(createdBefore: number, limit: number): Promise<number>;
}

export type WebhookEventState = 'pending' | 'delivered' | 'failed';

export interface WebhookEvent {
  readonly id: string;
  readonly clientId: string;
  readonly paymentId: string;
  readonly refundId: string | null;
  readonly type: string;
  readonly sequence: number;
  readonly url: string;
  /** The exact JSON body delivered (and signed) on every attempt. */
  readonly body: string;
  readonly state: WebhookEventState;
  readonly attempts: number;
  readonly createdAt: number;
  /** When the next attempt is due (epoch ms); null once delivered or given up. */
  readonly nextAttemptAt: number | null;
  readonly deliveredAt: number | null;
}

export interface WebhookDelivery {
  readonly eventId: string;
  readonly attempt: number;
  readonly at: number;
  /** HTTP status of the receiver's answer; null when there was none (timeout, refused). */
  readonly status: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export type DeliveryOutcome =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'retry'; readonly at: number }
  | { readonly kind: 'given_up' };

export interface WebhookOutbox {
  /**
   * Pending events due by `now`, oldest first, each leased until `leaseUntil` so another
   * worker does not send it at the same time. A crashed worker's lease simply runs out.
   */
  claimDue(now: number, leaseUntil: number, limit: number): Promise<WebhookEvent[]>;
  /** Logs one attempt and moves the event on. */
  recordAttempt(delivery: WebhookDelivery, outcome: DeliveryOutcome): Promise<void>;
  listForPayment(paymentId: string): Promise<WebhookEvent[]>;
  listDeliveries(eventId: string): Promise<WebhookDelivery[]>;
}
