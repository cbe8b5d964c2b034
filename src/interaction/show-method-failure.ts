import type { Context } from 'koa';
import type { IdentificationFailure } from '../identity/identification-method.ts';
import { renderMethodResultPage, type RetryAction } from '../views/pages/method-result-page.ts';
import { FAILURE_STATUS } from './failure-status.ts';
import type { Locale } from '../i18n/locale.ts';

/** Answers with the page for a method's failure: its own message, try again, another method. */
export function showMethodFailure(
  ctx: Context,
  view: {
    readonly uid: string;
    readonly method: 'mobile' | 'card';
    readonly failure: Pick<IdentificationFailure, 'reason' | 'code' | 'retryable'>;
    readonly retry: RetryAction;
    /** The failed attempt's reference, when the page is shown again later. */
    readonly correlationId?: string;
    readonly languageUrl?: (locale: Locale) => string;
  },
): void {
  ctx.status = FAILURE_STATUS[view.failure.reason];
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'html';
  ctx.body = renderMethodResultPage({
    locale: ctx.state.locale,
    nonce: ctx.state.cspNonce,
    uid: view.uid,
    method: view.method,
    reason: view.failure.reason,
    code: view.failure.code,
    correlationId: view.correlationId ?? ctx.state.correlationId,
    retry: view.retry,
    retryable: view.failure.retryable !== false,
    ...(view.languageUrl ? { languageUrl: view.languageUrl } : {}),
  });
}
