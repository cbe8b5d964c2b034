import type { DeliveryOutcome, WebhookEvent } from '../../storage/storage.ts';
import type { PaymentsContext } from '../payments-context.ts';
import { WEBHOOK_HEADERS, signWebhook } from './sign-webhook.ts';

const BATCH = 20;

/**
 * One round of the outbox: lease the events that are due, post each (signed) to its
 * e-service, log the attempt, and schedule the next try by the retry table until it is
 * delivered or the table runs out. At least once: a receiver must dedupe by event id.
 */
export async function deliverDueWebhooks(ctx: PaymentsContext): Promise<number> {
  const now = ctx.now();
  const events = await ctx.outbox.claimDue(now, now + ctx.config.webhooks.leaseSeconds * 1000, BATCH);
  await Promise.all(events.map((event) => deliver(ctx, event)));
  return events.length;
}

async function deliver(ctx: PaymentsContext, event: WebhookEvent): Promise<void> {
  const attempt = event.attempts + 1;
  const keys = ctx.eservices.get(event.clientId)?.webhookSecrets ?? [];
  const started = ctx.now();
  const timestamp = Math.floor(started / 1000);
  let status: number | null = null;
  let error: string | null = null;
  if (keys.length === 0) {
    error = 'no webhook secret registered for this e-service';
  } else {
    try {
      const response = await fetch(event.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Portti-Webhooks/1',
          [WEBHOOK_HEADERS.id]: event.id,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(keys, timestamp, event.body),
        },
        body: event.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(ctx.config.webhooks.timeoutSeconds * 1000),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    }
  }
  const delivered = status !== null && status >= 200 && status < 300;
  const outcome = outcomeOf(ctx, delivered, attempt);
  await ctx.outbox.recordAttempt({ eventId: event.id, attempt, at: started, status, error, durationMs: ctx.now() - started }, outcome);
  const level = delivered ? 'info' : outcome.kind === 'given_up' ? 'error' : 'warn';
  ctx.logger[level]('webhook attempt', { eventId: event.id, paymentId: event.paymentId, type: event.type, attempt, status, error, outcome: outcome.kind });
}

/** retrySeconds[n] is the wait after attempt n + 1 failed; after the last wait's attempt, give up. */
function outcomeOf(ctx: PaymentsContext, delivered: boolean, attempt: number): DeliveryOutcome {
  if (delivered) return { kind: 'delivered' };
  const wait = ctx.config.webhooks.retrySeconds[attempt - 1];
  return wait === undefined ? { kind: 'given_up' } : { kind: 'retry', at: ctx.now() + wait * 1000 };
}
