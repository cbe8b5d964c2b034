import type { Database, Statement, Transaction } from 'better-sqlite3';
import type {
  AuditEventInput, CreatePaymentResult, CreateRefundResult, IdempotencyClaim, NewPaymentRecord, NewRefundRecord,
  PaymentListQuery, PaymentRecord, PaymentStore, PaymentTransition, ReconcileQuery, RefundRecord, RefundTransition,
  TransitionResult,
} from '../storage.ts';
import type { SqliteAuditStore } from './sqlite-audit-store.ts';
import { withStates } from '../audit-states.ts';
import { SqliteIdempotency } from './sqlite-idempotency.ts';
import {
  PAYMENT_COLUMNS, PAYMENT_VALUES, REFUND_COLUMNS, paymentParams, toPaymentRecord, toRefundRecord,
  type PaymentRow, type RefundRow,
} from './sqlite-payment-rows.ts';
import type { SqliteWebhookOutbox } from './sqlite-webhook-outbox.ts';

type RefundOptions = { readonly expectedAvailable?: number };

/**
 * Payments and refunds on SQLite. Every write is one IMMEDIATE transaction: the write lock
 * is taken before the read, so the check ("is it still `started`?") and the change, its
 * audit record and its webhook event are one step for every worker sharing the file.
 */
export class SqlitePaymentStore implements PaymentStore {
  private readonly idempotency: SqliteIdempotency;
  private readonly selectPayment: Statement<unknown[], PaymentRow>;
  private readonly insertPayment: Statement;
  private readonly updatePayment: Statement;
  private readonly setReconciled: Statement;
  private readonly selectExpired: Statement<unknown[], PaymentRow>;
  private readonly selectReconcilable: Statement<unknown[], PaymentRow>;
  private readonly selectRefund: Statement<unknown[], RefundRow>;
  private readonly selectRefunds: Statement<unknown[], RefundRow>;
  private readonly selectPendingRefunds: Statement<unknown[], RefundRow>;
  private readonly insertRefund: Statement;
  private readonly updateRefund: Statement;
  private readonly createTx: Transaction<(p: NewPaymentRecord, c: IdempotencyClaim, a: AuditEventInput) => CreatePaymentResult>;
  private readonly transitionTx: Transaction<(change: PaymentTransition) => TransitionResult<PaymentRecord>>;
  private readonly createRefundTx: Transaction<(r: NewRefundRecord, o: RefundOptions, c: IdempotencyClaim, a: AuditEventInput) => CreateRefundResult>;
  private readonly transitionRefundTx: Transaction<(change: RefundTransition) => TransitionResult<RefundRecord>>;

  constructor(private readonly db: Database, private readonly audit: SqliteAuditStore, private readonly outbox: SqliteWebhookOutbox) {
    this.idempotency = new SqliteIdempotency(db);
    this.selectPayment = db.prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = ?`);
    this.insertPayment = db.prepare(`INSERT INTO payments (${PAYMENT_COLUMNS}) VALUES (${PAYMENT_VALUES})`);
    this.updatePayment = db.prepare(
      `UPDATE payments SET state = @state, payer_sub = @payerSub, provider = @provider,
         provider_transaction_id = @providerTransactionId, provider_forms = @providerForms, method = @method,
         late_success = @lateSuccess, refund_reserved = @refundReserved, refunded = @refunded, event_seq = @eventSeq,
         updated_at = @updatedAt, finished_at = @finishedAt, version = @version
       WHERE id = @id AND version = @previousVersion`,
    );
    this.setReconciled = db.prepare('UPDATE payments SET reconciled_at = ? WHERE id = ?');
    this.selectExpired = db.prepare(
      `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE state IN ('created', 'started') AND expires_at <= ? ORDER BY expires_at LIMIT ?`,
    );
    this.selectReconcilable = db.prepare(
      `SELECT ${PAYMENT_COLUMNS} FROM payments
       WHERE provider_transaction_id IS NOT NULL AND state IN ('started', 'expired') AND (
         (state = 'started' AND updated_at <= @staleBefore AND (reconciled_at IS NULL OR reconciled_at <= @recheckBefore))
         OR (state = 'expired' AND finished_at >= @expiredAfter AND (reconciled_at IS NULL OR reconciled_at <= @expiredRecheckBefore)))
       ORDER BY updated_at LIMIT @limit`,
    );
    this.selectRefund = db.prepare(`SELECT ${REFUND_COLUMNS} FROM refunds WHERE payment_id = ? AND id = ?`);
    this.selectRefunds = db.prepare(`SELECT ${REFUND_COLUMNS} FROM refunds WHERE payment_id = ? ORDER BY created_at, id`);
    this.selectPendingRefunds = db.prepare(
      `SELECT ${REFUND_COLUMNS} FROM refunds WHERE state = 'pending' AND created_at <= ? ORDER BY created_at LIMIT ?`,
    );
    this.insertRefund = db.prepare(
      `INSERT INTO refunds (${REFUND_COLUMNS})
       VALUES (@id, @paymentId, @clientId, 'pending', @amount, @reason, NULL, @createdAt, @createdAt, NULL, 1)`,
    );
    this.updateRefund = db.prepare(
      `UPDATE refunds SET state = @state, provider_refund_id = @providerRefundId, updated_at = @updatedAt,
         finished_at = @finishedAt, version = @version
       WHERE id = @id AND version = @previousVersion`,
    );
    this.createTx = db.transaction((payment, claim, audit) => this.createInTx(payment, claim, audit));
    this.transitionTx = db.transaction((change) => this.transitionInTx(change));
    this.createRefundTx = db.transaction((refund, options, claim, audit) => this.createRefundInTx(refund, options, claim, audit));
    this.transitionRefundTx = db.transaction((change) => this.transitionRefundInTx(change));
  }

  async create(payment: NewPaymentRecord, claim: IdempotencyClaim, audit: AuditEventInput): Promise<CreatePaymentResult> {
    return this.createTx.immediate(payment, claim, audit);
  }

  async get(id: string): Promise<PaymentRecord | undefined> {
    const row = this.selectPayment.get(id);
    return row && toPaymentRecord(row);
  }

  async list(query: PaymentListQuery): Promise<PaymentRecord[]> {
    const where = ['client_id = @clientId'];
    const params: Record<string, unknown> = { clientId: query.clientId, limit: query.limit };
    if (query.states && query.states.length > 0) {
      where.push(`state IN (${query.states.map((_, i) => `@state${i}`).join(', ')})`);
      query.states.forEach((state, i) => { params[`state${i}`] = state; });
    }
    if (query.createdFrom !== undefined) {
      where.push('created_at >= @createdFrom');
      params.createdFrom = query.createdFrom;
    }
    if (query.createdBefore !== undefined) {
      where.push('created_at < @createdBefore');
      params.createdBefore = query.createdBefore;
    }
    if (query.after) {
      where.push('(created_at < @afterCreatedAt OR (created_at = @afterCreatedAt AND id < @afterId))');
      params.afterCreatedAt = query.after.createdAt;
      params.afterId = query.after.id;
    }
    // The statement text depends only on which filters are present, so the cache stays small.
    const rows = this.db
      .prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT @limit`)
      .all(params) as PaymentRow[];
    return rows.map(toPaymentRecord);
  }

  async transition(change: PaymentTransition): Promise<TransitionResult<PaymentRecord>> {
    return this.transitionTx.immediate(change);
  }

  async markReconciled(id: string, at: number): Promise<void> {
    this.setReconciled.run(at, id);
  }

  async listExpired(now: number, limit: number): Promise<PaymentRecord[]> {
    return this.selectExpired.all(now, limit).map(toPaymentRecord);
  }

  async listReconcilable(query: ReconcileQuery): Promise<PaymentRecord[]> {
    return this.selectReconcilable.all({
      staleBefore: query.now - query.staleAfterMs,
      recheckBefore: query.now - query.recheckAfterMs,
      expiredAfter: query.now - query.expiredWindowMs,
      expiredRecheckBefore: query.now - query.expiredRecheckAfterMs,
      limit: query.limit,
    }).map(toPaymentRecord);
  }

  async createRefund(refund: NewRefundRecord, options: RefundOptions, claim: IdempotencyClaim, audit: AuditEventInput): Promise<CreateRefundResult> {
    return this.createRefundTx.immediate(refund, options, claim, audit);
  }

  async getRefund(paymentId: string, refundId: string): Promise<RefundRecord | undefined> {
    const row = this.selectRefund.get(paymentId, refundId);
    return row && toRefundRecord(row);
  }

  async listRefunds(paymentId: string): Promise<RefundRecord[]> {
    return this.selectRefunds.all(paymentId).map(toRefundRecord);
  }

  async transitionRefund(change: RefundTransition): Promise<TransitionResult<RefundRecord>> {
    return this.transitionRefundTx.immediate(change);
  }

  async listPendingRefunds(createdBefore: number, limit: number): Promise<RefundRecord[]> {
    return this.selectPendingRefunds.all(createdBefore, limit).map(toRefundRecord);
  }

  private createInTx(payment: NewPaymentRecord, claim: IdempotencyClaim, audit: AuditEventInput): CreatePaymentResult {
    const seen = this.idempotency.check(claim);
    if (seen.kind === 'reused') return { outcome: 'key_reused' };
    if (seen.kind === 'same') {
      const existing = this.selectPayment.get(seen.resourceId);
      if (existing) return { outcome: 'replayed', payment: toPaymentRecord(existing) };
    }
    const record: PaymentRecord = {
      ...payment,
      state: 'created',
      payerSub: null,
      provider: null,
      providerTransactionId: null,
      providerForms: [],
      method: null,
      lateSuccess: false,
      refundReserved: 0,
      refunded: 0,
      eventSeq: 0,
      updatedAt: payment.createdAt,
      finishedAt: null,
      reconciledAt: null,
      version: 1,
    };
    this.insertPayment.run(paymentParams(record));
    this.idempotency.remember(claim, record.id, record.createdAt);
    this.audit.appendWithinTransaction(audit);
    return { outcome: 'created', payment: record };
  }

  private transitionInTx(change: PaymentTransition): TransitionResult<PaymentRecord> {
    const row = this.selectPayment.get(change.paymentId);
    if (!row) return { applied: false, record: undefined };
    const current = toPaymentRecord(row);
    const versionMatches = change.expectedVersion === undefined || change.expectedVersion === current.version;
    if (!change.from.includes(current.state) || !versionMatches) return { applied: false, record: current };
    const notify = change.webhook !== undefined && current.webhookUrl !== null;
    const next: PaymentRecord = {
      ...current,
      ...change.set,
      state: change.to,
      updatedAt: change.at,
      eventSeq: current.eventSeq + (notify ? 1 : 0),
      version: current.version + 1,
    };
    this.writePayment(next, current.version);
    this.audit.appendWithinTransaction(withStates(change.audit, current.state, change.to));
    if (notify) this.outbox.enqueueWithinTransaction(change.webhook!, { payment: next, eventId: change.newEventId(), at: change.at });
    return { applied: true, record: next };
  }

  private createRefundInTx(refund: NewRefundRecord, options: RefundOptions, claim: IdempotencyClaim, audit: AuditEventInput): CreateRefundResult {
    const seen = this.idempotency.check(claim);
    if (seen.kind === 'reused') return { outcome: 'key_reused' };
    const row = this.selectPayment.get(refund.paymentId);
    if (!row || row.client_id !== refund.clientId) return { outcome: 'payment_not_found' };
    const payment = toPaymentRecord(row);
    if (seen.kind === 'same') {
      const existing = this.selectRefund.get(refund.paymentId, seen.resourceId);
      if (existing) return { outcome: 'replayed', refund: toRefundRecord(existing), payment };
    }
    if (payment.state !== 'succeeded') return { outcome: 'not_refundable', payment };
    const available = payment.amount - payment.refundReserved;
    if (options.expectedAvailable !== undefined && options.expectedAvailable !== available) {
      return { outcome: 'available_mismatch', available };
    }
    if (refund.amount > available) return { outcome: 'exceeds_available', available };
    this.insertRefund.run(refund);
    const next: PaymentRecord = {
      ...payment,
      refundReserved: payment.refundReserved + refund.amount,
      updatedAt: refund.createdAt,
      version: payment.version + 1,
    };
    this.writePayment(next, payment.version);
    this.idempotency.remember(claim, refund.id, refund.createdAt);
    this.audit.appendWithinTransaction(audit);
    return { outcome: 'created', refund: toRefundRecord(this.selectRefund.get(refund.paymentId, refund.id)!), payment: next };
  }

  private transitionRefundInTx(change: RefundTransition): TransitionResult<RefundRecord> {
    const row = this.selectRefund.get(change.paymentId, change.refundId);
    if (!row) return { applied: false, record: undefined };
    const current = toRefundRecord(row);
    if (!change.from.includes(current.state)) return { applied: false, record: current };
    const next: RefundRecord = {
      ...current,
      ...change.set,
      state: change.to,
      updatedAt: change.at,
      finishedAt: change.to === 'pending' ? null : change.at,
      version: current.version + 1,
    };
    this.updateRefund.run({
      id: next.id, state: next.state, providerRefundId: next.providerRefundId, updatedAt: next.updatedAt,
      finishedAt: next.finishedAt, version: next.version, previousVersion: current.version,
    });
    const payment = toPaymentRecord(this.selectPayment.get(change.paymentId)!);
    const released = change.to === 'failed' ? current.amount : 0;
    const settled = change.to === 'succeeded' ? current.amount : 0;
    const notify = change.webhook !== undefined && payment.webhookUrl !== null;
    const nextPayment: PaymentRecord = {
      ...payment,
      refundReserved: payment.refundReserved - released,
      refunded: payment.refunded + settled,
      eventSeq: payment.eventSeq + (notify ? 1 : 0),
      updatedAt: change.at,
      version: payment.version + 1,
    };
    this.writePayment(nextPayment, payment.version);
    this.audit.appendWithinTransaction(withStates(change.audit, current.state, change.to));
    if (notify) {
      this.outbox.enqueueWithinTransaction(change.webhook!, { payment: nextPayment, refund: next, eventId: change.newEventId(), at: change.at });
    }
    return { applied: true, record: next };
  }

  private writePayment(next: PaymentRecord, previousVersion: number): void {
    const { changes } = this.updatePayment.run({ ...paymentParams(next), previousVersion });
    // Unreachable inside an IMMEDIATE transaction; a loud failure beats a silent lost update.
    if (changes !== 1) throw new Error(`payment ${next.id} changed under a write lock`);
  }
}
