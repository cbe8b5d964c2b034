import type { Locale } from '../../i18n/locale.ts';
import { CATALOGS, translate, type MessageKey } from '../../i18n/catalog.ts';
import type { FailureReason } from '../../identity/identification-method.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';

/** How "try again" works: the mobile method asks for the phone again; the card method starts a new hand-off. */
export type RetryAction =
  | { readonly kind: 'link'; readonly href: string }
  | { readonly kind: 'form'; readonly action: string; readonly csrfToken: string; readonly option: string };

export interface MethodResultView {
  readonly locale: Locale;
  readonly nonce: string;
  readonly uid: string;
  readonly method: 'mobile' | 'card';
  readonly reason: FailureReason;
  /** The failure's stable code; the page shows that code's own message, never the code. */
  readonly code: string;
  readonly correlationId: string;
  readonly retry: RetryAction;
  /** False when trying again cannot help: "choose another method" then comes first. */
  readonly retryable: boolean;
  /** Set when the page has a stable address of its own, so the language can be switched there. */
  readonly languageUrl?: (locale: Locale) => string;
}

const TITLES: Readonly<Record<FailureReason, 'cancelled' | 'timeout' | 'failed'>> = {
  cancelled: 'cancelled',
  timeout: 'timeout',
  rejected: 'failed',
  upstream_error: 'failed',
};

/** The catalog key of a failure code's own message, or the method's generic one for a code without. */
export function failureMessage(method: MethodResultView['method'], code: string): MessageKey {
  const key = `${method}.failure.${code}`;
  return Object.hasOwn(CATALOGS.en, key) ? (key as MessageKey) : `${method}.failure.generic`;
}

/** A login with a method that ended without an identity: what happened, try again, or another method. */
export function renderMethodResultPage(view: MethodResultView): string {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(view.locale, key, params);
  const title = t(`${view.method}.result.${TITLES[view.reason]}`);
  const { retry } = view;
  const primary = (first: boolean) => (first ? 'button' : 'button secondary');
  const retryControl = retry.kind === 'link'
    ? html`<a class="${primary(view.retryable)}" href="${retry.href}">${t('method.retry')}</a>`
    : html`<form method="post" action="${retry.action}"><input type="hidden" name="csrf" value="${retry.csrfToken}"><button class="${primary(view.retryable)}" type="submit" name="option" value="${retry.option}">${t('method.retry')}</button></form>`;
  const another = html`<a class="${primary(!view.retryable)}" href="/interaction/${encodeURIComponent(view.uid)}">${t('method.another')}</a>`;
  const body = html`<h1>${title}</h1>
<div class="notice" role="alert"><p>${t(failureMessage(view.method, view.code))}</p></div>
<p class="reference">${t('error.correlation', { id: view.correlationId })}</p>
<div class="actions">${view.retryable ? html`${retryControl}${another}` : html`${another}${retryControl}`}</div>`;
  return renderPage({ locale: view.locale, nonce: view.nonce, title, body, ...(view.languageUrl ? { languageUrl: view.languageUrl } : {}) });
}
