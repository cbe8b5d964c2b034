import type { Database, Statement } from 'better-sqlite3';
import type { PaymentRecord } from '../storage.ts';
import { PAYMENT_COLUMNS, PAYMENT_VALUES, paymentParams, toPaymentRecord, type PaymentRow } from './sqlite-payment-rows.ts';

/** Reads and writes of one payment row, shared by the payment and refund stores inside their transactions. */
export class SqlitePaymentTable {
  private readonly select: Statement<unknown[], PaymentRow>;
  private readonly insertRow: Statement;
  private readonly update: Statement;

  constructor(db: Database) {
    this.select = db.prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = ?`);
    this.insertRow = db.prepare(`INSERT INTO payments (${PAYMENT_COLUMNS}) VALUES (${PAYMENT_VALUES})`);
    this.update = db.prepare(
      `UPDATE payments SET state = @state, payer_sub = @payerSub, provider = @provider,
         provider_transaction_id = @providerTransactionId, provider_forms = @providerForms, method = @method,
         late_success = @lateSuccess, refund_reserved = @refundReserved, refunded = @refunded, event_seq = @eventSeq,
         updated_at = @updatedAt, finished_at = @finishedAt, version = @version
       WHERE id = @id AND version = @previousVersion`,
    );
  }

  get(id: string): PaymentRecord | undefined {
    const row = this.select.get(id);
    return row && toPaymentRecord(row);
  }

  insert(payment: PaymentRecord): void {
    this.insertRow.run(paymentParams(payment));
  }

  /** Writes `next` over the row still at `previousVersion`. */
  write(next: PaymentRecord, previousVersion: number): void {
    const { changes } = this.update.run({ ...paymentParams(next), previousVersion });
    // Unreachable inside an IMMEDIATE transaction; a loud failure beats a silent lost update.
    if (changes !== 1) throw new Error(`payment ${next.id} changed under a write lock`);
  }
}
