import type { PaymentRecord, RefundRecord } from '../storage/storage.ts';
import type { CreateRefundInput } from './api/payment-input.ts';
import { PaymentError } from './payment-errors.ts';
import { newRefundId } from './payment-ids.ts';
import { ProviderError } from './payment-provider.ts';
import { applyRefundAction } from './payment-transitions.ts';
import type { PaymentsContext } from './payments-context.ts';
import { IDEMPOTENCY_WINDOW_MS } from './idempotency-window.ts';


export interface RefundRequest {
  readonly payment: PaymentRecord;
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly input: CreateRefundInput;
  readonly correlationId: string;
}

/**
 * Reserves the amount in the store first (so concurrent refunds can never add up to more
 * than was paid), then asks the provider. A provider that cannot be reached leaves the
 * refund pending: the refund job sends it again with the same refund stamp.
 */
export async function requestRefund(ctx: PaymentsContext, request: RefundRequest): Promise<{ refund: RefundRecord; replayed: boolean }> {
  const { payment, input } = request;
  const now = ctx.now();
  const result = await ctx.store.createRefund(
    { id: newRefundId(), paymentId: payment.id, clientId: payment.clientId, amount: input.amount, reason: input.reason ?? null, createdAt: now },
    input.expected_available === undefined ? {} : { expectedAvailable: input.expected_available },
    { clientId: payment.clientId, scope: `refunds:${payment.id}`, key: request.idempotencyKey, requestHash: request.requestHash, notBefore: now - IDEMPOTENCY_WINDOW_MS },
    { type: 'refund.requested', correlationId: request.correlationId, data: { paymentId: payment.id, clientId: payment.clientId, amount: input.amount } },
  );
  switch (result.outcome) {
    case 'key_reused':
      throw new PaymentError('ERR_PAYMENT_IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used within 24 hours with a different body; nothing was refunded');
    case 'payment_not_found':
      throw new PaymentError('ERR_PAYMENT_NOT_FOUND', 'no such payment');
    case 'not_refundable':
      throw new PaymentError('ERR_PAYMENT_INVALID_STATE', `only a succeeded payment can be refunded; this one is ${result.payment.state}`);
    case 'available_mismatch':
      throw new PaymentError('ERR_REFUND_AVAILABLE_MISMATCH', `refund_amount_available is ${result.available}, not ${input.expected_available}`);
    case 'exceeds_available':
      throw new PaymentError('ERR_REFUND_EXCEEDS_AVAILABLE', `at most ${result.available} cents can still be refunded`);
    case 'replayed':
      return { refund: result.refund, replayed: true };
    case 'created':
      return { refund: await sendRefund(ctx, result.payment, result.refund, request.correlationId), replayed: false };
  }
}

/** Asks the provider to refund; the answer settles the refund unless it is still pending. */
export async function sendRefund(ctx: PaymentsContext, payment: PaymentRecord, refund: RefundRecord, correlationId: string): Promise<RefundRecord> {
  let answer;
  try {
    answer = await ctx.provider.refund({
      transactionId: payment.providerTransactionId!,
      amount: refund.amount,
      refundStamp: refund.id,
      refundReference: payment.reference,
      callbackUrl: `${ctx.issuer}/psp/payments/${payment.id}/refunds/${refund.id}/callback`,
      correlationId,
    });
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    ctx.logger.warn('refund left pending: the provider did not answer', { correlationId, paymentId: payment.id, refundId: refund.id, error });
    return refund;
  }
  if (answer.status === 'pending' && (refund.providerRefundId !== null || answer.refundTransactionId === null)) return refund;
  const action = answer.status === 'ok' ? 'settle' : answer.status === 'fail' ? 'reject' : 'acknowledge';
  const applied = await applyRefundAction(ctx, refund, action, {
    correlationId, source: 'api', providerRefundId: answer.refundTransactionId,
  });
  return applied.record ?? refund;
}
