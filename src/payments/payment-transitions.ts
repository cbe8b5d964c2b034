import type { PaymentRecord, PaymentTransition, RefundRecord, TransitionResult, WebhookEventDraft } from '../storage/storage.ts';
import { newEventId } from './payment-ids.ts';
import { PAYMENT_ACTIONS, REFUND_ACTIONS, isFinal, type PaymentAction, type RefundAction } from './payment-states.ts';
import { paymentView, refundView } from './payment-view.ts';
import type { PaymentsContext } from './payments-context.ts';

/** Where the news of a change came from, for the audit trail. */
export type ChangeSource = 'api' | 'page' | 'return' | 'callback' | 'reconciliation' | 'sweeper';

export interface ActionOptions {
  readonly correlationId: string;
  readonly source: ChangeSource;
  readonly set?: PaymentTransition['set'];
  readonly expectedVersion?: number;
}

const AUDIT_TYPES: Record<PaymentAction, string> = {
  start: 'payment.started',
  identifyPayer: 'payment.payer_identified',
  succeed: 'payment.succeeded',
  succeedLate: 'payment.succeeded',
  fail: 'payment.failed',
  cancel: 'payment.cancelled',
  expire: 'payment.expired',
  refund: 'refund.requested',
};

/**
 * Applies one action of the state table as a compare-and-set. Entering a final state
 * enqueues the webhook event `payment.<state>` in the same step.
 */
export async function applyPaymentAction(ctx: PaymentsContext, payment: PaymentRecord, action: PaymentAction, options: ActionOptions): Promise<TransitionResult<PaymentRecord>> {
  const { from, to } = PAYMENT_ACTIONS[action];
  const at = ctx.now();
  const entersFinal = isFinal(to) && to !== payment.state;
  const result = await ctx.store.transition({
    paymentId: payment.id,
    from,
    to,
    at,
    ...(options.expectedVersion === undefined ? {} : { expectedVersion: options.expectedVersion }),
    set: { ...options.set, ...(entersFinal ? { finishedAt: at } : {}) },
    audit: {
      type: AUDIT_TYPES[action],
      correlationId: options.correlationId,
      data: {
        paymentId: payment.id,
        clientId: payment.clientId,
        amount: payment.amount,
        source: options.source,
        ...(action === 'succeedLate' ? { late: true } : {}),
        ...(options.set?.method ? { method: options.set.method } : {}),
        ...(options.set?.payerSub ? { payerSub: options.set.payerSub } : {}),
      },
    },
    ...(entersFinal ? { webhook: webhookDraft(ctx, `payment.${to}`) } : {}),
    newEventId,
  });
  if (result.applied && entersFinal && result.record.webhookUrl) ctx.webhookEnqueued();
  return result;
}

export async function applyRefundAction(ctx: PaymentsContext, refund: RefundRecord, action: RefundAction, options: { readonly correlationId: string; readonly source: ChangeSource; readonly providerRefundId?: string | null }): Promise<TransitionResult<RefundRecord>> {
  const { from, to } = REFUND_ACTIONS[action];
  const result = await ctx.store.transitionRefund({
    paymentId: refund.paymentId,
    refundId: refund.id,
    from,
    to,
    at: ctx.now(),
    ...(options.providerRefundId ? { set: { providerRefundId: options.providerRefundId } } : {}),
    audit: {
      type: action === 'acknowledge' ? 'refund.acknowledged' : `refund.${to}`,
      correlationId: options.correlationId,
      data: { paymentId: refund.paymentId, refundId: refund.id, clientId: refund.clientId, amount: refund.amount, source: options.source },
    },
    ...(to === 'pending' ? {} : { webhook: webhookDraft(ctx, `refund.${to}`) }),
    newEventId,
  });
  if (result.applied && to !== 'pending') ctx.webhookEnqueued();
  return result;
}

/** The event body: what happened, to which payment, in which order, and the payment as it now is. */
function webhookDraft(ctx: PaymentsContext, type: string): WebhookEventDraft {
  return {
    type,
    body: ({ payment, refund, eventId, sequence }) => JSON.stringify({
      id: eventId,
      type,
      created_at: new Date(payment.updatedAt).toISOString(),
      payment_id: payment.id,
      sequence,
      data: { payment: paymentView(payment, ctx.issuer), ...(refund ? { refund: refundView(refund) } : {}) },
    }),
  };
}
