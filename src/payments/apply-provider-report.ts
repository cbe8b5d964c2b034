import type { PaymentRecord } from '../storage/storage.ts';
import { PaymentError } from './payment-errors.ts';
import type { ProviderReport } from './payment-provider.ts';
import { isAllowed, type PaymentAction } from './payment-states.ts';
import { applyPaymentAction, type ChangeSource } from './payment-transitions.ts';
import type { PaymentsContext } from './payments-context.ts';

/**
 * Applies a verified report from the provider (browser return, callback or status read)
 * to the payment it names. The report must match the payment in stamp, transaction and
 * amount, or nothing changes. Duplicates, reports out of order and reports after the
 * payment ended are harmless: each maps to at most one allowed action of the state
 * table, and the compare-and-set lets exactly one of many concurrent copies through.
 */
export async function applyProviderReport(ctx: PaymentsContext, payment: PaymentRecord, report: ProviderReport, options: { readonly correlationId: string; readonly source: ChangeSource }): Promise<PaymentRecord> {
  if (report.stamp !== payment.id || report.transactionId !== payment.providerTransactionId || report.amount !== payment.amount) {
    ctx.logger.warn('provider report does not match the payment', {
      correlationId: options.correlationId, paymentId: payment.id, source: options.source,
      stamp: report.stamp, amount: report.amount, expectedAmount: payment.amount,
    });
    throw new PaymentError('ERR_PAYMENT_REPORT_REFUSED', 'the report does not match the payment (stamp, transaction or amount)');
  }
  let current = payment;
  // A lost race means another report moved the payment first: decide again from its new state.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const action = actionFor(report, current);
    if (!action) return current;
    const result = await applyPaymentAction(ctx, current, action, {
      correlationId: options.correlationId,
      source: options.source,
      ...(action === 'succeed' || action === 'succeedLate' ? { set: { method: report.method, lateSuccess: action === 'succeedLate' } } : {}),
    });
    if (result.applied) {
      if (action === 'succeedLate') {
        ctx.logger.warn('late success recorded: the e-service must deliver or refund', { correlationId: options.correlationId, paymentId: payment.id, previousState: current.state });
      }
      return result.record;
    }
    if (!result.record) return current;
    current = result.record;
  }
  return current;
}

/** `ok` succeeds (late when the payment had already ended); `fail` fails a started payment; the rest wait. */
function actionFor(report: ProviderReport, payment: PaymentRecord): PaymentAction | undefined {
  switch (report.status) {
    case 'ok':
      if (isAllowed('succeed', payment.state)) return 'succeed';
      return isAllowed('succeedLate', payment.state) ? 'succeedLate' : undefined;
    case 'fail':
      return isAllowed('fail', payment.state) ? 'fail' : undefined;
    case 'new':
    case 'pending':
    case 'delayed':
      return undefined;
  }
}
