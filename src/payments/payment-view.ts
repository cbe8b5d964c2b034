import type { PaymentRecord, RefundRecord } from '../storage/storage.ts';
import { isFinal } from './payment-states.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What is still refundable: only a succeeded payment has anything to refund. */
export function refundAmountAvailable(payment: PaymentRecord): number {
  return payment.state === 'succeeded' ? payment.amount - payment.refundReserved : 0;
}

/** A payment as the API and webhooks show it (snake_case, ISO times, amounts in cents). */
export function paymentView(payment: PaymentRecord, issuer: string) {
  return {
    id: payment.id,
    state: payment.state,
    amount: payment.amount,
    currency: payment.currency,
    description: payment.description,
    reference: payment.reference,
    language: payment.language,
    items: payment.items.map((item) => ({
      description: item.description,
      units: item.units,
      unit_price: item.unitPrice,
      vat_percentage: item.vatPercentage,
      product_code: item.productCode,
    })),
    return_url: payment.returnUrl,
    cancel_url: payment.cancelUrl,
    webhook_url: payment.webhookUrl,
    payer_must_be_identified: payment.payerMustBeIdentified,
    payer: payment.payerSub === null ? null : { sub: payment.payerSub },
    provider: payment.provider,
    method: payment.method,
    late_success: payment.lateSuccess,
    refund_amount_available: refundAmountAvailable(payment),
    refund_amount_refunded: payment.refunded,
    created_at: iso(payment.createdAt),
    updated_at: iso(payment.updatedAt),
    expires_at: iso(payment.expiresAt),
    finished_at: iso(payment.finishedAt),
    next_url: isFinal(payment.state) ? null : `${issuer}/pay/${payment.id}`,
  };
}

export function refundView(refund: RefundRecord) {
  return {
    id: refund.id,
    payment_id: refund.paymentId,
    state: refund.state,
    amount: refund.amount,
    reason: refund.reason,
    created_at: iso(refund.createdAt),
    updated_at: iso(refund.updatedAt),
    finished_at: iso(refund.finishedAt),
  };
}
