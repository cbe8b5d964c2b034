import { translate, type MessageKey, type MessageParams } from '../../i18n/catalog.ts';
import type { Locale } from '../../i18n/locale.ts';
import type { PaymentRecord, ProviderFormRecord } from '../../storage/storage.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import { formatEuros } from './payment-format.ts';

export interface PaymentPageView {
  readonly locale: Locale;
  readonly nonce: string;
  readonly payment: PaymentRecord;
  readonly serviceName: string;
  /** The citizen logged in to Portti, when there is one. */
  readonly payerName?: string;
  readonly csrfToken: string;
}

const GROUPS: readonly { readonly group: string; readonly heading: MessageKey }[] = [
  { group: 'bank', heading: 'payment.group.bank' },
  { group: 'card', heading: 'payment.group.card' },
  { group: 'mobile', heading: 'payment.group.mobile' },
  { group: 'other', heading: 'payment.group.other' },
];

/**
 * The hosted payment page: what is paid, to whom, by whom, and the provider's methods
 * grouped as banks and cards. Each method is the provider's own form, posted straight to
 * the provider: card details are typed only on the provider's page, never here.
 */
export function renderPaymentPage(view: PaymentPageView): string {
  const t = (key: MessageKey, params?: MessageParams) => translate(view.locale, key, params);
  const { payment } = view;
  const base = `/pay/${encodeURIComponent(payment.id)}`;
  const groups = GROUPS.map(({ group, heading }) => {
    const forms = payment.providerForms.filter((f) => f.group === group);
    if (forms.length === 0) return '';
    const headingId = `group-${group}`;
    return html`<section aria-labelledby="${headingId}">
<h3 id="${headingId}">${t(heading)}</h3>
${group === 'card' ? html`<p>${t('payment.cardNotice')}</p>` : ''}
<ul class="tiles">${forms.map((form) => renderProviderForm(form))}</ul>
</section>`;
  });
  const body = html`<h1>${t('payment.title')}</h1>
<p class="service">${t('payment.intro', { service: view.serviceName })}</p>
${renderSummary(view)}
<h2>${t('payment.choose')}</h2>
${groups}
<form method="post" action="${base}/cancel" class="actions"><input type="hidden" name="csrf" value="${view.csrfToken}"><button class="button secondary" type="submit">${t('payment.cancel')}</button></form>`;
  return renderPage({ locale: view.locale, nonce: view.nonce, title: t('payment.title'), languageUrl: (l) => `${base}?lang=${l}`, body });
}

/** Description, amount, reference, payer, and the items when there is more than one. */
export function renderSummary(view: Pick<PaymentPageView, 'locale' | 'payment' | 'payerName'>) {
  const t = (key: MessageKey) => translate(view.locale, key);
  const { payment } = view;
  const items = payment.items.length > 1
    ? html`<table><caption>${t('payment.items')}</caption>
<thead><tr><th scope="col">${t('payment.description')}</th><th scope="col">${t('payment.item.units')}</th><th scope="col">${t('payment.item.price')}</th><th scope="col">${t('payment.item.vat')}</th></tr></thead>
<tbody>${payment.items.map((i) => html`<tr><td>${i.description}</td><td>${i.units}</td><td>${formatEuros(i.unitPrice, view.locale)}</td><td>${String(i.vatPercentage).replace('.', view.locale === 'en' ? '.' : ',')}</td></tr>`)}</tbody></table>`
    : '';
  return html`<section aria-label="${t('payment.summary')}">
<dl class="summary">
<dt>${t('payment.description')}</dt><dd>${payment.description}</dd>
<dt>${t('payment.amount')}</dt><dd class="amount">${formatEuros(payment.amount, view.locale)}</dd>
<dt>${t('payment.reference')}</dt><dd>${payment.reference}</dd>
${view.payerName ? html`<dt>${t('payment.payer')}</dt><dd class="payer">${view.payerName}</dd>` : ''}
</dl>
${items}
</section>`;
}

function renderProviderForm(form: ProviderFormRecord) {
  return html`<li><form method="post" action="${form.url}">${form.parameters.map((p) => html`<input type="hidden" name="${p.name}" value="${p.value}">`)}<button class="tile" type="submit">${form.name}</button></form></li>`;
}
