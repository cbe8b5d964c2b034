import type { Locale } from '../../i18n/locale.ts';
import { translate } from '../../i18n/catalog.ts';
import type { MethodOption } from '../../identity/identification-method.ts';
import type { MethodKind } from '../../identity/identity.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import { translateHtml } from '../translate-html.ts';

export interface MethodChoiceView {
  readonly locale: Locale;
  readonly nonce: string;
  readonly uid: string;
  readonly csrfToken: string;
  readonly serviceName: string;
  readonly options: readonly MethodOption[];
  /** Set when the citizen came back from a failed or cancelled attempt. */
  readonly notice?: string;
}

const GROUPS: readonly MethodKind[] = ['bank', 'mobile', 'card'];

/** Method choice: one large tile per bank or method, grouped, plain form posts. */
export function renderMethodChoicePage(view: MethodChoiceView): string {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(view.locale, key, params);
  const base = `/interaction/${encodeURIComponent(view.uid)}`;
  const groups = GROUPS.map((kind) => {
    const options = view.options.filter((o) => o.kind === kind);
    if (options.length === 0) return '';
    const headingId = `group-${kind}`;
    return html`<section aria-labelledby="${headingId}">
<h2 id="${headingId}">${t(`method.group.${kind}`)}</h2>
<ul class="tiles">${options.map((o) => html`<li><button class="tile" type="submit" name="option" value="${o.id}">${o.label[view.locale]}<small>${t(o.acr.endsWith('loa3') ? 'method.level.high' : 'method.level.substantial')}</small></button></li>`)}</ul>
</section>`;
  });
  const body = html`<h1>${t('method.title')}</h1>
<p class="service">${translateHtml(view.locale, 'method.intro', { service: html`<strong>${view.serviceName}</strong>` })}</p>
${view.notice ? html`<div class="notice" role="alert">${view.notice}</div>` : ''}
${view.options.length === 0
    ? html`<p class="notice">${t('method.none')}</p>`
    : html`<form method="post" action="${base}/method"><input type="hidden" name="csrf" value="${view.csrfToken}">${groups}</form>`}
<form method="post" action="${base}/abort" class="actions"><input type="hidden" name="csrf" value="${view.csrfToken}"><button class="button secondary" type="submit">${t('method.cancel')}</button></form>`;
  return renderPage({
    locale: view.locale,
    nonce: view.nonce,
    title: t('method.title'),
    languageUrl: (l) => `${base}?lang=${l}`,
    body,
  });
}
