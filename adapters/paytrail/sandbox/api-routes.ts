import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import { checkCreateBody } from './check-create-body.ts';
import { ApiRefusal, NonceCache, answerSigned, readMerchantCall, type MerchantCall } from './merchant-api.ts';
import { notifyRefund, settleLater, type SandboxLog } from './notify-merchant.ts';
import { SANDBOX_METHODS, refundOutcome } from './sandbox-catalogue.ts';
import type { SandboxLedger, SandboxRefund } from './sandbox-ledger.ts';

export interface ApiDeps {
  readonly baseUrl: () => string;
  readonly merchants: ReadonlyMap<string, string>;
  readonly ledger: SandboxLedger;
  readonly formToken: (transactionId: string, methodId: string) => string;
  readonly pendingSettleSeconds: number;
  readonly log: SandboxLog;
}

/** `POST /payments`, `GET /payments/:id`, `POST /payments/:id/refund`: Paytrail's merchant API. */
export function createApiRoutes(deps: ApiDeps): Router {
  const router = new Router();
  const nonces = new NonceCache();

  const signed = (handler: (ctx: Context, call: MerchantCall) => void) => async (ctx: Context): Promise<void> => {
    const transactionId = ctx.params.transactionId;
    let call: MerchantCall | undefined;
    try {
      call = await readMerchantCall(ctx, deps.merchants, nonces, transactionId);
      handler(ctx, call);
    } catch (error) {
      if (!(error instanceof ApiRefusal)) throw error;
      deps.log('merchant request refused', { status: error.status, message: error.message, path: ctx.path });
      if (call) answerSigned(ctx, call, error.status, { status: 'error', message: error.message }, transactionId);
      else {
        ctx.status = error.status;
        ctx.body = { status: 'error', message: error.message };
      }
    }
  };

  router.post('/payments', signed((ctx, call) => {
    const body = checkCreateBody(call.body);
    if (deps.ledger.hasStamp(call.account, body.stamp)) throw new ApiRefusal(400, 'duplicate stamp');
    const transaction = deps.ledger.add({ ...body, account: call.account, algorithm: call.algorithm });
    deps.log('payment created', { transactionId: transaction.transactionId, stamp: body.stamp, amount: body.amount });
    answerSigned(ctx, call, 201, {
      transactionId: transaction.transactionId,
      href: `${deps.baseUrl()}/pay/${transaction.transactionId}`,
      reference: transaction.reference,
      terms: 'Sandbox payment provider: no real money moves.',
      groups: [
        { id: 'bank', name: 'Online banks' }, { id: 'creditcard', name: 'Payment cards' }, { id: 'mobile', name: 'Mobile payment' },
      ],
      providers: SANDBOX_METHODS.map((method) => ({
        url: `${deps.baseUrl()}/pay/${transaction.transactionId}/${method.id}`,
        name: method.name,
        group: method.group,
        id: method.id,
        parameters: [{ name: 'token', value: deps.formToken(transaction.transactionId, method.id) }],
      })),
    });
  }));

  router.get('/payments/:transactionId', signed((ctx, call) => {
    const transaction = deps.ledger.get(ctx.params.transactionId!);
    if (!transaction || transaction.account !== call.account) throw new ApiRefusal(404, 'no such transaction');
    answerSigned(ctx, call, 200, {
      transactionId: transaction.transactionId,
      status: transaction.status,
      amount: transaction.amount,
      currency: 'EUR',
      stamp: transaction.stamp,
      reference: transaction.reference,
      createdAt: transaction.createdAt,
      ...(transaction.status === 'new' ? { href: `${deps.baseUrl()}/pay/${transaction.transactionId}` } : {}),
      ...(transaction.provider ? { provider: transaction.provider } : {}),
      ...(transaction.paidAt ? { paidAt: transaction.paidAt } : {}),
    }, transaction.transactionId);
  }));

  router.post('/payments/:transactionId/refund', signed((ctx, call) => {
    const transaction = deps.ledger.get(ctx.params.transactionId!);
    if (!transaction || transaction.account !== call.account) throw new ApiRefusal(404, 'no such transaction');
    const body = (call.body ?? {}) as Record<string, unknown>;
    if (!Number.isInteger(body.amount) || (body.amount as number) < 1) throw new ApiRefusal(400, 'amount: positive integer required');
    if (typeof body.refundStamp !== 'string' || body.refundStamp === '') throw new ApiRefusal(400, 'refundStamp: required');
    const existing = transaction.refunds.find((r) => r.refundStamp === body.refundStamp);
    if (existing) {
      // The same refund stamp again is the same refund: a merchant retrying after a lost answer.
      answerSigned(ctx, call, 201, { provider: transaction.provider, status: existing.status, transactionId: existing.transactionId }, transaction.transactionId);
      return;
    }
    if (transaction.status !== 'ok') throw new ApiRefusal(400, 'only a paid transaction can be refunded');
    if ((body.amount as number) > transaction.amount - deps.ledger.refunded(transaction)) throw new ApiRefusal(400, 'refund amount exceeds what is left');
    const outcome = refundOutcome(body.amount as number);
    if (outcome === 'fail') throw new ApiRefusal(400, 'refund declined by the bank (sandbox: amount ending in 13 cents)');
    const callbacks = body.callbackUrls as { success?: unknown } | undefined;
    const refund: SandboxRefund = {
      transactionId: randomUUID(),
      refundStamp: body.refundStamp,
      refundReference: typeof body.refundReference === 'string' ? body.refundReference : '',
      amount: body.amount as number,
      status: outcome,
      callbackUrl: typeof callbacks?.success === 'string' ? callbacks.success : null,
    };
    transaction.refunds.push(refund);
    deps.log('refund accepted', { transactionId: transaction.transactionId, amount: refund.amount, status: refund.status });
    answerSigned(ctx, call, 201, { provider: transaction.provider, status: refund.status, transactionId: refund.transactionId }, transaction.transactionId);
    if (outcome === 'ok') void notifyRefund(call.secret, transaction, refund, deps.log);
    else {
      settleLater(deps.pendingSettleSeconds, async () => {
        refund.status = 'ok';
        await notifyRefund(call.secret, transaction, refund, deps.log);
      });
    }
  }));

  return router;
}
