import { translate, type MessageKey, type MessageParams } from '../../i18n/catalog.ts';
import type { Locale } from '../../i18n/locale.ts';
import type { PaymentRecord, PaymentState } from '../../storage/storage.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import { renderSummary } from './payment-page.ts';

export interface PaymentStatusView {
  readonly locale: Locale;
  readonly nonce: string;
  readonly payment: PaymentRecord;
  readonly serviceName: string;
  /** Where "Return to the e-service" leads (its return or cancel URL, with the payment id). */
  readonly returnUrl: string;
}

const DONE: Partial<Record<PaymentState, MessageKey>> = {
  succeeded: 'payment.done.succeeded',
  failed: 'payment.done.failed',
  cancelled: 'payment.done.cancelled',
  expired: 'payment.done.expired',
};

/** A payment that has ended (or is being processed), seen again: the outcome and the way back. */
export function renderPaymentStatusPage(view: PaymentStatusView): string {
  const t = (key: MessageKey, params?: MessageParams) => translate(view.locale, key, params);
  const base = `/pay/${encodeURIComponent(view.payment.id)}`;
  const message = DONE[view.payment.state] ?? 'payment.pending';
  return renderPage({
    locale: view.locale,
    nonce: view.nonce,
    // The outcome is in the title too (WCAG 2.4.2): a screen reader user returning to the tab hears it first.
    title: `${t('payment.title')}: ${t(message)}`,
    languageUrl: (l) => `${base}?lang=${l}`,
    body: html`<h1>${t('payment.title')}</h1>
<p class="service">${t('payment.intro', { service: view.serviceName })}</p>
<p role="status">${t(message)}</p>
${renderSummary(view)}
<p class="actions"><a class="button" href="${view.returnUrl}">${t('payment.return')}</a></p>`,
  });
}

export interface PaymentIdentifyView {
  readonly locale: Locale;
  readonly nonce: string;
  readonly payment: PaymentRecord;
  readonly serviceName: string;
  readonly csrfToken: string;
  /** The citizen came back from the login without identifying. */
  readonly cancelled: boolean;
}

/** "Identify yourself to pay": shown when the citizen came back from the login without identifying. */
export function renderPaymentIdentifyPage(view: PaymentIdentifyView): string {
  const t = (key: MessageKey, params?: MessageParams) => translate(view.locale, key, params);
  const base = `/pay/${encodeURIComponent(view.payment.id)}`;
  return renderPage({
    locale: view.locale,
    nonce: view.nonce,
    title: t('payment.identify.title'),
    languageUrl: (l) => `${base}?lang=${l}&notice=identify`,
    body: html`<h1>${t('payment.identify.title')}</h1>
<p class="service">${t('payment.identify.text', { service: view.serviceName })}</p>
${view.cancelled ? html`<div class="notice" role="alert"><p>${t('payment.identify.cancelled')}</p></div>` : ''}
${renderSummary(view)}
<p class="actions"><a class="button" href="${base}/identify">${t('payment.identify.button')}</a></p>
<form method="post" action="${base}/cancel" class="actions"><input type="hidden" name="csrf" value="${view.csrfToken}"><button class="button secondary" type="submit">${t('payment.cancel')}</button></form>`,
  });
}
