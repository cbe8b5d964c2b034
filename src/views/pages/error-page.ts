import type { Locale } from '../../i18n/locale.ts';
import { translate, type MessageKey } from '../../i18n/catalog.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';

export interface ErrorView {
  readonly locale: Locale;
  readonly nonce: string;
  readonly message: MessageKey;
  readonly correlationId: string;
  /** The method choice of a login that can still go on. */
  readonly retryUrl?: string;
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
${view.retryUrl ? html`<p class="actions"><a class="button" href="${view.retryUrl}">${t('error.retry')}</a></p>` : ''}`,
  });
}
