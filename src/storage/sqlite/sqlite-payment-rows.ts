import type {
  PaymentItem, PaymentRecord, PaymentState, ProviderFormRecord, RefundRecord, RefundState,
  WebhookDelivery, WebhookEvent, WebhookEventState,
} from '../storage.ts';

/** Rows as SQLite returns them, and their mapping to and from the port's records. */

export interface PaymentRow {
  readonly id: string;
  readonly client_id: string;
  readonly state: PaymentState;
  readonly amount: number;
  readonly currency: 'EUR';
  readonly description: string;
  readonly reference: string;
  readonly language: string;
  readonly return_url: string;
  readonly cancel_url: string;
  readonly webhook_url: string | null;
  readonly payer_must_be_identified: number;
  readonly items: string;
  readonly payer_sub: string | null;
  readonly provider: string | null;
  readonly provider_transaction_id: string | null;
  readonly provider_forms: string;
  readonly method: string | null;
  readonly late_success: number;
  readonly refund_reserved: number;
  readonly refunded: number;
  readonly event_seq: number;
  readonly created_at: number;
  readonly updated_at: number;
  readonly expires_at: number;
  readonly finished_at: number | null;
  readonly reconciled_at: number | null;
  readonly version: number;
}

export const PAYMENT_COLUMNS = `id, client_id, state, amount, currency, description, reference, language, return_url,
  cancel_url, webhook_url, payer_must_be_identified, items, payer_sub, provider, provider_transaction_id,
  provider_forms, method, late_success, refund_reserved, refunded, event_seq, created_at, updated_at,
  expires_at, finished_at, reconciled_at, version`;

export const PAYMENT_VALUES = `@id, @clientId, @state, @amount, @currency, @description, @reference, @language, @returnUrl,
  @cancelUrl, @webhookUrl, @payerMustBeIdentified, @items, @payerSub, @provider, @providerTransactionId,
  @providerForms, @method, @lateSuccess, @refundReserved, @refunded, @eventSeq, @createdAt, @updatedAt,
  @expiresAt, @finishedAt, @reconciledAt, @version`;

export function toPaymentRecord(row: PaymentRow): PaymentRecord {
  return {
    id: row.id,
    clientId: row.client_id,
    state: row.state,
    amount: row.amount,
    currency: row.currency,
    description: row.description,
    reference: row.reference,
    language: row.language,
    returnUrl: row.return_url,
    cancelUrl: row.cancel_url,
    webhookUrl: row.webhook_url,
    payerMustBeIdentified: row.payer_must_be_identified === 1,
    items: JSON.parse(row.items) as PaymentItem[],
    payerSub: row.payer_sub,
    provider: row.provider,
    providerTransactionId: row.provider_transaction_id,
    providerForms: JSON.parse(row.provider_forms) as ProviderFormRecord[],
    method: row.method,
    lateSuccess: row.late_success === 1,
    refundReserved: row.refund_reserved,
    refunded: row.refunded,
    eventSeq: row.event_seq,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    finishedAt: row.finished_at,
    reconciledAt: row.reconciled_at,
    version: row.version,
  };
}

/** Named parameters for PAYMENT_VALUES and the update statement. */
export function paymentParams(payment: PaymentRecord): Record<string, unknown> {
  return {
    ...payment,
    payerMustBeIdentified: payment.payerMustBeIdentified ? 1 : 0,
    items: JSON.stringify(payment.items),
    providerForms: JSON.stringify(payment.providerForms),
    lateSuccess: payment.lateSuccess ? 1 : 0,
  };
}

export interface RefundRow {
  readonly id: string;
  readonly payment_id: string;
  readonly client_id: string;
  readonly state: RefundState;
  readonly amount: number;
  readonly reason: string | null;
  readonly provider_refund_id: string | null;
  readonly created_at: number;
  readonly updated_at: number;
  readonly finished_at: number | null;
  readonly version: number;
}

export const REFUND_COLUMNS = 'id, payment_id, client_id, state, amount, reason, provider_refund_id, created_at, updated_at, finished_at, version';

export function toRefundRecord(row: RefundRow): RefundRecord {
  return {
    id: row.id,
    paymentId: row.payment_id,
    clientId: row.client_id,
    state: row.state,
    amount: row.amount,
    reason: row.reason,
    providerRefundId: row.provider_refund_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    version: row.version,
  };
}

export interface WebhookEventRow {
  readonly id: string;
  readonly client_id: string;
  readonly payment_id: string;
  readonly refund_id: string | null;
  readonly type: string;
  readonly sequence: number;
  readonly url: string;
  readonly body: string;
  readonly state: WebhookEventState;
  readonly attempts: number;
  readonly created_at: number;
  readonly next_attempt_at: number | null;
  readonly delivered_at: number | null;
}

export const WEBHOOK_EVENT_COLUMNS = 'id, client_id, payment_id, refund_id, type, sequence, url, body, state, attempts, created_at, next_attempt_at, delivered_at';

export function toWebhookEvent(row: WebhookEventRow): WebhookEvent {
  return {
    id: row.id,
    clientId: row.client_id,
    paymentId: row.payment_id,
    refundId: row.refund_id,
    type: row.type,
    sequence: row.sequence,
    url: row.url,
    body: row.body,
    state: row.state,
    attempts: row.attempts,
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
  };
}

export interface WebhookDeliveryRow {
  readonly event_id: string;
  readonly attempt: number;
  readonly at: number;
  readonly status: number | null;
  readonly error: string | null;
  readonly duration_ms: number;
}

export function toWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return { eventId: row.event_id, attempt: row.attempt, at: row.at, status: row.status, error: row.error, durationMs: row.duration_ms };
}
