import type { Connection, Model } from 'mongoose';
import type {
  DeliveryOutcome, PaymentRecord, RefundRecord, WebhookDelivery, WebhookEvent, WebhookEventDraft, WebhookOutbox,
} from '../storage.ts';
import {
  fromWebhookEventDoc, webhookDeliverySchema, webhookEventSchema, type WebhookDeliveryDoc, type WebhookEventDoc,
} from './mongo-payment-schemas.ts';
import type { MongoSession } from './mongo-session.ts';
import { newWebhookEvent } from '../record-transitions.ts';

export async function createMongoWebhookOutbox(connection: Connection): Promise<MongoWebhookOutbox> {
  const events = connection.model<WebhookEventDoc>('WebhookEvent', webhookEventSchema);
  const deliveries = connection.model<WebhookDeliveryDoc>('WebhookDelivery', webhookDeliverySchema);
  await Promise.all([events.init(), deliveries.init()]);
  return new MongoWebhookOutbox(connection, events, deliveries);
}

export class MongoWebhookOutbox implements WebhookOutbox {
  constructor(
    private readonly connection: Connection,
    private readonly events: Model<WebhookEventDoc>,
    private readonly deliveries: Model<WebhookDeliveryDoc>,
  ) {}

  /** Called by the payment store inside its transition transaction. */
  async enqueueWithin(
    draft: WebhookEventDraft,
    facts: { readonly payment: PaymentRecord; readonly refund?: RefundRecord; readonly eventId: string; readonly at: number },
    session: MongoSession,
  ): Promise<void> {
    const event = newWebhookEvent(draft, facts);
    if (!event) return;
    const { id, ...rest } = event;
    const doc: WebhookEventDoc = { _id: id, ...rest };
    await this.events.create([doc], { session });
  }

  async claimDue(now: number, leaseUntil: number, limit: number): Promise<WebhookEvent[]> {
    // One findOneAndUpdate per event: each lease is atomic on its own document.
    const claimed: WebhookEvent[] = [];
    for (let n = 0; n < limit; n += 1) {
      const doc = await this.events
        .findOneAndUpdate(
          { state: 'pending', nextAttemptAt: { $lte: now } },
          { $set: { nextAttemptAt: leaseUntil } },
          { sort: { nextAttemptAt: 1, createdAt: 1 }, returnDocument: 'after' },
        )
        .lean<WebhookEventDoc>();
      if (!doc) break;
      claimed.push(fromWebhookEventDoc(doc));
    }
    return claimed;
  }

  async recordAttempt(delivery: WebhookDelivery, outcome: DeliveryOutcome): Promise<void> {
    await this.connection.transaction(async (session) => {
      await this.deliveries.replaceOne({ eventId: delivery.eventId, attempt: delivery.attempt }, { ...delivery }, { upsert: true, session });
      const update = outcome.kind === 'delivered'
        ? { state: 'delivered', attempts: delivery.attempt, deliveredAt: delivery.at, nextAttemptAt: null }
        : outcome.kind === 'retry'
          ? { attempts: delivery.attempt, nextAttemptAt: outcome.at }
          : { state: 'failed', attempts: delivery.attempt, nextAttemptAt: null };
      await this.events.updateOne({ _id: delivery.eventId, state: 'pending' }, { $set: update }, { session });
    });
  }

  async listForPayment(paymentId: string): Promise<WebhookEvent[]> {
    const docs = await this.events.find({ paymentId }).sort({ sequence: 1 }).lean<WebhookEventDoc[]>();
    return docs.map(fromWebhookEventDoc);
  }

  async listDeliveries(eventId: string): Promise<WebhookDelivery[]> {
    const docs = await this.deliveries.find({ eventId }, { _id: 0 }).sort({ attempt: 1 }).lean<WebhookDeliveryDoc[]>();
    return docs.map(({ eventId: id, attempt, at, status, error, durationMs }) => ({ eventId: id, attempt, at, status, error, durationMs }));
  }
}
