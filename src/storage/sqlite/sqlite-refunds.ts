import type { Database, Statement, Transaction } from 'better-sqlite3';
import type {
  AuditEventInput, CreateRefundResult, IdempotencyClaim, NewRefundRecord, RefundRecord,
  RefundTransition, TransitionResult,
} from '../storage.ts';
import { withStates } from '../audit-states.ts';
import { paymentAfterRefund, refundAfter, reserveRefund } from '../record-transitions.ts';
import type { SqliteAuditStore } from './sqlite-audit-store.ts';
import type { SqliteIdempotency } from './sqlite-idempotency.ts';
import type { SqlitePaymentTable } from './sqlite-payment-table.ts';
import { REFUND_COLUMNS, toRefundRecord, type RefundRow } from './sqlite-payment-rows.ts';
import type { SqliteWebhookOutbox } from './sqlite-webhook-outbox.ts';

type RefundOptions = { readonly expectedAvailable?: number };

/**
 * Refunds on SQLite. The payment row carries the running sums (reserved by pending and
 * succeeded refunds, and refunded), checked and changed in the same IMMEDIATE transaction
 * as the refund itself, so concurrent refunds can never reserve more than was paid.
 */
export class SqliteRefunds {
  private readonly select: Statement<unknown[], RefundRow>;
  private readonly selectAll: Statement<unknown[], RefundRow>;
  private readonly selectPending: Statement<unknown[], RefundRow>;
  private readonly insert: Statement;
  private readonly update: Statement;
  private readonly createTx: Transaction<(r: NewRefundRecord, o: RefundOptions, c: IdempotencyClaim, a: AuditEventInput) => CreateRefundResult>;
  private readonly transitionTx: Transaction<(change: RefundTransition) => TransitionResult<RefundRecord>>;

  constructor(
    db: Database,
    private readonly payments: SqlitePaymentTable,
    private readonly idempotency: SqliteIdempotency,
    private readonly audit: SqliteAuditStore,
    private readonly outbox: SqliteWebhookOutbox,
  ) {
    this.select = db.prepare(`SELECT ${REFUND_COLUMNS} FROM refunds WHERE payment_id = ? AND id = ?`);
    this.selectAll = db.prepare(`SELECT ${REFUND_COLUMNS} FROM refunds WHERE payment_id = ? ORDER BY created_at, id`);
    this.selectPending = db.prepare(
      `SELECT ${REFUND_COLUMNS} FROM refunds WHERE state = 'pending' AND created_at <= ? ORDER BY created_at LIMIT ?`,
    );
    this.insert = db.prepare(
      `INSERT INTO refunds (${REFUND_COLUMNS})
       VALUES (@id, @paymentId, @clientId, 'pending', @amount, @reason, NULL, @createdAt, @createdAt, NULL, 1)`,
    );
    this.update = db.prepare(
      `UPDATE refunds SET state = @state, provider_refund_id = @providerRefundId, updated_at = @updatedAt,
         finished_at = @finishedAt, version = @version
       WHERE id = @id AND version = @previousVersion`,
    );
    this.createTx = db.transaction((refund, options, claim, audit) => this.createInTx(refund, options, claim, audit));
    this.transitionTx = db.transaction((change) => this.transitionInTx(change));
  }

  async create(refund: NewRefundRecord, options: RefundOptions, claim: IdempotencyClaim, audit: AuditEventInput): Promise<CreateRefundResult> {
    return this.createTx.immediate(refund, options, claim, audit);
  }

  async get(paymentId: string, refundId: string): Promise<RefundRecord | undefined> {
    const row = this.select.get(paymentId, refundId);
    return row && toRefundRecord(row);
  }

  async list(paymentId: string): Promise<RefundRecord[]> {
    return this.selectAll.all(paymentId).map(toRefundRecord);
  }

  async transition(change: RefundTransition): Promise<TransitionResult<RefundRecord>> {
    return this.transitionTx.immediate(change);
  }

  async listPending(createdBefore: number, limit: number): Promise<RefundRecord[]> {
    return this.selectPending.all(createdBefore, limit).map(toRefundRecord);
  }

  private createInTx(refund: NewRefundRecord, options: RefundOptions, claim: IdempotencyClaim, audit: AuditEventInput): CreateRefundResult {
    const seen = this.idempotency.check(claim);
    if (seen.kind === 'reused') return { outcome: 'key_reused' };
    const payment = this.payments.get(refund.paymentId);
    if (!payment || payment.clientId !== refund.clientId) return { outcome: 'payment_not_found' };
    if (seen.kind === 'same') {
      const existing = this.select.get(refund.paymentId, seen.resourceId);
      if (existing) return { outcome: 'replayed', refund: toRefundRecord(existing), payment };
    }
    const reserved = reserveRefund(payment, refund, options.expectedAvailable);
    if (!reserved.ok) return reserved.result;
    this.insert.run(refund);
    const { next } = reserved;
    this.payments.write(next, payment.version);
    this.idempotency.remember(claim, refund.id, refund.createdAt);
    this.audit.appendWithinTransaction(audit);
    return { outcome: 'created', refund: toRefundRecord(this.select.get(refund.paymentId, refund.id)!), payment: next };
  }

  private transitionInTx(change: RefundTransition): TransitionResult<RefundRecord> {
    const row = this.select.get(change.paymentId, change.refundId);
    if (!row) return { applied: false, record: undefined };
    const current = toRefundRecord(row);
    const next = refundAfter(current, change);
    if (!next) return { applied: false, record: current };
    this.update.run({
      id: next.id, state: next.state, providerRefundId: next.providerRefundId, updatedAt: next.updatedAt,
      finishedAt: next.finishedAt, version: next.version, previousVersion: current.version,
    });
    const payment = this.payments.get(change.paymentId)!;
    const { next: nextPayment, notify } = paymentAfterRefund(payment, current, change);
    this.payments.write(nextPayment, payment.version);
    this.audit.appendWithinTransaction(withStates(change.audit, current.state, change.to));
    if (notify) {
      this.outbox.enqueueWithinTransaction(change.webhook!, { payment: nextPayment, refund: next, eventId: change.newEventId(), at: change.at });
    }
    return { applied: true, record: next };
  }
}
