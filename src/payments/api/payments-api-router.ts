import Router from '@koa/router';
import type { Context, Next } from 'koa';
import type Provider from 'oidc-provider';
import { createPayment } from '../create-payment.ts';
import { PaymentError } from '../payment-errors.ts';
import { looksLikeId } from '../payment-ids.ts';
import { isAllowed, type PaymentAction } from '../payment-states.ts';
import { paymentView, refundView } from '../payment-view.ts';
import type { PaymentsContext } from '../payments-context.ts';
import { requestRefund } from '../request-refund.ts';
import type { PaymentRecord } from '../../storage/storage.ts';
import { authenticateClient, eserviceOf } from './authenticate-client.ts';
import { encodeCursor, parseListQuery } from './list-query.ts';
import { parseCreatePayment, parseCreateRefund } from './payment-input.ts';
import { readJsonBody, requireIdempotencyKey } from './read-json-body.ts';

/**
 * The payments API for e-services. Each route is its steps in order: authenticate, read
 * and check the input, load the client's own payment, check the state table, act.
 */
export function createPaymentsApiRouter(ctx: PaymentsContext, provider: Provider, maxBodyBytes: number): Router {
  const router = new Router();
  const authenticate = authenticateClient(provider, ctx.eservices, `${ctx.issuer}/payments`);
  const readJson = readJsonBody(maxBodyBytes);

  /** Another client's payment is as absent as one that never existed. */
  async function loadOwnPayment(koa: Context, next: Next): Promise<void> {
    const id = koa.params.id;
    const payment = looksLikeId('pay', id) ? await ctx.store.get(id) : undefined;
    if (!payment || payment.clientId !== eserviceOf(koa).clientId) throw new PaymentError('ERR_PAYMENT_NOT_FOUND', 'no such payment');
    koa.state.payment = payment;
    await next();
  }

  /** The state table decides, before the handler runs, whether this action is allowed now. */
  const allow = (action: PaymentAction) => async function checkState(koa: Context, next: Next): Promise<void> {
    const payment = koa.state.payment as PaymentRecord;
    if (!isAllowed(action, payment.state)) {
      throw new PaymentError('ERR_PAYMENT_INVALID_STATE', `a ${payment.state} payment does not allow ${action}`);
    }
    await next();
  };

  async function create(koa: Context): Promise<void> {
    const input = parseCreatePayment(koa.state.body);
    const { payment, replayed } = await createPayment(ctx, {
      eservice: eserviceOf(koa),
      idempotencyKey: koa.state.idempotencyKey,
      requestHash: koa.state.bodyHash,
      input,
      correlationId: koa.state.correlationId,
    });
    answer(koa, 201, paymentView(payment, ctx.issuer));
    koa.set('Location', `${ctx.issuer}/payments/${payment.id}`);
    if (replayed) koa.set('Idempotent-Replayed', 'true');
  }

  async function list(koa: Context): Promise<void> {
    const query = parseListQuery(eserviceOf(koa).clientId, new URLSearchParams(koa.querystring));
    const payments = await ctx.store.list(query);
    const last = payments.length === query.limit ? payments[payments.length - 1] : undefined;
    answer(koa, 200, {
      payments: payments.map((p) => paymentView(p, ctx.issuer)),
      next_cursor: last ? encodeCursor(last.createdAt, last.id) : null,
    });
  }

  function show(koa: Context): void {
    answer(koa, 200, paymentView(koa.state.payment, ctx.issuer));
  }

  async function checkRefundInput(koa: Context, next: Next): Promise<void> {
    koa.state.input = parseCreateRefund(koa.state.body);
    await next();
  }

  async function refund(koa: Context): Promise<void> {
    const payment = koa.state.payment as PaymentRecord;
    const { refund: created, replayed } = await requestRefund(ctx, {
      payment,
      idempotencyKey: koa.state.idempotencyKey,
      requestHash: koa.state.bodyHash,
      input: koa.state.input,
      correlationId: koa.state.correlationId,
    });
    answer(koa, 201, refundView(created));
    koa.set('Location', `${ctx.issuer}/payments/${payment.id}/refunds/${created.id}`);
    if (replayed) koa.set('Idempotent-Replayed', 'true');
  }

  async function listRefunds(koa: Context): Promise<void> {
    answer(koa, 200, { refunds: (await ctx.store.listRefunds(koa.state.payment.id)).map(refundView) });
  }

  async function showRefund(koa: Context): Promise<void> {
    const id = koa.params.refundId;
    const found = looksLikeId('rfd', id) ? await ctx.store.getRefund(koa.state.payment.id, id) : undefined;
    if (!found) throw new PaymentError('ERR_PAYMENT_NOT_FOUND', 'no such refund');
    answer(koa, 200, refundView(found));
  }

  /** The webhook events of a payment and every delivery attempt: the delivery log. */
  async function listEvents(koa: Context): Promise<void> {
    const events = await ctx.outbox.listForPayment(koa.state.payment.id);
    answer(koa, 200, {
      events: await Promise.all(events.map(async (event) => ({
        id: event.id,
        type: event.type,
        sequence: event.sequence,
        state: event.state,
        url: event.url,
        attempts: event.attempts,
        created_at: new Date(event.createdAt).toISOString(),
        delivered_at: event.deliveredAt === null ? null : new Date(event.deliveredAt).toISOString(),
        next_attempt_at: event.nextAttemptAt === null ? null : new Date(event.nextAttemptAt).toISOString(),
        deliveries: (await ctx.outbox.listDeliveries(event.id)).map((d) => ({
          attempt: d.attempt, at: new Date(d.at).toISOString(), status: d.status, error: d.error, duration_ms: d.durationMs,
        })),
      }))),
    });
  }

  router.post('/payments', authenticate, requireIdempotencyKey, readJson, create);
  router.get('/payments', authenticate, list);
  router.get('/payments/:id', authenticate, loadOwnPayment, show);
  router.post('/payments/:id/refunds', authenticate, requireIdempotencyKey, readJson, checkRefundInput, loadOwnPayment, allow('refund'), refund);
  router.get('/payments/:id/refunds', authenticate, loadOwnPayment, listRefunds);
  router.get('/payments/:id/refunds/:refundId', authenticate, loadOwnPayment, showRefund);
  router.get('/payments/:id/events', authenticate, loadOwnPayment, listEvents);
  return router;
}

function answer(koa: Context, status: number, body: unknown): void {
  koa.status = status;
  koa.set('Cache-Control', 'no-store');
  koa.body = body;
}
