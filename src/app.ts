import Koa from 'koa';
import type Provider from 'oidc-provider';
import type Router from '@koa/router';
import type { Logger } from './log/logger.ts';
import { correlationId } from './http/correlation-id.ts';
import { accessLog } from './http/access-log.ts';
import { securityHeaders } from './http/security-headers.ts';
import { errorHandler } from './http/error-handler.ts';

export interface AppParts {
  readonly provider: Provider;
  readonly routers: readonly Router[];
  readonly logger: Logger;
  readonly trustProxy: boolean;
}

/**
 * Mount order only. Portti's own routes come first; whatever they do not match is
 * handed to oidc-provider, which runs as its own Koa app with its own error handling.
 */
export function createApp(parts: AppParts): Koa {
  const app = new Koa({ proxy: parts.trustProxy });
  app.silent = true;
  app.use(correlationId);
  app.use(accessLog(parts.logger));
  app.use(securityHeaders);
  app.use(errorHandler(parts.logger));
  for (const router of parts.routers) app.use(router.routes()).use(router.allowedMethods());
  const handleOidc = parts.provider.callback();
  app.use(async (ctx) => {
    ctx.respond = false;
    await handleOidc(ctx.req, ctx.res);
  });
  return app;
}
