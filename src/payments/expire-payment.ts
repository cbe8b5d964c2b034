import type { PaymentRecord } from '../storage/storage.ts';
import { applyProviderReport } from './apply-provider-report.ts';
import { ProviderError } from './payment-provider.ts';
import { isAllowed } from './payment-states.ts';
import { applyPaymentAction, type ChangeSource } from './payment-transitions.ts';
import type { PaymentsContext } from './payments-context.ts';

/**
 * Ends a payment whose time ran out. A started one is first asked about at the provider:
 * if it was paid after all, it succeeds instead. A success reported later still wins
 * (late success), so expiring is never the end of the story for money actually taken.
 */
export async function expirePayment(ctx: PaymentsContext, payment: PaymentRecord, options: { readonly correlationId: string; readonly source: ChangeSource }): Promise<PaymentRecord> {
  let current = payment;
  if (current.state === 'started' && current.providerTransactionId) {
    try {
      const report = await ctx.provider.getStatus(current.providerTransactionId, options.correlationId);
      current = await applyProviderReport(ctx, current, report, { correlationId: options.correlationId, source: options.source });
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      ctx.logger.warn('expiring without the provider\'s word: it did not answer', { correlationId: options.correlationId, paymentId: payment.id, error });
    }
  }
  if (!isAllowed('expire', current.state)) return current;
  const result = await applyPaymentAction(ctx, current, 'expire', options);
  return result.record ?? current;
}
