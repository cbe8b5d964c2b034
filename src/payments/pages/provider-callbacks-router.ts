import Router from '@koa/router';
import type { Context } from 'koa';
import { applyProviderReport } from '../apply-provider-report.ts';
import { PaymentError } from '../payment-errors.ts';
import { looksLikeId } from '../payment-ids.ts';
import { applyRefundAction } from '../payment-transitions.ts';
import type { PaymentsContext } from '../payments-context.ts';

/**
 * Server-to-server callbacks from the provider (HTTP GET with signed query parameters).
 * A duplicate, or one arriving after the browser return, changes nothing and still gets
 * 200, so the provider stops retrying; a forged or mismatching one gets 400.
 */
export function createProviderCallbacksRouter(ctx: PaymentsContext): Router {
  const router = new Router();

  async function acceptPaymentCallback(koa: Context): Promise<void> {
    const id = koa.params.id;
    const payment = looksLikeId('pay', id) ? await ctx.store.get(id) : undefined;
    if (!payment) throw new PaymentError('ERR_PAYMENT_NOT_FOUND', 'no such payment');
    const verified = ctx.provider.verifyPaymentRedirect(new URLSearchParams(koa.querystring));
    if (!verified.ok) {
      ctx.logger.warn('provider callback refused', { correlationId: koa.state.correlationId, paymentId: payment.id, reason: verified.reason });
      throw new PaymentError('ERR_PAYMENT_REPORT_REFUSED', `callback refused: ${verified.reason}`);
    }
    const after = await applyProviderReport(ctx, payment, verified.report, { correlationId: koa.state.correlationId, source: 'callback' });
    koa.body = { state: after.state };
  }

  async function acceptRefundCallback(koa: Context): Promise<void> {
    const { id, refundId } = koa.params;
    const refund = looksLikeId('pay', id) && looksLikeId('rfd', refundId) ? await ctx.store.getRefund(id, refundId) : undefined;
    if (!refund) throw new PaymentError('ERR_PAYMENT_NOT_FOUND', 'no such refund');
    const verified = ctx.provider.verifyRefundRedirect(new URLSearchParams(koa.querystring));
    // The refund's own stamp (as the sandbox sends it) or the payment's: which one Paytrail
    // puts on refund callbacks is not documented, and the signed URL names the refund anyway.
    const matches = verified.ok
      && (verified.report.stamp === refund.id || verified.report.stamp === refund.paymentId)
      && verified.report.amount === refund.amount
      && (refund.providerRefundId === null || verified.report.refundTransactionId === refund.providerRefundId);
    if (!verified.ok || !matches) {
      ctx.logger.warn('refund callback refused', { correlationId: koa.state.correlationId, refundId: refund.id, reason: verified.ok ? 'mismatch' : verified.reason });
      throw new PaymentError('ERR_PAYMENT_REPORT_REFUSED', 'refund callback refused');
    }
    const { status, refundTransactionId } = verified.report;
    if (refund.state === 'pending' && (status === 'ok' || status === 'fail')) {
      await applyRefundAction(ctx, refund, status === 'ok' ? 'settle' : 'reject', {
        correlationId: koa.state.correlationId, source: 'callback', providerRefundId: refundTransactionId,
      });
    }
    koa.body = { state: (await ctx.store.getRefund(refund.paymentId, refund.id))?.state };
  }

  router.get('/psp/payments/:id/callback', acceptPaymentCallback);
  router.get('/psp/payments/:id/refunds/:refundId/callback', acceptRefundCallback);
  return router;
}
