import type { IdentificationFailure, MethodOption } from '../identity/identification-method.ts';
import type { Logger } from '../log/logger.ts';
import type { DecoupledRecord, DecoupledTransactions } from './decoupled-transactions.ts';
import type { MethodRegistry } from './method-registry.ts';

/**
 * Moves a decoupled identification on: asks its method (which asks the upstream only when
 * its schedule allows) and stores what changed. Whichever browser request or worker comes
 * next takes the next step; within one process concurrent requests share one poll.
 */
export function createDecoupledPolling(transactions: DecoupledTransactions, methods: MethodRegistry, logger: Logger) {
  const inFlight = new Map<string, Promise<DecoupledRecord | undefined>>();

  function logFailure(correlationId: string, option: MethodOption, failure: IdentificationFailure): void {
    const level = failure.reason === 'cancelled' || failure.reason === 'timeout' ? 'info' : 'warn';
    logger[level]('identification did not succeed', {
      correlationId, option: option.id, reason: failure.reason, code: failure.code, detail: failure.detail, cause: failure.cause,
    });
  }

  async function step(uid: string, correlationId: string): Promise<DecoupledRecord | undefined> {
    const record = await transactions.find(uid);
    if (!record || record.result) return record;
    const { option, method } = methods.resolveDecoupled(record.pending.optionId, undefined);
    const polled = await method.poll({ pending: record.pending, correlationId });
    if (polled.status === 'outstanding') {
      if (polled.pending === record.pending) return record;
      const next = { pending: polled.pending };
      await transactions.save(uid, next);
      return next;
    }
    const { outcome } = polled;
    if (!outcome.ok) logFailure(correlationId, option, outcome.failure);
    const done: DecoupledRecord = {
      pending: record.pending,
      // The cause stays in the log; the store keeps what the result page needs.
      result: outcome.ok ? outcome : { ok: false, failure: { reason: outcome.failure.reason, code: outcome.failure.code, detail: outcome.failure.detail } },
    };
    await transactions.save(uid, done);
    // The phone no longer shows a request: the number is free for the next one at once.
    await transactions.releaseUserId(record.pending.userId, uid);
    return done;
  }

  return {
    logFailure,
    advance(uid: string, correlationId: string): Promise<DecoupledRecord | undefined> {
      let running = inFlight.get(uid);
      if (!running) {
        running = step(uid, correlationId).finally(() => inFlight.delete(uid));
        inFlight.set(uid, running);
      }
      return running;
    },
  };
}
