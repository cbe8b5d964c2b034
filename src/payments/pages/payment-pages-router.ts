import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type { Context, Next } from 'koa';
import type Provider from 'oidc-provider';
import { readForm } from '../../http/read-form.ts';
import { LANGUAGE_COOKIE, requestLocale } from '../../http/request-locale.ts';
import { isLocale } from '../../i18n/locale.ts';
import type { Accounts } from '../../oidc/accounts.ts';
import type { SubjectKeys } from '../../oidc/subject-keys.ts';
import type { PaymentRecord } from '../../storage/storage.ts';
import { renderPaymentPage } from '../../views/pages/payment-page.ts';
import { renderPaymentIdentifyPage, renderPaymentStatusPage } from '../../views/pages/payment-status-page.ts';
import { applyProviderReport } from '../apply-provider-report.ts';
import { expirePayment } from '../expire-payment.ts';
import { PaymentError } from '../payment-errors.ts';
import { looksLikeId } from '../payment-ids.ts';
import { isAllowed, isFinal } from '../payment-states.ts';
import { applyPaymentAction } from '../payment-transitions.ts';
import type { PaymentsContext } from '../payments-context.ts';
import { startPayment } from '../start-payment.ts';
import { paymentLoginClientId } from '../payment-login-client.ts';
import type { PaymentCsrf } from './payment-csrf.ts';
import { readPayer } from './read-payer.ts';

export interface PaymentPagesDeps {
  readonly payments: PaymentsContext;
  readonly provider: Provider;
  readonly accounts: Accounts;
  readonly subjects: SubjectKeys;
  readonly csrf: PaymentCsrf;
  readonly maxBodyBytes: number;
  readonly secureCookies: boolean;
}

/** Portti's redirect URI for the login a "payer must be identified" payment sends the citizen through. */
export const IDENTIFIED_PATH = '/pay/identified';

/**
 * The citizen's side of a payment: the hosted page, cancel, the identification detour,
 * and the browser's return from the provider. Each route is its steps in order.
 */
export function createPaymentPagesRouter(deps: PaymentPagesDeps): Router {
  const { payments: ctx } = deps;
  const router = new Router();

  async function loadPayment(koa: Context, next: Next): Promise<void> {
    const id = koa.params.id;
    const payment = looksLikeId('pay', id) ? await ctx.store.get(id) : undefined;
    koa.state.locale = requestLocale(koa, payment?.language);
    if (!payment) throw new PaymentError('ERR_PAYMENT_NOT_FOUND', 'no such payment');
    koa.state.payment = payment;
    rememberLanguageSwitch(koa);
    koa.set('Cache-Control', 'no-store');
    await next();
  }

  const eserviceOf = (payment: PaymentRecord) => ctx.eservices.get(payment.clientId)!;
  const serviceName = (koa: Context, payment: PaymentRecord) => eserviceOf(payment).name[koa.state.locale as 'fi'];

  async function showPaymentPage(koa: Context): Promise<void> {
    let payment = koa.state.payment as PaymentRecord;
    const correlationId = koa.state.correlationId as string;
    if (!isFinal(payment.state) && ctx.now() >= payment.expiresAt) {
      payment = await expirePayment(ctx, payment, { correlationId, source: 'page' });
    }
    if (isFinal(payment.state)) return showStatus(koa, payment);
    const payer = await readPayer(deps, koa, eserviceOf(payment));
    if (payment.payerMustBeIdentified && !payer) {
      if (koa.query.notice !== 'identify') return redirect(koa, `/pay/${payment.id}/identify`);
      koa.type = 'html';
      koa.body = renderPaymentIdentifyPage({
        locale: koa.state.locale, nonce: koa.state.cspNonce, payment, serviceName: serviceName(koa, payment),
        csrfToken: deps.csrf.tokenFor(koa, payment.id), cancelled: true,
      });
      return;
    }
    if (payment.state === 'created') {
      payment = await startPayment(ctx, payment, { payerSub: payer?.sub ?? null, correlationId });
    } else if (payer && payment.payerSub === null) {
      const identified = await applyPaymentAction(ctx, payment, 'identifyPayer', {
        correlationId, source: 'page', set: { payerSub: payer.sub }, expectedVersion: payment.version,
      });
      payment = identified.record ?? payment;
    }
    if (payment.state !== 'started') return showStatus(koa, payment);
    koa.type = 'html';
    koa.body = renderPaymentPage({
      locale: koa.state.locale,
      nonce: koa.state.cspNonce,
      payment,
      serviceName: serviceName(koa, payment),
      ...(payer ? { payerName: payer.name } : {}),
      csrfToken: deps.csrf.tokenFor(koa, payment.id),
    });
  }

  function showStatus(koa: Context, payment: PaymentRecord): void {
    koa.type = 'html';
    koa.body = renderPaymentStatusPage({
      locale: koa.state.locale, nonce: koa.state.cspNonce, payment, serviceName: serviceName(koa, payment), returnUrl: backToEservice(payment),
    });
  }

  async function cancel(koa: Context): Promise<void> {
    const form = await readForm(koa, deps.maxBodyBytes);
    const payment = koa.state.payment as PaymentRecord;
    deps.csrf.verify(koa, payment.id, form.get('csrf'));
    const result = isAllowed('cancel', payment.state)
      ? await applyPaymentAction(ctx, payment, 'cancel', { correlationId: koa.state.correlationId, source: 'page' })
      : undefined;
    redirect(koa, backToEservice(result?.record ?? payment));
  }

  /** "Payer must be identified": a login for the e-service's twin client, coming back to Portti's own redirect URI. */
  function startIdentification(koa: Context): void {
    const payment = koa.state.payment as PaymentRecord;
    const eservice = eserviceOf(payment);
    const url = new URL(`${ctx.issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: paymentLoginClientId(eservice.clientId),
      response_type: 'code',
      scope: 'openid',
      redirect_uri: `${ctx.issuer}${IDENTIFIED_PATH}`,
      state: deps.csrf.loginState(koa, payment.id),
      nonce: randomBytes(16).toString('base64url'),
      // PKCE is required of every request; Portti never redeems this code: the session is what it wanted.
      code_challenge: randomBytes(32).toString('base64url'),
      code_challenge_method: 'S256',
      ui_locales: koa.state.locale,
    }).toString();
    redirect(koa, url.href);
  }

  async function finishIdentification(koa: Context): Promise<void> {
    const paymentId = deps.csrf.paymentOfLoginState(koa, typeof koa.query.state === 'string' ? koa.query.state : undefined);
    koa.state.locale = requestLocale(koa);
    if (!paymentId) throw new PaymentError('ERR_PAYMENT_CSRF', 'identification return without a state this browser started');
    redirect(koa, koa.query.error ? `/pay/${paymentId}?notice=identify` : `/pay/${paymentId}`);
  }

  /** The browser back from the provider: verify, apply, and send the citizen to the e-service with the payment id only. */
  async function acceptReturn(koa: Context): Promise<void> {
    const payment = koa.state.payment as PaymentRecord;
    const verified = ctx.provider.verifyPaymentRedirect(new URLSearchParams(koa.querystring));
    if (!verified.ok) {
      ctx.logger.warn('browser return refused', { correlationId: koa.state.correlationId, paymentId: payment.id, reason: verified.reason });
      throw new PaymentError('ERR_PAYMENT_REPORT_REFUSED', `the return could not be verified: ${verified.reason}`);
    }
    const after = await applyProviderReport(ctx, payment, verified.report, { correlationId: koa.state.correlationId, source: 'return' });
    redirect(koa, backToEservice(after));
  }

  function rememberLanguageSwitch(koa: Context): void {
    if (isLocale(koa.query.lang)) {
      koa.cookies.set(LANGUAGE_COOKIE, koa.query.lang, { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, signed: false, maxAge: 365 * 86400_000 });
    }
  }

  router.get(IDENTIFIED_PATH, finishIdentification);
  router.get('/pay/:id', loadPayment, showPaymentPage);
  router.post('/pay/:id/cancel', loadPayment, cancel);
  router.get('/pay/:id/identify', loadPayment, startIdentification);
  router.get('/pay/:id/return', loadPayment, acceptReturn);
  return router;
}

/** The e-service learns only which payment; the outcome it reads from the API or a webhook. */
export function backToEservice(payment: PaymentRecord): string {
  const failed = payment.state === 'failed' || payment.state === 'cancelled' || payment.state === 'expired';
  const url = new URL(failed ? payment.cancelUrl : payment.returnUrl);
  url.searchParams.set('payment_id', payment.id);
  return url.href;
}

function redirect(koa: Context, location: string): void {
  koa.status = 303;
  koa.redirect(location);
}
