import type {
  CreateRefundResult, NewRefundRecord, PaymentRecord, PaymentTransition, RefundRecord, RefundTransition, WebhookEvent, WebhookEventDraft,
} from './storage.ts';

/*
 * What a payment or refund change does to the records, decided once for every store: each
 * store only reads the current records, writes the results and appends audit and webhook
 * event in the same transaction.
 */

/** The payment after `change`, or undefined when it does not apply (another state, a stale version). */
export function paymentAfter(current: PaymentRecord, change: PaymentTransition): { readonly next: PaymentRecord; readonly notify: boolean } | undefined {
  const versionMatches = change.expectedVersion === undefined || change.expectedVersion === current.version;
  if (!change.from.includes(current.state) || !versionMatches) return undefined;
  const notify = change.webhook !== undefined && current.webhookUrl !== null;
  const next: PaymentRecord = {
    ...current, ...change.set, state: change.to, updatedAt: change.at, eventSeq: current.eventSeq + (notify ? 1 : 0), version: current.version + 1,
  };
  return { next, notify };
}

/** The refund after `change`, or undefined when the refund is in none of its `from` states. */
export function refundAfter(current: RefundRecord, change: RefundTransition): RefundRecord | undefined {
  if (!change.from.includes(current.state)) return undefined;
  return {
    ...current, ...change.set, state: change.to, updatedAt: change.at, finishedAt: change.to === 'pending' ? null : change.at, version: current.version + 1,
  };
}

/** What the refund's change does to its payment: a failed refund frees what it had reserved; a succeeded one counts as refunded. */
export function paymentAfterRefund(payment: PaymentRecord, refund: RefundRecord, change: RefundTransition): { readonly next: PaymentRecord; readonly notify: boolean } {
  const notify = change.webhook !== undefined && payment.webhookUrl !== null;
  const next: PaymentRecord = {
    ...payment,
    refundReserved: payment.refundReserved - (change.to === 'failed' ? refund.amount : 0),
    refunded: payment.refunded + (change.to === 'succeeded' ? refund.amount : 0),
    eventSeq: payment.eventSeq + (notify ? 1 : 0),
    updatedAt: change.at,
    version: payment.version + 1,
  };
  return { next, notify };
}

/**
 * Reserves a new refund's amount of its payment: only a succeeded payment, only what is
 * still available, and only when the caller's idea of what is available is current.
 */
export function reserveRefund(payment: PaymentRecord, refund: NewRefundRecord, expectedAvailable: number | undefined):
  { readonly ok: true; readonly next: PaymentRecord } | { readonly ok: false; readonly result: CreateRefundResult } {
  if (payment.state !== 'succeeded') return { ok: false, result: { outcome: 'not_refundable', payment } };
  const available = payment.amount - payment.refundReserved;
  if (expectedAvailable !== undefined && expectedAvailable !== available) return { ok: false, result: { outcome: 'available_mismatch', available } };
  if (refund.amount > available) return { ok: false, result: { outcome: 'exceeds_available', available } };
  return { ok: true, next: { ...payment, refundReserved: payment.refundReserved + refund.amount, updatedAt: refund.createdAt, version: payment.version + 1 } };
}

/** The event a change enqueues for the e-service's webhook, or undefined when the payment has no webhook URL. */
export function newWebhookEvent(
  draft: WebhookEventDraft,
  facts: { readonly payment: PaymentRecord; readonly refund?: RefundRecord; readonly eventId: string; readonly at: number },
): WebhookEvent | undefined {
  const { payment, refund, eventId, at } = facts;
  if (!payment.webhookUrl) return undefined;
  return {
    id: eventId,
    clientId: payment.clientId,
    paymentId: payment.id,
    refundId: refund?.id ?? null,
    type: draft.type,
    sequence: payment.eventSeq,
    url: payment.webhookUrl,
    body: draft.body({ payment, ...(refund ? { refund } : {}), eventId, sequence: payment.eventSeq }),
    state: 'pending',
    attempts: 0,
    createdAt: at,
    nextAttemptAt: at,
    deliveredAt: null,
  };
}
