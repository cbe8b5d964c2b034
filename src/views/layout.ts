import { LOCALES, type Locale } from '../i18n/locale.ts';
import { translate } from '../i18n/catalog.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { STYLES } from './styles.ts';

export interface PageFrame {
  readonly locale: Locale;
  /** What the page is about, as its h1 says it; the document title adds "- Portti". */
  readonly title: string;
  /** CSP nonce of this response. */
  readonly nonce: string;
  /** URL of this page in another language, for the language switch; omitted on pages that cannot switch. */
  readonly languageUrl?: (locale: Locale) => string;
  readonly body: SafeHtml;
}

/**
 * The frame every citizen page shares: language, skip link, header with the logo text and
 * the language switch, main, and a footer linking the accessibility statement. No script:
 * every page works without JavaScript.
 */
export function renderPage(frame: PageFrame): string {
  const t = (key: Parameters<typeof translate>[1]) => translate(frame.locale, key);
  const switcher = frame.languageUrl
    ? html`<nav class="languages" aria-label="${t('nav.language')}"><ul>${LOCALES.map((l) =>
        html`<li><a href="${frame.languageUrl!(l)}" lang="${l}" hreflang="${l}"${l === frame.locale ? raw(' aria-current="true"') : ''}>${translate(l, `lang.${l}`)}</a></li>`)}</ul></nav>`
    : '';
  return '<!doctype html>\n' + html`<html lang="${frame.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} - ${t('app.name')}</title>
<style nonce="${frame.nonce}">${raw(STYLES)}</style>
</head>
<body>
<a class="skip" href="#main">${t('nav.skip')}</a>
<header><div class="frame"><span class="logo">${t('app.name')}</span>${switcher}</div></header>
<main id="main">
${frame.body}
</main>
<footer><div class="frame"><p>${t('app.name')} · ${t('app.tagline')}</p><p><a href="/accessibility?lang=${frame.locale}">${t('footer.accessibility')}</a></p></div></footer>
</body>
</html>`.toString();
}
