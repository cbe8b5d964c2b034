import Router from '@koa/router';
import type { KeySet } from '../keys/key-set.ts';
import { renderAccessibilityPage } from '../views/pages/accessibility-page.ts';
import { requestLocale } from './request-locale.ts';

/** Liveness for load balancers, the RP key set the banks fetch (FTN `jwks_uri`), the accessibility statement. */
export function createPublicRouter(keys: KeySet): Router {
  const router = new Router();
  router.get('/health', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });
  router.get('/upstream/jwks', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.type = 'application/jwk-set+json';
    ctx.body = keys.rpPublicJwks;
  });
  router.get('/accessibility', (ctx) => {
    ctx.type = 'html';
    ctx.body = renderAccessibilityPage(requestLocale(ctx), ctx.state.cspNonce);
  });
  return router;
}
