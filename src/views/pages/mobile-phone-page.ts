import type { Locale } from '../../i18n/locale.ts';
import { translate, type MessageKey } from '../../i18n/catalog.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import { mobileStyles } from './mobile-page-parts.ts';

export interface MobilePhoneView {
  readonly locale: Locale;
  readonly nonce: string;
  readonly uid: string;
  readonly csrfToken: string;
  readonly serviceName: string;
  /** What the citizen typed, shown again after an error. */
  readonly phone?: string;
  /** A problem with the number, shown beside the field and tied to it by aria-describedby. */
  readonly error?: MessageKey;
}

/** Step one of a mobile certificate login: the phone number. */
export function renderMobilePhonePage(view: MobilePhoneView): string {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(view.locale, key, params);
  const base = `/interaction/${encodeURIComponent(view.uid)}`;
  const describedBy = view.error ? 'phone-hint phone-error' : 'phone-hint';
  const body = html`${mobileStyles(view.nonce)}<h1>${t('mobile.phone.title')}</h1>
<p class="service">${t('method.intro', { service: view.serviceName })}</p>
${view.error ? html`<div class="notice" role="alert"><h2>${t('mobile.phone.errorSummary')}</h2><p><a href="#phone">${t(view.error)}</a></p></div>` : ''}
<p>${t('mobile.phone.intro')}</p>
<form method="post" action="${base}/mobile" novalidate>
<input type="hidden" name="csrf" value="${view.csrfToken}">
<div class="field">
<label for="phone">${t('mobile.phone.label')}</label>
<p class="hint" id="phone-hint">${t('mobile.phone.hint')}</p>
${view.error ? html`<p class="error" id="phone-error">${t(view.error)}</p>` : ''}
<input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="40" required value="${view.phone ?? ''}" aria-describedby="${describedBy}"${view.error ? html` aria-invalid="true" autofocus` : ''}>
</div>
<p class="actions"><button class="button" type="submit">${t('mobile.phone.submit')}</button><a class="button secondary" href="${base}">${t('method.another')}</a></p>
</form>`;
  return renderPage({
    locale: view.locale,
    nonce: view.nonce,
    title: view.error ? `${t('mobile.phone.errorSummary')}: ${t('mobile.phone.title')}` : t('mobile.phone.title'),
    languageUrl: (l) => `${base}/mobile?lang=${l}`,
    body,
  });
}
