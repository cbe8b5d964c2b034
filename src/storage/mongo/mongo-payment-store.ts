import type { Connection, Model } from 'mongoose';
import type {
  AuditEventInput, CreatePaymentResult, CreateRefundResult, IdempotencyClaim, NewPaymentRecord, NewRefundRecord,
  PaymentListQuery, PaymentRecord, PaymentStore, PaymentTransition, ReconcileQuery, RefundRecord, RefundTransition,
  TransitionResult,
} from '../storage.ts';
import type { MongoAuditStore } from './mongo-audit-store.ts';
import { withStates } from '../audit-states.ts';
import { paymentAfter, paymentAfterRefund, refundAfter, reserveRefund } from '../record-transitions.ts';
import {
  fromPaymentDoc, fromRefundDoc, idempotencySchema, paymentSchema, refundSchema, toPaymentDoc,
  type IdempotencyDoc, type PaymentDoc, type RefundDoc,
} from './mongo-payment-schemas.ts';
import type { MongoSession } from './mongo-session.ts';
import type { MongoWebhookOutbox } from './mongo-webhook-outbox.ts';

export async function createMongoPaymentStore(connection: Connection, audit: MongoAuditStore, outbox: MongoWebhookOutbox): Promise<PaymentStore> {
  const payments = connection.model<PaymentDoc>('Payment', paymentSchema);
  const refunds = connection.model<RefundDoc>('Refund', refundSchema);
  const keys = connection.model<IdempotencyDoc>('IdempotencyKey', idempotencySchema);
  await Promise.all([payments.init(), refunds.init(), keys.init()]);
  return new MongoPaymentStore(connection, payments, refunds, keys, audit, outbox);
}

type ClaimCheck = { kind: 'fresh' } | { kind: 'same'; resourceId: string } | { kind: 'reused' };

/**
 * Payments on MongoDB. Every write is a multi-document transaction (a replica set is
 * required, as for any deployment across machines): the version check, the change, its
 * audit record and its webhook event commit together or not at all, and a concurrent
 * writer's transaction fails with a write conflict, which the driver retries.
 */
class MongoPaymentStore implements PaymentStore {
  constructor(
    private readonly connection: Connection,
    private readonly payments: Model<PaymentDoc>,
    private readonly refunds: Model<RefundDoc>,
    private readonly keys: Model<IdempotencyDoc>,
    private readonly audit: MongoAuditStore,
    private readonly outbox: MongoWebhookOutbox,
  ) {}

  create(payment: NewPaymentRecord, claim: IdempotencyClaim, audit: AuditEventInput): Promise<CreatePaymentResult> {
    return this.connection.transaction(async (session): Promise<CreatePaymentResult> => {
      const seen = await this.checkClaim(claim, session);
      if (seen.kind === 'reused') return { outcome: 'key_reused' };
      if (seen.kind === 'same') {
        const existing = await this.findPayment(seen.resourceId, session);
        if (existing) return { outcome: 'replayed', payment: existing };
      }
      const record: PaymentRecord = {
        ...payment, state: 'created', payerSub: null, provider: null, providerTransactionId: null, providerForms: [],
        method: null, lateSuccess: false, refundReserved: 0, refunded: 0, eventSeq: 0, updatedAt: payment.createdAt,
        finishedAt: null, reconciledAt: null, version: 1,
      };
      await this.payments.create([toPaymentDoc(record)], { session });
      await this.rememberClaim(claim, record.id, record.createdAt, session);
      await this.audit.appendWithin(audit, session);
      return { outcome: 'created', payment: record };
    });
  }

  get(id: string): Promise<PaymentRecord | undefined> {
    return this.findPayment(id);
  }

  async list(query: PaymentListQuery): Promise<PaymentRecord[]> {
    const createdAt: Record<string, number> = {};
    if (query.createdFrom !== undefined) createdAt.$gte = query.createdFrom;
    if (query.createdBefore !== undefined) createdAt.$lt = query.createdBefore;
    const filter: Record<string, unknown> = { clientId: query.clientId };
    if (Object.keys(createdAt).length > 0) filter.createdAt = createdAt;
    if (query.states && query.states.length > 0) filter.state = { $in: [...query.states] };
    if (query.after) {
      filter.$or = [
        { createdAt: { $lt: query.after.createdAt } },
        { createdAt: query.after.createdAt, _id: { $lt: query.after.id } },
      ];
    }
    const docs = await this.payments.find(filter).sort({ createdAt: -1, _id: -1 }).limit(query.limit).lean<PaymentDoc[]>();
    return docs.map(fromPaymentDoc);
  }

  transition(change: PaymentTransition): Promise<TransitionResult<PaymentRecord>> {
    return this.connection.transaction(async (session): Promise<TransitionResult<PaymentRecord>> => {
      const current = await this.findPayment(change.paymentId, session);
      if (!current) return { applied: false, record: undefined };
      const after = paymentAfter(current, change);
      if (!after) return { applied: false, record: current };
      const { next, notify } = after;
      await this.writePayment(next, current.version, session);
      await this.audit.appendWithin(withStates(change.audit, current.state, change.to), session);
      if (notify) await this.outbox.enqueueWithin(change.webhook!, { payment: next, eventId: change.newEventId(), at: change.at }, session);
      return { applied: true, record: next };
    });
  }

  async markReconciled(id: string, at: number): Promise<void> {
    await this.payments.updateOne({ _id: id }, { $set: { reconciledAt: at } });
  }

  async listExpired(now: number, limit: number): Promise<PaymentRecord[]> {
    const docs = await this.payments.find({ state: { $in: ['created', 'started'] }, expiresAt: { $lte: now } })
      .sort({ expiresAt: 1 }).limit(limit).lean<PaymentDoc[]>();
    return docs.map(fromPaymentDoc);
  }

  async listReconcilable(query: ReconcileQuery): Promise<PaymentRecord[]> {
    const notRecentlyAsked = (before: number) => ({ $or: [{ reconciledAt: null }, { reconciledAt: { $lte: before } }] });
    const docs = await this.payments.find({
      providerTransactionId: { $ne: null },
      $or: [
        { state: 'started', updatedAt: { $lte: query.now - query.staleAfterMs }, ...notRecentlyAsked(query.now - query.recheckAfterMs) },
        { state: 'expired', finishedAt: { $gte: query.now - query.expiredWindowMs }, ...notRecentlyAsked(query.now - query.expiredRecheckAfterMs) },
      ],
    }).sort({ updatedAt: 1 }).limit(query.limit).lean<PaymentDoc[]>();
    return docs.map(fromPaymentDoc);
  }

  createRefund(refund: NewRefundRecord, options: { readonly expectedAvailable?: number }, claim: IdempotencyClaim, audit: AuditEventInput): Promise<CreateRefundResult> {
    return this.connection.transaction(async (session): Promise<CreateRefundResult> => {
      const seen = await this.checkClaim(claim, session);
      if (seen.kind === 'reused') return { outcome: 'key_reused' };
      const payment = await this.findPayment(refund.paymentId, session);
      if (!payment || payment.clientId !== refund.clientId) return { outcome: 'payment_not_found' };
      if (seen.kind === 'same') {
        const existing = await this.findRefund(refund.paymentId, seen.resourceId, session);
        if (existing) return { outcome: 'replayed', refund: existing, payment };
      }
      const reserved = reserveRefund(payment, refund, options.expectedAvailable);
      if (!reserved.ok) return reserved.result;
      const record: RefundRecord = {
        ...refund, state: 'pending', providerRefundId: null, updatedAt: refund.createdAt, finishedAt: null, version: 1,
      };
      const { id, ...rest } = record;
      await this.refunds.create([{ _id: id, ...rest }], { session });
      const { next } = reserved;
      await this.writePayment(next, payment.version, session);
      await this.rememberClaim(claim, refund.id, refund.createdAt, session);
      await this.audit.appendWithin(audit, session);
      return { outcome: 'created', refund: record, payment: next };
    });
  }

  getRefund(paymentId: string, refundId: string): Promise<RefundRecord | undefined> {
    return this.findRefund(paymentId, refundId);
  }

  async listRefunds(paymentId: string): Promise<RefundRecord[]> {
    const docs = await this.refunds.find({ paymentId }).sort({ createdAt: 1, _id: 1 }).lean<RefundDoc[]>();
    return docs.map(fromRefundDoc);
  }

  transitionRefund(change: RefundTransition): Promise<TransitionResult<RefundRecord>> {
    return this.connection.transaction(async (session): Promise<TransitionResult<RefundRecord>> => {
      const current = await this.findRefund(change.paymentId, change.refundId, session);
      if (!current) return { applied: false, record: undefined };
      const next = refundAfter(current, change);
      if (!next) return { applied: false, record: current };
      const { id, ...rest } = next;
      const updated = await this.refunds.updateOne({ _id: id, version: current.version }, { $set: rest }, { session });
      if (updated.modifiedCount !== 1) throw new Error(`refund ${id} changed inside its transaction`);
      const payment = (await this.findPayment(change.paymentId, session))!;
      const { next: nextPayment, notify } = paymentAfterRefund(payment, current, change);
      await this.writePayment(nextPayment, payment.version, session);
      await this.audit.appendWithin(withStates(change.audit, current.state, change.to), session);
      if (notify) await this.outbox.enqueueWithin(change.webhook!, { payment: nextPayment, refund: next, eventId: change.newEventId(), at: change.at }, session);
      return { applied: true, record: next };
    });
  }

  async forgetIdempotencyKeys(createdBefore: number, limit: number): Promise<number> {
    const old = await this.keys.find({ createdAt: { $lt: createdBefore } }, { _id: 1 }).sort({ createdAt: 1 }).limit(limit).lean<{ _id: unknown }[]>();
    if (old.length === 0) return 0;
    return (await this.keys.deleteMany({ _id: { $in: old.map((doc) => doc._id) } })).deletedCount;
  }

  async listPendingRefunds(createdBefore: number, limit: number): Promise<RefundRecord[]> {
    const docs = await this.refunds.find({ state: 'pending', createdAt: { $lte: createdBefore } }).sort({ createdAt: 1 }).limit(limit).lean<RefundDoc[]>();
    return docs.map(fromRefundDoc);
  }

  private async findPayment(id: string, session?: MongoSession): Promise<PaymentRecord | undefined> {
    const doc = await this.payments.findOne({ _id: id }, undefined, { session }).lean<PaymentDoc>();
    return doc ? fromPaymentDoc(doc) : undefined;
  }

  private async findRefund(paymentId: string, refundId: string, session?: MongoSession): Promise<RefundRecord | undefined> {
    const doc = await this.refunds.findOne({ _id: refundId, paymentId }, undefined, { session }).lean<RefundDoc>();
    return doc ? fromRefundDoc(doc) : undefined;
  }

  private async writePayment(next: PaymentRecord, previousVersion: number, session: MongoSession): Promise<void> {
    const { id, ...rest } = next;
    const result = await this.payments.updateOne({ _id: id, version: previousVersion }, { $set: rest }, { session });
    if (result.modifiedCount !== 1) throw new Error(`payment ${id} changed inside its transaction`);
  }

  private async checkClaim(claim: IdempotencyClaim, session: MongoSession): Promise<ClaimCheck> {
    const doc = await this.keys.findOne({ clientId: claim.clientId, scope: claim.scope, key: claim.key }, undefined, { session }).lean<IdempotencyDoc>();
    if (!doc || doc.createdAt < claim.notBefore) return { kind: 'fresh' };
    return doc.requestHash === claim.requestHash ? { kind: 'same', resourceId: doc.resourceId } : { kind: 'reused' };
  }

  private async rememberClaim(claim: IdempotencyClaim, resourceId: string, createdAt: number, session: MongoSession): Promise<void> {
    await this.keys.replaceOne(
      { clientId: claim.clientId, scope: claim.scope, key: claim.key },
      { clientId: claim.clientId, scope: claim.scope, key: claim.key, requestHash: claim.requestHash, resourceId, createdAt },
      { upsert: true, session },
    );
  }
}
