import type { Locale } from '../../i18n/locale.ts';
import { translate, type MessageKey } from '../../i18n/catalog.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';

export interface ErrorView {
  readonly locale: Locale;
  readonly nonce: string;
  readonly message: MessageKey;
  readonly correlationId: string;
  /** Where "back" leads, when Portti knows a safe place. */
  readonly backUrl?: string;
}

/** The localized error page: what happened in plain words and a reference for support, never internals. */
export function renderErrorPage(view: ErrorView): string {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(view.locale, key, params);
  return renderPage({
    locale: view.locale,
    nonce: view.nonce,
    title: t('error.title'),
    body: html`<h1>${t('error.title')}</h1>
<div class="notice" role="alert"><p>${t(view.message)}</p></div>
<p class="reference">${t('error.correlation', { id: view.correlationId })}</p>
${view.backUrl ? html`<p class="actions"><a class="button" href="${view.backUrl}">${t('error.back')}</a></p>` : ''}`,
  });
}
