import type { Database, Statement, Transaction } from 'better-sqlite3';
import type {
  DeliveryOutcome, PaymentRecord, RefundRecord, WebhookDelivery, WebhookEvent, WebhookEventDraft, WebhookOutbox,
} from '../storage.ts';
import {
  WEBHOOK_EVENT_COLUMNS, toWebhookDelivery, toWebhookEvent, type WebhookDeliveryRow, type WebhookEventRow,
} from './sqlite-payment-rows.ts';
import { newWebhookEvent } from '../record-transitions.ts';

export class SqliteWebhookOutbox implements WebhookOutbox {
  private readonly insert: Statement;
  private readonly claim: Statement<unknown[], WebhookEventRow>;
  private readonly insertDelivery: Statement;
  private readonly markDelivered: Statement;
  private readonly markRetry: Statement;
  private readonly markGivenUp: Statement;
  private readonly selectForPayment: Statement<unknown[], WebhookEventRow>;
  private readonly selectDeliveries: Statement<unknown[], WebhookDeliveryRow>;
  private readonly record: Transaction<(delivery: WebhookDelivery, outcome: DeliveryOutcome) => void>;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO webhook_events (${WEBHOOK_EVENT_COLUMNS})
       VALUES (@id, @clientId, @paymentId, @refundId, @type, @sequence, @url, @body, 'pending', 0, @createdAt, @createdAt, NULL)`,
    );
    // Leasing is the claim: pushing next_attempt_at past the lease hides the event from
    // other workers until this one reports back, or until a crashed worker's lease ends.
    this.claim = db.prepare(
      `UPDATE webhook_events SET next_attempt_at = @leaseUntil
       WHERE id IN (SELECT id FROM webhook_events WHERE state = 'pending' AND next_attempt_at <= @now
                    ORDER BY next_attempt_at, created_at LIMIT @limit)
       RETURNING ${WEBHOOK_EVENT_COLUMNS}`,
    );
    this.insertDelivery = db.prepare(
      `INSERT OR REPLACE INTO webhook_deliveries (event_id, attempt, at, status, error, duration_ms)
       VALUES (@eventId, @attempt, @at, @status, @error, @durationMs)`,
    );
    this.markDelivered = db.prepare(
      `UPDATE webhook_events SET state = 'delivered', attempts = @attempt, delivered_at = @at, next_attempt_at = NULL
       WHERE id = @eventId AND state = 'pending'`,
    );
    this.markRetry = db.prepare(
      `UPDATE webhook_events SET attempts = @attempt, next_attempt_at = @retryAt WHERE id = @eventId AND state = 'pending'`,
    );
    this.markGivenUp = db.prepare(
      `UPDATE webhook_events SET state = 'failed', attempts = @attempt, next_attempt_at = NULL WHERE id = @eventId AND state = 'pending'`,
    );
    this.selectForPayment = db.prepare(`SELECT ${WEBHOOK_EVENT_COLUMNS} FROM webhook_events WHERE payment_id = ? ORDER BY sequence`);
    this.selectDeliveries = db.prepare('SELECT * FROM webhook_deliveries WHERE event_id = ? ORDER BY attempt');
    this.record = db.transaction((delivery, outcome) => {
      this.insertDelivery.run(delivery);
      const params = { eventId: delivery.eventId, attempt: delivery.attempt, at: delivery.at };
      switch (outcome.kind) {
        case 'delivered':
          this.markDelivered.run(params);
          break;
        case 'retry':
          this.markRetry.run({ eventId: delivery.eventId, attempt: delivery.attempt, retryAt: outcome.at });
          break;
        case 'given_up':
          this.markGivenUp.run({ eventId: delivery.eventId, attempt: delivery.attempt });
          break;
      }
    });
  }

  /** Called by the payment store inside its transition transaction. */
  enqueueWithinTransaction(
    draft: WebhookEventDraft,
    facts: { readonly payment: PaymentRecord; readonly refund?: RefundRecord; readonly eventId: string; readonly at: number },
  ): void {
    const event = newWebhookEvent(draft, facts);
    if (!event) return;
    const { id, clientId, paymentId, refundId, type, sequence, url, body, createdAt } = event;
    this.insert.run({ id, clientId, paymentId, refundId, type, sequence, url, body, createdAt });
  }

  async claimDue(now: number, leaseUntil: number, limit: number): Promise<WebhookEvent[]> {
    return this.claim.all({ now, leaseUntil, limit }).map(toWebhookEvent).sort((a, b) => a.createdAt - b.createdAt);
  }

  async recordAttempt(delivery: WebhookDelivery, outcome: DeliveryOutcome): Promise<void> {
    this.record.immediate(delivery, outcome);
  }

  async listForPayment(paymentId: string): Promise<WebhookEvent[]> {
    return this.selectForPayment.all(paymentId).map(toWebhookEvent);
  }

  async listDeliveries(eventId: string): Promise<WebhookDelivery[]> {
    return this.selectDeliveries.all(eventId).map(toWebhookDelivery);
  }
}
