import { timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import { notifyPayment, settleLater, signedQuery, withQuery, type CallbackTiming, type SandboxLog } from './notify-merchant.ts';
import { renderDonePage, renderMethodPage, renderPaymentWall } from './provider-pages.ts';
import { SANDBOX_METHODS, cardOutcome, type SandboxMethod } from './sandbox-catalogue.ts';
import type { SandboxLedger, SandboxTransaction } from './sandbox-ledger.ts';

export interface MethodDeps {
  readonly merchants: ReadonlyMap<string, string>;
  readonly ledger: SandboxLedger;
  readonly formToken: (transactionId: string, methodId: string) => string;
  readonly pendingSettleSeconds: number;
  readonly log: SandboxLog;
}

/**
 * The citizen's side of the sandbox: the bank, card and wallet pages the provider forms
 * lead to, and what happens when the citizen pays or cancels there.
 */
export function createMethodRoutes(deps: MethodDeps): Router {
  const router = new Router();

  /** The provider form's token proves the form came from a create-payment answer for this transaction. */
  async function load(ctx: Context): Promise<{ transaction: SandboxTransaction; method: SandboxMethod; form: URLSearchParams }> {
    const transaction = deps.ledger.get(ctx.params.transactionId!);
    const method = SANDBOX_METHODS.find((m) => m.id === ctx.params.methodId);
    const form = await readForm(ctx);
    if (!transaction || !method || !sameToken(deps.formToken(transaction.transactionId, method.id), form.get('token'))) {
      ctx.throw(400, 'unknown transaction or a tampered payment form');
    }
    return { transaction: transaction!, method: method!, form };
  }

  async function showMethodPage(ctx: Context): Promise<void> {
    const { transaction, method } = await load(ctx);
    ctx.type = 'html';
    ctx.body = transaction.status === 'new'
      ? renderMethodPage({ transaction, method, token: deps.formToken(transaction.transactionId, method.id) })
      : renderDonePage('Already processed', 'This payment has already been processed.');
  }

  async function confirm(ctx: Context): Promise<void> {
    const { transaction, method, form } = await load(ctx);
    if (transaction.status !== 'new') {
      ctx.status = 409;
      ctx.type = 'html';
      ctx.body = renderDonePage('Already processed', 'This payment has already been processed.');
      return;
    }
    const cancelled = form.get('action') !== 'pay';
    const outcome = cancelled ? 'fail' : method.group === 'creditcard' ? cardOutcome(form.get('card_number') ?? '') : 'ok';
    if (outcome === undefined) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = renderMethodPage({ transaction, method, token: deps.formToken(transaction.transactionId, method.id), error: 'Not a test card: use one of the numbers listed below.' });
      return;
    }
    transaction.status = outcome;
    transaction.provider = method.id;
    if (outcome === 'ok') transaction.paidAt = new Date().toISOString();
    const secret = deps.merchants.get(transaction.account)!;
    const timing = callbackTiming(form);
    deps.log('payment processed', { transactionId: transaction.transactionId, status: outcome, method: method.id, callback: timing.kind });
    await notifyPayment(secret, transaction, timing, deps.log);
    if (outcome === 'pending') {
      settleLater(deps.pendingSettleSeconds, async () => {
        transaction.status = 'ok';
        transaction.paidAt = new Date().toISOString();
        deps.log('pending payment settled', { transactionId: transaction.transactionId });
        await notifyPayment(secret, transaction, timing.kind === 'never' ? timing : { kind: 'now' }, deps.log);
      });
    }
    const target = withQuery(outcome === 'fail' ? transaction.redirectUrls.cancel : transaction.redirectUrls.success,
      signedQuery(secret, transaction, { status: outcome }));
    if (form.get('return') === 'no') {
      ctx.type = 'html';
      ctx.body = renderDonePage(method.name, 'Done. You may close this window.');
      return;
    }
    ctx.status = 303;
    ctx.redirect(target);
  }

  function showPaymentWall(ctx: Context): void {
    const transaction = deps.ledger.get(ctx.params.transactionId!);
    if (!transaction) ctx.throw(404, 'no such transaction');
    ctx.type = 'html';
    ctx.body = renderPaymentWall(transaction!, SANDBOX_METHODS.map((m) => ({
      name: m.name, url: `/pay/${transaction!.transactionId}/${m.id}`, token: deps.formToken(transaction!.transactionId, m.id),
    })));
  }

  /** Sandbox control for tests and demos: settle a pending payment now instead of later. */
  async function settleNow(ctx: Context): Promise<void> {
    const transaction = deps.ledger.get(ctx.params.transactionId!);
    if (!transaction || transaction.status !== 'pending') ctx.throw(409, 'no pending transaction with that id');
    transaction!.status = 'ok';
    transaction!.paidAt = new Date().toISOString();
    await notifyPayment(deps.merchants.get(transaction!.account)!, transaction!, { kind: 'now' }, deps.log);
    ctx.body = { status: 'ok' };
  }

  router.get('/pay/:transactionId', showPaymentWall);
  router.post('/pay/:transactionId/:methodId', showMethodPage);
  router.post('/pay/:transactionId/:methodId/confirm', confirm);
  router.post('/sandbox/transactions/:transactionId/settle', settleNow);
  return router;
}

function sameToken(expected: string, given: string | null): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given ?? '');
  return a.length === b.length && timingSafeEqual(a, b);
}

function callbackTiming(form: URLSearchParams): CallbackTiming {
  const choice = form.get('callback');
  if (choice === 'never') return { kind: 'never' };
  if (choice === 'delay') {
    const seconds = Number(form.get('callback_delay') ?? '5');
    return { kind: 'delay', seconds: Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), 900) : 5 };
  }
  return { kind: 'now' };
}

async function readForm(ctx: Context): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) ctx.throw(415, 'expected a form');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16 * 1024) ctx.throw(413, 'form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
