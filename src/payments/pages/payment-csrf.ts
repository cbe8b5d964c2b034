import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import { PaymentError } from '../payment-errors.ts';

const COOKIE = 'portti_pay';

/**
 * CSRF tokens for the payment pages, bound to this browser and this payment: an HMAC of a
 * random browser cookie and the payment id. Knowing a payment's link is not enough to
 * forge a cancel from someone else's browser. The same binding signs the `state` of the
 * identification round trip.
 */
export function createPaymentCsrf(secret: string, secureCookies: boolean) {
  const mac = (purpose: string, browser: string, paymentId: string) =>
    createHmac('sha256', secret).update(`${purpose}\0${browser}\0${paymentId}`).digest('base64url');

  function browserOf(ctx: Context): string {
    const existing = ctx.cookies.get(COOKIE);
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
    const created = randomBytes(32).toString('base64url');
    ctx.cookies.set(COOKIE, created, { httpOnly: true, sameSite: 'lax', secure: secureCookies, signed: false, path: '/pay' });
    return created;
  }

  function same(expected: string, given: string | null | undefined): boolean {
    const a = Buffer.from(expected);
    const b = Buffer.from(given ?? '');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  return {
    tokenFor: (ctx: Context, paymentId: string) => mac('csrf', browserOf(ctx), paymentId),
    verify(ctx: Context, paymentId: string, token: string | null): void {
      const browser = ctx.cookies.get(COOKIE);
      if (!browser || !same(mac('csrf', browser, paymentId), token)) throw new PaymentError('ERR_PAYMENT_CSRF', 'CSRF token missing or wrong');
    },
    /** `state` for the identification round trip: the payment id and a MAC binding it to this browser. */
    loginState: (ctx: Context, paymentId: string) => `${paymentId}.${mac('login', browserOf(ctx), paymentId)}`,
    /** The payment id of a `state` this browser started, or undefined. */
    paymentOfLoginState(ctx: Context, state: string | undefined): string | undefined {
      const [paymentId, tag] = (state ?? '').split('.', 2);
      const browser = ctx.cookies.get(COOKIE);
      return paymentId && browser && same(mac('login', browser, paymentId), tag) ? paymentId : undefined;
    },
  };
}

export type PaymentCsrf = ReturnType<typeof createPaymentCsrf>;
