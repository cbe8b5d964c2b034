import { Schema } from 'mongoose';
import type { PaymentRecord, RefundRecord, WebhookDelivery, WebhookEvent } from '../storage.ts';

/** Documents store the port's records as they are, with the record id as `_id`. */
export type PaymentDoc = Omit<PaymentRecord, 'id'> & { _id: string };
export type RefundDoc = Omit<RefundRecord, 'id'> & { _id: string };
export type WebhookEventDoc = Omit<WebhookEvent, 'id'> & { _id: string };
export type WebhookDeliveryDoc = WebhookDelivery;

export interface IdempotencyDoc {
  clientId: string;
  scope: string;
  key: string;
  requestHash: string;
  resourceId: string;
  createdAt: number;
}

const mixed = Schema.Types.Mixed;
const options = { minimize: false, versionKey: false, _id: false } as const;

export const paymentSchema = new Schema<PaymentDoc>({
  _id: String, clientId: String, state: String, amount: Number, currency: String, description: String,
  reference: String, language: String, returnUrl: String, cancelUrl: String, webhookUrl: mixed,
  payerMustBeIdentified: Boolean, items: mixed, payerSub: mixed, provider: mixed, providerTransactionId: mixed,
  providerForms: mixed, method: mixed, lateSuccess: Boolean, refundReserved: Number, refunded: Number,
  eventSeq: Number, createdAt: Number, updatedAt: Number, expiresAt: Number, finishedAt: mixed,
  reconciledAt: mixed, version: Number,
}, { ...options, collection: 'payments' });
paymentSchema.index({ clientId: 1, createdAt: -1, _id: -1 });
paymentSchema.index({ state: 1, expiresAt: 1 });
paymentSchema.index({ state: 1, updatedAt: 1 });

export const refundSchema = new Schema<RefundDoc>({
  _id: String, paymentId: String, clientId: String, state: String, amount: Number, reason: mixed,
  providerRefundId: mixed, createdAt: Number, updatedAt: Number, finishedAt: mixed, version: Number,
}, { ...options, collection: 'refunds' });
refundSchema.index({ paymentId: 1, createdAt: 1 });
refundSchema.index({ state: 1, createdAt: 1 });

export const idempotencySchema = new Schema<IdempotencyDoc>({
  clientId: String, scope: String, key: String, requestHash: String, resourceId: String, createdAt: Number,
}, { minimize: false, versionKey: false, collection: 'idempotency_keys' });
idempotencySchema.index({ clientId: 1, scope: 1, key: 1 }, { unique: true });
idempotencySchema.index({ createdAt: 1 });

export const webhookEventSchema = new Schema<WebhookEventDoc>({
  _id: String, clientId: String, paymentId: String, refundId: mixed, type: String, sequence: Number, url: String,
  body: String, state: String, attempts: Number, createdAt: Number, nextAttemptAt: mixed, deliveredAt: mixed,
}, { ...options, collection: 'webhook_events' });
webhookEventSchema.index({ state: 1, nextAttemptAt: 1 });
webhookEventSchema.index({ paymentId: 1, sequence: 1 }, { unique: true });

export const webhookDeliverySchema = new Schema<WebhookDeliveryDoc>({
  eventId: String, attempt: Number, at: Number, status: mixed, error: mixed, durationMs: Number,
}, { minimize: false, versionKey: false, collection: 'webhook_deliveries' });
webhookDeliverySchema.index({ eventId: 1, attempt: 1 }, { unique: true });

export function fromPaymentDoc({ _id, ...rest }: PaymentDoc): PaymentRecord {
  return { id: _id, ...rest };
}

export function toPaymentDoc({ id, ...rest }: PaymentRecord): PaymentDoc {
  return { _id: id, ...rest };
}

export function fromRefundDoc({ _id, ...rest }: RefundDoc): RefundRecord {
  return { id: _id, ...rest };
}

export function fromWebhookEventDoc({ _id, ...rest }: WebhookEventDoc): WebhookEvent {
  return { id: _id, ...rest };
}
