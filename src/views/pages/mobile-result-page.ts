import type { Locale } from '../../i18n/locale.ts';
import { translate, type MessageKey } from '../../i18n/catalog.ts';
import type { FailureReason } from '../../identity/identification-method.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import { mobileFailureMessage } from './mobile-page-parts.ts';

export interface MobileResultView {
  readonly locale: Locale;
  readonly nonce: string;
  readonly uid: string;
  readonly reason: FailureReason;
  /** The failure's stable code; the page shows that code's own message, never the code. */
  readonly code: string;
  readonly correlationId: string;
}

const TITLES: Readonly<Record<FailureReason, MessageKey>> = {
  cancelled: 'mobile.result.cancelled',
  timeout: 'mobile.result.timeout',
  rejected: 'mobile.result.failed',
  upstream_error: 'mobile.result.failed',
};

/** A mobile certificate login that ended without an identity: what happened, try again, or another method. */
export function renderMobileResultPage(view: MobileResultView): string {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(view.locale, key, params);
  const base = `/interaction/${encodeURIComponent(view.uid)}`;
  const body = html`<h1>${t(TITLES[view.reason])}</h1>
<div class="notice" role="alert"><p>${t(mobileFailureMessage(view.code))}</p></div>
<p class="reference">${t('error.correlation', { id: view.correlationId })}</p>
<p class="actions"><a class="button" href="${base}/mobile">${t('mobile.retry')}</a><a class="button secondary" href="${base}">${t('mobile.back')}</a></p>`;
  return renderPage({ locale: view.locale, nonce: view.nonce, title: t(TITLES[view.reason]), body });
}
