import type { Locale } from '../../i18n/locale.ts';
import { translate, type MessageKey } from '../../i18n/catalog.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';

/** The accessibility statement Finnish public services must publish (Act 306/2019). */
export function renderAccessibilityPage(locale: Locale, nonce: string): string {
  const t = (key: MessageKey) => translate(locale, key);
  return renderPage({
    locale,
    nonce,
    title: t('footer.accessibility'),
    languageUrl: (l) => `/accessibility?lang=${l}`,
    body: html`<h1>${t('footer.accessibility')}</h1>
<p>${t('a11y.intro')}</p>
<p>${t('a11y.status')}</p>
<p>${t('a11y.feedback')}</p>
<p>${t('a11y.supervision')}</p>`,
  });
}
