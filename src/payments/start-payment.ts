import type { PaymentRecord } from '../storage/storage.ts';
import { PaymentError } from './payment-errors.ts';
import { ProviderError } from './payment-provider.ts';
import { applyPaymentAction } from './payment-transitions.ts';
import type { PaymentsContext } from './payments-context.ts';

/**
 * The citizen opened the payment page: create the payment at the provider (which answers
 * with its bank and card forms) and move to `started`. Two page loads at once may both ask
 * the provider; only one start applies, and the other page shows the winner's forms.
 */
export async function startPayment(ctx: PaymentsContext, payment: PaymentRecord, options: { readonly payerSub: string | null; readonly correlationId: string }): Promise<PaymentRecord> {
  if (payment.state !== 'created') return payment;
  let created;
  try {
    created = await ctx.provider.createPayment({
      stamp: payment.id,
      reference: payment.reference,
      amount: payment.amount,
      language: payment.language as 'fi' | 'sv' | 'en',
      items: payment.items,
      returnUrl: `${ctx.issuer}/pay/${payment.id}/return`,
      callbackUrl: `${ctx.issuer}/psp/payments/${payment.id}/callback`,
      correlationId: options.correlationId,
    });
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    const now = await ctx.store.get(payment.id);
    if (now && now.state !== 'created') return now;
    throw new PaymentError('ERR_PAYMENT_PROVIDER_UNAVAILABLE', 'the payment provider could not create the payment', { cause: error });
  }
  const result = await applyPaymentAction(ctx, payment, 'start', {
    correlationId: options.correlationId,
    source: 'page',
    set: { provider: ctx.provider.name, providerTransactionId: created.transactionId, providerForms: created.forms, payerSub: options.payerSub },
  });
  return result.record ?? payment;
}
