import type { KoaContextWithOIDC } from 'oidc-provider';
import { requestLocale } from '../http/request-locale.ts';
import { CORRELATION_HEADER } from '../http/correlation-id.ts';
import { renderErrorPage } from '../views/pages/error-page.ts';
import { renderLoggedOutPage, renderLogoutPage } from '../views/pages/logout-pages.ts';
import type { Logger } from '../log/logger.ts';

/**
 * The pages oidc-provider renders itself (errors before an interaction exists, logout),
 * in Portti's look and language, under the CSP nonce the security headers set.
 */
export function createProviderPages(logger: Logger) {
  const frame = (ctx: KoaContextWithOIDC) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    return { nonce: ctx.state.cspNonce as string, locale: requestLocale(ctx, ctx.oidc?.params?.ui_locales) };
  };

  return {
    renderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }, error: Error): void {
      const correlationId = ctx.get(CORRELATION_HEADER) || 'unknown';
      const level = ctx.status >= 500 ? 'error' : 'info';
      logger[level]('authorization error page', { correlationId, error: out.error, description: out.error_description, cause: error });
      const { nonce, locale } = frame(ctx);
      ctx.body = renderErrorPage({ locale, nonce, correlationId, message: ctx.status >= 500 ? 'error.generic' : 'error.badRequest' });
    },
    logoutSource(ctx: KoaContextWithOIDC, form: string): void {
      const { nonce, locale } = frame(ctx);
      ctx.body = renderLogoutPage(locale, nonce, form);
    },
    postLogoutSuccessSource(ctx: KoaContextWithOIDC): void {
      const { nonce, locale } = frame(ctx);
      ctx.body = renderLoggedOutPage(locale, nonce);
    },
  };
}
