import type { Database, Statement, Transaction } from 'better-sqlite3';
import type {
  AuditEventInput, CreatePaymentResult, CreateRefundResult, IdempotencyClaim, NewPaymentRecord, NewRefundRecord,
  PaymentListQuery, PaymentRecord, PaymentStore, PaymentTransition, ReconcileQuery, RefundRecord, RefundTransition,
  TransitionResult,
} from '../storage.ts';
import { withStates } from '../audit-states.ts';
import { paymentAfter } from '../record-transitions.ts';
import type { SqliteAuditStore } from './sqlite-audit-store.ts';
import { SqliteIdempotency } from './sqlite-idempotency.ts';
import { PAYMENT_COLUMNS, toPaymentRecord, type PaymentRow } from './sqlite-payment-rows.ts';
import { SqlitePaymentTable } from './sqlite-payment-table.ts';
import { SqliteRefunds } from './sqlite-refunds.ts';
import type { SqliteWebhookOutbox } from './sqlite-webhook-outbox.ts';

type Settled = { readonly ok: true; readonly result: CreatePaymentResult } | { readonly ok: false; readonly error: unknown };

interface QueuedCreate {
  readonly payment: NewPaymentRecord;
  readonly claim: IdempotencyClaim;
  readonly audit: AuditEventInput;
  readonly resolve: (result: CreatePaymentResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Payments on SQLite. Every write is one IMMEDIATE transaction: the write lock is taken
 * before the read, so the check ("is it still `started`?") and the change, its audit
 * record and its webhook event are one step for every worker sharing the file.
 */
export class SqlitePaymentStore implements PaymentStore {
  private readonly payments: SqlitePaymentTable;
  private readonly idempotency: SqliteIdempotency;
  private readonly refunds: SqliteRefunds;
  private readonly setReconciled: Statement;
  private readonly selectExpired: Statement<unknown[], PaymentRow>;
  private readonly selectReconcilable: Statement<unknown[], PaymentRow>;
  private readonly createOneTx: Transaction<(p: NewPaymentRecord, c: IdempotencyClaim, a: AuditEventInput) => CreatePaymentResult>;
  private readonly createBatchTx: Transaction<(batch: readonly QueuedCreate[]) => Settled[]>;
  private readonly transitionTx: Transaction<(change: PaymentTransition) => TransitionResult<PaymentRecord>>;
  private queued: QueuedCreate[] = [];

  constructor(private readonly db: Database, private readonly audit: SqliteAuditStore, private readonly outbox: SqliteWebhookOutbox) {
    this.payments = new SqlitePaymentTable(db);
    this.idempotency = new SqliteIdempotency(db);
    this.refunds = new SqliteRefunds(db, this.payments, this.idempotency, audit, outbox);
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
    this.createOneTx = db.transaction((payment, claim, audit) => this.createInTx(payment, claim, audit));
    // Each create is a savepoint inside the batch: one that fails rolls back alone.
    this.createBatchTx = db.transaction((batch) => batch.map((item): Settled => {
      try {
        return { ok: true, result: this.createOneTx(item.payment, item.claim, item.audit) };
      } catch (error) {
        return { ok: false, error };
      }
    }));
    this.transitionTx = db.transaction((change) => this.transitionInTx(change));
  }

  /**
   * Creates arriving in the same turn of the event loop commit together (group commit):
   * one write lock and one WAL commit for the lot, which is most of the cost of a create.
   * Every caller still gets its answer only after its payment is committed.
   */
  create(payment: NewPaymentRecord, claim: IdempotencyClaim, audit: AuditEventInput): Promise<CreatePaymentResult> {
    return new Promise((resolve, reject) => {
      if (this.queued.length === 0) setImmediate(() => this.flushCreates());
      this.queued.push({ payment, claim, audit, resolve, reject });
    });
  }

  async get(id: string): Promise<PaymentRecord | undefined> {
    return this.payments.get(id);
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

  createRefund(refund: NewRefundRecord, options: { readonly expectedAvailable?: number }, claim: IdempotencyClaim, audit: AuditEventInput): Promise<CreateRefundResult> {
    return this.refunds.create(refund, options, claim, audit);
  }

  getRefund(paymentId: string, refundId: string): Promise<RefundRecord | undefined> {
    return this.refunds.get(paymentId, refundId);
  }

  listRefunds(paymentId: string): Promise<RefundRecord[]> {
    return this.refunds.list(paymentId);
  }

  transitionRefund(change: RefundTransition): Promise<TransitionResult<RefundRecord>> {
    return this.refunds.transition(change);
  }

  listPendingRefunds(createdBefore: number, limit: number): Promise<RefundRecord[]> {
    return this.refunds.listPending(createdBefore, limit);
  }

  async forgetIdempotencyKeys(createdBefore: number, limit: number): Promise<number> {
    return this.idempotency.forget(createdBefore, limit);
  }

  private flushCreates(): void {
    const batch = this.queued;
    this.queued = [];
    let settled: Settled[];
    try {
      settled = this.createBatchTx.immediate(batch);
    } catch (error) {
      // The commit itself failed (e.g. the lock stayed busy): none of the batch was written.
      for (const item of batch) item.reject(error);
      return;
    }
    // Answers go out only now, after the commit.
    settled.forEach((outcome, i) => (outcome.ok ? batch[i]!.resolve(outcome.result) : batch[i]!.reject(outcome.error)));
  }

  private createInTx(payment: NewPaymentRecord, claim: IdempotencyClaim, audit: AuditEventInput): CreatePaymentResult {
    const seen = this.idempotency.check(claim);
    if (seen.kind === 'reused') return { outcome: 'key_reused' };
    if (seen.kind === 'same') {
      const existing = this.payments.get(seen.resourceId);
      if (existing) return { outcome: 'replayed', payment: existing };
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
    this.payments.insert(record);
    this.idempotency.remember(claim, record.id, record.createdAt);
    this.audit.appendWithinTransaction(audit);
    return { outcome: 'created', payment: record };
  }

  private transitionInTx(change: PaymentTransition): TransitionResult<PaymentRecord> {
    const current = this.payments.get(change.paymentId);
    if (!current) return { applied: false, record: undefined };
    const after = paymentAfter(current, change);
    if (!after) return { applied: false, record: current };
    const { next, notify } = after;
    this.payments.write(next, current.version);
    this.audit.appendWithinTransaction(withStates(change.audit, current.state, change.to));
    if (notify) this.outbox.enqueueWithinTransaction(change.webhook!, { payment: next, eventId: change.newEventId(), at: change.at });
    return { applied: true, record: next };
  }
}
