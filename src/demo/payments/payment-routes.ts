import { randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { createViitenumero } from '../../payments/payment-reference.ts';
import { verifyWebhook } from '../../payments/webhooks/sign-webhook.ts';
import { DemoError } from '../demo-error.ts';
import type { DemoLog } from '../demo-log.ts';
import { nonceOf } from '../demo-security-headers.ts';
import { answerErrorsInJson } from '../handle-demo-errors.ts';
import { LANGUAGES } from '../login-choices.ts';
import { renderMessagePage } from '../message-page.ts';
import { readDemoForm } from '../read-demo-form.ts';
import { recordEvent, type DemoPayments } from './demo-payments.ts';
import { PERMIT_FEE, renderPaymentResultPage } from './payment-pages.ts';

const CSRF_COOKIE = 'permit_demo_pay_csrf';
const PAYMENT_ID = /^pay_[0-9a-f]{12}[A-Za-z0-9_-]{16}$/;
const WEBHOOK_LIMIT = 64 * 1024;

const NOTICES: Record<string, string> = {
  'refund-succeeded': 'The refund was made.',
  'refund-pending': 'The refund was accepted and is being processed.',
  'refund-failed': 'The bank refused the refund.',
  stale: 'The refundable amount had changed in the meantime; nothing was refunded. Check the amount and try again.',
  unavailable: 'That is more than can still be refunded; nothing was refunded.',
  invalid: 'Give the amount in euros, such as 2.50.',
};

/**
 * The demo's payment routes: start a payment, show the verified result after the citizen
 * returns, refund all or part, and receive Portti's signed webhooks.
 */
export function addPaymentRoutes(router: Router, payments: DemoPayments, log: DemoLog): void {
  async function startPayment(ctx: Context): Promise<void> {
    const language = typeof ctx.query.language === 'string' && Object.hasOwn(LANGUAGES, ctx.query.language) ? ctx.query.language : 'fi';
    const base = payments.publicUrl;
    const answer = await payments.api.createPayment({
      amount: PERMIT_FEE,
      description: 'Permit fee (demo)',
      reference: createViitenumero(String(randomInt(100_000, 999_999))),
      language,
      items: [
        { description: 'Permit fee', units: 1, unit_price: 1000, vat_percentage: 0, product_code: 'permit' },
        { description: 'Handling', units: 1, unit_price: 250, vat_percentage: 25.5, product_code: 'handling' },
      ],
      return_url: `${base}/payment/return`,
      cancel_url: `${base}/payment/return`,
      ...(payments.webhookKey ? { webhook_url: `${base}/payment/webhook` } : {}),
      payer_must_be_identified: ctx.query.identify === 'yes',
    }, randomUUID());
    if (answer.status !== 201) throw new DemoError('ERR_DEMO_ISSUER_UNAVAILABLE', `Portti refused the payment: ${JSON.stringify(answer.body)}`);
    log('demo: payment created', { paymentId: answer.body.id });
    ctx.status = 303;
    ctx.redirect(String(answer.body.next_url));
  }

  /** The return URL carries only the payment id: the outcome is read from Portti's API. */
  async function showResult(ctx: Context): Promise<void> {
    const id = paymentIdOf(ctx.query.payment_id);
    const [payment, refunds] = await Promise.all([payments.api.getPayment(id), payments.api.listRefunds(id)]);
    if (payment.status === 404) {
      ctx.status = 404;
      ctx.type = 'html';
      ctx.body = renderMessagePage({ nonce: nonceOf(ctx), title: 'Unknown payment', message: 'Portti knows no such payment of ours.' });
      return;
    }
    if (payment.status !== 200) throw new DemoError('ERR_DEMO_ISSUER_UNAVAILABLE', `Portti answered ${payment.status}`);
    const notice = NOTICES[String(ctx.query.notice)];
    ctx.type = 'html';
    ctx.body = renderPaymentResultPage({
      nonce: nonceOf(ctx),
      payment: payment.body,
      refunds: (refunds.body.refunds as Record<string, unknown>[] | undefined) ?? [],
      events: payments.events.get(id) ?? [],
      csrfToken: csrfTokenOf(ctx),
      refundKey: randomUUID(),
      ...(notice ? { notice } : {}),
    });
  }

  async function refund(ctx: Context): Promise<void> {
    const id = paymentIdOf(ctx.params.id);
    const form = await readDemoForm(ctx, 4 * 1024);
    if (!sameToken(form.get('csrf'), ctx.cookies.get(CSRF_COOKIE))) throw new DemoError('ERR_DEMO_CSRF', 'refund without a valid CSRF token');
    const expected = Number(form.get('expected'));
    const key = form.get('key') ?? '';
    const amount = form.get('mode') === 'full' ? expected : cents(form.get('amount') ?? '');
    const back = (notice: string) => {
      ctx.status = 303;
      ctx.redirect(`/payment/return?payment_id=${encodeURIComponent(id)}&notice=${notice}`);
    };
    if (amount === undefined || !Number.isInteger(expected) || !/^[\w-]{1,100}$/.test(key)) return back('invalid');
    const answer = await payments.api.refund(id, { amount, expected_available: expected }, key);
    log('demo: refund answered', { paymentId: id, amount, status: answer.status, state: answer.body.state });
    if (answer.status === 201) return back(`refund-${String(answer.body.state)}`);
    return back(answer.status === 412 ? 'stale' : answer.status === 409 ? 'unavailable' : 'invalid');
  }

  /** Verified, deduplicated by event id, answered 204; anything unverifiable is 400 and ignored. */
  async function receiveWebhook(ctx: Context): Promise<void> {
    const body = await readBody(ctx);
    const verified = payments.webhookKey !== undefined && verifyWebhook([payments.webhookKey], {
      timestamp: ctx.get('portti-webhook-timestamp') || undefined,
      signature: ctx.get('portti-webhook-signature') || undefined,
    }, body);
    if (!verified) throw new DemoError('ERR_DEMO_BAD_FORM', 'webhook signature missing or wrong');
    const event = JSON.parse(body) as { id: string; type: string; sequence: number; payment_id: string };
    const fresh = recordEvent(payments, event.payment_id, { id: event.id, type: event.type, sequence: event.sequence, receivedAt: new Date().toISOString() });
    log('demo: webhook received', { eventId: event.id, type: event.type, paymentId: event.payment_id, duplicate: !fresh });
    ctx.status = 204;
  }

  function csrfTokenOf(ctx: Context): string {
    const existing = ctx.cookies.get(CSRF_COOKIE);
    if (existing) return existing;
    const token = randomBytes(32).toString('base64url');
    ctx.cookies.set(CSRF_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: payments.publicUrl.startsWith('https:'), path: '/payment' });
    return token;
  }

  router.get('/payment/start', startPayment);
  router.get('/payment/return', showResult);
  router.post('/payment/:id/refund', refund);
  router.post('/payment/webhook', answerErrorsInJson, receiveWebhook);
}

function paymentIdOf(value: unknown): string {
  if (typeof value !== 'string' || !PAYMENT_ID.test(value)) throw new DemoError('ERR_DEMO_BAD_FORM', 'not a payment id');
  return value;
}

/** "2.50", "2,50" or "2" euros as cents. */
function cents(text: string): number | undefined {
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return value > 0 ? value : undefined;
}

function sameToken(given: string | null, expected: string | undefined): boolean {
  if (!expected) return false;
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(ctx: Context): Promise<string> {
  if (!ctx.is('application/json')) throw new DemoError('ERR_DEMO_BAD_FORM', 'expected JSON');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > WEBHOOK_LIMIT) throw new DemoError('ERR_DEMO_FORM_TOO_LARGE', 'webhook body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
