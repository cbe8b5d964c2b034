import type { Locale } from '../../i18n/locale.ts';
import { translate, type MessageKey } from '../../i18n/catalog.ts';
import { html, raw } from '../html.ts';
import { renderPage } from '../layout.ts';

/**
 * Logout confirmation. `providerForm` is oidc-provider's own hidden form (it carries the
 * logout xsrf token); our buttons submit it by its id.
 */
export function renderLogoutPage(locale: Locale, nonce: string, providerForm: string): string {
  const t = (key: MessageKey) => translate(locale, key);
  return renderPage({
    locale,
    nonce,
    title: t('logout.title'),
    body: html`<h1>${t('logout.title')}</h1>
<p>${t('logout.question')}</p>
${raw(providerForm)}
<div class="actions">
<button class="button" type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>${t('logout.confirm')}</button>
<button class="button secondary" type="submit" form="op.logoutForm">${t('logout.cancel')}</button>
</div>`,
  });
}

export function renderLoggedOutPage(locale: Locale, nonce: string): string {
  const t = (key: MessageKey) => translate(locale, key);
  return renderPage({
    locale,
    nonce,
    title: t('logout.done'),
    body: html`<h1>${t('logout.done')}</h1>
<p>${t('logout.closeWindow')}</p>`,
  });
}
