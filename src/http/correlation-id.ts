import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Gives every request an id that appears in its logs, its audit events, its error page
 * and the response header, so a citizen's "error reference" leads an operator to the line.
 * The id is always ours: a client-sent value is overwritten, never trusted.
 */
export const correlationId: Middleware = async (ctx, next) => {
  const id = randomUUID();
  ctx.state.correlationId = id;
  ctx.req.headers[CORRELATION_HEADER] = id;
  ctx.set('X-Correlation-Id', id);
  await next();
};
