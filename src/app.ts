import Koa from 'koa';
import type { RequestListener } from 'node:http';
import type Provider from 'oidc-provider';
import type Router from '@koa/router';
import type { Logger } from './log/logger.ts';
import { correlationId } from './http/correlation-id.ts';
import { accessLog } from './http/access-log.ts';
import { securityHeaders } from './http/security-headers.ts';
import { errorHandler } from './http/error-handler.ts';
import { localizeFormPost } from './oidc/localize-form-post.ts';

export interface AppParts {
  readonly provider: Provider;
  readonly routers: readonly Router[];
  readonly logger: Logger;
  readonly trustProxy: boolean;
}

/** Path prefixes Portti's own routers serve; everything else is oidc-provider's. */
const PORTTI_PATHS = ['/interaction/', '/upstream/', '/health', '/accessibility', '/payments', '/pay/', '/psp/'];

/**
 * Mount order only. Portti's own routes and oidc-provider are two Koa apps side by side,
 * chosen by path, so a token request does not pay for a second app it does not use. Both
 * get the same correlation id, access log and security headers first.
 */
export function createRequestListener(parts: AppParts): RequestListener {
  const app = new Koa({ proxy: parts.trustProxy });
  app.silent = true;
  app.use(correlationId);
  app.use(accessLog(parts.logger));
  app.use(securityHeaders);
  app.use(errorHandler(parts.logger));
  for (const router of parts.routers) app.use(router.routes()).use(router.allowedMethods());

  const { provider } = parts;
  provider.use(correlationId);
  provider.use(accessLog(parts.logger));
  provider.use(securityHeaders);
  provider.use(localizeFormPost);

  const portti = app.callback();
  const oidc = provider.callback();
  return (req, res) => {
    const path = req.url ?? '/';
    return PORTTI_PATHS.some((prefix) => path.startsWith(prefix)) ? portti(req, res) : oidc(req, res);
  };
}
