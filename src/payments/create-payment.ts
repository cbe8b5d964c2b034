import type { EserviceConfig } from '../config/schema.ts';
import type { NewPaymentRecord, PaymentItem, PaymentRecord } from '../storage/storage.ts';
import { invalid, type CreatePaymentInput } from './api/payment-input.ts';
import { PaymentError } from './payment-errors.ts';
import { newPaymentId } from './payment-ids.ts';
import type { PaymentsContext } from './payments-context.ts';
import { registeredUrlsOf } from './registered-urls.ts';
import { IDEMPOTENCY_WINDOW_MS } from './idempotency-window.ts';


export interface CreatePaymentRequest {
  readonly eservice: EserviceConfig;
  readonly idempotencyKey: string;
  /** Hash of the request body: the same key must come with the same body. */
  readonly requestHash: string;
  readonly input: CreatePaymentInput;
  readonly correlationId: string;
}

/**
 * Creates a payment, or finds the one an earlier request with the same Idempotency-Key
 * created: the key is stored in the same write as the payment, so a retry after a crash
 * between that write and the answer gets the same payment.
 */
export async function createPayment(ctx: PaymentsContext, request: CreatePaymentRequest): Promise<{ payment: PaymentRecord; replayed: boolean }> {
  const { eservice, input } = request;
  checkUrls(eservice, input);
  const now = ctx.now();
  const payment: NewPaymentRecord = {
    id: newPaymentId(),
    clientId: eservice.clientId,
    amount: input.amount,
    currency: 'EUR',
    description: input.description,
    reference: input.reference,
    language: input.language,
    returnUrl: input.return_url,
    cancelUrl: input.cancel_url,
    webhookUrl: input.webhook_url ?? null,
    payerMustBeIdentified: input.payer_must_be_identified,
    items: itemsOf(input),
    createdAt: now,
    expiresAt: now + ctx.config.expireAfterSeconds * 1000,
  };
  const result = await ctx.store.create(
    payment,
    { clientId: eservice.clientId, scope: 'payments', key: request.idempotencyKey, requestHash: request.requestHash, notBefore: now - IDEMPOTENCY_WINDOW_MS },
    {
      type: 'payment.created',
      correlationId: request.correlationId,
      data: { paymentId: payment.id, clientId: payment.clientId, amount: payment.amount, reference: payment.reference, payerMustBeIdentified: payment.payerMustBeIdentified },
    },
  );
  if (result.outcome === 'key_reused') {
    throw new PaymentError('ERR_PAYMENT_IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used within 24 hours with a different body; nothing was created');
  }
  return { payment: result.payment, replayed: result.outcome === 'replayed' };
}

function checkUrls(eservice: EserviceConfig, input: CreatePaymentInput): void {
  const registered = registeredUrlsOf(eservice);
  for (const field of ['return_url', 'cancel_url'] as const) {
    if (!registered.isReturnUrl(new URL(input[field]))) throw invalid(`${field}: not under a return URL registered for this e-service`);
  }
  if (input.webhook_url !== undefined) {
    if (!registered.isWebhookUrl(new URL(input.webhook_url))) throw invalid('webhook_url: not under a webhook URL registered for this e-service');
    if (eservice.webhookSecrets.length === 0) throw invalid('webhook_url: this e-service has no webhook secret registered to sign webhooks with');
  }
}

/** Without items the payment is one line, VAT 0 %, as most public fees are. */
function itemsOf(input: CreatePaymentInput): PaymentItem[] {
  if (!input.items) return [{ description: input.description, units: 1, unitPrice: input.amount, vatPercentage: 0, productCode: 'payment' }];
  return input.items.map((item, index) => ({
    description: item.description,
    units: item.units,
    unitPrice: item.unit_price,
    vatPercentage: item.vat_percentage,
    productCode: item.product_code ?? `item-${index + 1}`,
  }));
}
