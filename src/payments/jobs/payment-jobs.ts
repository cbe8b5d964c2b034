import { randomUUID } from 'node:crypto';
import { applyProviderReport } from '../apply-provider-report.ts';
import { expirePayment } from '../expire-payment.ts';
import type { PaymentsContext } from '../payments-context.ts';
import { sendRefund } from '../request-refund.ts';
import { deliverDueWebhooks } from '../webhooks/deliver-webhooks.ts';
import { IDEMPOTENCY_WINDOW_MS } from '../idempotency-window.ts';

const BATCH = 50;
const EXPIRED_RECHECK_MS = 3600_000;

export interface PaymentJobs {
  /** Expires payments whose time ran out (asking the provider first about started ones). */
  sweepExpired(): Promise<number>;
  /** Asks the provider about payments stuck in `started`, and about recently expired ones. */
  reconcile(): Promise<number>;
  /** Sends refunds whose provider request got no answer again, with the same refund stamp. */
  retryRefunds(): Promise<number>;
  deliverWebhooks(): Promise<number>;
  /** Deletes idempotency keys past their window, so the table does not grow for ever. */
  forgetOldIdempotencyKeys(): Promise<number>;
  /** Starts delivering due webhook events now (after a change enqueued one), unless a delivery is under way. */
  deliverSoon(): void;
  /** One round of all of them, as the timer runs them (after any delivery under way). */
  runOnce(): Promise<void>;
  start(): void;
  /** Stops the timer and waits for a round in progress. */
  stop(): Promise<void>;
}

/**
 * The background work of payments. Every worker process may run it: each step is a
 * compare-and-set or a lease in the store, so two workers never apply the same change.
 */
export function createPaymentJobs(ctx: PaymentsContext): PaymentJobs {
  const log = ctx.logger;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> | undefined;
  let running = false;
  let delivering: Promise<void> | undefined;
  let deliverAgain = false;
  // Deliver until nothing is due, so a burst does not wait a round per batch.
  const drainOutbox = async () => {
    while ((await jobs.deliverWebhooks()) > 0);
  };

  const each = async <T extends { id: string }>(items: readonly T[], work: (item: T, correlationId: string) => Promise<unknown>, what: string) => {
    for (const item of items) {
      const correlationId = randomUUID();
      try {
        await work(item, correlationId);
      } catch (error) {
        log.error(`${what} failed`, { correlationId, id: item.id, error });
      }
    }
    return items.length;
  };

  const jobs: PaymentJobs = {
    async sweepExpired() {
      const due = await ctx.store.listExpired(ctx.now(), BATCH);
      return each(due, (payment, correlationId) => expirePayment(ctx, payment, { correlationId, source: 'sweeper' }), 'expiry');
    },
    async reconcile() {
      const now = ctx.now();
      const after = ctx.config.reconcileAfterSeconds * 1000;
      const stuck = await ctx.store.listReconcilable({
        now, staleAfterMs: after, recheckAfterMs: after, expiredWindowMs: ctx.config.lateSuccessWindowSeconds * 1000,
        expiredRecheckAfterMs: EXPIRED_RECHECK_MS, limit: BATCH,
      });
      return each(stuck, async (payment, correlationId) => {
        await ctx.store.markReconciled(payment.id, now);
        const report = await ctx.provider.getStatus(payment.providerTransactionId!, correlationId);
        await applyProviderReport(ctx, payment, report, { correlationId, source: 'reconciliation' });
      }, 'reconciliation');
    },
    async retryRefunds() {
      const pending = (await ctx.store.listPendingRefunds(ctx.now() - ctx.config.reconcileAfterSeconds * 1000, BATCH))
        .filter((refund) => refund.providerRefundId === null);
      return each(pending, async (refund, correlationId) => {
        const payment = await ctx.store.get(refund.paymentId);
        if (payment) await sendRefund(ctx, payment, refund, correlationId);
      }, 'refund retry');
    },
    deliverWebhooks: () => deliverDueWebhooks(ctx),
    async forgetOldIdempotencyKeys() {
      // An hour past the window: a request that arrives just at its edge still finds its key.
      const forgotten = await ctx.store.forgetIdempotencyKeys(ctx.now() - IDEMPOTENCY_WINDOW_MS - 3600_000, 1000);
      if (forgotten > 0) log.debug('old idempotency keys forgotten', { count: forgotten });
      return forgotten;
    },
    deliverSoon() {
      if (!running) return;
      if (delivering) {
        deliverAgain = true;
        return;
      }
      delivering = (async () => {
        do {
          deliverAgain = false;
          await drainOutbox();
        } while (deliverAgain && running);
      })().catch((error: unknown) => log.error('webhook delivery failed', { error })).finally(() => {
        delivering = undefined;
      });
    },
    async runOnce() {
      await delivering;
      await jobs.sweepExpired();
      await jobs.reconcile();
      await jobs.retryRefunds();
      await drainOutbox();
      await jobs.forgetOldIdempotencyKeys();
    },
    start() {
      running = true;
      timer = setInterval(() => {
        if (round) return;
        round = jobs.runOnce().catch((error: unknown) => log.error('payment jobs failed', { error })).finally(() => {
          round = undefined;
        });
      }, ctx.config.jobIntervalSeconds * 1000);
      timer.unref();
    },
    async stop() {
      running = false;
      clearInterval(timer);
      await round;
      await delivering;
    },
  };
  return jobs;
}
