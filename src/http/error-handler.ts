import type { Context, Next } from 'koa';
import type { Logger } from '../log/logger.ts';
import { ClientError } from '../errors/http-errors.ts';
import { renderErrorPage } from '../views/pages/error-page.ts';
import { requestLocale } from './request-locale.ts';

/**
 * One place that turns errors into answers: OAuth-style JSON for API callers, a localized
 * page with the correlation id for citizens. Only client errors say what was wrong; a 5xx
 * says nothing but the reference, and its details go to the operator's log.
 */
export function errorHandler(logger: Logger) {
  return async function handleErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } catch (error) {
      const known = error instanceof ClientError ? error : undefined;
      const status = known?.status ?? httpStatusOf(error) ?? 500;
      const correlationId: string = ctx.state.correlationId ?? 'unknown';
      if (status >= 500) logger.error('request failed', { correlationId, method: ctx.method, path: ctx.path, error });
      else logger.info('request refused', { correlationId, method: ctx.method, path: ctx.path, status, code: known?.code, message: (error as Error).message });

      ctx.status = status;
      ctx.set('Cache-Control', 'no-store');
      if (wantsHtml(ctx)) {
        ctx.type = 'html';
        ctx.body = renderErrorPage({
          locale: ctx.state.locale ?? requestLocale(ctx),
          nonce: ctx.state.cspNonce ?? '',
          correlationId,
          message: known?.pageMessage ?? (status === 404 ? 'error.notFound' : status < 500 ? 'error.badRequest' : 'error.generic'),
          ...(known?.retryUrl ? { retryUrl: known.retryUrl } : {}),
        });
      } else {
        ctx.body = {
          error: known?.oauthError ?? (status === 404 ? 'not_found' : status < 500 ? 'invalid_request' : 'server_error'),
          error_description: status < 500 ? (error as Error).message : `internal error, reference ${correlationId}`,
        };
      }
    }
  };
}

function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

function wantsHtml(ctx: Context): boolean {
  return ctx.path.startsWith('/interaction') || ctx.accepts('json', 'html') === 'html';
}
