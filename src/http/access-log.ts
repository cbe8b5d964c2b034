import type { Context, Next } from 'koa';
import type { Logger } from '../log/logger.ts';

/** One line per request: method, path (never the query: it carries codes and tokens), status, time. */
export function accessLog(logger: Logger) {
  return async function logRequest(ctx: Context, next: Next): Promise<void> {
    const started = performance.now();
    try {
      await next();
    } finally {
      logger.debug('request', {
        correlationId: ctx.state.correlationId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        ms: Math.round(performance.now() - started),
      });
    }
  };
}
